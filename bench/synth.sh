#!/usr/bin/env bash
# Synthesis speed: `npx cdktf synth` (what users run) and the app alone, each the median of 5 runs,
# plus the Jest suite's wall time. Prints a markdown table.
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"
cd "$ROOT_DIR"
ensure_node_modules

# median_seconds N CMD...: runs CMD N times, prints the median wall time in seconds.
median_seconds() {
  local runs="$1"; shift
  local times=() i start end
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || die "benchmark command failed: $*"
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]/1000}'
}

outdir="$(mktemp -d)"
trap 'rm -rf "$outdir"' EXIT
cdktf_synth=$(median_seconds 5 npx cdktf synth --output "$outdir/cli")
app_alone=$(CDKTF_OUTDIR="$outdir/app" median_seconds 5 npx ts-node --transpile-only main.ts)
jest_time=$(median_seconds 1 npx jest --ci --silent)

echo "| measurement | seconds |"
echo "|---|---|"
echo "| \`npx cdktf synth\` (3 stacks), median of 5 | ${cdktf_synth} |"
echo "| app alone (\`ts-node main.ts\`), median of 5 | ${app_alone} |"
echo "| \`npx jest\` (all suites), 1 run | ${jest_time} |"
