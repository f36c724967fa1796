#!/usr/bin/env bash
# The container image, built from the unchanged Dockerfile and run for real (tests/container/).
# Needs a Docker engine: under CI=true it installs docker.io, debootstrap and chromium and starts
# dockerd when none answers; on a user's machine it installs nothing and skips, naming what is missing.
set -uo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=scripts/lib/docker-test-env.sh
source "${ROOT_DIR}/scripts/lib/docker-test-env.sh"
cd "$ROOT_DIR" || exit 1

if ! "${VENV_DIR}/bin/python" -c "import pytest, playwright" 2>/dev/null || ! [ -x "${VENV_DIR}/bin/hadolint" ]; then
  ensure_python_env
fi

if ! dte_prepare; then
  echo "SKIPPED 60-container: ${DTE_MISSING}"
  exit 0
fi
if [ ! -x /usr/bin/chromium ] && is_ci; then
  ci_apt_install chromium || die "60-container: could not install chromium in CI"
fi

# No proxy may capture the loopback traffic between the tests and the containers.
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
"${VENV_DIR}/bin/python" -m pytest tests/container -p no:cacheprovider -q -rs
