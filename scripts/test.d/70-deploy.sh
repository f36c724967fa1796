#!/usr/bin/env bash
# Deployment automation checks: shellcheck on every shell script in the repository, actionlint on
# the users' GitHub Actions workflows, and the deploy script's pytest suite (tests/deploy/, which
# runs scripts/deploy against stub aws, docker, git, npx and terraform executables).
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cd "$ROOT_DIR"

failed=0

# --- shellcheck ---------------------------------------------------------------------------------
shell_scripts=()
while IFS= read -r -d '' file; do shell_scripts+=("$file"); done \
  < <(find scripts bench -type f -name '*.sh' -print0 | sort -z)
for file in scripts/deploy .ci/run; do
  [ -f "$file" ] && shell_scripts+=("$file")
done
if have shellcheck || ci_apt_install shellcheck; then
  log "shellcheck ${#shell_scripts[@]} scripts"
  # -x follows the `source` lines into scripts/lib/common.sh.
  shellcheck -x "${shell_scripts[@]}" || { warn "shellcheck found problems"; failed=1; }
else
  echo "SKIPPED 70-deploy (shellcheck part): shellcheck is not installed (apt-get install shellcheck)"
fi

# --- actionlint -----------------------------------------------------------------------------------
if actionlint_bin="$(ensure_actionlint)"; then
  log "actionlint .github/workflows"
  # actionlint also runs shellcheck on every `run:` block when shellcheck is on PATH.
  "$actionlint_bin" -no-color .github/workflows/*.yml || { warn "actionlint found problems"; failed=1; }
elif is_ci; then
  warn "actionlint could not be built (needs Go and the Go module proxy)"
  failed=1
else
  echo "SKIPPED 70-deploy (actionlint part): neither actionlint nor Go is installed (install Go, or actionlint ${ACTIONLINT_VERSION})"
fi

# --- the deploy script's tests ---------------------------------------------------------------------
[ -x "${VENV_DIR}/bin/pytest" ] || ensure_python_env
log "pytest tests/deploy"
# The caller's DASHBOARD_* overrides must not leak into what the stubbed deploy sees.
for var in $(compgen -e | grep -E '^DASHBOARD_' || true); do unset "$var"; done
"${VENV_DIR}/bin/pytest" -q -p no:cacheprovider tests/deploy || failed=1

exit "$failed"
