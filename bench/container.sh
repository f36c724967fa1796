#!/usr/bin/env bash
# Container numbers for BENCHMARKS.md: image size, what the Dockerfile adds above its base, time
# from `docker run` to healthy (1 s health interval), and memory after start (`docker stats`).
# Runs the image as ECS does (read-only root, /tmp, 0.5 vCPU, 1 GiB). Builds it first through
# scripts/lib/docker-test-env.sh (the same set-up as the container tests; reuses its caches).
set -uo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"
# shellcheck source=scripts/lib/docker-test-env.sh
source "${ROOT_DIR}/scripts/lib/docker-test-env.sh"
cd "$ROOT_DIR" || exit 1

if ! dte_prepare; then
  echo "SKIPPED bench/container.sh: ${DTE_MISSING}"
  exit 0
fi

total=$(docker image inspect -f '{{.Size}}' "$CONTAINER_TEST_IMAGE")
base=$(docker image inspect -f '{{.Size}}' "$CONTAINER_TEST_BASE_IMAGE")
name="vibejudge-bench-$$"
started=$(date +%s.%N)
docker run --detach --name "$name" --read-only --tmpfs /tmp --cpus 0.5 --memory 1g \
  --health-interval 1s --health-start-period 60s \
  --env STREAMLIT_SERVER_COOKIE_SECRET=bench-cookie-secret "$CONTAINER_TEST_IMAGE" >/dev/null \
  || die "docker run failed"
running=$(date +%s.%N)
trap 'docker rm --force "$name" >/dev/null 2>&1' EXIT
status=""
for _ in $(seq 1 1200); do
  status=$(docker inspect -f '{{.State.Health.Status}}' "$name")
  [ "$status" = "starting" ] || break
  sleep 0.1
done
healthy=$(date +%s.%N)
[ "$status" = "healthy" ] || die "container did not become healthy (status ${status})"
sleep 5
memory=$(docker stats --no-stream --format '{{.MemUsage}}' "$name" | cut -d/ -f1 | tr -d ' ')

printf 'image            %s\n' "$CONTAINER_TEST_IMAGE (base ${CONTAINER_TEST_BASE_IMAGE})"
printf 'image size       %d MB\n' $((total / 1000000))
printf 'added above base %d MB\n' $(((total - base) / 1000000))
seconds() { python3 -c 'import sys; print(float(sys.argv[2]) - float(sys.argv[1]))' "$1" "$2"; }
printf 'run to healthy   %.1f s from docker run (includes creating the container layer: slow on vfs)\n' "$(seconds "$started" "$healthy")"
printf 'start to healthy %.1f s from the container running (health interval 1 s, 0.5 vCPU)\n' "$(seconds "$running" "$healthy")"
printf 'memory at start  %s (5 s after healthy, limit 1 GiB)\n' "$memory"
echo "layers (the last one is the base):"
docker history --format '{{.Size}}\t{{.CreatedBy}}' "$CONTAINER_TEST_IMAGE" | grep -v '^0B' | cut -c1-110 | sed 's/^/  /'
