#!/usr/bin/env bash
# Scale benchmark (issue 13): every single-object command must cost the same on a store of 10,000 and
# of 1,000,000 trusted domains (ratio <= 1.3) and stay within 2x one `sqlite3` CLI process doing one
# indexed lookup on the same store; lists must stream with a peak RSS <= 64 MiB on the large store;
# `audit verify` must check >= 500,000 rows/s with bounded memory on a 1,000,000-row chain.
#
# Stores (built with `xmfax import`, as bench/import.sh does, then requests and a valid audit chain
# added in bulk; kept between runs under $BENCH_DIR, rebuilt only when missing):
#   small: 10,000 trusted domains, 1,000 accounts, 1,000 users, 100 requests, 10,000 audit rows
#   large: 1,000,000 trusted domains, 100,000 accounts, 100,000 users, 10,000 requests, 1,000,000 audit rows
#
# Usage: bench/scale.sh                  environment:
#   BENCH_DIR=/tmp/xmfax-scale  where the stores live (REBUILD=1 builds them again)
#   REPS=15      runs per command and size (the median is reported); the runs of both sizes and of
#                the sqlite3 baseline are interleaved, so that all see the same machine load
#   FORMATS="table json yaml"   output formats of the list measurements (SKIP_LISTS=1: none)
#   SCALE=100    the large store is SCALE times the small one (SCALE=10 for a quicker try)
#   XMFAX=path   use that binary instead of building one
# Needs: cargo, sqlite3, python3, GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_DIR=${BENCH_DIR:-/tmp/xmfax-scale}
REPS=${REPS:-15}
FORMATS=${FORMATS:-table json yaml}
SCALE=${SCALE:-100}

for tool in sqlite3 python3 awk; do
    command -v "$tool" > /dev/null || { echo "bench: $tool is needed" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "bench: GNU time is needed (Debian package 'time')" >&2; exit 2; }
if [[ -z ${XMFAX:-} ]]; then
    cargo build --release --quiet
    XMFAX=$PWD/target/release/xmfax
fi
mkdir -p "$BENCH_DIR"
export XMFAX_AGENT=bench

