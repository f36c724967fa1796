#!/usr/bin/env bash
# Synthesizes every stack on the embedded defaults into a temporary directory and runs checkov on
# each stack's Terraform JSON; fails on any failed check. Skipped checks are listed, with a reason, in
# .checkov.yaml.
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cd "$ROOT_DIR"

# checkov is a PyPI package in its own virtual environment, not a system package: always install it.
ensure_checkov_env
ensure_node_modules

outdir="$(mktemp -d)"
trap 'rm -rf "$outdir"' EXIT

log "Synthesizing every stack into $outdir"
# Embedded defaults only: the user's DASHBOARD_* overrides must not change what is checked.
env -u DASHBOARD_IMAGE_TAG -u DASHBOARD_ENVIRONMENTS \
  npx ts-node --transpile-only -e "require('./src/app').buildApp({ outdir: process.argv[1] }).app.synth()" "$outdir" \
  >/dev/null

status=0
found=0
for stack_json in "$outdir"/stacks/*/cdk.tf.json; do
  found=$((found + 1))
  stack="$(basename "$(dirname "$stack_json")")"
  log "checkov: $stack"
  # checkov's terraform_json parser crashes on terraform.required_version (a plain string where it
  # expects blocks: bridgecrewio/checkov#7454) and then counts the stack as passed with a parsing
  # error. It has no check on that field, so it scans a copy without it.
  scan_json="$(dirname "$stack_json")/checkov-scan.tf.json"
  node -e 'const fs = require("fs"); const t = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    delete t.terraform.required_version; fs.writeFileSync(process.argv[2], JSON.stringify(t, null, 2));' \
    "$stack_json" "$scan_json"
  rc=0
  output="$("${CHECKOV_VENV_DIR}/bin/checkov" --config-file "$ROOT_DIR/.checkov.yaml" --framework terraform_json \
    -f "$scan_json" --compact --quiet --skip-download 2>&1)" || rc=$?
  printf '%s\n' "$output"
  if [ "$rc" -ne 0 ]; then
    echo "30-checkov: $stack has failed checks (listed above)" >&2
    status=1
  fi
  # A stack checkov could not parse was not checked at all: that is a failure, not a pass.
  if grep -Eq 'Parsing errors: [1-9]|Failed to parse' <<<"$output"; then
    echo "30-checkov: checkov could not parse $stack (above), so nothing of it was checked" >&2
    status=1
  fi
done
[ "$found" -ge 3 ] || die "30-checkov: expected the dev, prod and bootstrap stacks, found $found"
exit "$status"
