"""Capacity of ONE dashboard task: N concurrent Streamlit sessions against one dashboard process.

Checks the design's claim "supports 100 concurrent users" (2 Fargate tasks of 0.5 vCPU / 1 GiB) one task at a
time. For each N (default 10, 25, 50, 100) a fresh dashboard process is started the way the task starts it
(``serve.py`` from ``streamlit_ui/``) against the stand-in API (its own process, not limited: it plays the
remote VibeJudge API), signed in through DASHBOARD_AUTOLOGIN_API_KEY. One unmeasured session visits every
measured page first (imports, script compilation), as on any server that has been up for a while.

**How the task is limited.** In order of preference: ``systemd-run --scope -p CPUQuota=50% -p MemoryMax=1G``
when systemd runs the machine; otherwise a cgroup made directly (v1: ``cpu.cfs_quota_us`` 50000 per 100000 us
and ``memory.limit_in_bytes`` 1 GiB; v2: ``cpu.max`` and ``memory.max``), which is the same kernel mechanism
(CFS quota) that limits a 0.5 vCPU Fargate task; otherwise unconstrained, and the output says so. Docker
(``--cpus 0.5 --memory 1g`` with the ``vibejudge-dashboard:test`` image) would be the closest copy of the task,
but it needs a running daemon and a built image, neither of which a development machine reliably has (on the
machine this was written on ``dockerd`` was not running); the cgroup applies the identical limits to the
identical command without it. The limit covers the dashboard process only, not this client or the API.

**How sessions are made without browsers.** Each session is one websocket to ``/_stcore/stream`` that speaks
Streamlit's protocol with the protobuf classes shipped in the ``streamlit`` package (``websockets`` is already
installed: ``streamlit`` depends on it), exactly as the frontend does: a ``rerun_script`` BackMsg whose
ClientState carries the page's ``page_name`` (its URL path) and ``page_script_hash`` (from the ``navigation``
ForwardMsg), and the run is over at the ``script_finished`` ForwardMsg with status FINISHED_SUCCESSFULLY.
All N sessions start at once (everyone opens the dashboard in the same second: the worst case), each opens the
Overview (its first run, timed from the websocket connect), then the Live Dashboard and Results (the heaviest
pages) once each, and stays connected. Then, for ``--hold-seconds``, every session watches the Live Dashboard
with its auto-refresh (default 5 s): on each tick (timers not aligned between sessions) it asks for a rerun
as the streamlit-autorefresh component would, even if the previous one has not finished (a browser does not
wait either; Streamlit then abandons the unfinished run). Like the component's browser timer (debounce on),
the session's timer restarts whenever a run renders the component, with the interval that run gave it; the
table shows the intervals the sessions ended with. Exceptions (``exception`` elements) and red error
boxes (``alert`` with format ERROR) are counted from the ForwardMsgs.

All sessions are the demo organizer (the one auto-login key), so they share the dashboard's per-user
``st.cache_data`` entries (5-60 s): distinct organizers would each make their own API calls and cache entries,
so this is a lower bound on CPU and memory per session. Not measured: the browser's static assets (HTML/JS, cached by browsers and small for the server), widget
clicks, the load balancer. Traffic goes only to 127.0.0.1; every wait is bounded by ``--timeout-seconds``.
Usage: .venv/bin/python bench/capacity.py [--sessions 10,25,50,100] [--hold-seconds 30] [--timeout-seconds 1500]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from standin_api import DEMO_API_KEY  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
APP_DIR = ROOT / "streamlit_ui"
CPU_QUOTA = 0.5  # vCPU of one task
MEMORY_BYTES = 1 << 30  # 1 GiB of one task
MAX_SESSIONS = 300
PAGES = ("live-dashboard", "results")  # visited once each after the Overview
HEADINGS = {  # the title each page must show (a sign-in form or an error page would not)
    "": "VibeJudge AI: Organizer Dashboard",
    "live-dashboard": "Live Dashboard",
    "results": "Results",
}
REFRESH_SECONDS = 5.0  # the Live Dashboard's default auto-refresh (DASHBOARD_REFRESH_SECONDS)
CLK_TCK = os.sysconf("SC_CLK_TCK")
LOOPBACK = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy


class BenchError(Exception):
    """A failure that ends the benchmark with one sentence."""


# --- the limited dashboard process -------------------------------------------------------------------------


@dataclass
class Limit:
    """How the dashboard process is confined: a command prefix, or cgroup directories to join."""

    description: str
    prefix: list[str] = field(default_factory=list)
    procs_files: list[Path] = field(default_factory=list)
    dirs: list[Path] = field(default_factory=list)
    cpu_stat: Path | None = None

    def join(self) -> None:
        """Runs in the child between fork and exec: move it into the cgroups."""
        for procs in self.procs_files:
            procs.write_text(str(os.getpid()))

    def throttled(self) -> tuple[int, int]:
        """(periods, throttled periods) of the CPU quota so far; (0, 0) when unknown."""
        if self.cpu_stat is None or not self.cpu_stat.exists():
            return 0, 0
        stat = dict(line.split() for line in self.cpu_stat.read_text().splitlines() if line.count(" ") == 1)
        return int(stat.get("nr_periods", 0)), int(stat.get("nr_throttled", 0))

    def remove(self) -> None:
        for directory in self.dirs:
            with contextlib.suppress(OSError):
                directory.rmdir()


def _own_cgroup(controller: str) -> str | None:
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        if controller in controllers.split(","):
            return path
    return None


def make_limit(tag: str) -> Limit:
    """The best available confinement to 0.5 CPU and 1 GiB (see the module docstring)."""
    reasons = []
    if Path("/run/systemd/system").is_dir() and shutil.which("systemd-run"):
        probe = subprocess.run(
            ["systemd-run", "--scope", "--quiet", "-p", "CPUQuota=50%", "-p", "MemoryMax=1G", "true"],
            capture_output=True,
            timeout=30,
            check=False,
        )
        if probe.returncode == 0:
            prefix = ["systemd-run", "--scope", "--quiet", "-p", "CPUQuota=50%", "-p", "MemoryMax=1G"]
            return Limit("systemd-run --scope -p CPUQuota=50% -p MemoryMax=1G", prefix=prefix)
        reasons.append("systemd-run failed")
    else:
        reasons.append("systemd is not the init system")
    period = 100_000
    base = Path("/sys/fs/cgroup")
    made: list[Path] = []
    try:
        if (base / "cgroup.controllers").exists():  # cgroup v2
            own = _own_cgroup("") or "/"
            directory = base / own.lstrip("/") / tag
            directory.mkdir()
            made.append(directory)
            (directory / "cpu.max").write_text(f"{int(CPU_QUOTA * period)} {period}")
            (directory / "memory.max").write_text(str(MEMORY_BYTES))
            return Limit(
                "cgroup v2 (cpu.max 50000/100000, memory.max 1 GiB)",
                procs_files=[directory / "cgroup.procs"],
                dirs=made,
                cpu_stat=directory / "cpu.stat",
            )
        cpu_path, memory_path = _own_cgroup("cpu"), _own_cgroup("memory")
        if cpu_path is None or memory_path is None:
            raise OSError("no cgroup v1 cpu and memory controllers")
        cpu_dir = base / "cpu" / cpu_path.lstrip("/") / tag
        memory_dir = base / "memory" / memory_path.lstrip("/") / tag
        cpu_dir.mkdir()
        made.append(cpu_dir)
        memory_dir.mkdir()
        made.append(memory_dir)
        (cpu_dir / "cpu.cfs_period_us").write_text(str(period))
        (cpu_dir / "cpu.cfs_quota_us").write_text(str(int(CPU_QUOTA * period)))
        (memory_dir / "memory.limit_in_bytes").write_text(str(MEMORY_BYTES))
        return Limit(
            "cgroup v1 (cpu.cfs_quota_us 50000 per 100000 us, memory.limit_in_bytes 1 GiB)",
            procs_files=[cpu_dir / "cgroup.procs", memory_dir / "cgroup.procs"],
            dirs=made[::-1],
            cpu_stat=cpu_dir / "cpu.stat",
        )
    except OSError as exc:
        for directory in made[::-1]:
            with contextlib.suppress(OSError):
                directory.rmdir()
        reasons.append(f"cannot make a cgroup ({exc.strerror or exc})")
    return Limit(f"UNCONSTRAINED (all {os.cpu_count()} CPUs, no memory limit: {'; '.join(reasons)})")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


def start_api(log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """The stand-in API on a free port; its base URL. The analysis job stays running for the whole run."""
    handle = log.open("wb")
    process = subprocess.Popen(
        [str(PYTHON), "-m", "standin_api", "--port", "0", "--seconds-per-submission", "600"],
        cwd=ROOT,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        match = re.search(r"listening on (http://\S+/api/v1)", log.read_text(errors="replace"))
        if match:
            return process, match.group(1)
        if process.poll() is not None:
            break
        time.sleep(0.1)
    stop(process)
    raise BenchError(f"the stand-in API did not start within 30 s; see {log}")


def start_dashboard(api_url: str, limit: Limit, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    environ = {
        **os.environ,
        "API_BASE_URL": api_url,
        "DASHBOARD_AUTOLOGIN_API_KEY": DEMO_API_KEY,
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        *limit.prefix,
        str(PYTHON),
        "serve.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
    ]
    join: Callable[[], None] | None = limit.join if limit.procs_files else None
    process = subprocess.Popen(
        command,
        cwd=APP_DIR,
        env=environ,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        preexec_fn=join,  # runs before any thread exists in this process
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"the dashboard exited with {process.returncode} while starting; see {log}")
        with (
            contextlib.suppress(OSError),
            LOOPBACK.open(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as answer,
        ):
            if answer.status == 200:
                return process, port
        time.sleep(0.25)
    stop(process)
    raise BenchError(f"the dashboard did not answer /_stcore/health within 90 s; see {log}")


def rss_mib(pid: int) -> float:
    """Resident memory of the process in MiB; NaN once it is gone."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of every thread of the process; NaN once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def dashboard_pid(process: subprocess.Popen[bytes]) -> int:
    """The Python process itself (systemd-run --scope execs it, so it is the same PID)."""
    return process.pid


