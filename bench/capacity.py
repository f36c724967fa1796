"""Capacity of ONE dashboard task: how many organizers can watch the Live Dashboard at once.

For each N a fresh dashboard process is started the way the task starts it (``serve.py`` from the app's
folder), confined like a Fargate task of 0.5 vCPU and 1 GiB, against the stand-in API (its own process, not
confined: it plays the remote VibeJudge API). N viewers then open the dashboard, sign in through the sign-in
form, click "Live Dashboard" in the sidebar and watch it refresh for ``--hold-seconds``.

**Viewers are browser tabs without a browser** (``bench/streamlit_client.py``): one websocket each, speaking
Streamlit's protocol with the protobuf classes of the installed ``streamlit`` package, following the shipped
frontend's rules (page hashes from the ``navigation`` message, widget states, the message cache, and the
auto-refresh timers: a fragment's ``setInterval`` that is not restarted by its own runs, or the
streamlit-autorefresh component's, which restarts only when its interval changes). ``bench/protocol_check.py`` compares
one such tab with one real headless Chromium tab on the same flow (BENCHMARKS.md states the result).

**Scenarios** (``KEYS/ARRIVAL``). ``distinct``: every viewer is its own organizer (registered on the stand-in before the
row, each with one active hackathon of 10 submissions and a running analysis), so nothing is shared between
viewers; ``shared``: every viewer signs in with the demo organizer's key, so per-key shared reads
help. ``spread``: viewers arrive one after another over ``--ramp-seconds``; ``together``: all N
open the dashboard in the same second (the sign-in storm after a task is replaced: its sessions are gone);
``reconnect``: viewers arrive spread, then every websocket drops and reconnects at the same moment (a load
balancer or network blip): each tab resumes its session with a full rerun, and every auto-refresh timer
restarts in the same second. The stand-in gives every key the ``enterprise`` tier (999,999 requests a day,
100 a second) when it has tiers, so the 5 s refresh is never stretched to save quota.

**What counts.** A refresh is one timer tick. It is delivered by the first run that started after the tick
and finished (FINISHED_FRAGMENT_RUN_SUCCESSFULLY or FINISHED_SUCCESSFULLY); a run that ends
FINISHED_EARLY_FOR_RERUN delivered nothing of its own, so its refresh is superseded and waits for the next
run (unless that next run is of another fragment: then the server only rewrote the status of a run that had
finished, see ``streamlit_client.Tab._settle_cut``). **Abandoned**: a refresh one of whose runs was superseded (before fragments: the next tick's full-app
rerun interrupted it); a run the page itself cuts short with ``st.rerun`` (to take a new interval) is counted
apart, as "rerun by the page". **Not delivered**: still waiting ``GRACE_SECONDS`` after the hold. **Merged**:
delivered by a run that delivered more than one tick (the server coalesces a tab's queued fragment ticks).
A row **holds** when
every viewer got its page, refresh p95 < 2 s, no refresh was abandoned or not delivered, and no exception or
error box was drawn. The first line of the report is the largest N that held in every scenario measured at that
N, leaving out ``--transient`` scenarios: a mass reconnect is a storm of full reruns (every tab resumes with
one), reported by when every page was back and by the refreshes after that. Also measured: CPU seconds of the dashboard process per delivered refresh, RSS per viewer,
``/_stcore/health`` latency (polled every second during the hold), the generator's own CPU.

**How the task is limited.** ``systemd-run --scope -p CPUQuota=50% -p MemoryMax=1G`` when systemd runs the
machine; otherwise a cgroup made directly (v1: ``cpu.cfs_quota_us`` 50000 per 100000 us and
``memory.limit_in_bytes`` 1 GiB; v2: ``cpu.max`` and ``memory.max``): the same kernel mechanism (CFS quota)
that limits a 0.5 vCPU Fargate task; otherwise unconstrained, and the output says so. The limit covers the
dashboard process only, not the generator or the API.

Traffic goes only to 127.0.0.1; every loop is bounded in count and every wait by ``--timeout-seconds``.
Usage: .venv/bin/python bench/capacity.py [--sessions 50,100,200] [--scenarios distinct/spread,...]
       [--at-capacity shared/spread,distinct/reconnect] [--hold-seconds 60] [--soak-minutes 30]
       [--app-ref COMMIT] [--json FILE]  (--help lists every option)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from streamlit_client import ProtocolError, Tab, http_get  # noqa: E402

from standin_api import DEMO_API_KEY  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
APP_DIR = ROOT / "streamlit_ui"
CPU_QUOTA = 0.5  # vCPU of one task
MEMORY_BYTES = 1 << 30  # 1 GiB of one task
MAX_SESSIONS = 800
LIVE_PAGE = "live-dashboard"
LIVE_HEADING = "Live Dashboard"
SIGN_IN_BUTTON = "Sign in with API key"
SIGN_IN_FIELD = "API key"
TIER = "enterprise"  # the tier with room for a 5 s refresh (contract §1.6: 999,999 requests a day)
P95_LIMIT_SECONDS = 2.0
GRACE_SECONDS = 20.0  # after the hold, how long a refresh asked for may still take to count as delivered
STALLED_SECONDS = 10.0  # past capacity, a refresh later than this counts as stalled rather than slow
ARRIVAL_SECONDS = 240.0  # after the last viewer set off, how long the arrivals may still take
HEALTH_EVERY_SECONDS = 1.0
HEALTH_TIMEOUT_SECONDS = 10.0
SUBMISSIONS_PER_HACKATHON = 10  # below 16, where the API's budget middleware refuses every /analyze path
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
        prefix = ["systemd-run", "--scope", "--quiet", "-p", "CPUQuota=50%", "-p", "MemoryMax=1G"]
        probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=30, check=False)
        if probe.returncode == 0:
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


# --- the stand-in API and the organizers -------------------------------------------------------------------


@dataclass
class Api:
    process: subprocess.Popen[bytes]
    base_url: str
    origin: str
    tiers: bool  # whether this stand-in has tiers and quotas (the faithful one) or none at all (the old one)


def _call(method: str, url: str, body: dict[str, Any] | None = None, key: str = "") -> tuple[int, Any]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode() if body is not None else None,
        method=method,
        headers={"Content-Type": "application/json", **({"X-API-Key": key} if key else {})},
    )
    try:
        with LOOPBACK.open(request, timeout=30) as answer:
            raw = answer.read()
            return answer.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as err:
        raw = err.read()
        try:
            return err.code, json.loads(raw)
        except ValueError:
            return err.code, raw.decode(errors="replace")[:200]


def start_api(log: Path, latency_ms: int) -> Api:
    """The stand-in API on a free port; analysis jobs stay running for the whole run (600 s per submission)."""
    handle = log.open("wb")
    command = [str(PYTHON), "-m", "standin_api", "--port", "0", "--seconds-per-submission", "600"]
    if latency_ms:
        command += ["--latency-ms", str(latency_ms)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        match = re.search(r"listening on (http://\S+/api/v1)", log.read_text(errors="replace"))
        if match:
            base = match.group(1)
            origin = base.rsplit("/api/v1", 1)[0]
            status, switches = _call("GET", f"{origin}/__admin/faults")
            tiers = status == 200 and isinstance(switches, dict) and "default_tier" in switches
            api = Api(process, base, origin, tiers)
            if tiers:
                status, answer = _call("POST", f"{origin}/__admin/faults", {"default_tier": TIER})
                if status != 200:
                    raise BenchError(f"the stand-in refused default_tier={TIER}: {answer}")
                give_room(api, DEMO_API_KEY)
            return api
        if process.poll() is not None:
            break
        time.sleep(0.1)
    stop(process)
    raise BenchError(f"the stand-in API did not start within 30 s; see {log}")


def give_room(api: Api, key: str) -> None:
    """Put ``key`` on the tier with room (a stand-in without tiers has no quota to begin with)."""
    if not api.tiers:
        return
    status, answer = _call("POST", f"{api.origin}/__admin/tier", {"api_key": key, "tier": TIER})
    if status != 200:
        raise BenchError(f"the stand-in refused tier {TIER} for a key: {answer}")


def _provision(api: Api, index: int) -> str:
    """Register organizer ``index`` with one active hackathon, 10 submissions and a running analysis."""
    sys.path.insert(0, str(APP_DIR))
    from components.validators import HackathonForm, hackathon_payload

    email = f"bench-{index:04d}@vibejudge.example"
    status, body = _call(
        "POST",
        f"{api.base_url}/organizers",
        {
            "email": email,
            "name": f"Bench Organizer {index}",
            "organization": "Capacity bench",
            "password": "bench-pw-1",
        },
    )
    if status != 201:
        raise BenchError(f"registering {email} answered {status}: {body}")
    key = body["api_key"]
    give_room(api, key)
    form = HackathonForm(
        name=f"Bench Hackathon {index}",
        description="A hackathon the capacity bench watches.",
        start_date=None,
        end_date=None,
        budget_usd=100.0,
        agents={"bug_hunter": 0.25, "performance": 0.25, "innovation": 0.25, "ai_detection": 0.25},
    )
    status, hackathon = _call("POST", f"{api.base_url}/hackathons", hackathon_payload(form), key=key)
    if status not in (200, 201):
        raise BenchError(f"creating a hackathon for {email} answered {status}: {hackathon}")
    hack_id = hackathon["hack_id"]
    submissions = [
        {"team_name": f"Team {index}-{n}", "repo_url": f"https://github.com/bench-{index}/project-{n}"}
        for n in range(SUBMISSIONS_PER_HACKATHON)
    ]
    for path, body in [
        (f"/hackathons/{hack_id}/activate", {}),
        (f"/hackathons/{hack_id}/submissions", {"submissions": submissions}),
        (f"/hackathons/{hack_id}/analyze", {}),
    ]:
        status, answer = _call("POST", f"{api.base_url}{path}", body, key=key)
        if status not in (200, 201, 202):
            raise BenchError(f"POST {path} for {email} answered {status}: {answer}")
    return key


def provision(api: Api, count: int) -> list[str]:
    """``count`` organizers' keys (a few threads; only the stand-in on 127.0.0.1 is called)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda i: _provision(api, i), range(count)))