# ---- building a store: accounts (secured, one user each) and trusted domains with `xmfax import`;
# approved requests and the audit chain in bulk (an audit row per change would take hours through
# the CLI). The chain is computed exactly as xmfax computes it; `audit verify` checks it below.
build() { # build NAME DOMAINS ACCOUNTS REQUESTS AUDIT_ROWS
    local name=$1 domains=$2 accounts=$3 requests=$4 audit_rows=$5
    local dir=$BENCH_DIR/$name
    rm -rf "$dir" && mkdir -p "$dir"
    echo "bench: building the $name store ($domains domains, $accounts accounts) in $dir" >&2
    python3 - "$dir" "$domains" "$accounts" <<'PY'
import sys
d, domains, accounts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
tlds = ["com", "net", "org", "de", "co.uk", "fr", "nl", "com.au"]
def domain(n):
    h = (n * 2654435761) & 0xFFFFFFFF  # a bijection: unique names, not in file order
    return f"c{h:08x}.{tlds[n % len(tlds)]}"
def first_domain(a):  # the first row of account a (1-based), as the CSV below assigns them
    return -(-(a - 1) * domains // accounts)
with open(f"{d}/accounts.yaml", "w") as out:
    out.write("version: 1\naccounts:\n")
    for a in range(1, accounts + 1):
        out.write(
            f"- id: acct-{a:06d}\n  name: Customer {a}\n  fax_number: '+16502530000'\n"
            f"  security: {{spoofing_protection: true, require_tls: true, whitelist: [198.18.0.0/16]}}\n"
            f"  users: [{{email: staff@{domain(first_domain(a))}}}]\n")
probe = accounts // 2
other = probe + 1
with open(f"{d}/domains.csv", "w") as csv:
    csv.write("account,domain,include_subdomains,certified_by,certified_on\n")
    for n in range(domains):
        a = n * accounts // domains + 1
        csv.write(f"acct-{a:06d},{domain(n)},{'true' if n % 10 == 0 else 'false'},Signer {a},2026-01-15\n")
    # A name below another account's domain: trusting that domain with its subdomains conflicts twice.
    csv.write(f"acct-{other:06d},mail.{domain(first_domain(other))},false,Signer {other},2026-01-15\n")
with open(f"{d}/probe.env", "w") as out:
    out.write(f"ACCOUNT=acct-{probe:06d}\nDOMAIN={domain(first_domain(probe) + 1)}\n"
              f"USER=staff@{domain(first_domain(probe))}\nOTHER_DOMAIN={domain(first_domain(other))}\n")
PY
    XMFAX_DB=$dir/xmfax.db "$XMFAX" import "$dir/accounts.yaml" > /dev/null
    XMFAX_DB=$dir/xmfax.db "$XMFAX" import "$dir/domains.csv" > /dev/null
    # Approved requests of every tenth account, as `requests process` records them.
    sqlite3 "$dir/xmfax.db" "WITH RECURSIVE n(i) AS (SELECT 10 UNION ALL SELECT i + 10 FROM n WHERE i + 10 <= $((requests * 10)))
        INSERT INTO requests (reference, account_id, action, status, form_text, form_sha256, signed_by, signed_on,
            reasons, changes, processed_by, processed_at)
        SELECT printf('REQ-2026-%07d', i), printf('acct-%06d', i), 'add', 'approved', 'xmfax_form: trusted-domains/v1', '',
            'Signer', '2026-01-15', '[]', '{\"added\": [], \"removed\": []}', 'bench',
            strftime('%Y-%m-%dT%H:%M:%SZ', '2026-01-15', '+' || i || ' seconds') FROM n"
    python3 - "$dir/xmfax.db" "$audit_rows" "$accounts" <<'PY'
import hashlib, json, sqlite3, sys
path, total, accounts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
db = sqlite3.connect(path)
seq, prev = db.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
def rows():
    global seq, prev
    while seq < total:
        seq += 1
        account = f"acct-{seq % accounts + 1:06d}"
        subject = f"d{seq}.example"
        details = json.dumps({"domain": subject, "account": account}, separators=(",", ":"))
        fields = [seq, "2026-01-15T00:00:00Z", "bench", "domains.add", account, subject, details]
        canonical = json.dumps(fields, separators=(",", ":"), ensure_ascii=False)
        digest = hashlib.sha256((prev + "\n" + canonical).encode()).hexdigest()
        yield (*fields, prev, digest)
        prev = digest
db.executemany("INSERT INTO audit (seq, at, agent, action, account, subject, details, prev_hash, hash) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
db.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (seq, prev))
db.commit()
PY
    sqlite3 "$dir/xmfax.db" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
    echo "$domains" > "$dir/built"
}

small_domains=10000
large_domains=$((small_domains * SCALE))
for size in small large; do
    if [[ $size == small ]]; then n=$small_domains; else n=$large_domains; fi
    if [[ -n ${REBUILD:-} || ! -f $BENCH_DIR/$size/built || $(cat "$BENCH_DIR/$size/built") != "$n" ]]; then
        build "$size" "$n" $((n / 10)) $((n / 100)) "$n"
    fi
done

now_us() { local t=${EPOCHREALTIME/./}; echo $((10#$t)); }
# With perf, each run's CPU time (task-clock) is measured too: on a loaded machine wall times wait
# for a core, and CPU times show what the command itself costs.
use_perf=
if command -v perf > /dev/null && perf stat -e task-clock -o /dev/null true 2> /dev/null; then use_perf=1; fi
today=$(date -u +%F)

# One run of a measured step at a size: sets up what it needs (a fresh name for each run of a
# write, so that every run really writes), then times the command alone. Prints microseconds.
declare -A probe
for size in small large; do
    while IFS== read -r key value; do probe[$size.$key]=$value; done < "$BENCH_DIR/$size/probe.env"
done

step() { # step SIZE NAME RUN
    local size=$1 name=$2 run=$3 db=$BENCH_DIR/$1/xmfax.db
    local account=${probe[$size.ACCOUNT]} domain=${probe[$size.DOMAIN]} user=${probe[$size.USER]}
    local other=${probe[$size.OTHER_DOMAIN]} tag="r$$-$run"
    local cert=(--certified-by "Jane Roe" --certified-on 2026-01-15)
    local -a cmd
    case $name in
        sqlite3-lookup) cmd=(sqlite3 "$db" "SELECT account_id, include_subdomains FROM trusted_domains WHERE domain = '$domain'") ;;
        accounts-show) cmd=("$XMFAX" --db "$db" accounts show "$account") ;;
        domains-list-acct) cmd=("$XMFAX" --db "$db" domains list "$account") ;;
        domains-add-exact) cmd=("$XMFAX" --db "$db" domains add "$account" "exact-$tag.$domain" "${cert[@]}") ;;
        domains-add-subdomains) cmd=("$XMFAX" --db "$db" domains add "$account" "wide-$tag.$domain" --include-subdomains "${cert[@]}") ;;
        # Another account trusts this very name and a name below it: refused twice over.
        domains-add-conflict) cmd=("$XMFAX" --db "$db" domains add "$account" "$other" --include-subdomains "${cert[@]}") ;;
        domains-remove) "$XMFAX" --db "$db" domains add "$account" "gone-$tag.$domain" "${cert[@]}" > /dev/null
            cmd=("$XMFAX" --db "$db" --yes domains remove "$account" "gone-$tag.$domain") ;;
        domains-check) cmd=("$XMFAX" --db "$db" domains check "$other" "mail.$domain") ;;
        users-add) cmd=("$XMFAX" --db "$db" users add "$account" "new-$tag@$domain") ;;
        users-remove) "$XMFAX" --db "$db" users add "$account" "old-$tag@$domain" > /dev/null
            cmd=("$XMFAX" --db "$db" users remove "$account" "old-$tag@$domain") ;;
        security-check) cmd=("$XMFAX" --db "$db" security check "$account") ;;
        whitelist-add) cmd=("$XMFAX" --db "$db" security whitelist add "$account" "198.19.$((RANDOM % 256)).$((RANDOM % 256))") ;;
        requests-show) cmd=("$XMFAX" --db "$db" requests show REQ-2026-0000100) ;;
        requests-process)
            local form=$BENCH_DIR/form-$size.yaml
            printf '%s\n' "xmfax_form: trusted-domains/v1" "reference: REQ-BENCH-$tag" "account: $account" "action: add" \
                "domains: [$(for k in 0 1 2 3 4 5 6 7 8 9; do printf 'f%s-%s.%s, ' "$k" "$tag" "$domain"; done)]" \
                "include_subdomains: false" "requester: {name: Jane Roe, title: CIO, email: jane@$domain}" \
                "certifications: {domains_belong_to_company: true, email_sources_restrained: true, restraint_methods: [spoofing-protection]}" \
                "signature: {signed_by: Jane Roe, title: CIO, signed_on: $today}" > "$form"
            cmd=("$XMFAX" --db "$db" requests process "$form") ;;
        audit-log-acct) cmd=("$XMFAX" --db "$db" audit log --account "$account" --limit 50) ;;
        sender-test) cmd=("$XMFAX" --db "$db" sender test "$user" --client-ip 198.18.7.25 --dmarc pass --tls) ;;
    esac
    local t0 t1 status=0 wall cpu=0
    if [[ -n $use_perf ]]; then
        perf stat -e task-clock -o "$BENCH_DIR/perf.out" -- "${cmd[@]}" > /dev/null 2> "$BENCH_DIR/stderr" || status=$?
        read -r wall cpu < <(awk '/task-clock/ { c = $1 } /seconds time elapsed/ { w = $1 }
            END { printf "%d %d\n", w * 1e6, c * 1e3 }' "$BENCH_DIR/perf.out")
    else
        t0=$(now_us)
        "${cmd[@]}" > /dev/null 2> "$BENCH_DIR/stderr" || status=$?
        t1=$(now_us)
        wall=$((t1 - t0))
    fi
    # The conflict and the check of another account's domain are refused on purpose (exit 1).
    local expected=0
    [[ $name == domains-add-conflict || $name == domains-check ]] && expected=1
    if ((status != expected)); then
        echo "bench: $name ($size) exited $status, not $expected: ${cmd[*]}" >&2; cat "$BENCH_DIR/stderr" >&2; exit 1
    fi
    echo "$wall $cpu"
}