# --- one Streamlit session over the websocket ----------------------------------------------------------------


class Session:
    """One browser tab's worth of Streamlit protocol."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.ws = None
        self.reader: asyncio.Task[None] | None = None
        self.pages: dict[str, str] = {}  # url path -> page_script_hash
        self.exceptions: list[str] = []
        self.error_boxes: list[str] = []
        self.other_errors: list[str] = []
        self.headings: list[str] = []  # titles of the current run
        self.sent_at: float | None = None
        self.waiter: asyncio.Future[float] | None = None
        self.refresh_latencies: list[float] = []
        self.refresh_ticks = 0
        self.refresh_missed = 0
        self.refresh_interval: float | None = None  # what the page's st_autorefresh component asks for
        self.rendered_at = 0.0  # when the component was last rendered (its browser timer restarts then)
        self.closed = False

    async def open(self) -> None:
        from websockets.asyncio.client import connect
        from websockets.typing import Subprotocol

        self.ws = await connect(
            self.url,
            subprotocols=[Subprotocol("streamlit")],
            max_size=None,
            ping_interval=None,  # the benchmark's deadlines bound every wait; keep-alive pings would add noise
            compression=None,
            proxy=None,  # only 127.0.0.1, never through a proxy from the environment
            open_timeout=60,
        )
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        from streamlit.proto.Alert_pb2 import Alert
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        try:
            async for raw in self.ws:  # type: ignore[union-attr]
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                kind = msg.WhichOneof("type")
                if kind == "navigation":
                    self.pages = {page.url_pathname: page.page_script_hash for page in msg.navigation.app_pages}
                elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    element = msg.delta.new_element
                    element_type = element.WhichOneof("type")
                    if element_type == "heading":
                        self.headings.append(element.heading.body)
                    elif element_type == "exception":
                        self.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:200])
                    elif element_type == "alert" and element.alert.format == Alert.ERROR:
                        self.error_boxes.append(element.alert.body[:200])
                    elif element_type == "component_instance":
                        args = json.loads(element.component_instance.json_args or "{}")
                        if isinstance(args, dict) and isinstance(args.get("interval"), int | float):
                            # streamlit-autorefresh: the browser's timer follows the interval the page sets
                            self.refresh_interval = args["interval"] / 1000
                            self.rendered_at = time.perf_counter()
                elif kind == "page_not_found":
                    self.other_errors.append(f"page not found: {msg.page_not_found.page_name}")
                elif kind == "script_finished" and msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    if self.sent_at is not None:
                        latency = time.perf_counter() - self.sent_at
                        self.sent_at = None
                        if self.waiter is not None and not self.waiter.done():
                            self.waiter.set_result(latency)
                        else:
                            self.refresh_latencies.append(latency)
                elif kind == "script_finished" and msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    self.other_errors.append("script compile error")
        except Exception as exc:
            self.other_errors.append(f"connection: {type(exc).__name__}: {exc}"[:200])
        finally:
            self.closed = True
            if self.waiter is not None and not self.waiter.done():
                self.waiter.set_exception(ConnectionError("the websocket closed during a run"))

    async def request_run(self, page: str) -> None:
        """Send what the frontend sends to (re)run ``page`` (its URL path; "" is the default page)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        back = BackMsg()
        back.rerun_script.page_name = page
        back.rerun_script.page_script_hash = self.pages.get(page, "")
        back.rerun_script.query_string = ""
        self.sent_at = time.perf_counter()
        self.headings = []
        await self.ws.send(back.SerializeToString())  # type: ignore[union-attr]

    def showed(self, page: str) -> bool:
        """Whether the last run showed ``page``'s title."""
        return any(HEADINGS[page] in heading for heading in self.headings)

    async def run(self, page: str, timeout: float) -> float:
        """Run ``page`` and wait for its script to finish; its duration in seconds."""
        self.waiter = asyncio.get_running_loop().create_future()
        try:
            await self.request_run(page)
            return await asyncio.wait_for(self.waiter, timeout)
        finally:
            self.waiter = None

    async def watch_live(self, until: float, interval: float) -> None:
        """Auto-refresh the Live Dashboard every ``interval`` s until ``until`` (perf_counter), like the browser."""
        await asyncio.sleep(random.uniform(0, interval))
        while time.perf_counter() < until and not self.closed:
            if self.sent_at is not None:
                self.refresh_missed += 1  # the previous refresh had not finished: the browser asks again anyway
            self.refresh_ticks += 1
            await self.request_run("live-dashboard")
            ticked = time.perf_counter()
            # streamlit-autorefresh (debounce on) restarts its timer whenever a run renders it, with the
            # interval that run gave it: the next tick is one interval after the latest render.
            while not self.closed:
                start = self.rendered_at if self.rendered_at > ticked else ticked
                now = time.perf_counter()
                if now >= start + (self.refresh_interval or interval) or now >= until:
                    break
                await asyncio.sleep(0.05)
        # let the last refresh finish (bounded), so it is counted rather than missed
        grace = time.perf_counter() + interval
        while self.sent_at is not None and not self.closed and time.perf_counter() < grace:
            await asyncio.sleep(0.05)
        if self.sent_at is not None:
            self.refresh_missed += 1

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.ws.close(), 10)
        if self.reader is not None:
            self.reader.cancel()
            with contextlib.suppress(BaseException):
                await self.reader


