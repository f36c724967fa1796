#!/usr/bin/env bash
# Runs every Jest suite in __tests__/ (stack properties, configuration errors, cost and monitoring).
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cd "$ROOT_DIR"
ensure_node_modules
log "jest"
# DASHBOARD_* overrides in the caller's shell must not change what the tests synthesize.
for var in $(compgen -e | grep -E '^DASHBOARD_|^BILLING_ALARM_THRESHOLD_USD$' || true); do unset "$var"; done
npx jest --ci
