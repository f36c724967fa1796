"""Shared fixtures: the stand-in API on a free loopback port and AppTest factories for the dashboard."""

from __future__ import annotations

import json
import re
import sys
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "streamlit_ui"
for path in (str(ROOT), str(UI_DIR)):
    if path not in sys.path:
        sys.path.insert(0, path)

from standin_api import DEMO_API_KEY, StandinServer  # noqa: E402

APP_PATH = str(UI_DIR / "app.py")


class Standin:
    """Handle on the running stand-in: its URLs plus admin helpers for faults and the clock."""

    def __init__(self, server: StandinServer) -> None:
        self.server = server
        self.base_url = server.base_url
        self.origin = server.origin

    def _admin(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body or {}).encode() if method == "POST" else None
        request = urllib.request.Request(
            f"{self.origin}{path}", data=data, method=method, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
        return json.loads(raw) if raw else None

    def faults(self, **changes: Any) -> dict[str, Any]:
        return self._admin("POST", "/__admin/faults", changes)

    def advance(self, seconds: float) -> None:
        self._admin("POST", "/__admin/advance", {"seconds": seconds})

    def requests(self) -> list[str]:
        return self._admin("GET", "/__admin/requests")["requests"]

    def clear_requests(self) -> None:
        self._admin("DELETE", "/__admin/requests")

    def reset(self, clock_start: str | None = None) -> None:
        """Re-seed (made at ``clock_start`` when given), zero the counters, switches to their defaults."""
        self._admin("POST", "/__admin/reset", {"clock_start": clock_start} if clock_start else None)

    def quota(self) -> dict[str, Any]:
        """Per key (its first 16 characters): tier, daily_quota, used_today, remaining_today, ..."""
        return self._admin("GET", "/__admin/quota")

    def set_tier(self, api_key: str, tier: str) -> dict[str, Any]:
        return self._admin("POST", "/__admin/tier", {"api_key": api_key, "tier": tier})

    def clock(self) -> dict[str, Any]:
        """The stand-in's clock: ``now`` (ISO UTC), ``scale``, ``quota_day``, ``quota_reset``."""
        return self._admin("GET", "/__admin/clock")

    def hackathon_id(self, name: str, key: str = DEMO_API_KEY) -> str:
        """The id of the hackathon called ``name`` that ``key``'s organizer owns, read from the stand-in's
        store: a test's own lookups spend none of the key's rate limit or quota and are not logged."""
        store = self.server.store
        org_id = store.keys[key]["organizer_id"]
        return next(h["hack_id"] for h in store.hackathons_of(org_id) if h["name"] == name)


@pytest.fixture(scope="session")
def _standin_server() -> Iterator[StandinServer]:
    server = StandinServer("127.0.0.1", 0).start()
    yield server
    server.stop()


@pytest.fixture
def standin(_standin_server: StandinServer) -> Standin:
    """The stand-in, re-seeded, its counters zeroed and its switches at their defaults (the backend's
    behaviour, free-tier limits included), for each test."""
    handle = Standin(_standin_server)
    handle.reset()
    return handle


@pytest.fixture
def ui_env(standin: Standin, monkeypatch: pytest.MonkeyPatch) -> Standin:
    """Environment for AppTest runs: the stand-in as API, no retry delays, no auto sign-in, empty caches."""
    import streamlit as st

    from components import data, hackathon_truth

    monkeypatch.setenv("API_BASE_URL", standin.base_url)
    monkeypatch.setenv("DASHBOARD_RETRY_BASE_SECONDS", "0")
    monkeypatch.delenv("DASHBOARD_AUTOLOGIN_API_KEY", raising=False)
    data.clear_all()
    hackathon_truth.clear()
    st.cache_data.clear()
    return standin


@pytest.fixture
def app(ui_env: Standin) -> Callable[..., Any]:
    """``app(page=None, key=None)``: an AppTest of the whole app, optionally signed in and on ``page``."""
    from streamlit.testing.v1 import AppTest

    def make(page: str | None = None, key: str | None = DEMO_API_KEY, monkeypatch: pytest.MonkeyPatch | None = None):
        at = AppTest.from_file(APP_PATH, default_timeout=30)
        if key:
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("DASHBOARD_AUTOLOGIN_API_KEY", key)
                at.run()
        else:
            at.run()
        if page:
            at.switch_page(f"views/{page}").run()
        return at

    return make


def ok(at: Any) -> Any:
    """``at`` (an AppTest after a run), asserting the run raised nothing."""
    assert not at.exception, [e.value for e in at.exception]
    return at


def button(at: Any, label: str) -> Any:
    """The AppTest button labelled ``label`` (the first, if several)."""
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r} in {[b.label for b in at.button]}"
    return matches[0]