@dataclass
class Level:
    """What one N produced."""

    sessions: int
    first_runs: list[float] = field(default_factory=list)
    page_runs: dict[str, list[float]] = field(default_factory=dict)
    completed: int = 0
    failures: list[str] = field(default_factory=list)
    exceptions: int = 0
    error_boxes: int = 0
    rss_base: float = 0.0
    rss_after: float = 0.0
    rss_hold: float = 0.0
    cpu_open: float = 0.0
    cpu_hold: float = 0.0
    wall_open: float = 0.0
    throttled_share: float = 0.0
    refresh_latencies: list[float] = field(default_factory=list)
    refresh_ticks: int = 0
    refresh_missed: int = 0
    refresh_intervals: list[float] = field(default_factory=list)
    hold_seconds: float = 0.0
    died: str = ""


async def open_session(url: str, level: Level, timeout: float) -> Session | None:
    """Connect, run the Overview (timed from the connect), then each page in PAGES once."""
    session = Session(url)
    start = time.perf_counter()
    try:
        await asyncio.wait_for(session.open(), timeout)
        session.waiter = asyncio.get_running_loop().create_future()
        await session.request_run("")
        session.sent_at = start  # the first run counts from the connect
        await asyncio.wait_for(session.waiter, max(0.1, timeout - (time.perf_counter() - start)))
        level.first_runs.append(time.perf_counter() - start)
        session.waiter = None
        if not session.showed(""):
            raise RuntimeError("the Overview did not show its title")
        for page in PAGES:
            remaining = timeout - (time.perf_counter() - start)
            if remaining <= 0:
                raise TimeoutError
            level.page_runs.setdefault(page, []).append(await session.run(page, remaining))
            if not session.showed(page):
                raise RuntimeError(f"the page {page} did not show its title")
        level.completed += 1
    except TimeoutError:
        level.failures.append("timed out")
    except Exception as exc:
        level.failures.append(f"{type(exc).__name__}: {exc}"[:200])
    return session


