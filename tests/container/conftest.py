"""Fixtures for the container tests: the image built by scripts/lib/docker-test-env.sh, and running containers.

`scripts/test.d/60-container.sh` prepares the engine, the local base image and the image (built from
the unchanged Dockerfile) and passes their names in CONTAINER_TEST_IMAGE / CONTAINER_TEST_BASE_IMAGE.
Run directly without them, the tests that need the image are skipped with that reason; under
CI=true they fail instead, because in CI they must run.
"""

from __future__ import annotations

import json
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO_API_KEY = "vj_live_DemoOrganizerKeyForLocalUse00001"
STANDIN_PORT = 8000
# The Fargate task size of the design (512 CPU units, 1024 MiB).
FARGATE_LIMITS = ["--cpus", "0.5", "--memory", "1g"]
# What ECS does: read-only root file system, a writable scratch volume at /tmp.
READ_ONLY = ["--read-only", "--tmpfs", "/tmp"]
STARTUP_TIMEOUT_SECONDS = 120
COMMAND_TIMEOUT_SECONDS = 180
# What the stand-in imports beyond the standard library, at the versions the host's .venv runs it with.
STANDIN_DEPENDENCIES = ("fastapi", "pydantic", "email-validator", "uvicorn", "starlette")
CACHE_DIR = Path(
    os.environ.get("VIBEJUDGE_CACHE_DIR")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vibejudge-dashboard"
)