steps=(accounts-show domains-list-acct domains-add-exact domains-add-subdomains domains-add-conflict
       domains-remove domains-check users-add users-remove security-check whitelist-add requests-show
       requests-process audit-log-acct sender-test)
declare -A times cpus
# Warm-up (page cache, a migration the binary may still have to run), not counted.
for size in small large; do for name in sqlite3-lookup "${steps[@]}"; do step "$size" "$name" 0 > /dev/null; done; done
for ((run = 1; run <= REPS; run++)); do
    for name in "${steps[@]}"; do
        for size in small large; do
            for measured in sqlite3-lookup "$name"; do
                read -r wall cpu < <(step "$size" "$measured" "$run")
                times[$size.$measured]+=" $wall"
                cpus[$size.$measured]+=" $cpu"
            done
        done
    done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

table() { # table TITLE ARRAY
    local -n values=$2
    printf '\nsingle-object commands, %s: median of %d runs, ms (10k = %d domains, 1M = %d domains)\n' "$1" "$REPS" "$small_domains" "$large_domains"
    printf '%-24s %8s %8s %10s %12s %12s  %s\n' command 10k 1M "1M/10k" "10k/sqlite3" "1M/sqlite3" "goals <= 1.3 and <= 2.0"
    local base_small base_large s l
    base_small=$(median <<< "${values[small.sqlite3-lookup]}")
    base_large=$(median <<< "${values[large.sqlite3-lookup]}")
    awk -v s="$base_small" -v l="$base_large" 'BEGIN { printf "%-24s %8.2f %8.2f %10.2f\n", "sqlite3 indexed lookup", s / 1000, l / 1000, l / s }'
    for name in "${steps[@]}"; do
        s=$(median <<< "${values[small.$name]}")
        l=$(median <<< "${values[large.$name]}")
        awk -v n="$name" -v s="$s" -v l="$l" -v bs="$base_small" -v bl="$base_large" 'BEGIN {
            r = l / s; qs = s / bs; ql = l / bl
            printf "%-24s %8.2f %8.2f %10.2f %12.2f %12.2f  %s\n", n, s / 1000, l / 1000, r, qs, ql,
                (r <= 1.3 && ql <= 2.0 && qs <= 2.0) ? "met" : "MISSED" }'
    done
}
table "wall time" times
[[ -n $use_perf ]] && table "CPU time (perf task-clock)" cpus

