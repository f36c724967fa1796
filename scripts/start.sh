#!/usr/bin/env bash
# The README's main command (`npm start`): installs what is needed, synthesizes every stack on the
# embedded defaults (no AWS account needed) and prints what it made, then runs the dashboard locally
# against the stand-in VibeJudge API at http://localhost:8501, signed in as the demo organizer.
#
#   npm start                 synthesize, then serve the dashboard until Ctrl-C
#   npm start -- --synth-only synthesize and print the summary, serve nothing
#   npm start -- --smoke      synthesize, start everything, check the dashboard answers, stop
#
# Ports: DASHBOARD_PORT (default 8501), STANDIN_PORT (default 8000). The stand-in behaves like the real
# API, free-tier limits included (100 requests a day per key); STANDIN_ARGS passes it switches, e.g.
# STANDIN_ARGS="--unlimited-quota" (python -m standin_api --help lists them).
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT_DIR"

mode="serve"
case "${1:-}" in
  "") ;;
  --synth-only) mode="synth" ;;
  --smoke) mode="smoke" ;;
  -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown option '$1'; allowed: --synth-only, --smoke, --help" ;;
esac

DASHBOARD_PORT="${DASHBOARD_PORT:-8501}"
STANDIN_PORT="${STANDIN_PORT:-8000}"

ensure_node_modules
ensure_python_env

log "Synthesizing every stack on the embedded defaults"
npx ts-node --transpile-only scripts/synth-summary.ts || die "synthesis failed (see the message above)"
[ "$mode" = "synth" ] && exit 0

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_free "$STANDIN_PORT" || die "port $STANDIN_PORT is in use; set STANDIN_PORT to a free port"
port_free "$DASHBOARD_PORT" || die "port $DASHBOARD_PORT is in use; set DASHBOARD_PORT to a free port"

pids=()
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_for_url URL SECONDS: poll until URL answers 200, at most SECONDS.
wait_for_url() {
  "$VENV_DIR/bin/python" - "$1" "$2" <<'PY'
import sys, time, urllib.request
url, deadline = sys.argv[1], time.monotonic() + float(sys.argv[2])
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.5)
sys.exit(1)
PY
}

log "Starting the stand-in VibeJudge API on 127.0.0.1:${STANDIN_PORT}"
read -r -a standin_args <<<"${STANDIN_ARGS:-}"
"$VENV_DIR/bin/python" -m standin_api --host 127.0.0.1 --port "$STANDIN_PORT" "${standin_args[@]}" &
pids+=("$!")
wait_for_url "http://127.0.0.1:${STANDIN_PORT}/health" 30 || die "the stand-in API did not answer on port ${STANDIN_PORT} within 30 s"
demo_key="$("$VENV_DIR/bin/python" -c 'from standin_api import DEMO_API_KEY; print(DEMO_API_KEY)')"

log "Starting the dashboard on http://localhost:${DASHBOARD_PORT}"
# Streamlit reads .streamlit/config.toml from its working directory, so it runs from streamlit_ui/;
# serve.py is `streamlit run app.py` with a keep-alive that suits a load balancer.
(cd streamlit_ui && API_BASE_URL="http://127.0.0.1:${STANDIN_PORT}/api/v1" \
DASHBOARD_AUTOLOGIN_API_KEY="$demo_key" \
  exec "$VENV_DIR/bin/python" serve.py \
    --server.port "$DASHBOARD_PORT" --server.address 127.0.0.1 \
    --server.headless true --browser.gatherUsageStats false) &
pids+=("$!")
wait_for_url "http://127.0.0.1:${DASHBOARD_PORT}/_stcore/health" 60 || die "the dashboard did not become healthy on port ${DASHBOARD_PORT} within 60 s"

cat <<EOF

  Dashboard:      http://localhost:${DASHBOARD_PORT}   (signed in as the stand-in's demo organizer)
  Stand-in API:   http://127.0.0.1:${STANDIN_PORT}/api/v1
  Demo API key:   ${demo_key}   (to sign in again after logging out)

EOF

if [ "$mode" = "smoke" ]; then
  log "Smoke check passed: the stand-in API and the dashboard both answer"
  exit 0
fi
log "Press Ctrl-C to stop"
wait -n "${pids[@]}"
die "a local process stopped unexpectedly (see its output above)"