def docker(*args: str, check: bool = True, timeout: float = COMMAND_TIMEOUT_SECONDS) -> subprocess.CompletedProcess:
    """Run the docker CLI; a failure raises with the command and its stderr."""
    result = subprocess.run(["docker", *args], capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise RuntimeError(f"docker {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result


def inspect(name: str) -> dict[str, Any]:
    return json.loads(docker("inspect", name).stdout)[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _required_env(name: str) -> str:
    value = os.environ.get(name, "")
    if value:
        return value
    message = f"{name} is not set: run scripts/test.d/60-container.sh, which builds the image first"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    # Reason: `message` names what is missing; only on a user's machine (CI fails above instead).
    pytest.skip(message)


@pytest.fixture(scope="session")
def image() -> str:
    """The dashboard image built from the committed Dockerfile."""
    return _required_env("CONTAINER_TEST_IMAGE")


@pytest.fixture(scope="session")
def base_image() -> str:
    """The base the image was built on (the local debootstrap base unless overridden)."""
    return _required_env("CONTAINER_TEST_BASE_IMAGE")


@dataclass
class Running:
    """A started container: its name, the host port its 8501 is published on, and its URL."""

    name: str
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def logs(self) -> str:
        result = docker("logs", self.name, check=False)
        return result.stdout + result.stderr

    def health_status(self) -> str:
        return inspect(self.name)["State"].get("Health", {}).get("Status", "none")


def wait_until_serving(container: Running) -> None:
    """Poll /_stcore/health (bounded) until it answers 200; fail with the container's logs otherwise."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if not inspect(container.name)["State"]["Running"]:
            raise AssertionError(f"container {container.name} exited:\n{container.logs()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{container.url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(
        f"/_stcore/health did not answer 200 within {STARTUP_TIMEOUT_SECONDS} s:\n{container.logs()[-3000:]}"
    )


def run_container(image: str, *options: str, command: list[str] | None = None) -> Running:
    """`docker run -d` with the dashboard's 8501 published on a free loopback port."""
    name = f"vibejudge-ctest-{uuid.uuid4().hex[:10]}"
    port = free_port()
    docker(
        "run", "--detach", "--name", name, "--publish", f"127.0.0.1:{port}:8501",
        "--env", "STREAMLIT_SERVER_COOKIE_SECRET=container-test-cookie-secret",
        *options, image, *(command or []),
    )  # fmt: skip
    return Running(name=name, port=port)


def remove(*names: str) -> None:
    docker("rm", "--force", *names, check=False)


@cache
def standin_dependencies(base_image: str) -> Path:
    """A directory with the stand-in's Python dependencies for the base image's Python, made on the host
    (the container cannot verify HTTPS) once per base and version set, then mounted read-only."""
    facts = docker(
        "run", "--rm", "--network", "none", "--entrypoint", "python3", base_image, "-c",
        'import os, platform, sys; print("%d.%d" % sys.version_info[:2], platform.machine(),'
        ' os.confstr("CS_GNU_LIBC_VERSION").split()[1])',
    ).stdout.split()  # fmt: skip
    pyver, machine, glibc = facts
    pins = [f"{name}=={metadata.version(name)}" for name in STANDIN_DEPENDENCIES]
    key = f"cp{pyver.replace('.', '')}-{machine}-glibc{glibc}-" + "-".join(p.replace("==", "") for p in pins)
    target = CACHE_DIR / "container-test" / f"standin-deps-{key}"
    if (target / ".complete").exists():
        return target
    glibc_minor = int(glibc.split(".")[1])
    platforms = [f"manylinux_2_{minor}_{machine}" for minor in range(glibc_minor, 4, -1)]
    platforms += [f"manylinux2014_{machine}", f"linux_{machine}"]
    subprocess.run(["rm", "-rf", str(target)], check=True)
    result = subprocess.run(
        [
            sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-compile",
            "--only-binary=:all:", "--python-version", pyver, "--implementation", "cp",
            *[arg for p in platforms for arg in ("--platform", p)], "--target", str(target), *pins,
        ],
        capture_output=True, text=True, timeout=COMMAND_TIMEOUT_SECONDS,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"pip could not fetch the stand-in's dependencies for {platform.python_implementation()} "
                           f"{pyver} on {machine}: {result.stderr.strip()[-2000:]}")  # fmt: skip
    (target / ".complete").touch()
    return target


def wait_until_standin_serves(standin: Running) -> None:
    """Poll the stand-in's /health (bounded) on its published port."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{standin.url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(
        f"the stand-in API did not answer within {STARTUP_TIMEOUT_SECONDS} s:\n{standin.logs()[-3000:]}"
    )


@contextmanager
def dashboard_with_standin(image: str, base_image: str, *options: str) -> Iterator[tuple[Running, Running]]:
    """The dashboard (Fargate limits, extra docker options) pointed at the stand-in API, which runs in
    the dashboard container's network namespace as a sidecar would: API_BASE_URL is
    http://127.0.0.1:8000/api/v1 inside the container. The stand-in's port is published too, so a
    test can read its request log. Yields (dashboard, stand-in) once the dashboard serves."""
    api_port = free_port()
    container = run_container(
        image,
        *options,
        *FARGATE_LIMITS,
        "--publish", f"127.0.0.1:{api_port}:{STANDIN_PORT}",
        "--env", f"API_BASE_URL=http://127.0.0.1:{STANDIN_PORT}/api/v1",
        "--env", f"DASHBOARD_AUTOLOGIN_API_KEY={DEMO_API_KEY}",
    )  # fmt: skip
    standin = Running(name=f"{container.name}-standin", port=api_port)
    try:
        # The stand-in runs on the base image's own Python with its dependencies (FastAPI, pydantic,
        # uvicorn) mounted next to it: the dashboard image must not contain them.
        dependencies = standin_dependencies(base_image)
        docker(
            "run", "--detach", "--name", standin.name, "--network", f"container:{container.name}",
            "--read-only", "--volume", f"{ROOT / 'standin_api'}:/opt/standin/standin_api:ro",
            "--volume", f"{dependencies}:/opt/standin/deps:ro",
            "--env", "PYTHONPATH=/opt/standin/deps", "--env", "PYTHONDONTWRITEBYTECODE=1",
            "--workdir", "/opt/standin", "--entrypoint", "python3",
            base_image, "-m", "standin_api", "--host", "0.0.0.0", "--port", str(STANDIN_PORT),
        )  # fmt: skip
        wait_until_standin_serves(standin)
        wait_until_serving(container)
        yield container, standin
    finally:
        remove(container.name, standin.name)


@pytest.fixture(scope="module")
def dashboard(image: str, base_image: str) -> Iterator[tuple[Running, Running]]:
    """The dashboard as ECS runs it: read-only root, /tmp volume, Fargate limits, the image's user;
    health interval shortened to 2 s. Yields (dashboard, stand-in)."""
    with dashboard_with_standin(image, base_image, *READ_ONLY, "--health-interval", "2s") as running:
        yield running
