#!/usr/bin/env bash
# The README's test command: installs what the tests need and runs every test step in order.
# Each step is scripts/test.d/NN-name.sh; all steps run even when one fails, and the exit code is
# non-zero when any failed.
set -uo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT_DIR" || exit 1

ensure_node_modules
ensure_python_env

passed=0 failed=0 failed_steps=()
for step in scripts/test.d/[0-9][0-9]-*.sh; do
  name="$(basename "$step" .sh)"
  log "step ${name}"
  start=$(date +%s)
  if bash "$step"; then
    passed=$((passed + 1))
    log "step ${name} passed ($(( $(date +%s) - start )) s)"
  else
    failed=$((failed + 1)); failed_steps+=("$name")
    log "step ${name} FAILED ($(( $(date +%s) - start )) s)"
  fi
done
[ "$failed" -eq 0 ] || log "failed steps: ${failed_steps[*]}"
echo "steps: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
