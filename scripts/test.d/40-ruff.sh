#!/usr/bin/env bash
# Lints and checks the formatting of every Python part (dashboard, stand-in API, tests, benchmarks) with
# ruff, configured in pyproject.toml.
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cd "$ROOT_DIR"

[ -x "${VENV_DIR}/bin/ruff" ] || ensure_python_env

targets=(streamlit_ui standin_api tests)
[ -d bench ] && targets+=(bench)

status=0
log "ruff check ${targets[*]}"
"${VENV_DIR}/bin/ruff" check "${targets[@]}" || { echo "40-ruff: lint errors (listed above)" >&2; status=1; }
log "ruff format --check ${targets[*]}"
"${VENV_DIR}/bin/ruff" format --check "${targets[@]}" \
  || { echo "40-ruff: files need formatting: run .venv/bin/ruff format ${targets[*]}" >&2; status=1; }
exit "$status"
