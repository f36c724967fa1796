"""Fixtures for the container tests: the image built by scripts/lib/docker-test-env.sh, and running containers.

`scripts/test.d/60-container.sh` prepares the engine, the local base image and the image (built from
the unchanged Dockerfile) and passes their names in CONTAINER_TEST_IMAGE / CONTAINER_TEST_BASE_IMAGE.
Run directly without them, the tests that need the image are skipped with that reason; under
CI=true they fail instead, because in CI they must run.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import struct
import subprocess
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from standin_api import DEMO_API_KEY, StandinServer

ROOT = Path(__file__).resolve().parents[2]
# The Fargate task size of the design (512 CPU units, 1024 MiB).
FARGATE_LIMITS = ["--cpus", "0.5", "--memory", "1g"]
# What ECS does: read-only root file system, a writable scratch volume at /tmp.
READ_ONLY = ["--read-only", "--tmpfs", "/tmp"]
# What the task definition adds: no Linux capability (linuxParameters.capabilities.drop ALL), ECS's
# init as PID 1 (initProcessEnabled); and no privilege escalation, which Fargate has no setting for
# but which the image must bear.
LEAST_PRIVILEGE = ["--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--init"]
STARTUP_TIMEOUT_SECONDS = 120
COMMAND_TIMEOUT_SECONDS = 180


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


def bridge_gateway() -> str:
    """The host's address on Docker's default bridge (docker0): what a container reaches the host at."""
    network = json.loads(docker("network", "inspect", "bridge").stdout)[0]
    gateway = network["IPAM"]["Config"][0].get("Gateway")
    if gateway:
        return gateway
    # Docker 20.10 leaves the default bridge's gateway out of `inspect`: ask the kernel for the
    # address of the bridge interface instead (SIOCGIFADDR).
    interface = network["Options"].get("com.docker.network.bridge.name", "docker0")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        request = struct.pack("256s", interface.encode()[:15])
        return socket.inet_ntoa(fcntl.ioctl(probe.fileno(), 0x8915, request)[20:24])


@dataclass
class ApiStandin:
    """The stand-in API, running in this test process, as the dashboard container reaches it."""

    server: StandinServer
    host: str

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{urlsplit(self.server.origin).port}"

    @property
    def base_url(self) -> str:
        return f"{self.origin}/api/v1"

    def _admin(self, method: str, path: str) -> Any:
        request = urllib.request.Request(
            f"{self.origin}{path}", data=b"{}" if method == "POST" else None, method=method
        )
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
        return json.loads(raw) if raw else None

    def requests(self) -> list[str]:
        """Every API request the stand-in received, in order (`GET /__admin/requests`)."""
        return self._admin("GET", "/__admin/requests")["requests"]

    def reset(self) -> None:
        """Re-seeded data and fresh quota counters (`POST /__admin/reset`): the demo key is on the free tier."""
        self._admin("POST", "/__admin/reset")

    def add_submissions(self, hackathon: str, count: int) -> None:
        """``count`` more submissions for the hackathon named ``hackathon``, through the dashboard's own API client
        as the demo key (two requests of its quota)."""
        from components.api_client import ApiClient

        client = ApiClient(self.base_url, DEMO_API_KEY)
        hack_id = next(h["hack_id"] for h in client.list_hackathons() if h["name"] == hackathon)
        teams = [
            {"team_name": f"Grid Team {i}", "repo_url": f"https://github.com/grid-team-{i}/app"} for i in range(count)
        ]
        client.add_submissions(hack_id, teams)


@contextmanager
def dashboard_with_standin(image: str, *options: str) -> Iterator[tuple[Running, ApiStandin]]:
    """The dashboard (Fargate limits, extra docker options) pointed at the stand-in API through
    API_BASE_URL. The stand-in is the one every other suite uses (`standin_api`, with its
    dependencies in this test's environment, not in the image), served from this process on the
    host's bridge address, where the container reaches it. Yields (dashboard, stand-in) once the
    dashboard serves."""
    host = bridge_gateway()
    server = StandinServer(host, 0).start()
    standin = ApiStandin(server=server, host=host)
    try:
        container = run_container(
            image,
            *options,
            *FARGATE_LIMITS,
            "--env", f"API_BASE_URL={standin.base_url}",
            "--env", f"DASHBOARD_AUTOLOGIN_API_KEY={DEMO_API_KEY}",
        )  # fmt: skip
        try:
            wait_until_serving(container)
            yield container, standin
        finally:
            remove(container.name)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def dashboard(image: str) -> Iterator[tuple[Running, ApiStandin]]:
    """The dashboard as ECS runs it: read-only root, /tmp volume, Fargate limits, the image's user,
    every capability dropped, an init as PID 1, no privilege escalation; health interval 2 s.
    Yields (dashboard, stand-in)."""
    with dashboard_with_standin(image, *READ_ONLY, *LEAST_PRIVILEGE, "--health-interval", "2s") as running:
        yield running
