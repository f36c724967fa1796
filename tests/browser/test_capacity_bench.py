"""The capacity bench keeps working: its load generator follows the frontend's rules, matches a real
Chromium tab, and runs end to end with two viewers (so it cannot rot between benchmark runs).

Nothing here asserts a speed: whether a row "held" (refresh p95 < 2 s) is the benchmark's business.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "bench"))
import harness
import protocol_check
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit_client import Tab

MAIN, LIVE, FRAGMENT = "a" * 32, "b" * 32, "f" * 32


def _forward(kind: str, *, run_id: str = "run", fragments: tuple[str, ...] = (), **values: Any) -> bytes:
    message = ForwardMsg()
    message.metadata.run.script_run_id = run_id
    message.metadata.run.fragment_ids.extend(fragments)
    if kind == "new_session":
        message.new_session.main_script_hash = MAIN
        message.new_session.page_script_hash = values.get("page_hash", MAIN)
    elif kind == "navigation":
        for path, page_hash in (("", MAIN), ("live-dashboard", LIVE)):
            page = message.navigation.app_pages.add()
            page.url_pathname, page.page_script_hash = path, page_hash
        message.navigation.page_script_hash = values["page_hash"]
    elif kind == "auto_rerun":
        message.auto_rerun.fragment_id = FRAGMENT
        message.auto_rerun.interval = values["interval"]
    elif kind == "script_finished":
        message.script_finished = values["status"]
    return message.SerializeToString()


def _rerun(tab: Tab, *, fragment: str = "", auto: bool = False) -> None:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    back = BackMsg()
    back.rerun_script.page_script_hash = tab.current_hash
    back.rerun_script.fragment_id = fragment
    back.rerun_script.is_auto_rerun = auto
    tab.observe_sent(back.SerializeToString())


def test_the_first_run_names_the_main_script_and_the_tab_then_asks_for_the_page_navigation_named() -> None:
    tab = Tab("http://127.0.0.1:1", passive=True)
    tab.observe_received(_forward("new_session"))
    assert tab.current_hash == MAIN  # st.navigation: the first new_session carries the main script's hash

    tab.observe_received(_forward("navigation", page_hash=LIVE))

    assert tab.current_hash == LIVE
    assert tab.pages["live-dashboard"] == LIVE
    assert tab.runs[-1].page_hash == LIVE


def test_a_run_finished_early_for_rerun_delivers_nothing_and_the_next_finished_run_delivers_the_refresh() -> None:
    tab = Tab("http://127.0.0.1:1", passive=True)
    tab.observe_received(_forward("new_session", run_id="first", page_hash=LIVE))
    tab.observe_received(_forward("script_finished", run_id="first", status=ForwardMsg.FINISHED_SUCCESSFULLY))
    _rerun(tab, fragment=FRAGMENT, auto=True)
    tick = tab.ticks[-1]

    tab.observe_received(_forward("new_session", run_id="cut", fragments=(FRAGMENT,), page_hash=LIVE))
    tab.observe_received(
        _forward("script_finished", run_id="cut", fragments=(FRAGMENT,), status=ForwardMsg.FINISHED_EARLY_FOR_RERUN)
    )
    tab.observe_received(_forward("new_session", run_id="next", fragments=(FRAGMENT,), page_hash=LIVE))
    assert tick.delivered is None
    assert (tick.superseded, tick.rerun_by_app) == (0, 1)  # nothing the tab asked for cut it short: the app did

    tab.observe_received(
        _forward(
            "script_finished",
            run_id="next",
            fragments=(FRAGMENT,),
            status=ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
        )
    )
    assert tick.delivered is not None
    assert [run.status for run in tab.runs] == ["finished", "superseded", "fragment finished"]


def test_a_run_cut_short_by_the_tabs_next_full_rerun_leaves_its_refresh_abandoned() -> None:
    tab = Tab("http://127.0.0.1:1", passive=True)
    tab.observe_received(_forward("new_session", run_id="first", page_hash=LIVE))
    tab.observe_received(_forward("script_finished", run_id="first", status=ForwardMsg.FINISHED_SUCCESSFULLY))
    _rerun(tab)  # streamlit-autorefresh's tick: a full-app rerun
    first = tab.pending[-1]
    tab.observe_received(_forward("new_session", run_id="slow", page_hash=LIVE))
    _rerun(tab)  # the next tick comes before the slow run has finished

    tab.observe_received(_forward("script_finished", run_id="slow", status=ForwardMsg.FINISHED_EARLY_FOR_RERUN))
    tab.observe_received(_forward("new_session", run_id="again", page_hash=LIVE))

    assert (first.superseded, first.rerun_by_app) == (1, 0)
    assert first.delivered is None


def test_a_fragment_run_reported_superseded_but_followed_by_another_fragment_counts_as_delivered() -> None:
    # The server rewrites a finished fragment run's queued script_finished to FINISHED_EARLY_FOR_RERUN when the
    # next fragment run starts before it was sent, and keeps that run's elements.
    tab = Tab("http://127.0.0.1:1", passive=True)
    tab.observe_received(_forward("new_session", run_id="first", page_hash=LIVE))
    tab.observe_received(_forward("script_finished", run_id="first", status=ForwardMsg.FINISHED_SUCCESSFULLY))
    _rerun(tab, fragment=FRAGMENT, auto=True)
    keeper_tick = tab.ticks[-1]
    other = "e" * 32
    tab.observe_received(_forward("new_session", run_id="keeper", fragments=(FRAGMENT,), page_hash=LIVE))
    tab.observe_received(
        _forward("script_finished", run_id="keeper", fragments=(FRAGMENT,), status=ForwardMsg.FINISHED_EARLY_FOR_RERUN)
    )

    tab.observe_received(_forward("new_session", run_id="panel", fragments=(other,), page_hash=LIVE))

    assert keeper_tick.delivered is not None
    assert (keeper_tick.superseded, keeper_tick.rerun_by_app) == (0, 0)
    assert tab.runs[1].status == "fragment finished, reported superseded"


def test_a_fragment_timer_survives_its_own_runs_and_is_cleared_by_a_full_run() -> None:
    tab = Tab("http://127.0.0.1:1", passive=True)
    tab.observe_received(_forward("new_session", run_id="full", page_hash=LIVE))
    tab.observe_received(_forward("auto_rerun", run_id="full", interval=5.0))
    tab.observe_received(_forward("new_session", run_id="frag", fragments=(FRAGMENT,), page_hash=LIVE))
    tab.observe_received(_forward("auto_rerun", run_id="frag", fragments=(FRAGMENT,), interval=5.0))
    assert [event[1] for event in tab.timer_log] == ["started"]  # same interval: the setInterval goes on

    tab.observe_received(_forward("auto_rerun", run_id="frag", fragments=(FRAGMENT,), interval=10.0))
    tab.observe_received(_forward("new_session", run_id="full-2", page_hash=LIVE))

    assert [event[1] for event in tab.timer_log] == ["started", "replaced", "started", "cleared"]
    assert not tab.fragment_timers


@pytest.fixture(scope="module")
def two_viewer_rows(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]], str]:
    """bench/capacity.py with N = 2 for a few seconds: distinct keys arriving spread, one key reconnecting."""
    out = tmp_path_factory.mktemp("capacity") / "rows.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "capacity.py"),
            "--sessions",
            "2",
            "--scenarios",
            "distinct/spread,shared/reconnect",
            "--ramp-seconds",
            "1",
            "--hold-seconds",
            "9",  # a tick comes every 5-6 s (5 s and a jitter of up to 20 %), also after the reconnect's resume
            "--timeout-seconds",
            "240",
            "--json",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(out.read_text()), result.stdout


def test_two_viewers_with_their_own_keys_open_the_live_dashboard_and_every_refresh_is_delivered(
    two_viewer_rows: tuple[list[dict[str, Any]], str],
) -> None:
    rows, report = two_viewer_rows
    row = next(r for r in rows if r["scenario"] == "distinct keys, spread")
    assert row["opened"] == 2
    assert row["ticks"] >= 2  # a 6 s watch of a 5 s refresh: at least one tick per viewer
    assert row["delivered"] == row["ticks"]
    assert (row["abandoned"], row["undelivered"], row["exceptions"], row["error_boxes"]) == (0, 0, 0, 0)
    assert row["cpu_hold"] > 0
    assert row["health"]
    assert report.splitlines()[0].startswith("live viewers per task: ")


def test_a_mass_reconnect_resumes_both_sessions_and_their_refreshes(
    two_viewer_rows: tuple[list[dict[str, Any]], str],
) -> None:
    rows, _ = two_viewer_rows
    row = next(r for r in rows if r["scenario"] == "shared keys, reconnect")
    assert row["opened"] == 2
    assert len(row["reconnect_runs"]) == 2
    assert row["ticks"] >= 2
    assert row["delivered"] == row["ticks"]
    assert not row["failures"]


@pytest.mark.browser
@pytest.mark.skipif(
    not harness.CHROMIUM.exists(),
    reason=harness.CHROMIUM_MISSING,
)
def test_the_load_generator_sends_what_headless_chromium_sends_on_the_live_dashboard() -> None:
    checks, logs = protocol_check.run_check(ROOT / "streamlit_ui", watch=14.0)  # 2 ticks at 5-6 s, never a 3rd (15 s)
    differing = [f"{c.what}: Chromium {c.browser!r}, generator {c.generator!r}" for c in checks if not c.same]
    assert not differing, f"logs in {logs}: " + " | ".join(differing)
