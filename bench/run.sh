#!/usr/bin/env bash
# `npm run bench`: every benchmark of the project, printed as markdown for BENCHMARKS.md.
#   synthesis (bench/synth.sh), the cost CLI, dashboard page loads in Chromium (bench/page_load.py),
#   the container (bench/container.sh) and dashboard capacity (bench/capacity.py).
# Each part that lacks what it needs (Chromium, a Docker engine) says so and the rest still runs.
set -uo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"
cd "$ROOT_DIR" || exit 1
ensure_node_modules
ensure_python_env

echo "# Benchmark run $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

status=0
echo "## Synthesis"
bash bench/synth.sh || status=1
echo
echo "## Cost CLI"
start=$(date +%s%N)
npm run --silent cost -- --env dev >/dev/null || status=1
echo "\`npm run cost -- --env dev\`: $(( ($(date +%s%N) - start) / 1000000 )) ms (1 run, includes synthesizing the stack)"
echo
echo "## Dashboard page loads (headless Chromium, median of 5)"
"${VENV_DIR}/bin/python" bench/page_load.py --runs 5 || status=1
echo
echo "## Container"
bash bench/container.sh || status=1
echo
if [ -f bench/capacity.py ]; then
  echo "## Dashboard capacity (concurrent sessions on one task-sized process)"
  "${VENV_DIR}/bin/python" bench/capacity.py || status=1
fi
exit "$status"
