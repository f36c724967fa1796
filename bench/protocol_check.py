"""Does the load generator send what a real browser sends? One headless Chromium tab against one generator tab.

Both do the same thing against the same dashboard (``serve.py``, the stand-in API, one organizer): open the
root URL, sign in with the API-key form, click "Live Dashboard" in the sidebar and watch it for
``--watch-seconds``. Chromium's websocket frames are recorded through Playwright and decoded with the
protobuf classes of the installed ``streamlit`` package; they go through the same accounting as the
generator's own frames (``streamlit_client.Tab`` in passive mode). Compared, message by message:

- the kinds of every BackMsg, in order;
- every ``rerun_script``'s ClientState: the page it names (``page_name``, and ``page_script_hash`` resolved
  to its URL path through that tab's own navigation message), ``fragment_id``, ``is_auto_rerun``,
  ``query_string``, the widget states (ids, value kinds and values), how many cached-message hashes it
  carries, which ``context_info`` fields are set;
- the runs the server answered with (full or fragment, page, final status) and the elements each finished run
  drew;
- the auto-refresh timer: when each tab's timer started (the ``auto_rerun`` message, or the
  streamlit-autorefresh component's first render), the delay to its first tick (not for the component: its
  iframe's load is not modelled) and the gaps between ticks (equal within ``TIMER_TOLERANCE_SECONDS``: both
  are a ``setInterval`` of the same interval, and a timer restarted at the end of each run would be late by the
  run's duration), whether it was restarted;
- the HTTP requests to ``/_stcore/`` before the websocket.

Not compared, and not sent by the generator: static files (HTML, JavaScript, CSS, fonts, a component's
iframe page), which browsers cache and which cost the server little. Prints a markdown table; exit status 1
when anything differs. Usage: .venv/bin/python bench/protocol_check.py [--watch-seconds 13] [--app-dir DIR | --app-ref COMMIT]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests" / "browser")]

import capacity  # noqa: E402
import harness  # noqa: E402
from streamlit_client import Sent, Tab  # noqa: E402

from standin_api import DEMO_API_KEY  # noqa: E402

# Both timers are a setInterval of the same interval; a timer restarted when a run ends would be late by the
# run's duration (0.05-0.3 s here), which this tolerance still shows.
TIMER_TOLERANCE_SECONDS = 0.15
# A fragment's first tick: the browser starts its setInterval when its JavaScript has handled the auto_rerun
# message, a little after the frame arrived on a busy machine.
FIRST_TICK_TOLERANCE_SECONDS = 0.5
TIMEOUT_S = 60.0


@dataclass
class Recording:
    """What one tab did and got."""

    who: str
    tab: Tab
    http: list[str] = field(default_factory=list)
    live_at: float = 0.0  # when the Live Dashboard's first run finished
    end: float = 0.0


@dataclass
class Check:
    what: str
    browser: str
    generator: str
    same: bool


def record_browser(url: str, key: str, watch: float) -> Recording:
    from playwright.sync_api import sync_playwright

    tab = Tab(url, passive=True)
    recording = Recording("Chromium", tab)

    def on_websocket(ws: Any) -> None:
        ws.on("framesent", lambda payload: tab.observe_sent(payload) if isinstance(payload, bytes) else None)
        ws.on("framereceived", lambda payload: tab.observe_received(payload) if isinstance(payload, bytes) else None)

    def on_request(request: Any) -> None:
        path = request.url.split("://", 1)[-1].split("/", 1)[-1]
        if path.startswith("_stcore/") and not path.startswith("_stcore/stream"):
            recording.http.append("/" + path.split("?", 1)[0])

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(harness.CHROMIUM), headless=True, args=harness.CHROMIUM_ARGS
        )
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.on("websocket", on_websocket)
            page.on("request", on_request)
            page.goto(url, timeout=TIMEOUT_S * 1000)
            page.get_by_label(capacity.SIGN_IN_FIELD, exact=True).fill(key, timeout=TIMEOUT_S * 1000)
            page.get_by_role("button", name=capacity.SIGN_IN_BUTTON).click(timeout=TIMEOUT_S * 1000)
            link = page.get_by_role("link", name="Live Dashboard").first
            link.wait_for(timeout=TIMEOUT_S * 1000)
            harness.wait_until_idle(page, int(TIMEOUT_S * 1000))
            link.click(timeout=TIMEOUT_S * 1000)
            page.get_by_role("heading", name="📊 Live Dashboard").wait_for(timeout=TIMEOUT_S * 1000)
            harness.wait_until_idle(page, int(TIMEOUT_S * 1000))
            recording.live_at = time.perf_counter()
            page.wait_for_timeout(watch * 1000)
            recording.end = time.perf_counter()
        finally:
            browser.close()
    return recording


async def record_generator(url: str, key: str, watch: float) -> Recording:
    tab = Tab(url, record=True)
    recording = Recording("generator", tab, http=["/_stcore/health", "/_stcore/host-config"])
    row = capacity.Row(sessions=1, scenario="protocol check")
    if not await capacity.arrive(tab, key, row, TIMEOUT_S):
        raise capacity.BenchError(f"the generator's tab failed: {row.failures[0]}")
    recording.live_at = time.perf_counter()
    await asyncio.sleep(watch)
    recording.end = time.perf_counter()
    await tab.close()
    return recording


def _rerun_view(sent: Sent, tab: Tab) -> dict[str, Any]:
    fields = dict(sent.fields)
    page_hash = fields.pop("page_script_hash")
    fields["page"] = "(none)" if not page_hash else tab.page_names.get(page_hash, f"unknown hash {page_hash[:8]}")
    if page_hash and page_hash == tab.main_hash:
        fields["page"] = "(the main script's hash)"
    fields["widgets"] = dict(sorted(fields["widgets"].items()))
    return fields


def _describe_rerun(view: dict[str, Any]) -> str:
    what = "tick" if view["is_auto_rerun"] else "rerun"
    parts = [f"{what}: page {view['page']!r}, page_name {view['page_name']!r}"]
    if view["fragment_id"]:
        parts.append(f"fragment {view['fragment_id'][:8]}")
    widgets = ", ".join(f"{wid.rsplit('-', 1)[-1]}={value!r}" for wid, (_, value) in view["widgets"].items())
    parts.append(f"{len(view['widgets'])} widget states ({widgets})" if widgets else "no widget states")
    parts.append(f"{view['cached_message_hashes']} cached hashes")
    return "; ".join(parts)


def _runs(recording: Recording) -> list[str]:
    tab = recording.tab
    return [
        f"{'fragment' if run.fragment_ids else 'full'} run of {tab.page_names.get(run.page_hash, '(main)')!r}: "
        f"{run.status or 'unfinished'}"
        for run in tab.runs
        if run.started <= recording.end
    ]


def _elements(recording: Recording) -> list[dict[str, int]]:
    """Elements drawn by each run that finished (a superseded run sends however far it got: not comparable)."""
    return [
        dict(sorted(run.elements.items()))
        for run in recording.tab.runs
        if run.started <= recording.end and run.status != "superseded"
    ]


@dataclass
class Timer:
    """One auto-refresh timer of a tab while it watched: how far each tick was from its schedule."""

    key: str  # fragment id, or "component"
    interval: float
    first: float | None = None  # first tick - (start + interval)
    later: list[float] = field(default_factory=list)  # tick k - (first tick + (k - 1) * interval)

    def describe(self) -> str:
        if self.first is None:
            return f"{self.interval:g} s: no tick"
        later = ", ".join(f"{d:+.2f}" for d in self.later)
        return f"{self.interval:g} s: first tick {self.first:+.2f} s" + (f", then {later}" if later else "")


def _timers(recording: Recording) -> tuple[list[Timer], list[str]]:
    """Every timer started while the tab watched, and the timer events (start, replace, clear) in order."""
    log = [e for e in recording.tab.timer_log if e[0] <= recording.end]
    timers: list[Timer] = []
    running: dict[str, tuple[Timer, float, list[float]]] = {}
    events = []
    for at, event, key, interval in log:
        if event == "tick":
            if key in running:
                running[key][2].append(at)
            continue
        events.append(f"{event} {key if key == 'component' else key[:8]}")
        running.pop(key, None)
        if event == "started":
            timer = Timer(key, interval)
            timers.append(timer)
            running[key] = (timer, at, [])
    for timer in timers:
        started = next(e[0] for e in log if e[1] == "started" and e[2] == timer.key and e[3] == timer.interval)
        ticks = sorted(e[0] for e in log if e[1] == "tick" and e[2] == timer.key and e[0] > started)
        stops = [e[0] for e in log if e[2] == timer.key and e[1] != "tick" and e[0] > started]
        ticks = [t for t in ticks if not stops or t < stops[0]]
        if ticks:
            timer.first = ticks[0] - started - timer.interval
            timer.later = [t - ticks[0] - k * timer.interval for k, t in enumerate(ticks[1:], start=1)]
    return timers, events


def _on_schedule(timers: list[Timer], component: bool) -> bool:
    return all(
        (component or timer.first is None or abs(timer.first) <= FIRST_TICK_TOLERANCE_SECONDS)
        and all(abs(d) <= TIMER_TOLERANCE_SECONDS for d in timer.later)
        for timer in timers
    )


def compare(browser: Recording, generator: Recording) -> list[Check]:
    checks = []
    b_kinds, g_kinds = [s.kind for s in browser.tab.sent], [s.kind for s in generator.tab.sent]
    checks.append(Check("BackMsg kinds, in order", ", ".join(b_kinds), ", ".join(g_kinds), b_kinds == g_kinds))
    b_reruns = [_rerun_view(s, browser.tab) for s in browser.tab.sent if s.kind == "rerun_script"]
    g_reruns = [_rerun_view(s, generator.tab) for s in generator.tab.sent if s.kind == "rerun_script"]
    for index in range(max(len(b_reruns), len(g_reruns))):
        b = b_reruns[index] if index < len(b_reruns) else None
        g = g_reruns[index] if index < len(g_reruns) else None
        checks.append(
            Check(
                f"rerun_script {index + 1}: ClientState",
                _describe_rerun(b) if b else "(not sent)",
                "same" if b == g else (_describe_rerun(g) if g else "(not sent)"),
                b == g,
            )
        )
        if b and g and b != g:
            differing = sorted(k for k in b if b[k] != g.get(k))
            checks[-1].generator += f" — differs in {', '.join(differing)}"
    b_runs, g_runs = _runs(browser), _runs(generator)
    checks.append(
        Check(
            "runs the server answered with",
            "; ".join(b_runs),
            "same" if b_runs == g_runs else "; ".join(g_runs),
            b_runs == g_runs,
        )
    )
    b_el, g_el = _elements(browser), _elements(generator)
    checks.append(
        Check(
            "elements drawn per finished run",
            "; ".join(f"{sum(e.values())}" for e in b_el),
            "same" if b_el == g_el else "; ".join(f"{sum(e.values())}" for e in g_el),
            b_el == g_el,
        )
    )
    b_timers, b_events = _timers(browser)
    g_timers, g_events = _timers(generator)
    checks.append(
        Check(
            "auto-refresh timer events (start, replace, clear)",
            ", ".join(b_events),
            ", ".join(g_events),
            b_events == g_events,
        )
    )
    # Each tick should come one interval after the timer started and every interval after that (a setInterval;
    # a timer restarted when a run ends would drift by the run's duration). The interval is the one the server
    # gave that tab: an app may spread its viewers' intervals (a jitter per session). streamlit-autorefresh's
    # timer starts when its iframe has loaded (0.5-1.5 s after the element here), which the generator does not
    # model: its first tick is not compared.
    component = any(e[2] == "component" for e in browser.tab.timer_log)
    ticks_of = [[len(t.later) + (t.first is not None) for t in timers] for timers in (b_timers, g_timers)]
    same_timing = (
        ticks_of[0] == ticks_of[1]
        and any(ticks_of[0])
        and _on_schedule(b_timers, component)
        and _on_schedule(g_timers, component)
    )
    first = "not compared: iframe load" if component else f"±{FIRST_TICK_TOLERANCE_SECONDS:g} s"
    checks.append(
        Check(
            f"timer: ticks against their schedule (first {first}, later ±{TIMER_TOLERANCE_SECONDS:g} s)",
            "; ".join(t.describe() for t in b_timers),
            "; ".join(t.describe() for t in g_timers),
            same_timing,
        )
    )
    checks.append(
        Check(
            "HTTP requests to /_stcore/ (besides the websocket)",
            ", ".join(browser.http),
            ", ".join(generator.http),
            browser.http == generator.http,
        )
    )
    b_nf, g_nf = browser.tab.pages_not_found, generator.tab.pages_not_found
    checks.append(Check("page_not_found messages", str(b_nf), str(g_nf), b_nf == g_nf))
    return checks


def render(checks: list[Check]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| compared | Chromium | load generator | same |", "|---|---|---|:---:|"]
    lines += [
        f"| {c.what} | {cell(c.browser)} | {cell(c.generator)} | {'yes' if c.same else '**NO**'} |" for c in checks
    ]
    return "\n".join(lines)


def run_check(app: Path, watch: float) -> tuple[list[Check], str]:
    """Start the stand-in and the dashboard, record both tabs (one after the other), compare."""
    logs = Path(tempfile.mkdtemp(prefix="vibejudge-protocol-"))
    api = capacity.start_api(logs / "api.log", 0)
    dashboard = None
    try:
        dashboard, port = capacity.start_dashboard(
            app, api.base_url, capacity.Limit("none"), logs / "dashboard.log", []
        )
        url = f"http://127.0.0.1:{port}"
        # the same organizer for both; one warm-up tab first so neither pays for the first imports
        asyncio.run(record_generator(url, DEMO_API_KEY, 0.0))
        browser = record_browser(url, DEMO_API_KEY, watch)
        generator = asyncio.run(record_generator(url, DEMO_API_KEY, watch))
    finally:
        capacity.stop(dashboard)
        capacity.stop(api.process)
    return compare(browser, generator), str(logs)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--watch-seconds",
        type=float,
        default=14.0,
        help="how long each tab watches the page (two ticks at 5-6 s, their runs, and no third tick: a 5 s tab ticks again at 15 s)",
    )
    parser.add_argument("--app-dir", type=Path, help="the app folder to serve (default: streamlit_ui/)")
    parser.add_argument("--app-ref", help="serve streamlit_ui/ as of this commit or branch")
    args = parser.parse_args(argv)
    capacity.stop_on_sigterm()
    if args.app_dir is not None and args.app_ref is not None:
        parser.error("give --app-dir or --app-ref, not both")
    if not 1 <= args.watch_seconds <= 120:
        parser.error(f"--watch-seconds {args.watch_seconds:g} must be between 1 and 120")
    if not harness.CHROMIUM.exists():
        print(f"protocol_check: {harness.CHROMIUM_MISSING}", file=sys.stderr)
        return 2
    capacity.stop_on_sigterm()
    try:
        with capacity.app_folder(args.app_dir, args.app_ref) as (app, app_name):
            checks, logs = run_check(app, args.watch_seconds)
    except capacity.BenchError as exc:
        print(f"protocol_check: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("protocol_check: interrupted", file=sys.stderr)
        return 130
    print(f"App: {app_name}.\n")
    print(render(checks))
    differing = [c.what for c in checks if not c.same]
    print(
        f"\nprotocol check: {len(checks) - len(differing)} of {len(checks)} comparisons the same"
        + (f"; different: {', '.join(differing)}" if differing else "")
        + f" (logs in {logs})"
    )
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