def texts(elements: Any) -> list[str]:
    """The ``value`` of every element in an AppTest element list, as strings."""
    return [str(e.value) for e in elements]


_CELL_BORDER = re.compile(r"(?<!\\)\|")
_ESCAPED = re.compile(r"\\(.)")


def markdown_table(source: str) -> pd.DataFrame | None:
    """A Markdown table (``components.tables.markdown_table``) read back: its cells as the text they show (the
    escapes removed, a link as its Markdown); ``None`` when ``source`` is not a table."""
    lines = source.splitlines()
    if len(lines) < 2 or not lines[0].startswith("| ") or not re.fullmatch(r"\|(-+:?\|)+", lines[1]):
        return None

    def cells(line: str) -> list[str]:
        return [_ESCAPED.sub(r"\1", cell.strip()) for cell in _CELL_BORDER.split(line.strip())[1:-1]]

    return pd.DataFrame([cells(line) for line in lines[2:]], columns=cells(lines[0]), dtype=object)


def link_url(cell: str) -> str:
    """The URL of a Markdown table cell that is a link (``[label](<url>)``); fails when the cell is not one."""
    match = re.fullmatch(r"\[[^\]]*\]\(<([^>]+)>\)", cell)
    assert match, f"{cell!r} is not a link"
    return match.group(1)


def tables(at: Any) -> list[pd.DataFrame]:
    """Every table on the page, in page order: the static Markdown tables and the interactive grids."""
    found: list[pd.DataFrame] = []

    def walk(node: Any) -> None:
        kind = getattr(node, "type", None)
        if kind == "dataframe":
            found.append(node.value)
        elif kind == "markdown":
            table = markdown_table(str(node.value))
            if table is not None:
                found.append(table)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return found


# --- the dashboard's per-process state: budgets, shared reads and its clock ------------------------------------
class ManualClock:
    """The dashboard's clock (``components.clock``), standing still until the test moves it (``advance``)."""

    def __init__(self, start: Any) -> None:
        from components import clock

        self._elapsed = 0.0
        self.clock = clock.Clock(start, 1.0, 0.0, lambda: self._elapsed)

    def advance(self, seconds: float) -> None:
        self._elapsed += seconds

    def now(self) -> Any:
        return self.clock.now()


@pytest.fixture(autouse=True)
def _fresh_dashboard_process_state() -> Iterator[None]:
    """Budgets, shared reads and the clock live per process: every test starts without any."""
    from components import budget, clock, shared_reads

    budget.REGISTRY.clear()
    shared_reads.READS.clear()
    clock.use(None)
    yield
    clock.use(None)


@pytest.fixture
def manual_clock(standin: Standin) -> ManualClock:
    """The dashboard's clock, moved only by the test, and the stand-in's with it, both at the coming 12:00 UTC:
    what a test does with the quota day never depends on the time of day it runs at (run at 23:30 UTC, a test
    that moves the clock on by minutes would otherwise cross the midnight reset). The stand-in is re-seeded at
    that time, and keeps the fraction of a second of the real clock, so its one-second rate-limit windows stay
    those of the dashboard's own pacing (``time.time``), as a real API's and the dashboard's clocks agree."""
    from datetime import UTC, datetime, timedelta

    from components import clock

    now = datetime.now(UTC)
    noon = now.replace(hour=12, minute=0, second=0)
    if noon <= now:
        noon += timedelta(days=1)
    standin.reset(clock_start=noon.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    fake = ManualClock(noon)
    clock.use(fake.clock)
    return fake