# --- the app under test --------------------------------------------------------------------------------------


@contextlib.contextmanager
def app_folder(app_dir: Path | None, app_ref: str | None) -> Iterator[tuple[Path, str]]:
    """The app folder to serve and how to name it: the working tree's, another folder, or a commit's."""
    if app_ref is None:
        folder = (app_dir or APP_DIR).resolve()
        yield folder, "working tree" if folder == APP_DIR else str(folder)
        return
    commit = subprocess.run(
        ["git", "rev-parse", "--short", f"{app_ref}^{{commit}}"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if commit.returncode != 0:
        raise BenchError(f"--app-ref {app_ref} is not a commit of this repository")
    with tempfile.TemporaryDirectory(prefix="vibejudge-capacity-app-") as temp:
        archive = Path(temp) / "app.tar"
        with archive.open("wb") as handle:
            subprocess.run(["git", "archive", app_ref, "streamlit_ui"], cwd=ROOT, stdout=handle, check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(temp, filter="data")
        yield Path(temp) / "streamlit_ui", f"commit {commit.stdout.strip()}"


def start_dashboard(
    app: Path, api_url: str, limit: Limit, log: Path, extra_args: list[str]
) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    environ = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DASHBOARD_AUTOLOGIN", "STREAMLIT_")) or name == "STREAMLIT_BROWSER_GATHER_USAGE_STATS"
    }
    environ.update({"API_BASE_URL": api_url, "PYTHONUNBUFFERED": "1"})
    command = [
        *limit.prefix,
        str(PYTHON),
        "serve.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        *extra_args,
    ]
    join: Callable[[], None] | None = limit.join if limit.procs_files else None
    process = subprocess.Popen(
        command,
        cwd=app,
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


# --- one row: N viewers ----------------------------------------------------------------------------------------


@dataclass
class Scenario:
    keys: str  # distinct | shared
    arrival: str  # spread | together | reconnect

    @property
    def name(self) -> str:
        return f"{self.keys} keys, {self.arrival}"


@dataclass
class Row:
    """What one N produced (every duration in seconds)."""

    sessions: int
    scenario: str
    opened: int = 0
    failures: list[str] = field(default_factory=list)
    arrival_seconds: float = 0.0
    page_runs: list[float] = field(default_factory=list)  # the Live page's first full run after the click
    sign_in_runs: list[float] = field(default_factory=list)
    reconnect_runs: list[float] = field(default_factory=list)
    transient: bool = False  # measured for its recovery, not counted in the headline (a mass reconnect)
    settled: list[float] = field(default_factory=list)  # latencies of refreshes asked after every page was back
    exceptions: int = 0
    error_boxes: int = 0
    ticks: int = 0
    delivered: int = 0
    abandoned: int = 0
    rerun_by_app: int = 0  # refreshes whose run the page itself cut short with st.rerun (then delivered)
    undelivered: int = 0
    merged: int = 0  # delivered by a run that delivered more than one tick
    latencies: list[float] = field(default_factory=list)
    runs_superseded: int = 0
    intervals: list[float] = field(default_factory=list)  # the auto-refresh intervals the timers ended with
    hold_seconds: float = 0.0
    cpu_hold: float = 0.0
    cpu_arrival: float = 0.0
    generator_cpu: float = 0.0
    api_cpu: float = 0.0
    throttled_share: float = 0.0
    rss_base: float = 0.0
    rss_arrived: float = 0.0
    rss_end: float = 0.0
    rss_samples: list[tuple[float, float]] = field(default_factory=list)  # (seconds into the hold, MiB)
    window_p95: list[tuple[float, float, int]] = field(default_factory=list)  # (minute end, p95, delivered)
    health: list[float] = field(default_factory=list)
    health_failures: int = 0
    died: str = ""

    @property
    def p95(self) -> float:
        return pct(self.latencies, 0.95)

    @property
    def held(self) -> bool:
        return (
            not self.died
            and self.opened == self.sessions
            and self.ticks > 0
            and self.abandoned == 0
            and self.undelivered == 0
            and self.exceptions == 0
            and self.error_boxes == 0
            and self.p95 < P95_LIMIT_SECONDS
        )

    @property
    def cpu_per_refresh(self) -> float:
        return self.cpu_hold / self.delivered if self.delivered else float("nan")


async def arrive(tab: Tab, key: str, row: Row, timeout: float) -> bool:
    """Open the dashboard, sign in through the form, click Live Dashboard: what one organizer does."""
    try:
        run = await tab.open("", timeout)
        if SIGN_IN_BUTTON in {w.label for w in tab.widgets.values() if w.is_form_submitter}:
            started = time.perf_counter()
            await tab.submit_form(SIGN_IN_BUTTON, {SIGN_IN_FIELD: key}, timeout)
            row.sign_in_runs.append(time.perf_counter() - started)
        if LIVE_PAGE not in tab.pages:
            raise ProtocolError("the sidebar has no Live Dashboard after signing in")
        started = time.perf_counter()
        run = await tab.goto(LIVE_PAGE, timeout)
        row.page_runs.append(time.perf_counter() - started)
        if not tab.showed(LIVE_HEADING):
            raise ProtocolError(f"the Live Dashboard did not show its title (run {run.status})")
        return True
    except TimeoutError:
        row.failures.append("a viewer's page did not finish within the time budget")
    except (ProtocolError, OSError) as exc:
        row.failures.append(f"{type(exc).__name__}: {exc}"[:200])
    except Exception as exc:  # a websocket library error: one sentence, the row goes on
        row.failures.append(f"{type(exc).__name__}: {exc}"[:200])
    return False


def why_undelivered(tab: Tab, tick: Any) -> str:
    """One clause on where a refresh that never came got stuck."""
    kind = "a fragment tick" if tick.fragment_id else "a full-app rerun"
    if tick in tab.pending:
        later = [
            f"{'fragment ' + ','.join(f[:6] for f in r.fragment_ids) if r.fragment_ids else 'full'} {r.status}"
            for r in tab.runs
            if r.started > tick.sent
        ]
        timers = ",".join(key[:6] for key in tab.fragment_timers)
        return (
            f"{kind} of fragment {tick.fragment_id[:6]} after which no run covering it started; runs after it: "
            f"{'; '.join(later[:6]) or 'none'}; timers now: {timers or 'none'}"
        )
    run = next((r for r in tab.runs if tick in r.ticks), None)
    if run is not None and run.ended is None:
        return f"{kind} whose run started but never finished (the tab was {'closed' if tab.closed else 'open'})"
    return f"{kind} (superseded {tick.superseded}x, rerun by the page {tick.rerun_by_app}x)"


async def poll_health(origin: str, until: float, row: Row) -> None:
    """GET /_stcore/health every second until ``until`` (the load balancer's health check, more often)."""
    for _ in range(int((until - time.perf_counter()) / HEALTH_EVERY_SECONDS) + 1):
        started = time.perf_counter()
        if started >= until:
            return
        try:
            status, _, _ = await http_get(origin, "/_stcore/health", HEALTH_TIMEOUT_SECONDS)
            if status == 200:
                row.health.append(time.perf_counter() - started)
            else:
                row.health_failures += 1
        except (OSError, TimeoutError):
            row.health_failures += 1
        await asyncio.sleep(max(0.0, started + HEALTH_EVERY_SECONDS - time.perf_counter()))


async def sample_rss(pid: int, start: float, until: float, every: float, row: Row) -> None:
    for n in range(1, int((until - start) / every) + 1):
        await asyncio.sleep(max(0.0, start + n * every - time.perf_counter()))
        row.rss_samples.append((n * every, rss_mib(pid)))


async def measure_row(
    n: int,
    scenario: Scenario,
    keys: list[str],
    warm_key: str,
    origin: str,
    pid: int,
    limit: Limit,
    api_pid: int,
    *,
    ramp: float,
    hold: float,
    sample_every: float,
    budget: float,
) -> Row:
    row = Row(sessions=n, scenario=scenario.name)
    deadline = time.perf_counter() + budget
    # one unmeasured viewer first: imports, script compilation, as on any server that has been up a while
    warm = Tab(origin)
    warm_row = Row(sessions=1, scenario="warm-up")
    if not await arrive(warm, warm_key, warm_row, min(120.0, budget)):
        raise BenchError(f"the warm-up viewer failed: {warm_row.failures[0]}")
    await warm.close()
    await asyncio.sleep(1)
    row.rss_base = rss_mib(pid)
    cpu0, periods0, throttled0 = cpu_seconds(pid), *limit.throttled()
    tabs = [Tab(origin) for _ in range(n)]
    for tab in tabs:
        tab.timer_deadline = deadline
    start = time.perf_counter()
    # a viewer not in within ramp + ARRIVAL_SECONDS counts as not opened (past capacity arrivals can take long)
    arrival_budget = max(10.0, min(ramp + ARRIVAL_SECONDS, deadline - start - hold - GRACE_SECONDS))

    async def one(index: int, tab: Tab) -> bool:
        if scenario.arrival != "together":
            await asyncio.sleep(index * ramp / n)
        return await arrive(tab, keys[index % len(keys)], row, max(1.0, start + arrival_budget - time.perf_counter()))

    results = await asyncio.gather(*(one(i, tab) for i, tab in enumerate(tabs)))
    row.opened = sum(results)
    row.arrival_seconds = time.perf_counter() - start
    row.cpu_arrival = cpu_seconds(pid) - cpu0
    row.rss_arrived = rss_mib(pid)
    live = [tab for tab, ok in zip(tabs, results, strict=True) if ok]
    if live and hold > 0:
        if scenario.arrival == "reconnect":
            await asyncio.gather(*(tab.drop() for tab in live))

            async def back(tab: Tab) -> None:
                started = time.perf_counter()
                try:
                    await tab.resume(max(1.0, deadline - started - hold))
                    row.reconnect_runs.append(time.perf_counter() - started)
                except (TimeoutError, ProtocolError, OSError) as exc:
                    row.failures.append(f"reconnect: {type(exc).__name__}: {exc}"[:200])

            hold_start = time.perf_counter()
            reconnecting = asyncio.gather(*(back(tab) for tab in live))
        else:
            hold_start = time.perf_counter()
            reconnecting = None
        hold_end = hold_start + hold
        for tab in live:
            tab.timer_deadline = hold_end
        cpu1, api1, generator1 = cpu_seconds(pid), cpu_seconds(api_pid), time.process_time()
        await asyncio.gather(
            poll_health(origin, hold_end, row),
            sample_rss(pid, hold_start, hold_end, sample_every, row),
            *([reconnecting] if reconnecting is not None else []),
        )
        await asyncio.sleep(max(0.0, hold_end - time.perf_counter()))
        row.hold_seconds = time.perf_counter() - hold_start
        row.cpu_hold = cpu_seconds(pid) - cpu1
        row.api_cpu = cpu_seconds(api_pid) - api1
        row.generator_cpu = time.process_time() - generator1
        # what was asked for during the hold may still finish within the grace period (bounded)
        watched = [tick for tab in live for tick in tab.ticks if hold_start <= tick.sent < hold_end]
        grace_end = min(deadline, time.perf_counter() + GRACE_SECONDS)
        while any(t.delivered is None for t in watched) and time.perf_counter() < grace_end:
            await asyncio.sleep(0.1)
        row.ticks = len(watched)
        row.delivered = sum(t.delivered is not None for t in watched)
        row.undelivered = row.ticks - row.delivered
        row.abandoned = sum(t.superseded > 0 for t in watched)
        row.rerun_by_app = sum(t.rerun_by_app > 0 for t in watched)
        row.merged = sum(t.shared > 1 for t in watched if t.delivered is not None)
        row.latencies = [t.delivered - t.sent for t in watched if t.delivered is not None]
        if row.reconnect_runs:
            back_at = hold_start + max(row.reconnect_runs)
            row.settled = [t.delivered - t.sent for t in watched if t.delivered is not None and t.sent >= back_at]
        row.runs_superseded = sum(
            status == "superseded" and started >= hold_start for tab in live for started, status in tab.run_log
        )
        for tab in live:
            for tick in tab.ticks:
                if hold_start <= tick.sent < hold_end and tick.delivered is None and len(row.failures) < 50:
                    row.failures.append(f"not delivered: {why_undelivered(tab, tick)}")
        minute = 60.0
        for k in range(1, int(hold / minute) + 1):
            window = [
                t.delivered - t.sent
                for t in watched
                if t.delivered and (k - 1) * minute <= t.sent - hold_start < k * minute
            ]
            row.window_p95.append((k * minute, pct(window, 0.95), len(window)))
        for tab in live:
            row.intervals += [interval for interval, _ in tab.fragment_timers.values()]
            row.intervals += [e[3] for e in tab.timer_log[-1:] if e[1] == "started" and e[2] == "component"]
    periods1, throttled1 = limit.throttled()
    if periods1 > periods0:
        row.throttled_share = (throttled1 - throttled0) / (periods1 - periods0)
    row.rss_end = rss_mib(pid)
    for tab in tabs:
        row.exceptions += len(tab.exceptions)
        row.error_boxes += len(tab.error_boxes)
        if tab.exceptions and len(row.failures) < 50:
            row.failures.append(f"exception shown: {tab.exceptions[0]}")
        if tab.error_boxes and len(row.failures) < 50:
            row.failures.append(f"error box shown: {tab.error_boxes[0]}")
        row.failures += [f"page not found: '{name}'" for name in tab.pages_not_found[:1]]
        row.failures += tab.problems[:1]
    await asyncio.gather(*(tab.close() for tab in tabs))
    return row


# --- report ------------------------------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def spread(values: list[float], *, with_max: bool = True) -> str:
    """'median / p95 / max' in seconds, or a dash when nothing finished."""
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


def table(rows: list[Row]) -> list[str]:
    """Two tables: what the viewers got, and what it cost the task."""
    got = [
        "| scenario | viewers | held | opened | refreshes asked / delivered | refresh median / p95 / max (s) | "
        "abandoned / not delivered / merged / rerun by the page | `/_stcore/health` median / p95 / max (s) |",
        "|---|---:|:---:|---:|---|---|---|---|",
    ]
    cost = [
        "| scenario | viewers | CPU s per refresh | CPU used (of one vCPU; the task has 0.5) | quota periods throttled | "
        "RSS after warm-up → all watching → end (MiB) | MiB per viewer | all viewers in after (s) | "
        "their Live page's run median / p95 (s) | load generator's CPU (of one core) |",
        "|---|---:|---:|---:|---:|---|---:|---:|---|---:|",
    ]
    for row in rows:
        if row.died:
            got.append(f"| {row.scenario} | {row.sessions} | no | {row.opened}/{row.sessions} | {row.died} | | | |")
            continue
        health = spread(row.health) + (f" ({row.health_failures} failed)" if row.health_failures else "")
        got.append(
            f"| {row.scenario} | {row.sessions} | {'**yes**' if row.held else 'no'} | {row.opened}/{row.sessions} | "
            f"{row.ticks} / {row.delivered} | {spread(row.latencies)} | "
            f"{row.abandoned} / {row.undelivered} / {row.merged} / {row.rerun_by_app} | {health} |"
        )
        hold = row.hold_seconds or float("nan")
        cost.append(
            f"| {row.scenario} | {row.sessions} | {row.cpu_per_refresh:.4f} | {row.cpu_hold / hold:.2f} | "
            f"{row.throttled_share:.0%} | {row.rss_base:.0f} → {row.rss_arrived:.0f} → {row.rss_end:.0f} | "
            f"{(row.rss_arrived - row.rss_base) / row.sessions:.2f} | {row.arrival_seconds:.0f} | "
            f"{spread(row.page_runs, with_max=False)} | {row.generator_cpu / hold:.2f} |"
        )
    return [*got, "", *cost]


def soak_table(row: Row) -> list[str]:
    lines = [
        f"Soak: {row.sessions} viewers ({row.scenario}) for {row.hold_seconds / 60:.0f} min, RSS of the dashboard "
        "process sampled every minute:",
        "",
        "| minute | RSS (MiB) | refresh p95 in that minute (s) | refreshes delivered in that minute |",
        "|---:|---:|---:|---:|",
    ]
    p95s = {round(end): (p95, count) for end, p95, count in row.window_p95}
    for seconds, mib in row.rss_samples:
        p95, count = p95s.get(round(seconds), (float("nan"), 0))
        lines.append(f"| {seconds / 60:.0f} | {mib:.0f} | {p95:.2f} | {count} |")
    return lines


def notes(rows: list[Row]) -> list[str]:
    out = []
    for row in rows:
        if row.failures:
            distinct = sorted(set(row.failures))
            out.append(
                f"- {row.scenario}, {row.sessions} viewers: {len(row.failures)} problems, e.g. "
                + "; ".join(distinct[:3])
            )
        if row.hold_seconds and row.generator_cpu / row.hold_seconds > 0.8:
            out.append(
                f"- {row.scenario}, {row.sessions} viewers: the load generator itself used "
                f"{row.generator_cpu / row.hold_seconds:.0%} of a core, so its latencies may be overstated."
            )
        if row.ticks and not row.held and not row.died:
            prompt = sum(latency <= STALLED_SECONDS for latency in row.latencies)
            if not row.delivered:
                verdict = "no refresh finished at all (livelock)"
            elif prompt >= row.ticks / 2:
                verdict = "slower, not stopped"
            else:
                verdict = (
                    "most refreshes stalled: they were delivered only when the watch ended and the ticks stopped "
                    "(a run's elements are dropped when the next run of the same fragment starts before the "
                    "server has sent them, so a session whose runs follow each other sees none)"
                )
            out.append(
                f"- {row.scenario}, {row.sessions} viewers (past capacity): {row.delivered} of {row.ticks} refreshes "
                f"finished, {prompt} of them within {STALLED_SECONDS:.0f} s"
                + (f", median {statistics.median(row.latencies):.1f} s, p95 {row.p95:.1f} s" if row.latencies else "")
                + f": {verdict}."
            )
        if row.reconnect_runs:
            out.append(
                f"- {row.scenario}, {row.sessions} viewers: after every websocket dropped at once, every page was back "
                f"after {max(row.reconnect_runs):.1f} s (each tab's resume, a full rerun of the page: "
                f"{spread(row.reconnect_runs)} s median / p95 / max); the refreshes asked for after that: "
                f"{len(row.settled)}, p95 {pct(row.settled, 0.95):.2f} s"
                + (" (not counted in the headline: a transient, measured for its recovery)" if row.transient else "")
                + "."
            )
    return out


def headline(rows: list[Row]) -> int:
    """The largest N that held in every scenario measured at that N (0 when none held); transient rows aside."""
    by_n: dict[int, list[Row]] = {}
    for row in rows:
        if row.transient:
            continue
        by_n.setdefault(row.sessions, []).append(row)
    held = [n for n, group in by_n.items() if all(r.held for r in group)]
    return max(held, default=0)


def by_scenario(rows: list[Row]) -> str:
    """'largest N that held, by scenario: distinct keys, spread: 100; ...' (none: not at any N measured)."""
    names = list(dict.fromkeys(row.scenario for row in rows))
    parts = []
    for name in names:
        held = [row.sessions for row in rows if row.scenario == name and row.held]
        transient = all(row.transient for row in rows if row.scenario == name)
        parts.append(f"{name}: {max(held) if held else 'none'}" + (" (a transient: see its note)" if transient else ""))
    return "Largest N that held, by scenario: " + "; ".join(parts) + "."


# --- main --------------------------------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/capacity.py", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sessions", default="100,200,300,400,600", help="comma-separated viewer counts")
    parser.add_argument(
        "--scenarios",
        default="distinct/spread",
        help="comma-separated KEYS/ARRIVAL pairs, KEYS distinct|shared, ARRIVAL spread|together|reconnect",
    )
    parser.add_argument(
        "--at-capacity",
        default="",
        help="scenarios to measure at the capacity the --scenarios sweep found (stepping down while they do not hold)",
    )
    parser.add_argument(
        "--transient",
        default="",
        help="scenarios measured once at the headline's N for their recovery, not counted in the headline "
        "(e.g. distinct/reconnect)",
    )
    parser.add_argument("--ramp-seconds", type=float, default=60.0, help="spread arrival: over how long")
    parser.add_argument("--hold-seconds", type=float, default=60.0, help="how long every viewer watches")
    parser.add_argument("--soak-minutes", type=float, default=0.0, help="instead: one soak row at the first N")
    parser.add_argument("--sample-seconds", type=float, default=60.0, help="RSS sampling period during the hold")
    parser.add_argument("--stop-after", type=int, default=2, help="per scenario, stop after this many rows that failed")
    parser.add_argument("--app-dir", type=Path, help="serve this app folder instead of streamlit_ui/")
    parser.add_argument("--app-ref", help="serve streamlit_ui/ as of this commit (e.g. the code before a change)")
    parser.add_argument("--streamlit-arg", action="append", default=[], help="extra serve.py argument (repeatable)")
    parser.add_argument("--api-latency-ms", type=int, default=0, help="the stand-in's answer delay")
    parser.add_argument("--json", type=Path, help="also write every row as JSON here")
    parser.add_argument(
        "--headline", default="live viewers per task", help="the words before ': N' on the report's first line"
    )
    parser.add_argument("--timeout-seconds", type=float, default=3600.0, help="wall-time budget of the whole run")

    def fail(message: str) -> None:
        print(f"capacity: {message}; see bench/capacity.py --help", file=sys.stderr)
        raise SystemExit(2)

    parser.error = fail  # type: ignore[method-assign]
    args = parser.parse_args(argv)
    try:
        args.counts = [int(part) for part in args.sessions.split(",") if part.strip()]
    except ValueError:
        fail(f"--sessions '{args.sessions}' is not a comma-separated list of whole numbers")
    if not args.counts or any(not 1 <= n <= MAX_SESSIONS for n in args.counts):
        fail(f"--sessions '{args.sessions}' must list numbers from 1 to {MAX_SESSIONS}")

    def scenarios(option: str, text: str) -> list[Scenario]:
        found = []
        for part in filter(None, (p.strip() for p in text.split(","))):
            keys, _, arrival = part.partition("/")
            if keys not in ("distinct", "shared") or arrival not in ("spread", "together", "reconnect"):
                fail(f"{option} '{part}' is not KEYS/ARRIVAL: KEYS distinct|shared, ARRIVAL spread|together|reconnect")
            found.append(Scenario(keys, arrival))
        return found

    args.scenario_list = scenarios("--scenarios", args.scenarios)
    args.at_capacity_list = scenarios("--at-capacity", args.at_capacity)
    args.transient_list = scenarios("--transient", args.transient)
    if not args.scenario_list:
        fail("--scenarios names no scenario")
    if args.app_dir is not None and args.app_ref is not None:
        fail("give --app-dir or --app-ref, not both")
    if not 0 <= args.ramp_seconds <= 600:
        fail(f"--ramp-seconds {args.ramp_seconds:g} must be between 0 and 600")
    if not 1 <= args.hold_seconds <= 600:
        fail(f"--hold-seconds {args.hold_seconds:g} must be between 1 and 600")
    if not 0 <= args.soak_minutes <= 120:
        fail(f"--soak-minutes {args.soak_minutes:g} must be between 0 and 120")
    if not 1 <= args.sample_seconds <= 600:
        fail(f"--sample-seconds {args.sample_seconds:g} must be between 1 and 600")
    if not 30 <= args.timeout_seconds <= 4 * 3600:
        fail(f"--timeout-seconds {args.timeout_seconds:g} must be between 30 and 14400")
    if args.soak_minutes:
        args.hold_seconds = args.soak_minutes * 60
        args.counts = args.counts[:1]
        args.scenario_list = args.scenario_list[:1]
        args.at_capacity_list = []
        args.transient_list = []
    return args


def stop_on_sigterm() -> None:
    """SIGTERM (``timeout``, ``kill``) ends the run like Ctrl-C, so every ``finally`` stops what it started."""

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    stop_on_sigterm()
    if not PYTHON.exists():
        print(f"capacity: {PYTHON} is missing; run `npm run test:all` or create .venv first", file=sys.stderr)
        return 2
    machine = describe_machine()
    started = time.monotonic()
    deadline = started + args.timeout_seconds
    logs = Path(tempfile.mkdtemp(prefix="vibejudge-capacity-"))
    limit = make_limit(f"vibejudge-capacity-{os.getpid()}")
    print(f"capacity: dashboard limited by {limit.description}; logs in {logs}", file=sys.stderr)
    api: Api | None = None
    rows: list[Row] = []
    try:
        with app_folder(args.app_dir, args.app_ref) as (app, app_name):
            api = start_api(logs / "api.log", args.api_latency_ms)
            distinct_keys: list[str] = []
            if any(s.keys == "distinct" for s in args.scenario_list + args.at_capacity_list + args.transient_list):
                print(f"capacity: registering {max(args.counts)} organizers on the stand-in ...", file=sys.stderr)
                distinct_keys = provision(api, max(args.counts) + 1)  # the last one warms each process up

            def measure(scenario: Scenario, n: int) -> Row | None:
                remaining = deadline - time.monotonic()
                if remaining < 60:
                    print(f"capacity: skipping {n} viewers: the --timeout-seconds budget is spent", file=sys.stderr)
                    return None
                print(f"capacity: {scenario.name}, {n} viewers ...", file=sys.stderr)
                keys = distinct_keys[:n] if scenario.keys == "distinct" else [DEMO_API_KEY]
                warm_key = distinct_keys[-1] if scenario.keys == "distinct" else DEMO_API_KEY
                row = run_row(n, scenario, keys, warm_key, app, api, limit, logs, args, remaining - 30)
                rows.append(row)
                print(
                    f"capacity: {scenario.name}, {n} viewers: {'held' if row.held else 'did not hold'}, "
                    f"refresh p95 {row.p95:.2f} s ({time.monotonic() - started:.0f} s)",
                    file=sys.stderr,
                )
                return row

            # every --scenarios scenario climbs the counts until --stop-after rows failed (the rows past
            # capacity show whether refreshes still finish, slower)
            for scenario in args.scenario_list:
                failed = 0
                for n in args.counts:
                    row = measure(scenario, n) if failed < args.stop_after else None
                    if row is None:
                        break
                    failed += not row.held
            # every --at-capacity scenario at the capacity found, stepping down while it does not hold
            held = [
                max((r.sessions for r in rows if r.scenario == s.name and r.held), default=0)
                for s in args.scenario_list
            ]
            found = min(held, default=0)
            for scenario in args.at_capacity_list:
                below = [n for n in sorted(args.counts, reverse=True) if n <= found] or args.counts[:1]
                for n in below[: args.stop_after + 1]:
                    row = measure(scenario, n)
                    if row is None or row.held:
                        break
            # every --transient scenario once at the headline's N, for its recovery
            at = headline(rows) or args.counts[0]
            for scenario in args.transient_list:
                row = measure(scenario, at)
                if row is not None:
                    row.transient = True
    except BenchError as exc:
        print(f"capacity: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("capacity: interrupted", file=sys.stderr)
        return 130
    finally:
        if api is not None:
            stop(api.process)
        limit.remove()
    if not rows:
        print("capacity: no row was measured", file=sys.stderr)
        return 1
    if args.json:
        args.json.write_text(json.dumps([asdict(row) for row in rows], indent=1))
    tier = f"tier `{TIER}` for every key" if api is not None and api.tiers else "a stand-in without quotas"
    lines = [f"{args.headline}: {headline(rows)}", "", by_scenario(rows), ""] if not args.soak_minutes else []
    lines += table(rows)
    if args.soak_minutes:
        lines += ["", *soak_table(rows[0])]
    extra = notes(rows)
    lines += ["", *extra] if extra else []
    lines += [
        "",
        f"Method: app = {app_name}; one dashboard process per row (`{' '.join(['serve.py', *args.streamlit_arg])}`) "
        f"limited by {limit.description}; the stand-in API in its own process ({tier}, answer delay "
        f"{args.api_latency_ms} ms). Viewers arrive ({'over ' + str(int(args.ramp_seconds)) + ' s' if args.ramp_seconds else 'at once'} "
        f"unless the scenario says together), sign in with the form, open the Live Dashboard from the sidebar and "
        f"watch it for {args.hold_seconds:.0f} s; refreshes asked for during the watch are counted, each may take "
        f"{GRACE_SECONDS:.0f} s after it to be delivered. CPU is the dashboard process's user+system time during the "
        f"watch; RSS per viewer = (RSS with every viewer watching − RSS after one warm-up viewer) / N. "
        f"Machine: {machine}. Total wall time {time.monotonic() - started:.0f} s.",
    ]
    print("\n".join(lines))
    return 1 if any(row.died for row in rows) else 0


def run_row(
    n: int,
    scenario: Scenario,
    keys: list[str],
    warm_key: str,
    app: Path,
    api: Api,
    limit: Limit,
    logs: Path,
    args: argparse.Namespace,
    budget: float,
) -> Row:
    dashboard = None
    try:
        dashboard, port = start_dashboard(
            app, api.base_url, limit, logs / f"dashboard-{scenario.keys}-{scenario.arrival}-{n}.log", args.streamlit_arg
        )
        row = asyncio.run(
            asyncio.wait_for(
                measure_row(
                    n,
                    scenario,
                    keys,
                    warm_key,
                    f"http://127.0.0.1:{port}",
                    dashboard.pid,
                    limit,
                    api.process.pid,
                    ramp=args.ramp_seconds,
                    hold=args.hold_seconds,
                    sample_every=args.sample_seconds,
                    budget=budget - 20,
                ),
                budget,
            )
        )
        if dashboard.poll() is not None:
            row.died = f"the dashboard process exited ({dashboard.returncode}), e.g. out of memory"
        return row
    except TimeoutError:
        return Row(sessions=n, scenario=scenario.name, died="the row did not finish within the time budget")
    finally:
        stop(dashboard)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
