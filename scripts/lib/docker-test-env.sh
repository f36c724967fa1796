#!/usr/bin/env bash
# Everything the container tests need before pytest runs: a Docker engine, a locally made Python
# base image, the dashboard's wheels served from the host, and the image built from the unchanged
# production Dockerfile. Source it after scripts/lib/common.sh; do not run it.
#
# No container registry is reachable where these tests run, so `FROM python:3.12-slim` cannot be
# pulled. The production Dockerfile takes its base as the build argument BASE_IMAGE; the tests pass
# a Debian bookworm base made here with debootstrap and `docker import`, and feed pip through the
# Dockerfile's PIP_* build arguments from a wheel directory served on 127.0.0.1 (the build runs
# with --network host). The Dockerfile itself is used exactly as committed.
#
# Entry point: dte_prepare. On success it exports
#   CONTAINER_TEST_IMAGE       the built dashboard image (vibejudge-dashboard:test)
#   CONTAINER_TEST_BASE_IMAGE  the base image it was built on
#   CONTAINER_TEST_GIT_REVISION the revision passed as GIT_REVISION
# On a machine without what it needs (and CI unset) it returns 1 with DTE_MISSING naming it.
# shellcheck shell=bash

DTE_IMAGE="${CONTAINER_TEST_IMAGE_NAME:-vibejudge-dashboard:test}"
DTE_DEBIAN_SUITE="bookworm"
DTE_DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# What the Dockerfile's RUN steps need from the base: python3 with its venv module, and
# groupadd/useradd (passwd, part of minbase). Changing this list changes the base image's tag.
DTE_BASE_PACKAGES="python3,python3-venv"
DTE_CACHE_DIR="${VIBEJUDGE_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME}/.cache}/vibejudge-dashboard}/container-test"
DTE_STATE_DIR="${DTE_CACHE_DIR}/state"
DTE_DOCKERD_LOG="${DTE_STATE_DIR}/dockerd.log"
DTE_DOCKER_DATA_ROOT="${DTE_CACHE_DIR}/docker"
DTE_LOCK_FILE="/tmp/vibejudge-dashboard-docker-test.lock"
# A stable port keeps the wheel URL (a build argument) and therefore the build cache stable.
DTE_WHEEL_PORT_PREFERRED=38517
DTE_MISSING=""
DTE_WHEEL_SERVER_PID=""

# DTE_MISSING is read by the scripts that source this file (the SKIPPED message).
_dte_missing() { export DTE_MISSING="$*"; return 1; }

# dte_engine_reachable: the docker CLI exists and answers `docker info` within 20 s.
dte_engine_reachable() {
  have docker && timeout 20 docker info >/dev/null 2>&1
}

# dte_spawn_daemon LOG COMMAND...: start COMMAND in the background as a daemon that holds nothing
# of its starter: a session of its own, stdin from /dev/null, stdout and stderr appended to LOG, and
# every other descriptor closed. A daemon inherits whatever its starter has open — the set-up lock
# (fd 9 of the `flock` subshell in dte_ensure_engine), a pipe a caller waits on for EOF — and would
# hold it for as long as it runs (the lock: until the next step gives up waiting for it).
dte_spawn_daemon() {
  local log_file="$1"; shift
  (
    local fd
    for fd in /proc/"$BASHPID"/fd/*; do
      fd="${fd##*/}"
      [ "$fd" -gt 2 ] 2>/dev/null && eval "exec ${fd}>&-"
    done
    exec setsid "$@" </dev/null >>"$log_file" 2>&1
  ) 9>&- &
}

# dte_start_dockerd: start dockerd as a daemon (vfs storage works without overlayfs), log to
# DTE_DOCKERD_LOG, wait at most 60 s for `docker info`. Its images and build cache live in
# DTE_DOCKER_DATA_ROOT, inside the cache directory: an empty VIBEJUDGE_CACHE_DIR is an engine that has
# never made the base image, nothing of an earlier run hidden in /var/lib/docker.
dte_start_dockerd() {
  mkdir -p "$DTE_STATE_DIR" "$DTE_DOCKER_DATA_ROOT"
  log "starting dockerd (storage driver vfs, data root ${DTE_DOCKER_DATA_ROOT}, log ${DTE_DOCKERD_LOG})"
  : >"$DTE_DOCKERD_LOG"
  dte_spawn_daemon "$DTE_DOCKERD_LOG" dockerd --storage-driver vfs --data-root "$DTE_DOCKER_DATA_ROOT"
  for _ in $(seq 1 60); do
    dte_engine_reachable && return 0
    sleep 1
  done
  warn "dockerd did not answer within 60 s; last lines of ${DTE_DOCKERD_LOG}:"
  tail -n 20 "$DTE_DOCKERD_LOG" >&2
  return 1
}