# ---- lists at the large size: peak RSS (GNU time) and wall time, in every format.
large=$BENCH_DIR/large/xmfax.db
account=${probe[large.ACCOUNT]}
measure() { # prints "wall_s max_rss_kib"
    /usr/bin/time -f '%e %M' -o "$BENCH_DIR/time.out" "$@" > /dev/null 2> "$BENCH_DIR/stderr" || {
        echo "bench: failed: $*" >&2; cat "$BENCH_DIR/stderr" >&2; exit 1; }
    cat "$BENCH_DIR/time.out"
}
printf '\nlists on the large store (goal: peak RSS <= 64 MiB)\n%-36s %-6s %9s %10s  %s\n' list format "wall s" "peak MiB" goal
lists=("accounts list" "domains list" "users list $account" "requests list" "audit log" "export")
[[ -z ${SKIP_LISTS:-} ]] || lists=()
for list in "${lists[@]}"; do
    for format in $FORMATS; do
        [[ $list == export && $format == table ]] && continue # export writes YAML for -o table
        read -r wall kib < <(measure "$XMFAX" --db "$large" -o "$format" $list)
        awk -v l="$list" -v f="$format" -v w="$wall" -v k="$kib" 'BEGIN {
            printf "%-36s %-6s %9.2f %10.1f  %s\n", l, f, w, k / 1024, (k / 1024 <= 64) ? "met" : "MISSED" }'
    done
done

# ---- audit verify on the large store's chain.
rows=$(sqlite3 "$large" "SELECT count(*) FROM audit")
read -r wall kib < <(measure "$XMFAX" --db "$large" audit verify)
awk -v r="$rows" -v w="$wall" -v k="$kib" 'BEGIN {
    printf "\naudit verify: %d rows in %.2f s = %.0f rows/s (goal >= 500000: %s), peak RSS %.1f MiB\n",
        r, w, r / w, (r / w >= 500000) ? "met" : "MISSED", k / 1024 }'
printf 'machine: %s cores, load average at the end: %s\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
