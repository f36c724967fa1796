#!/usr/bin/env bash
# Type-checks every TypeScript file (main.ts, src/, __tests__/, scripts/) under the strict tsconfig.
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cd "$ROOT_DIR"
ensure_node_modules
log "tsc --noEmit"
npx tsc --noEmit
