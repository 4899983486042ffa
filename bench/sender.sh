#!/usr/bin/env bash
# Benchmark of `xmfax sender test` against baselines measured in the same run, on the same data:
#   1. one `xmfax sender test ADDRESS` process  vs  one `sqlite3` CLI process doing the indexed lookup
#      of the address's domain in the same store                            (goal: ratio <= 1.0)
#   2. `xmfax sender test --batch` over ADDRESSES addresses (half trusted)  vs  `postmap -q -` looking
#      up the same addresses' domains in a hash: map of the trusted domains (goals: >= 1,000,000
#      addresses/s and >= 5x postmap)
#
# Sizes come from the environment, so a quick run is possible:
#   ACCOUNTS=100000 DOMAINS=1000000 USERS=100000 ADDRESSES=1000000 REPEAT=200 RUNS=3 bench/sender.sh
#   ACCOUNTS=1000 DOMAINS=10000 USERS=1000 ADDRESSES=10000 REPEAT=20 RUNS=1 bench/sender.sh   # quick
# BENCH_DIR keeps the generated store and files (default: a fresh temporary directory, removed after).
# Needs: cargo, sqlite3, awk; installs postfix from Debian when postmap is missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."

ACCOUNTS=${ACCOUNTS:-100000}
DOMAINS=${DOMAINS:-1000000}
USERS=${USERS:-100000}
ADDRESSES=${ADDRESSES:-1000000}
REPEAT=${REPEAT:-200}
RUNS=${RUNS:-3}

for tool in sqlite3 awk; do
    command -v "$tool" > /dev/null || { echo "bench: $tool is needed" >&2; exit 2; }
done
if ! command -v postmap > /dev/null; then
    echo "bench: installing postfix for the postmap baseline" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix > /dev/null
fi

cargo build --release --quiet
xmfax=$PWD/target/release/xmfax

if [[ -n ${BENCH_DIR:-} ]]; then
    dir=$BENCH_DIR
    mkdir -p "$dir"
else
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
fi
db=$dir/bench.db
rm -f "$db" "$db-wal" "$db-shm"
export XMFAX_DB=$db XMFAX_AGENT=bench

now_us() { local t=${EPOCHREALTIME/./}; echo $((10#$t)); }

# The same domain name for index i in SQL and in awk: varied lengths and suffixes.
sql_domain() { echo "'co' || $1 || '-mail.' || CASE $1 % 4 WHEN 0 THEN 'com' WHEN 1 THEN 'net' WHEN 2 THEN 'de' ELSE 'co.uk' END"; }
awk_domain='function domain(i) { return "co" i "-mail." (i % 4 == 0 ? "com" : i % 4 == 1 ? "net" : i % 4 == 2 ? "de" : "co.uk") }'

# ---- the store: created by xmfax (schema, migrations), filled in bulk by sqlite3 in one transaction.
# The rows bypass xmfax and its audit trail on purpose: the audit is not what is measured here.
# Domain i belongs to account i * ACCOUNTS / DOMAINS: like real data, an account's domains were
# added together (one request form lists several), so their rows are next to each other.
start=$(now_us)
# Reading commands never create a store, so the schema comes from a write (undone at once).
"$xmfax" accounts add bench-setup --name "Bench setup" --fax-number "+16502530000" > /dev/null
"$xmfax" --yes accounts remove bench-setup > /dev/null 2>&1
sqlite3 "$db" > /dev/null <<SQL
PRAGMA foreign_keys = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $ACCOUNTS)
INSERT INTO accounts (id, name, fax_number, region, profile, language, spoofing_protection, require_tls, created_at, updated_at)
SELECT printf('acct%06d', i), 'Account ' || i, '+16502530000', 'us', 'Default', 'en', 1, 1,
       '2026-11-20T00:00:00Z', '2026-11-20T00:00:00Z' FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 10 FROM n WHERE i + 10 < $ACCOUNTS)
INSERT INTO whitelist (account_id, network, created_at)
SELECT printf('acct%06d', i), '198.18.0.0/16', '2026-11-20T00:00:00Z' FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $DOMAINS)
INSERT INTO trusted_domains (domain, account_id, include_subdomains, certified_by, certified_on, added_by, added_at)
SELECT $(sql_domain i), printf('acct%06d', i * $ACCOUNTS / $DOMAINS), i % 2, 'Jane Roe', '2026-11-20', 'bench',
       '2026-11-20T00:00:00Z' FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $USERS)
INSERT INTO users (email_key, account_id, email, profile, language, fax_number, created_at)
SELECT 'staff' || i || '@' || $(sql_domain "(i * 7 % $DOMAINS)"), printf('acct%06d', (i * 7 % $DOMAINS) * $ACCOUNTS / $DOMAINS),
       'staff' || i || '@' || $(sql_domain "(i * 7 % $DOMAINS)"), NULL, NULL, NULL, '2026-11-20T00:00:00Z' FROM n;
