#!/usr/bin/env bash
# The container image, built from the unchanged Dockerfile and run for real (tests/container/).
# Needs a Docker engine: under CI=true it installs docker.io, debootstrap and chromium and starts
# dockerd when none answers; on a user's machine it installs nothing and skips, naming what is missing.
# From nothing (no engine, no base image, no wheels): stop dockerd, then
#   CI=true VIBEJUDGE_CACHE_DIR="$(mktemp -d)" bash scripts/test.d/60-container.sh
# (docs/container.md, "From nothing").
set -uo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=scripts/lib/docker-test-env.sh
source "${ROOT_DIR}/scripts/lib/docker-test-env.sh"
cd "$ROOT_DIR" || exit 1

if ! "${VENV_DIR}/bin/python" -c "import pytest, playwright" 2>/dev/null || ! [ -x "${VENV_DIR}/bin/hadolint" ]; then
  ensure_python_env
fi
# No proxy may capture the loopback traffic between the tests and the containers.
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
pytest_args=(-p no:cacheprovider -q -rs)

# How the set-up starts an engine (a stand-in dockerd; no Docker needed): before it starts a real one.
log "pytest tests/container/test_engine_start.py"
"${VENV_DIR}/bin/python" -m pytest tests/container/test_engine_start.py "${pytest_args[@]}" \
  || die "60-container: the engine start-up tests failed; starting dockerd now could hold the set-up lock"

if ! dte_prepare; then
  echo "SKIPPED 60-container: ${DTE_MISSING}"
  exit 0
fi
if ! ensure_chromium fonts-noto-color-emoji; then
  is_ci && die "60-container: ${CHROMIUM_MISSING}"
  echo "SKIPPED 60-container browser tests: ${CHROMIUM_MISSING}"
fi

"${VENV_DIR}/bin/python" -m pytest tests/container --ignore=tests/container/test_engine_start.py "${pytest_args[@]}"