async def measure_level(n: int, port: int, pid: int, limit: Limit, budget: float, hold: float) -> Level:
    level = Level(sessions=n)
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    # warm-up: one unmeasured session through every measured page
    warm = Level(sessions=1)
    warm_session = await open_session(url, warm, min(budget, 120))
    if warm_session is not None:
        await warm_session.close()
    if warm.failures:
        raise BenchError(f"the warm-up session failed: {warm.failures[0]}")
    await asyncio.sleep(1)
    level.rss_base = rss_mib(pid)
    cpu0, periods0, throttled0 = cpu_seconds(pid), *limit.throttled()
    start = time.perf_counter()
    open_budget = max(1.0, budget - hold - 2 * REFRESH_SECONDS)
    sessions = await asyncio.gather(*(open_session(url, level, open_budget) for _ in range(n)))
    level.wall_open = time.perf_counter() - start
    level.cpu_open = cpu_seconds(pid) - cpu0
    level.rss_after = rss_mib(pid)
    live = [s for s in sessions if s is not None and not s.closed]
    if hold > 0 and live:
        cpu1 = cpu_seconds(pid)
        hold_start = time.perf_counter()
        until = hold_start + hold
        await asyncio.gather(*(s.watch_live(until, REFRESH_SECONDS) for s in live))
        level.hold_seconds = time.perf_counter() - hold_start
        level.cpu_hold = cpu_seconds(pid) - cpu1
        level.rss_hold = rss_mib(pid)
        for s in live:
            level.refresh_latencies += s.refresh_latencies
            level.refresh_ticks += s.refresh_ticks
            level.refresh_missed += s.refresh_missed
            level.refresh_intervals.append(s.refresh_interval or REFRESH_SECONDS)
    periods1, throttled1 = limit.throttled()
    if periods1 > periods0:
        level.throttled_share = (throttled1 - throttled0) / (periods1 - periods0)
    for s in sessions:
        if s is None:
            continue
        level.exceptions += len(s.exceptions)
        level.error_boxes += len(s.error_boxes)
        level.failures += s.other_errors
        if s.exceptions and len(level.failures) < 50:
            level.failures.append(f"exception shown: {s.exceptions[0]}")
        if s.error_boxes and len(level.failures) < 50:
            level.failures.append(f"error box shown: {s.error_boxes[0]}")
    await asyncio.gather(*(s.close() for s in sessions if s is not None))
    return level


