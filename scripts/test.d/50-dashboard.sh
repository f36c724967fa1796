#!/usr/bin/env bash
# Runs the dashboard's pytest suites: tests/dashboard (AppTest pages, the API client over loopback HTTP,
# the stand-in API, pure components) and tests/browser (headless Chromium through Playwright).
# The browser tests need Chromium ($CHROMIUM, default Debian's /usr/bin/chromium): CI installs Debian's;
# elsewhere, without it, they are skipped with a reason naming what is missing.
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cd "$ROOT_DIR"

"${VENV_DIR}/bin/python" -c "import streamlit, pytest, playwright, plotly, fastapi" 2>/dev/null \
  || ensure_python_env

# The emoji font makes the screenshots show the page icons instead of empty boxes.
if ! ensure_chromium fonts-noto-color-emoji; then
  is_ci && die "50-dashboard: ${CHROMIUM_MISSING}"
  echo "SKIPPED 50-dashboard browser tests: ${CHROMIUM_MISSING}"
fi

# No proxy may capture the loopback traffic between the tests, the stand-in and Streamlit.
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
exec "${VENV_DIR}/bin/python" -m pytest tests/dashboard tests/browser -p no:cacheprovider -q