# dte_ensure_engine: a reachable engine; in CI install docker.io and start dockerd when needed.
dte_ensure_engine() {
  dte_engine_reachable && return 0
  if ! is_ci; then
    if have docker; then
      _dte_missing "no reachable Docker engine ('docker info' fails; start dockerd, or run with CI=true)"
    else
      _dte_missing "no docker command (install Docker, or run with CI=true)"
    fi
    return 1
  fi
  ci_apt_install docker.io || die "could not install docker.io"
  # Another step may be starting the engine at the same moment: one starter at a time. The engine
  # itself must not keep the lock's descriptor (dte_spawn_daemon closes it), or the base-image step
  # below would wait for this lock as long as dockerd runs.
  (
    flock -w 120 9 || die "could not lock ${DTE_LOCK_FILE}"
    dte_engine_reachable || dte_start_dockerd
  ) 9>"$DTE_LOCK_FILE" || die "could not start dockerd"
}

# dte_base_image_name: the tag of the local base, derived from its recipe.
dte_base_image_name() {
  local recipe
  recipe="$(printf '%s|%s|%s|%s' "$DTE_DEBIAN_SUITE" "$DTE_BASE_PACKAGES" "$(uname -m)" "v2" | sha256sum | cut -c1-12)"
  echo "vibejudge-test-base:${DTE_DEBIAN_SUITE}-${recipe}"
}