# --- report ------------------------------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def spread(values: list[float], *, with_max: bool = False) -> str:
    """'median / p95 (/ max)' in seconds, or a dash when nothing finished."""
    if not values:
        return "—"
    parts = [statistics.median(values), pct(values, 0.95), *([max(values)] if with_max else [])]
    return " / ".join(f"{value:.2f}" for value in parts)


def describe_machine() -> str:
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    memory = "?"
    with contextlib.suppress(OSError):
        memory = f"{int(Path('/proc/meminfo').read_text().split()[1]) / 1024 / 1024:.1f} GiB"
    return f"`nproc` {os.cpu_count()}, CPU {model}, {memory} RAM, load average at start {load}"


def report(levels: list[Level], limit: Limit, machine: str, hold: float, wall: float) -> str:
    rows = [
        "| sessions | completed | first run median / p95 / max (s) | Live Dashboard median / p95 (s) | "
        "Results median / p95 (s) | exceptions / error boxes | RSS base → after (MiB) | MiB per session | "
        "CPU s (opening) | CPU s per page run | quota throttled |",
        "|---:|---:|---|---|---|---|---|---:|---:|---:|---:|",
    ]
    for lv in levels:
        live, results = lv.page_runs.get("live-dashboard", []), lv.page_runs.get("results", [])
        per_session = (lv.rss_after - lv.rss_base) / lv.sessions
        runs = sum(len(v) for v in lv.page_runs.values()) + len(lv.first_runs)
        per_run = f"{lv.cpu_open / runs:.2f}" if runs else "—"
        rows.append(
            f"| {lv.sessions} | {lv.completed}/{lv.sessions} | {spread(lv.first_runs, with_max=True)} | "
            f"{spread(live)} | {spread(results)} | {lv.exceptions} / {lv.error_boxes} | "
            f"{lv.rss_base:.0f} → {lv.rss_after:.0f} | {per_session:.1f} | {lv.cpu_open:.1f} | {per_run} | "
            f"{lv.throttled_share:.0%} |"
        )
    if hold > 0:
        rows += [
            "",
            f"Then every session watches the Live Dashboard with its auto-refresh (chosen: {REFRESH_SECONDS:.0f} s) "
            f"for {hold:.0f} s:",
            "",
            "| sessions | refreshes asked | finished | abandoned (next tick came first) | refresh median / p95 (s) | "
            "interval at the end, median / max (s) | CPU used (share of one vCPU) | RSS after (MiB) |",
            "|---:|---:|---:|---:|---|---|---:|---:|",
        ]
        for lv in levels:
            if not lv.hold_seconds:
                rows.append(f"| {lv.sessions} | - | - | - | - | - | - | - |")
                continue
            share = lv.cpu_hold / lv.hold_seconds
            rows.append(
                f"| {lv.sessions} | {lv.refresh_ticks} | {len(lv.refresh_latencies)} | {lv.refresh_missed} | "
                f"{spread(lv.refresh_latencies)} | "
                f"{statistics.median(lv.refresh_intervals):.0f} / {max(lv.refresh_intervals):.0f} | "
                f"{share:.2f} | {lv.rss_hold:.0f} |"
            )
    steady = [lv for lv in levels if lv.hold_seconds and lv.refresh_ticks and not lv.refresh_missed]
    if steady:
        big = max(steady, key=lambda lv: lv.sessions)
        per_refresh = big.cpu_hold / len(big.refresh_latencies)
        users = CPU_QUOTA / per_refresh * REFRESH_SECONDS
        rows += [
            "",
            f"Estimate from the largest row whose refreshes all finished ({big.sessions} sessions): a Live Dashboard "
            f"refresh costs {per_refresh:.3f} CPU s, so one task's {CPU_QUOTA} vCPU keeps up with about {users:.0f} "
            f"users refreshing every {REFRESH_SECONDS:.0f} s at 100% CPU (opening a page costs more: see "
            f"'CPU s per page run').",
        ]
    notes = []
    for lv in levels:
        if lv.died:
            notes.append(f"- {lv.sessions} sessions: {lv.died}")
        if lv.failures:
            distinct = sorted(set(lv.failures))
            notes.append(f"- {lv.sessions} sessions: {len(lv.failures)} problems, e.g. " + "; ".join(distinct[:3]))
    method = (
        f"\nMethod: one dashboard process (`serve.py`, as the task runs it) limited by {limit.description}, "
        f"a fresh process per row, one unmeasured warm-up session first; the stand-in API in its own process "
        f"(unlimited). N websocket sessions speaking Streamlit's protocol (no browsers) start together; each opens "
        f"the Overview (first run, timed from the connect), then Live Dashboard and Results once each, and stays "
        f"connected. RSS is the dashboard process's after all N ran; CPU s is the process's user+system time while "
        f"they opened; 'quota throttled' is the share of 100 ms CFS periods in which the quota ran out. "
        f"All sessions are one organizer, so they share its API caches: a lower bound for distinct users. "
        f"Machine: {machine}. Total wall time {wall:.0f} s."
    )
    return "\n".join([*rows, *(["", *notes] if notes else []), method])


