"""A Streamlit browser tab without a browser: the websocket protocol as the shipped frontend speaks it.

Used by ``bench/capacity.py`` (hundreds of these at once) and checked against a real headless Chromium by
``bench/protocol_check.py``. Everything here mirrors a rule of Streamlit's frontend (``streamlit/static``,
the version installed in ``.venv``); each rule names where it comes from:

- **Opening a URL.** The tab fetches ``/_stcore/health`` (which sets the ``_streamlit_xsrf`` cookie) and
  ``/_stcore/host-config``, then opens ``/_stcore/stream`` with the subprotocols ``streamlit``, the XSRF token
  and, on a reconnect, the last session id; its first ``rerun_script`` names the page only by ``page_name``
  (the URL path, empty for the root) with an empty ``page_script_hash``.
- **Which page a rerun names.** The frontend keeps ``currentPageScriptHash``: it is set from every
  ``new_session`` message and then from every ``navigation`` message. With ``st.navigation`` the first
  ``new_session`` carries the MAIN script's hash; only the ``navigation`` message that follows names the page
  that ran. Every later rerun sends that hash and an empty ``page_name``. A click in the sidebar sends the
  target page's hash (from the ``navigation`` message's ``app_pages``) with the widget states of the main
  script's elements only.
- **Widget states.** Every rerun carries the states of the widgets the tab has drawn: a widget gets its
  default (or the value the script set) when it is first drawn; buttons have no state until clicked (a click
  sends ``trigger_value`` once); a form's inputs are sent with its submit button's trigger. After a run that
  finished, widgets that run did not draw are dropped (only inside the run's fragments for a fragment run).
- **The forward-message cache.** Messages marked cacheable are kept by hash and their hashes sent with every
  rerun; the server then sends a ``ref_hash`` instead. An entry expires after ``max_cached_message_age``
  finished runs without use.
- **Fragment auto-rerun timers** (``st.fragment(run_every=…)``). An ``auto_rerun`` message starts a
  ``setInterval`` for its fragment, unless one with the same interval already runs for it (then nothing
  changes: the timer is NOT restarted by later fragment runs). Each tick sends a ``rerun_script`` with the
  fragment id, ``is_auto_rerun`` and all widget states, whether or not the previous run has finished (the
  server queues it and coalesces it with another queued tick; a fragment tick never interrupts a run).
  All timers are cleared by the ``new_session`` of a full-app run (whose ``auto_rerun`` then starts them again),
  by a page change, and per fragment by ``stop_auto_rerun``.
- **streamlit-autorefresh** (the component the Live Dashboard used before fragments). Its iframe starts a
  ``setInterval`` when it receives its first render message; the frontend sends another only when the
  component's arguments change, so the timer restarts only when the interval does, never because a run ended.
  Each tick sets the component's value to a counter (``json_value``), which makes the frontend send a full-app
  rerun with all widget states; a full-app rerun interrupts the run in progress.
- **Runs.** A run starts with ``new_session`` (``metadata.run`` names its id and fragments) and ends with
  ``script_finished``: FINISHED_SUCCESSFULLY (full run), FINISHED_FRAGMENT_RUN_SUCCESSFULLY, or
  FINISHED_EARLY_FOR_RERUN, which means the run was cut short and delivered nothing of its own: the refresh it
  was serving is superseded, not finished, and is delivered by the next run that finishes (cut short by the
  tab's own later full-app rerun, or by the app calling ``st.rerun``: both counted). Not every
  FINISHED_EARLY_FOR_RERUN is a cut: when a fragment run starts while the previous run's script_finished is still
  queued, the server rewrites that status and keeps the previous run's elements; the next run then covers none
  of its fragments, and it counts as finished ("fragment finished, reported superseded"). Under load a run's
  ``script_finished`` can be lost (the server replaced its stopped ScriptRunner): the next ``new_session``
  then ends it as "finished, unannounced".

Every wait is bounded by its caller's timeout; traffic goes only to the URL given (127.0.0.1 in the benches).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

XSRF_COOKIE = "_streamlit_xsrf"
CONTEXT = {  # what headless Chromium reports in ClientState.context_info on the machines this runs on
    "timezone": "UTC",
    "timezone_offset": 0,
    "locale": "en-US",
    "is_embedded": False,
    "color_scheme": "light",
}
KEPT_RUNS = 50  # runs a tab keeps in full when not recording
FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY: "finished",
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "fragment finished",
    ForwardMsg.FINISHED_EARLY_FOR_RERUN: "superseded",
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile error",
}


class ProtocolError(Exception):
    """The server answered something a browser tab could not go on from; one sentence."""


async def http_get(origin: str, path: str, timeout: float, cookie: str = "") -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 GET on its own connection (status, lower-cased headers, body); bounded by ``timeout``."""
    parts = urlsplit(origin)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80

    async def exchange() -> tuple[int, dict[str, str], bytes]:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close", "Accept: */*"]
            if cookie:
                lines.append(f"Cookie: {cookie}")
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
            await writer.drain()
            raw = await reader.read(-1)
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
        head, _, body = raw.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers: dict[str, str] = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            key = name.strip().lower()
            headers[key] = (
                f"{headers[key]}, {value.strip()}" if key in headers and key != "set-cookie" else value.strip()
            )
            if key == "set-cookie":
                headers.setdefault("_cookies", "")
                headers["_cookies"] += value.strip() + "\n"
        return int(status_line.split()[1]), headers, body

    return await asyncio.wait_for(exchange(), timeout)


def initial_widget_state(element_type: str, element: Any) -> WidgetState | None:
    """The state the frontend registers when it first draws a widget (None: no state until used)."""
    state = WidgetState(id=element.id)
    set_value = getattr(element, "set_value", False)
    if element_type == "checkbox":  # also st.toggle
        state.bool_value = element.value if set_value else element.default
    elif element_type in ("selectbox", "radio"):
        if set_value and element.HasField("raw_value"):
            state.string_value = element.raw_value
        elif element.HasField("default") and 0 <= element.default < len(element.options):
            state.string_value = element.options[element.default]
        else:
            return None
    elif element_type in ("text_input", "text_area"):
        if set_value and element.HasField("value"):
            state.string_value = element.value
        elif element.HasField("default"):
            state.string_value = element.default
        else:
            return None
    elif element_type == "multiselect":
        values = element.raw_values if set_value else [element.options[i] for i in element.default]
        state.string_array_value.data.extend(values)
    elif element_type == "number_input":
        state.double_value = element.value if set_value else element.default
    else:
        return None
    return state


WIDGET_TYPES = {
    "checkbox",
    "selectbox",
    "radio",
    "text_input",
    "text_area",
    "multiselect",
    "number_input",
    "button",
    "download_button",
    "component_instance",
    "date_input",
    "slider",
    "button_group",
}


@dataclass
class Widget:
    """One widget the tab has drawn."""

    id: str
    kind: str
    label: str
    form_id: str
    script_hash: str  # the script that drew it (metadata.active_script_hash)
    fragment_id: str
    state: WidgetState | None
    is_form_submitter: bool = False


@dataclass
class Tick:
    """One refresh the tab asked for: a timer tick (or any rerun request the caller wants to follow)."""

    sent: float
    fragment_id: str  # "" for a full-app rerun
    delivered: float | None = None
    superseded: int = 0  # runs that served it and were cut short by a later full-app rerun this tab asked for
    rerun_by_app: int = 0  # runs that served it and ended early because the app itself called st.rerun
    shared: int = 1  # how many ticks the run that delivered it delivered


@dataclass
class Run:
    """One script run as the tab sees it."""

    run_id: str
    fragment_ids: tuple[str, ...]
    started: float
    page_hash: str = ""
    ended: float | None = None
    status: str = ""
    elements: dict[str, int] = field(default_factory=dict)  # element type -> count drawn
    ticks: list[Tick] = field(default_factory=list)
    cut_ticks: list[Tick] = field(default_factory=list)  # what a superseded run was serving
    cut_by_tab: bool = False


@dataclass
class Sent:
    """A BackMsg the tab sent, for the protocol check."""

    at: float
    kind: str
    fields: dict[str, Any]


def describe_back_msg(back: BackMsg) -> tuple[str, dict[str, Any]]:
    """The kind and comparable fields of a BackMsg (the browser's and ours are compared on these)."""
    kind = back.WhichOneof("type") or ""
    if kind != "rerun_script":
        return kind, {}
    rerun = back.rerun_script
    widgets = {}
    for state in rerun.widget_states.widgets:
        value_kind = state.WhichOneof("value") or ""
        value: Any = getattr(state, value_kind) if value_kind else None
        if value_kind.endswith("array_value"):
            value = list(value.data)
        elif hasattr(value, "ListFields"):
            value = str(value)
        widgets[state.id] = (value_kind, value)
    context = rerun.context_info
    return kind, {
        "page_name": rerun.page_name,
        "page_script_hash": rerun.page_script_hash,
        "fragment_id": rerun.fragment_id,
        "is_auto_rerun": rerun.is_auto_rerun,
        "query_string": rerun.query_string,
        "widgets": widgets,
        "cached_message_hashes": len(rerun.cached_message_hashes),
        "context_info": sorted(f.name for f, _ in context.ListFields()),
    }


class _Idle:
    """The timer of a passive tab: logged, never fires."""

    def cancel(self) -> None:
        return None


class Tab:
    """One browser tab's Streamlit session over one websocket."""

    def __init__(
        self,
        origin: str,
        *,
        record: bool = False,
        passive: bool = False,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.origin = origin.rstrip("/")
        self.clock = clock
        self.record = record or passive
        # passive: a real browser does the talking; observe_sent/observe_received feed its frames through the
        # same accounting (runs, refreshes, timers are logged, never started)
        self.passive = passive
        self.sent: list[Sent] = []  # every BackMsg (only when record)
        self.received: list[tuple[float, str]] = []  # (time, kind) of every ForwardMsg (only when record)
        self.ws: Any = None
        self.reader: asyncio.Task[None] | None = None
        self.cookie = ""
        self.xsrf = ""
        self.session_id = ""
        self.url_path = ""
        self.main_hash = ""
        self.current_hash = ""
        self.pages: dict[str, str] = {}  # url path -> page_script_hash (from navigation)
        self.page_names: dict[str, str] = {}  # page_script_hash -> url path
        self.max_cache_age = 2
        self.cache: dict[str, tuple[bytes, int, str]] = {}  # hash -> (message, run count at last use, fragment)
        self.cache_runs = 0
        self.widgets: dict[str, Widget] = {}
        self.drawn: set[str] = set()  # widget ids drawn by the current run
        self.runs: list[Run] = []
        self.run_log: list[tuple[float, str]] = []  # (start, final status) of every run that ended
        self.run: Run | None = None
        self.ticks: list[Tick] = []
        self.pending: list[Tick] = []  # asked for, not yet served by a run that started after them
        self.last_full_request = float("-inf")  # when this tab last asked for a full-app rerun
        self.cut_run: Run | None = None  # the last superseded run, until the next run says what it was
        self.fragment_timers: dict[str, tuple[float, asyncio.Task[None] | _Idle]] = {}
        self.component_timer: asyncio.Task[None] | _Idle | None = None
        self.component_interval = 0.0
        self.component_counter = 0
        self.timer_log: list[tuple[float, str, str, float]] = []  # (time, event, fragment/component, interval)
        self.timer_deadline = clock() + 7200.0  # no timer fires after this (callers set it)
        self.headings: list[str] = []  # headings drawn by the latest run
        self.exceptions: list[str] = []
        self.error_boxes: list[str] = []
        self.pages_not_found: list[str] = []
        self.problems: list[str] = []
        self.closed = True
        self.finished = asyncio.Event()  # set when a run ends (any status)

    # --- connection ---------------------------------------------------------------------------------------

    async def connect(self, timeout: float, *, resume: bool = False) -> None:
        """What the frontend does before its first rerun: health, host-config, then the websocket."""
        from websockets.asyncio.client import connect
        from websockets.typing import Subprotocol

        status, headers, _ = await http_get(self.origin, "/_stcore/health", timeout, self.cookie)
        if status != 200:
            raise ProtocolError(f"/_stcore/health answered {status}")
        for line in headers.get("_cookies", "").splitlines():
            name, _, rest = line.partition("=")
            if name == XSRF_COOKIE:
                self.xsrf = rest.split(";", 1)[0]
                self.cookie = f"{XSRF_COOKIE}={self.xsrf}"
        status, _, _ = await http_get(self.origin, "/_stcore/host-config", timeout, self.cookie)
        if status != 200:
            raise ProtocolError(f"/_stcore/host-config answered {status}")
        protocols = [Subprotocol("streamlit"), Subprotocol(self.xsrf or "PLACEHOLDER_AUTH_TOKEN")]
        if resume and self.session_id:
            protocols.append(Subprotocol(self.session_id))
        ws_origin = self.origin.replace("http://", "ws://", 1)
        self.ws = await connect(
            f"{ws_origin}/_stcore/stream",
            subprotocols=protocols,
            origin=self.origin,  # type: ignore[arg-type]
            additional_headers={"Cookie": self.cookie} if self.cookie else None,
            max_size=None,
            compression=None,  # Chromium offers permessage-deflate, but Streamlit's server does not take it
            proxy=None,  # only the URL given, never through a proxy from the environment
            open_timeout=timeout,
            ping_interval=None,
        )
        self.closed = False
        self.reader = asyncio.create_task(self._read())

    async def drop(self) -> None:
        """Lose the websocket (a network blip, a load balancer closing it); timers keep running, as in a tab."""
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.ws.close(), 10)
        if self.reader is not None:
            self.reader.cancel()
            with contextlib.suppress(BaseException):
                await self.reader
        self.closed = True

    async def close(self) -> None:
        self.stop_timers()
        await self.drop()

    # --- sending ------------------------------------------------------------------------------------------

    def widget_states(self, only_script: str | None = None) -> WidgetStates:
        states = WidgetStates()
        for widget in self.widgets.values():
            if widget.state is None or (only_script is not None and widget.script_hash != only_script):
                continue
            states.widgets.append(widget.state)
        return states

    async def send_rerun(
        self,
        *,
        page_name: str = "",
        page_hash: str | None = None,
        fragment_id: str = "",
        auto: bool = False,
        states: WidgetStates | None = None,
    ) -> None:
        if self.closed:
            raise ProtocolError("the websocket is closed")
        back = BackMsg()
        rerun = back.rerun_script
        rerun.query_string = ""
        rerun.widget_states.CopyFrom(states if states is not None else self.widget_states())
        rerun.page_script_hash = self.current_hash if page_hash is None else page_hash
        rerun.page_name = page_name
        if fragment_id:
            rerun.fragment_id = fragment_id
        if auto:
            rerun.is_auto_rerun = True
        rerun.cached_message_hashes.extend(self.cache)
        for name, value in CONTEXT.items():
            setattr(rerun.context_info, name, value)
        rerun.context_info.url = f"{self.origin}/{self.url_path}"
        if self.record:
            kind, fields = describe_back_msg(back)
            self.sent.append(Sent(self.clock(), kind, fields))
        if not fragment_id:
            self.last_full_request = self.clock()
        await self.ws.send(back.SerializeToString())

    async def open(self, path: str, timeout: float) -> Run:
        """Open ``path`` (the URL path after the host) as a new tab; the run that drew it."""
        self.url_path = path
        await self.connect(timeout)
        return await self.rerun_and_wait(lambda: self.send_rerun(page_name=path, page_hash=""), timeout)

    async def resume(self, timeout: float) -> Run:
        """Reconnect after a drop, as the frontend does: same session id, then a full rerun with widget states."""
        await self.connect(timeout, resume=True)
        return await self.rerun_and_wait(lambda: self.send_rerun(), timeout)

    async def goto(self, path: str, timeout: float) -> Run:
        """Click the sidebar link to ``path``: timers cleared, the page's own hash, the main script's widgets."""
        if path not in self.pages:
            raise ProtocolError(f"the navigation has no page '{path}' (pages: {', '.join(sorted(self.pages))})")
        self.stop_timers()
        self.url_path = path
        target = self.pages[path]
        return await self.rerun_and_wait(
            lambda: self.send_rerun(page_hash=target, states=self.widget_states(only_script=self.main_hash)), timeout
        )

    async def submit_form(self, button_label: str, values: dict[str, str], timeout: float) -> Run:
        """Type ``values`` (by input label) into the form of the submit button ``button_label`` and click it."""
        button = next(
            (w for w in self.widgets.values() if w.is_form_submitter and w.label == button_label),
            None,
        )
        if button is None:
            raise ProtocolError(f"no form submit button '{button_label}' is drawn")
        for label, value in values.items():
            field_widget = next(
                (w for w in self.widgets.values() if w.form_id == button.form_id and w.label == label), None
            )
            if field_widget is None or field_widget.state is None:
                raise ProtocolError(f"the form of '{button_label}' has no input '{label}'")
            field_widget.state.string_value = value
        states = self.widget_states()
        trigger = states.widgets.add()
        trigger.id = button.id
        trigger.trigger_value = True
        return await self.rerun_and_wait(lambda: self.send_rerun(states=states), timeout)

    async def rerun_and_wait(self, send: Callable[[], Any], timeout: float) -> Run:
        """Send a rerun and wait (bounded) until a run that started after it finishes, through superseded ones."""
        tick = Tick(self.clock(), "")
        self.pending.append(tick)
        await send()
        deadline = self.clock() + timeout
        while tick.delivered is None:
            remaining = deadline - self.clock()
            if remaining <= 0:
                raise TimeoutError
            if self.closed:
                raise ProtocolError("the websocket closed during a run: " + "; ".join(self.problems[-1:]))
            self.finished.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.finished.wait(), min(remaining, 1.0))
        return next(r for r in reversed(self.runs) if tick in r.ticks)

    # --- timers -------------------------------------------------------------------------------------------

    def stop_timers(self) -> None:
        for fragment_id in list(self.fragment_timers):
            self._clear_fragment_timer(fragment_id, "cleared")
        if self.component_timer is not None:
            self.component_timer.cancel()
            self.component_timer = None

    def _clear_fragment_timer(self, fragment_id: str, why: str) -> None:
        entry = self.fragment_timers.pop(fragment_id, None)
        if entry is not None:
            entry[1].cancel()
            self.timer_log.append((self.clock(), why, fragment_id, entry[0]))

    def _on_auto_rerun(self, fragment_id: str, interval: float) -> None:
        if not fragment_id:
            self.problems.append("an auto_rerun message without a fragment id")
            return
        current = self.fragment_timers.get(fragment_id)
        if current is not None and current[0] == interval:
            return  # same interval: the running setInterval goes on
        self._clear_fragment_timer(fragment_id, "replaced")
        self.timer_log.append((self.clock(), "started", fragment_id, interval))
        self.fragment_timers[fragment_id] = (
            interval,
            self._start(self._interval(interval, lambda: self._fragment_tick(fragment_id))),
        )

    def _on_component_rendered(self, interval: float) -> None:
        # The frontend posts a render message to the iframe only when the component's arguments (or its
        # disabled state, or the theme) change, so the iframe's setInterval starts once when the iframe has
        # loaded and restarts only when the interval changes. The iframe's load (about half a second in
        # Chromium) is not modelled: the timer starts when the element arrives.
        if self.component_timer is not None and self.component_interval == interval:
            return
        if self.component_timer is not None:
            self.component_timer.cancel()
        self.component_interval = interval
        self.timer_log.append((self.clock(), "started", "component", interval))
        self.component_timer = self._start(self._interval(interval, self._component_tick))

    def _start(self, timer: Any) -> asyncio.Task[None] | _Idle:
        if self.passive:
            timer.close()
            return _Idle()
        return asyncio.create_task(timer)

    async def _interval(self, interval: float, fire: Callable[[], Any]) -> None:
        """``setInterval``: fires every ``interval`` s from now, independent of what the runs do, until
        ``timer_deadline`` (a tab has no such limit; the bench bounds every loop). While the websocket is down
        a tick sends nothing (the frontend logs "Cannot send rerun backMessage when disconnected")."""
        if interval <= 0:
            self.problems.append(f"a timer with interval {interval}")
            return
        start = self.clock()
        for count in range(1, int(max(0.0, self.timer_deadline - start) / interval) + 2):
            due = start + count * interval
            if due > self.timer_deadline:
                return
            await asyncio.sleep(max(0.0, due - self.clock()))
            if not self.closed:
                await fire()

    async def _fragment_tick(self, fragment_id: str) -> None:
        tick = Tick(self.clock(), fragment_id)
        self.ticks.append(tick)
        self.pending.append(tick)
        self.timer_log.append((tick.sent, "tick", fragment_id, 0.0))
        with contextlib.suppress(Exception):
            await self.send_rerun(fragment_id=fragment_id, auto=True)

    async def _component_tick(self) -> None:
        widget = next((w for w in self.widgets.values() if w.kind == "component_instance"), None)
        if widget is None:
            return
        self.component_counter += 1
        state = WidgetState(id=widget.id, json_value=json.dumps(self.component_counter))
        widget.state = state
        tick = Tick(self.clock(), "")
        self.ticks.append(tick)
        self.pending.append(tick)
        self.timer_log.append((tick.sent, "tick", "component", 0.0))
        with contextlib.suppress(Exception):
            await self.send_rerun()

    # --- a real browser's frames (passive) ---------------------------------------------------------------

    def observe_sent(self, raw: bytes) -> None:
        """A BackMsg the browser sent: recorded; a rerun becomes a refresh to follow (a tick when automatic)."""
        back = BackMsg()
        back.ParseFromString(raw)
        kind, fields = describe_back_msg(back)
        now = self.clock()
        self.sent.append(Sent(now, kind, fields))
        if kind != "rerun_script":
            return
        tick = Tick(now, back.rerun_script.fragment_id)
        self.pending.append(tick)
        if not back.rerun_script.fragment_id:
            self.last_full_request = now
        json_values = [w for w in back.rerun_script.widget_states.widgets if w.WhichOneof("value") == "json_value"]
        if back.rerun_script.is_auto_rerun or (json_values and not fields["fragment_id"]):
            self.ticks.append(tick)  # a fragment timer's tick, or streamlit-autorefresh setting its counter
            self.timer_log.append((now, "tick", back.rerun_script.fragment_id or "component", 0.0))

    def observe_received(self, raw: bytes) -> None:
        message = ForwardMsg()
        message.ParseFromString(raw)
        self._handle(message, raw)

    # --- receiving ----------------------------------------------------------------------------------------

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                message = ForwardMsg()
                message.ParseFromString(raw)
                self._handle(message, raw)
        except Exception as exc:
            self.problems.append(f"connection: {type(exc).__name__}: {exc}"[:200])
        finally:
            self.closed = True
            self.finished.set()

    def _handle(self, message: ForwardMsg, raw: bytes) -> None:
        now = self.clock()
        kind = message.WhichOneof("type") or ""
        if kind == "ref_hash":
            cached = self.cache.get(message.ref_hash)
            if cached is None:
                self.problems.append(f"cache miss for {message.ref_hash}")
                return
            self.cache[message.ref_hash] = (cached[0], self.cache_runs, cached[2])
            referenced = ForwardMsg()
            referenced.ParseFromString(cached[0])
            referenced.metadata.CopyFrom(message.metadata)
            message, kind = referenced, referenced.WhichOneof("type") or ""
        elif message.metadata.cacheable and message.hash and message.hash not in self.cache:
            fragment = message.delta.fragment_id if kind == "delta" else ""
            self.cache[message.hash] = (raw, self.cache_runs, fragment)
        if self.record:
            self.received.append((now, self._describe(kind, message)))
        if kind == "new_session":
            self._on_new_session(message, now)
        elif kind == "navigation":
            self.pages = {page.url_pathname: page.page_script_hash for page in message.navigation.app_pages}
            self.page_names = {h: p for p, h in self.pages.items()}
            self.current_hash = message.navigation.page_script_hash
            if self.run is not None:
                self.run.page_hash = self.current_hash
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            self._on_element(message)
        elif kind == "auto_rerun":
            self._on_auto_rerun(message.auto_rerun.fragment_id, message.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            for fragment_id in message.stop_auto_rerun.fragment_ids:
                self._clear_fragment_timer(fragment_id, "stopped")
        elif kind == "page_not_found":
            self.pages_not_found.append(message.page_not_found.page_name)
        elif kind == "script_finished":
            self._on_finished(message.script_finished, now)

    @staticmethod
    def _describe(kind: str, message: ForwardMsg) -> str:
        if kind == "delta":
            delta_type = message.delta.WhichOneof("type") or ""
            if delta_type == "new_element":
                return f"delta:{message.delta.new_element.WhichOneof('type')}"
            return f"delta:{delta_type}"
        if kind == "script_finished":
            return f"script_finished:{FINISHED.get(message.script_finished, message.script_finished)}"
        return kind

    def _on_new_session(self, message: ForwardMsg, now: float) -> None:
        session = message.new_session
        run_info = message.metadata.run
        fragments = tuple(run_info.fragment_ids)
        if session.initialize.session_id:
            self.session_id = session.initialize.session_id
        if session.config.max_cached_message_age:
            self.max_cache_age = session.config.max_cached_message_age
        self.main_hash = session.main_script_hash
        self.current_hash = session.page_script_hash  # the MAIN script's hash on the first run with st.navigation
        if not fragments:
            # a full-app run: the frontend clears every fragment timer (cleanupAutoReruns)
            for fragment_id in list(self.fragment_timers):
                self._clear_fragment_timer(fragment_id, "cleared")
        if self.run is not None and self.run.ended is None:
            # The previous run's script_finished never comes: it finished, found no request waiting and its
            # ScriptRunner stopped, a request arriving just then made the server start a new ScriptRunner, and
            # the server ignores events from a ScriptRunner that is no longer current (AppSession
            # _handle_scriptrunner_event_on_event_loop). Everything it drew arrived before this message.
            self._end_run(self.run, "finished, unannounced", now)
        if self.cut_run is not None:
            self._settle_cut(self.cut_run, fragments)
            self.cut_run = None
        run = Run(run_info.script_run_id, fragments, now, page_hash=self.current_hash)
        # every refresh asked for before this run started and covered by it is now served by it
        for tick in list(self.pending):
            if not fragments or tick.fragment_id in fragments:
                run.ticks.append(tick)
                self.pending.remove(tick)
        self.run = run
        self.runs.append(run)
        if not self.record and len(self.runs) > 2 * KEPT_RUNS:
            del self.runs[:KEPT_RUNS]  # a long watch keeps only recent runs (run_log keeps every status)
        self.headings = []
        self.drawn = set()

    def _settle_cut(self, cut: Run, fragments: tuple[str, ...]) -> None:
        """The run after a superseded one has started: was the superseded run really cut short?

        A run that is really cut short is followed by a run that covers it: a full-app run (after a full-app
        rerun request or st.rerun()) or a run of the same fragment (st.rerun(scope="fragment")). But when a
        fragment run starts while the previous run's script_finished is still queued, the server rewrites that
        status to FINISHED_EARLY_FOR_RERUN and keeps the previous run's elements if they belong to another
        fragment (ForwardMsgQueue.clear, _update_script_finished_message): that run finished and its refresh was
        delivered. The next run then covers none of its fragments.
        """
        covered = not fragments or not cut.fragment_ids or any(f in fragments for f in cut.fragment_ids)
        if covered:
            self.run_log.append((cut.started, "superseded"))
            for tick in cut.cut_ticks:
                if cut.cut_by_tab:
                    tick.superseded += 1
                else:
                    tick.rerun_by_app += 1
            return
        cut.status = "fragment finished, reported superseded"
        self.run_log.append((cut.started, cut.status))
        for tick in cut.cut_ticks:
            if tick in self.pending:
                self.pending.remove(tick)
                tick.delivered = cut.ended
                tick.shared = len(cut.cut_ticks)
        cut.ticks, cut.cut_ticks = cut.cut_ticks, []

    def _on_element(self, message: ForwardMsg) -> None:
        element = message.delta.new_element
        element_type = element.WhichOneof("type") or ""
        if self.run is not None:
            self.run.elements[element_type] = self.run.elements.get(element_type, 0) + 1
        body = getattr(element, element_type) if element_type else None
        if element_type == "heading":
            self.headings.append(body.body)
        elif element_type == "exception":
            self.exceptions.append(f"{body.type}: {body.message}"[:200])
        elif element_type == "alert" and body.format == Alert.ERROR:
            self.error_boxes.append(body.body[:200])
        if element_type not in WIDGET_TYPES or not getattr(body, "id", ""):
            return
        self.drawn.add(body.id)
        known = self.widgets.get(body.id)
        state = known.state if known is not None else None
        if element_type == "component_instance":
            args = json.loads(body.json_args or "{}")
            if isinstance(args, dict) and isinstance(args.get("interval"), int | float):
                self._on_component_rendered(args["interval"] / 1000)  # streamlit-autorefresh
        elif known is None or getattr(body, "set_value", False):
            state = initial_widget_state(element_type, body)
        self.widgets[body.id] = Widget(
            id=body.id,
            kind=element_type,
            label=getattr(body, "label", ""),
            form_id=getattr(body, "form_id", ""),
            script_hash=message.metadata.active_script_hash,
            fragment_id=message.delta.fragment_id,
            state=state,
            is_form_submitter=bool(getattr(body, "is_form_submitter", False)),
        )

    def _on_finished(self, status_code: int, now: float) -> None:
        status = FINISHED.get(status_code, str(status_code))
        if self.run is None:
            self.problems.append(f"script_finished ({status}) without a run")
            return
        self._end_run(self.run, status, now)
        self.run = None

    def _end_run(self, run: Run, status: str, now: float) -> None:
        run.ended, run.status = now, status
        if status != "superseded":  # a superseded run is logged once the next run says what it was
            self.run_log.append((run.started, status))
        self.finished.set()
        if status == "superseded":
            # The run was cut short: what it was serving waits for the next run, which decides what happened
            # (_settle_cut). Cut short by this tab: a full-app rerun it asked for after the run started (a
            # fragment tick never interrupts a run); otherwise by the app itself (st.rerun).
            run.cut_by_tab = self.last_full_request > run.started
            run.cut_ticks = run.ticks
            self.cut_run = run
            self.pending[:0] = run.ticks
            run.ticks = []
        elif status in ("finished", "fragment finished", "finished, unannounced"):
            for tick in run.ticks:
                tick.delivered = now
                tick.shared = len(run.ticks)
            if not run.fragment_ids:
                self.widgets = {i: w for i, w in self.widgets.items() if i in self.drawn}
            else:
                self.widgets = {
                    i: w for i, w in self.widgets.items() if w.fragment_id not in run.fragment_ids or i in self.drawn
                }
            self.cache_runs += 1
            for key, (_raw, used, fragment) in list(self.cache.items()):
                if run.fragment_ids and (not fragment or fragment not in run.fragment_ids):
                    continue
                if self.cache_runs - used > self.max_cache_age:
                    del self.cache[key]
        else:
            self.problems.append(f"a run ended with {status}")

    # --- what the tab shows -------------------------------------------------------------------------------

    def showed(self, text: str) -> bool:
        return any(text in heading for heading in self.headings)
