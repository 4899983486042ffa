#!/usr/bin/env bash
# The Quick start: sets up the example customer in a fresh store and runs xmfax's main job on it.
# Usage: examples/quickstart.sh [path/to/xmfax]   (default: target/release/xmfax)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
xmfax=${1:-$here/../target/release/xmfax}
store=$(mktemp -d)/quickstart.db
export XMFAX_DB=$store XMFAX_AGENT=quickstart
run() { printf '\n$ xmfax %s\n' "$*"; "$xmfax" "$@"; }

# An enterprise account that restrains its email sources, as the provider requires.
run accounts add acme --name "Acme Corporation" --fax-number "+1 650 253 0000" --language en
run security set acme --spoofing-protection on --require-tls on
run security whitelist add acme 198.18.7.0/24
run security check acme

# Trusting domains: one clean domain is added; a batch with a free-mail domain is refused whole.
run domains add acme acme-corp.example --include-subdomains --certified-by "Jane Roe" --certified-on 2026-11-20
run domains add acme acme-labs.example gmail.com --certified-by "Jane Roe" --certified-on 2026-11-20 || true

run accounts show acme
run audit verify

# Testing senders as the gateway decides: a message from the customer's mail server, and a forgery.
run sender test --message "$here/messages/pass.eml" --authserv-id mx.fax.example
run sender test --message "$here/messages/spoofed-from.eml" --authserv-id mx.fax.example || true
printf '\nThe store used above is %s\n' "$store"
