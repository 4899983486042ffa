#!/usr/bin/env bash
# The Quick start: sets up the example customer in a fresh store and runs xmfax's main job on it,
# processing the customer's signed request forms (examples/forms/), then shows the configuration.
# Usage: examples/quickstart.sh [path/to/xmfax]   (default: target/release/xmfax)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
xmfax=${1:-$here/../target/release/xmfax}
work=$(mktemp -d)
store=$work/quickstart.db
export XMFAX_DB=$store XMFAX_AGENT=quickstart
if [[ ! -x $xmfax ]]; then
    echo "quickstart: no xmfax binary at $xmfax; build it (cargo build --release) or pass its path as the first argument" >&2
    exit 2
fi
# Echo each command quoted as a shell would need it, so it can be repeated by hand.
run() { printf '\n$ xmfax'; printf ' %q' "$@"; printf '\n'; "$xmfax" "$@"; }

# An enterprise account that restrains its email sources, as the provider requires.
run accounts add acme --name "Acme Corporation" --fax-number "+1 650 253 0000" --language en
run security set acme --spoofing-protection on --require-tls on
run security whitelist add acme 198.18.7.0/24
run security check acme

# The signed forms the customer sent back. A signature is valid for 90 days, and the examples were
# signed on a fixed date; so that they are judged on their content whenever you run this, the forms
# processed are copies re-dated to today (examples/forms/ itself is left as the customer wrote it).
today=$(date +%Y-%m-%d)
for form in "$here"/forms/*.yaml; do
    sed -E "s/signed_on: [0-9]{4}-[0-9]{2}-[0-9]{2}/signed_on: $today/" "$form" > "$work/$(basename "$form")"
done

# The main job: check each form against the account's real configuration, then approve and apply it,
# or refuse it. Either way the request is kept on record; a refusal changes nothing else (exit 1).
run requests validate "$work/acme-add-domains.yaml"
run requests process "$work/acme-add-domains.yaml"
run requests process "$work/acme-refused.yaml" || true
run requests process "$work/acme-add-domains.yaml"     # the same form again: already processed, nothing changes

# The configuration summary, as the customer sees it under Email-to-Fax Security > Trusted Email Domains.
run accounts show acme
run audit verify

# Testing senders as the gateway decides: a message from the customer's mail server, and a forgery.
run sender test --message "$here/messages/pass.eml" --authserv-id mx.fax.example
run sender test --message "$here/messages/spoofed-from.eml" --authserv-id mx.fax.example || true
printf '\nThe store used above is %s\n' "$store"