COMMIT;
ANALYZE;
PRAGMA wal_checkpoint(TRUNCATE);
SQL

built=$(( $(now_us) - start ))
printf 'store: %d accounts, %d trusted domains, %d users, %d MB (built in %.1f s, not measured)\n' \
    "$ACCOUNTS" "$DOMAINS" "$USERS" $(( $(stat -c %s "$db") / 1000000 )) "$(awk "BEGIN { print $built / 1e6 }")"

# ---- 1. one process each: a full sender test vs the bare indexed lookup it needs at least.
half=$(( DOMAINS / 2 ))
domain=$(awk "$awk_domain BEGIN { print domain($half) }")
source_options=(--client-ip 198.18.7.25 --dmarc pass --tls)
"$xmfax" -o json sender test "bob@$domain" "${source_options[@]}" > "$dir/single.json"
grep -q '"verdict": "accepted"' "$dir/single.json" || { echo "bench: unexpected decision" >&2; cat "$dir/single.json" >&2; exit 1; }
query="SELECT account_id, include_subdomains FROM trusted_domains WHERE domain = '$domain';"
[[ -n $(sqlite3 "$db" "$query") ]] || { echo "bench: the sqlite3 lookup found nothing" >&2; exit 1; }
xmfax_us=0
sqlite_us=0
for ((i = 0; i < REPEAT; i++)); do
    # Interleaved, so that both see the same machine load.
    t=$(now_us); "$xmfax" -o json sender test "bob@$domain" "${source_options[@]}" > /dev/null; xmfax_us=$(( xmfax_us + $(now_us) - t ))
    t=$(now_us); sqlite3 "$db" "$query" > /dev/null; sqlite_us=$(( sqlite_us + $(now_us) - t ))
done
awk -v x="$xmfax_us" -v s="$sqlite_us" -v n="$REPEAT" 'BEGIN {
    printf "single process (mean of %d): xmfax sender test %.2f ms | sqlite3 CLI indexed lookup %.2f ms | ratio %.2f (goal <= 1.0)\n",
        n, x / n / 1000, s / n / 1000, x / s }'

# ---- 2. batch: half of the addresses are in trusted domains, some of them below a domain that
# includes its subdomains (postmap, an exact lookup, does not find those).
awk "$awk_domain"' BEGIN {
    for (j = 0; j < '"$ADDRESSES"'; j++) {
        m = int(j / 2)
        k = (m * 7919) % '"$DOMAINS"'
        if (j % 2 == 1) print "user" j "@co" k "-mail.example"
        else if (m % 4 == 1 && k % 2 == 1) print "user" j "@mail." domain(k)
        else print "user" j "@" domain(k)
    }
}' > "$dir/addresses.txt"
awk -F@ '{ print $2 }' "$dir/addresses.txt" > "$dir/queries.txt"
awk "$awk_domain"' BEGIN { for (i = 0; i < '"$DOMAINS"'; i++) print domain(i) " OK" }' > "$dir/domains"
postmap "hash:$dir/domains"

"$xmfax" -o json sender test --batch "$dir/addresses.txt" "${source_options[@]}" 2> "$dir/counts.txt" > /dev/null || true
batch_us=0
postmap_us=0
for ((i = 0; i < RUNS; i++)); do
    t=$(now_us)
    "$xmfax" -o json sender test --batch "$dir/addresses.txt" "${source_options[@]}" > /dev/null 2>&1 || [[ $? == 1 ]]
    batch_us=$(( batch_us + $(now_us) - t ))
    t=$(now_us)
    postmap -q - "hash:$dir/domains" < "$dir/queries.txt" > /dev/null || [[ $? == 1 ]]
    postmap_us=$(( postmap_us + $(now_us) - t ))
done
found=$(postmap -q - "hash:$dir/domains" < "$dir/queries.txt" | wc -l)
echo "batch decisions: $(cat "$dir/counts.txt"); postmap found $found of $ADDRESSES domains (exact lookups only)"
awk -v b="$batch_us" -v p="$postmap_us" -v n="$ADDRESSES" -v r="$RUNS" 'BEGIN {
    printf "batch of %d addresses (mean of %d, -o json): xmfax --batch %.3f s = %.0f addresses/s | postmap -q - %.3f s = %.0f lookups/s | ratio %.2f (goals >= 1000000/s and >= 5.0)\n",
        n, r, b / r / 1e6, n / (b / r / 1e6), p / r / 1e6, n / (p / r / 1e6), p / b }'
