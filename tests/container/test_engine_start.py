"""How scripts/lib/docker-test-env.sh starts the Docker engine, without Docker: a stand-in `dockerd`.

A background daemon inherits every descriptor its starter holds open. `dte_ensure_engine` starts
`dockerd` while it holds the set-up lock (fd 9 of a `flock` subshell); an engine that keeps that
descriptor keeps the lock for as long as it runs, and the next step that takes the lock (making the
base image on a fresh machine) waits until it gives up. These tests start the real shell functions
with stand-ins first on PATH: `dockerd` records its pid and sleeps, `docker info` answers once that
`dockerd` runs. They need neither Docker nor root, so 60-container.sh runs them before it prepares
the engine.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

TIMEOUT_SECONDS = 60

FAKE_DOCKERD = """#!/usr/bin/env bash
# Stand-in engine: says it runs (docker info answers from now on), then sleeps like a daemon.
echo $$ > "$FAKE_ENGINE_DIR/dockerd.pid"
exec sleep 300
"""
FAKE_DOCKER = """#!/usr/bin/env bash
# Stand-in CLI: `docker info` succeeds while the stand-in dockerd runs.
[ "$1" = info ] || exit 1
pid="$(cat "$FAKE_ENGINE_DIR/dockerd.pid" 2>/dev/null)" || exit 1
kill -0 "$pid" 2>/dev/null
"""
# Sources the libraries as the test step does, replaces only the package installer, opens a
# descriptor and a pipe a caller might hold, starts the engine, then reports whether the lock is free.
STARTER = """
set -uo pipefail
source "$ROOT/scripts/lib/common.sh"
source "$ROOT/scripts/lib/docker-test-env.sh"
DTE_LOCK_FILE="$FAKE_ENGINE_DIR/docker-test.lock"
ci_apt_install() { return 0; }
exec 7>"$FAKE_ENGINE_DIR/caller-file"
exec 8> >(cat >/dev/null 2>&1)
dte_ensure_engine || { echo "dte_ensure_engine failed"; exit 3; }
if flock -n "$DTE_LOCK_FILE" true; then echo "lock: free"; else echo "lock: held"; fi
"""


@dataclass
class StartedEngine:
    """The starter's output and the stand-in dockerd it left running."""

    output: str
    pid: int
    state_dir: Path

    def descriptors(self) -> dict[int, str]:
        """The stand-in dockerd's open descriptors and what each points at."""
        fd_dir = Path(f"/proc/{self.pid}/fd")
        return {int(fd.name): os.readlink(fd) for fd in fd_dir.iterdir()}


@pytest.fixture
def started_engine(tmp_path: Path) -> Iterator[StartedEngine]:
    """Runs dte_ensure_engine under CI=true with the stand-ins; stops the stand-in dockerd afterwards."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in (("dockerd", FAKE_DOCKERD), ("docker", FAKE_DOCKER)):
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "CI": "true",
        "ROOT": str(ROOT),
        "FAKE_ENGINE_DIR": str(tmp_path),
        "VIBEJUDGE_CACHE_DIR": str(tmp_path / "cache"),
    }
    pid_file = tmp_path / "dockerd.pid"
    try:
        # Output through pipes: a daemon that kept them would make this call wait for the timeout.
        result = subprocess.run(
            ["bash", "-c", STARTER], env=env, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
        yield StartedEngine(
            output=result.stdout,
            pid=int(pid_file.read_text()),
            state_dir=tmp_path / "cache" / "container-test" / "state",
        )
    finally:
        if pid_file.exists():
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid_file.read_text()), signal.SIGTERM)


def test_the_set_up_lock_is_free_once_the_engine_starter_returns(started_engine: StartedEngine) -> None:
    # GIVEN no engine answering WHEN dte_ensure_engine starts one under its lock and returns
    # THEN the lock is free, so the next set-up step (the base image) can take it at once
    assert "lock: free" in started_engine.output, started_engine.output


def test_the_engine_keeps_none_of_its_starters_descriptors(started_engine: StartedEngine) -> None:
    # GIVEN a starter holding the lock (fd 9), a file (fd 7) and a pipe (fd 8)
    # WHEN the engine it started is inspected
    fds = started_engine.descriptors()
    descriptors = ", ".join(f"{fd} -> {target}" for fd, target in sorted(fds.items()))
    # THEN the engine has only stdin from /dev/null and stdout/stderr in its log file
    assert sorted(fds) == [0, 1, 2], descriptors
    assert fds[0] == "/dev/null", descriptors
    assert fds[1] == fds[2] == str(started_engine.state_dir / "dockerd.log"), descriptors
