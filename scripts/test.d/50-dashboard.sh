#!/usr/bin/env bash
# Runs the dashboard's pytest suites: tests/dashboard (AppTest pages, the API client over loopback HTTP,
# the stand-in API, pure components) and tests/browser (headless Chromium through Playwright).
# The browser tests need Debian's chromium: CI installs it; elsewhere, without it, they are skipped with
# a reason naming what is missing.
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cd "$ROOT_DIR"

"${VENV_DIR}/bin/python" -c "import streamlit, pytest, playwright, plotly, fastapi" 2>/dev/null \
  || ensure_python_env

if [ ! -x /usr/bin/chromium ]; then
  if is_ci; then
    # The emoji font makes the screenshots show the page icons instead of empty boxes.
    ci_apt_install chromium fonts-noto-color-emoji || die "50-dashboard: could not install chromium in CI"
  else
    echo "SKIPPED 50-dashboard browser tests: /usr/bin/chromium is missing (apt-get install chromium, or run with CI=true)"
  fi
fi

# No proxy may capture the loopback traffic between the tests, the stand-in and Streamlit.
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
exec "${VENV_DIR}/bin/python" -m pytest tests/dashboard tests/browser -p no:cacheprovider -q