# --- main --------------------------------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/capacity.py", description=(__doc__ or "").splitlines()[0], add_help=True
    )
    parser.add_argument("--sessions", default="10,25,50,100", help="comma-separated session counts")
    parser.add_argument("--hold-seconds", type=float, default=30.0, help="Live Dashboard watch time per row (0: skip)")
    parser.add_argument("--timeout-seconds", type=float, default=1500.0, help="wall-time budget of the whole run")

    def fail(message: str) -> None:
        print(
            f"capacity: {message}; usage: bench/capacity.py [--sessions 10,25] [--hold-seconds S] "
            "[--timeout-seconds S]",
            file=sys.stderr,
        )
        raise SystemExit(2)

    parser.error = fail  # type: ignore[method-assign]
    args = parser.parse_args(argv)
    try:
        counts = [int(part) for part in args.sessions.split(",") if part.strip()]
    except ValueError:
        fail(f"--sessions '{args.sessions}' is not a comma-separated list of whole numbers")
    if not counts or any(not 1 <= n <= MAX_SESSIONS for n in counts):
        fail(f"--sessions '{args.sessions}' must list numbers from 1 to {MAX_SESSIONS}")
    if not 0 <= args.hold_seconds <= 600:
        fail(f"--hold-seconds {args.hold_seconds:g} must be between 0 and 600")
    if not 30 <= args.timeout_seconds <= 7200:
        fail(f"--timeout-seconds {args.timeout_seconds:g} must be between 30 and 7200")
    args.counts = counts
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if not PYTHON.exists():
        print(f"capacity: {PYTHON} is missing; run `npm run test:all` or create .venv first", file=sys.stderr)
        return 2
    machine = describe_machine()
    started = time.monotonic()
    deadline = started + args.timeout_seconds
    logs = Path(tempfile.mkdtemp(prefix="vibejudge-capacity-"))
    limit = make_limit(f"vibejudge-capacity-{os.getpid()}")
    print(f"capacity: dashboard limited by {limit.description}; logs in {logs}", file=sys.stderr)
    api: subprocess.Popen[bytes] | None = None
    levels: list[Level] = []
    try:
        api, api_url = start_api(logs / "api.log")
        for n in args.counts:
            remaining = deadline - time.monotonic()
            if remaining < 20:
                print(f"capacity: skipping {n} sessions: the --timeout-seconds budget is spent", file=sys.stderr)
                break
            print(f"capacity: {n} sessions ...", file=sys.stderr)
            dashboard = None
            try:
                dashboard, port = start_dashboard(api_url, limit, logs / f"dashboard-{n}.log")
                pid = dashboard_pid(dashboard)
                budget = deadline - time.monotonic() - 5
                hold = min(args.hold_seconds, max(0.0, budget / 3))
                level = asyncio.run(
                    asyncio.wait_for(measure_level(n, port, pid, limit, budget, hold), budget + 2 * REFRESH_SECONDS)
                )
                if dashboard.poll() is not None:
                    level.died = f"the dashboard process exited ({dashboard.returncode}), e.g. out of memory"
                levels.append(level)
            except TimeoutError:
                levels.append(Level(sessions=n, died="the row did not finish within the --timeout-seconds budget"))
            finally:
                stop(dashboard)
            print(f"capacity: {n} sessions done ({time.monotonic() - started:.0f} s)", file=sys.stderr)
    except BenchError as exc:
        print(f"capacity: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("capacity: interrupted", file=sys.stderr)
        return 130
    finally:
        stop(api)
        limit.remove()
    if not levels:
        print("capacity: no row was measured", file=sys.stderr)
        return 1
    print(report(levels, limit, machine, args.hold_seconds, time.monotonic() - started))
    ok = all(lv.completed == lv.sessions and not lv.exceptions and not lv.died for lv in levels)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