# dte_ensure_base_image: reuse the local base when it exists, otherwise debootstrap and import it.
# CONTAINER_TEST_BASE_IMAGE set by the caller (for example python:3.12-slim where a registry is
# reachable and the image is pulled) is used as it is.
dte_ensure_base_image() {
  if [ -n "${CONTAINER_TEST_BASE_IMAGE:-}" ]; then
    docker image inspect "$CONTAINER_TEST_BASE_IMAGE" >/dev/null 2>&1 \
      || die "CONTAINER_TEST_BASE_IMAGE=${CONTAINER_TEST_BASE_IMAGE} is not a local image; pull or build it first"
    return 0
  fi
  local name
  name="$(dte_base_image_name)"
  if docker image inspect "$name" >/dev/null 2>&1; then
    log "reusing base image ${name}"
    CONTAINER_TEST_BASE_IMAGE="$name"; export CONTAINER_TEST_BASE_IMAGE
    return 0
  fi
  if ! have debootstrap; then
    if is_ci; then
      ci_apt_install debootstrap debian-archive-keyring || die "could not install debootstrap"
    else
      _dte_missing "debootstrap (needed once to make the local base image ${name}; apt-get install debootstrap, or run with CI=true)"
      return 1
    fi
  fi
  (
    flock -w 900 9 || die "could not lock ${DTE_LOCK_FILE}"
    docker image inspect "$name" >/dev/null 2>&1 && exit 0
    local rootfs
    rootfs="$(mktemp -d /var/tmp/vibejudge-base.XXXXXX)" || exit 1
    trap 'rm -rf "$rootfs"' EXIT
    # mktemp makes the directory 0700, and it becomes the image's "/": no one but root could use it.
    chmod 0755 "$rootfs"
    log "making base image ${name}: debootstrap --variant=minbase ${DTE_DEBIAN_SUITE} with ${DTE_BASE_PACKAGES} (about a minute, once)"
    debootstrap --variant=minbase --include="$DTE_BASE_PACKAGES" "$DTE_DEBIAN_SUITE" "$rootfs" "$DTE_DEBIAN_MIRROR" \
      >"${DTE_STATE_DIR}/debootstrap.log" 2>&1 \
      || { tail -n 20 "${DTE_STATE_DIR}/debootstrap.log" >&2; die "debootstrap failed (log ${DTE_STATE_DIR}/debootstrap.log)"; }
    # The same trimming python:3.12-slim does: no package lists, archives, docs, man pages, locales.
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/usr/share/doc/* \
      "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/*
    find "$rootfs"/usr/share/locale -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} +
    tar --numeric-owner -C "$rootfs" -c . \
      | docker import \
          --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
          --change 'ENV LANG=C.UTF-8' \
          --change 'CMD ["python3"]' \
          - "$name" >/dev/null \
      || die "docker import of the base image failed"
  ) 9>"$DTE_LOCK_FILE" || return 1
  CONTAINER_TEST_BASE_IMAGE="$name"; export CONTAINER_TEST_BASE_IMAGE
}

# dte_ensure_wheels: download the dashboard's wheels on the host for the base image's Python,
# platform and C library (the container cannot verify HTTPS certificates). Sets DTE_WHEEL_DIR.
dte_ensure_wheels() {
  local req="${ROOT_DIR}/streamlit_ui/requirements.txt" facts pyver machine glibc
  facts="$(docker run --rm --network none --entrypoint python3 "$CONTAINER_TEST_BASE_IMAGE" -c \
    'import os, platform, sys; print("%d.%d" % sys.version_info[:2], platform.machine(), os.confstr("CS_GNU_LIBC_VERSION").split()[1])')" \
    || die "could not read the Python version of ${CONTAINER_TEST_BASE_IMAGE}"
  read -r pyver machine glibc <<<"$facts"
  local key
  key="$(sha256sum < "$req" | cut -c1-12)-cp${pyver/./}-${machine}-glibc${glibc}"
  DTE_WHEEL_DIR="${DTE_CACHE_DIR}/wheels-${key}"
  [ -f "${DTE_WHEEL_DIR}/.complete" ] && { log "reusing wheels in ${DTE_WHEEL_DIR}"; return 0; }
  # Every manylinux tag the base's glibc accepts (PEP 600), newest first, plus the legacy aliases.
  local platforms=() minor glibc_minor="${glibc#*.}"
  for ((minor = glibc_minor; minor >= 5; minor--)); do platforms+=(--platform "manylinux_2_${minor}_${machine}"); done
  platforms+=(--platform "manylinux2014_${machine}" --platform "manylinux2010_${machine}" --platform "manylinux1_${machine}" --platform "linux_${machine}")
  log "downloading wheels for CPython ${pyver} ${machine} (glibc ${glibc}) into ${DTE_WHEEL_DIR}"
  rm -rf "$DTE_WHEEL_DIR"; mkdir -p "$DTE_WHEEL_DIR"
  # --no-cache-dir: the wheel directory is the cache; pip's own would hide a missing download.
  "${VENV_DIR}/bin/python" -m pip download --quiet --disable-pip-version-check --no-cache-dir --only-binary=:all: \
    --python-version "$pyver" --implementation cp "${platforms[@]}" \
    --dest "$DTE_WHEEL_DIR" --requirement "$req" \
    || die "pip download of ${req#"$ROOT_DIR"/} failed"
  touch "${DTE_WHEEL_DIR}/.complete"
}

# dte_serve_wheels: serve DTE_WHEEL_DIR on 127.0.0.1 (a stable port when free). Sets DTE_WHEEL_URL.
dte_serve_wheels() {
  local port
  port="$(python3 - "$DTE_WHEEL_PORT_PREFERRED" <<'PY'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
)"
  python3 -m http.server --bind 127.0.0.1 --directory "$DTE_WHEEL_DIR" "$port" >"${DTE_STATE_DIR}/wheel-server.log" 2>&1 &
  DTE_WHEEL_SERVER_PID=$!
  DTE_WHEEL_URL="http://127.0.0.1:${port}/"
  for _ in $(seq 1 50); do
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' "$DTE_WHEEL_URL" 2>/dev/null && return 0
    kill -0 "$DTE_WHEEL_SERVER_PID" 2>/dev/null || break
    sleep 0.2
  done
  die "the wheel server on ${DTE_WHEEL_URL} did not start (log ${DTE_STATE_DIR}/wheel-server.log)"
}

dte_stop_wheel_server() {
  if [ -n "$DTE_WHEEL_SERVER_PID" ]; then
    kill "$DTE_WHEEL_SERVER_PID" 2>/dev/null
    wait "$DTE_WHEEL_SERVER_PID" 2>/dev/null
    DTE_WHEEL_SERVER_PID=""
  fi
  return 0
}

# dte_build_image: docker build of the committed Dockerfile with the local base and wheel index.
dte_build_image() {
  CONTAINER_TEST_GIT_REVISION="$(git -C "$ROOT_DIR" rev-parse HEAD 2>/dev/null || echo unknown)"
  export CONTAINER_TEST_GIT_REVISION
  local build_log="${DTE_STATE_DIR}/build.log"
  local args=(--network host
    --build-arg "BASE_IMAGE=${CONTAINER_TEST_BASE_IMAGE}"
    --build-arg "PIP_FIND_LINKS=${DTE_WHEEL_URL}"
    --build-arg "PIP_NO_INDEX=1"
    --build-arg "PIP_TRUSTED_HOST=127.0.0.1"
    --build-arg "GIT_REVISION=${CONTAINER_TEST_GIT_REVISION}"
    --file "${ROOT_DIR}/Dockerfile")
  log "building ${DTE_IMAGE} from Dockerfile on ${CONTAINER_TEST_BASE_IMAGE} (log ${build_log})"
  # The builder stage gets a tag of its own: untagged, it is a dangling image that `docker image
  # prune` deletes, and with it the cache of the slow venv layer.
  if ! { docker build "${args[@]}" --target builder --tag "${DTE_IMAGE}-builder" "$ROOT_DIR" \
         && docker build "${args[@]}" --tag "$DTE_IMAGE" "$ROOT_DIR"; } >"$build_log" 2>&1; then
    tail -n 30 "$build_log" >&2
    return 1
  fi
  CONTAINER_TEST_IMAGE="$DTE_IMAGE"; export CONTAINER_TEST_IMAGE
}

# dte_prepare: engine, base image, wheels, image. Returns 1 with DTE_MISSING when something a
# user's machine lacks is missing; dies on real failures.
dte_prepare() {
  mkdir -p "$DTE_STATE_DIR"
  dte_ensure_engine || return 1
  dte_ensure_base_image || return 1
  dte_ensure_wheels
  dte_serve_wheels
  local rc=0
  dte_build_image || rc=$?
  dte_stop_wheel_server
  [ "$rc" -eq 0 ] || die "docker build failed (log ${DTE_STATE_DIR}/build.log)"
}
