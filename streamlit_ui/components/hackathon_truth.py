"""The true status and submission count of the organizer's hackathons, at a call cost the free tier can carry.

``GET /hackathons`` (E4) reads a per-organizer index record that the backend updates on activation only: after an
archive it still shows the old status, and its ``submission_count`` never moves (contract E4). The true values
are on each hackathon's own record, ``GET /hackathons/{id}`` (E6), one call per hackathon. Fetching those on every
render would spend a free-tier key's 100 requests a day in minutes, so this module keeps them in one registry
per process, shared by every session signed in with the same key and base URL:

- a record is fetched once and then kept for ``TRUTH_TTL_SECONDS``; an archived record is kept until the
  organizer asks to check again (archiving is final: the API has no way back);
- the organizer's own changes through the dashboard (create, activate, archive, add or delete a submission)
  update the record in place from what the API answered, so their effect shows at once with no refetch;
- a record is fetched again early only when the list itself changed for that hackathon since the record was
  stored (the list moves only on activation, so that means someone activated it elsewhere).

What can go stale: changes made outside this process (another task behind the load balancer, another client,
participants submitting through the public form) show after the TTL or when the organizer presses
"Check again". Pages say as of when the values were checked (``checked_at``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from components import auth, data
from components.api_client import NotFoundError, PermissionDeniedError

TRUTH_TTL_SECONDS = 6 * 3600
"""How long a true record is trusted before it is fetched again (archived ones: until "Check again")."""
TRUTH_FETCHES_PER_SECOND = 4
"""At most this many record fetches per key in one second of the clock. The API limits a free-tier key to 10
requests a second in fixed one-second windows (contract §1.6); fetching every record at once would take them
all and the page's own reads in the same second would be refused with 429."""

Scope = tuple[str, str]
"""(API base URL, key fingerprint): whose records these are. Never the key itself."""


@dataclass
class _Entry:
    record: dict[str, Any]
    fetched_at: float
    listed_status: str | None
    """The list's status for this hackathon when the record was stored (``None``: not known then). A different
    one later is news: the list moves only on activation."""
    created_here: bool = False


class RateGate:
    """Lets at most ``per_second`` calls through in each one-second window of ``clock`` (``int(clock())``, like
    the API's limiter); a call over that waits for the next window."""

    def __init__(
        self, per_second: int, clock: Callable[[], float] = time.time, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.per_second = per_second
        self._clock = clock
        self._sleep = sleep
        self._window = -1
        self._used = 0

    def acquire(self) -> None:
        now = self._clock()
        if int(now) != self._window:
            self._window, self._used = int(now), 0
        if self._used >= self.per_second:
            self._sleep(self._window + 1 - now)
            self._window, self._used = self._window + 1, 0
        self._used += 1


@dataclass
class _ScopeRecords:
    gate: RateGate
    """Paces this key's record fetches (one gate per key: the API's limit is per key)."""
    lock: threading.RLock = field(default_factory=threading.RLock)
    """Held while reading or changing; also while fetching, so two sessions of one key never fetch twice."""
    entries: dict[str, _Entry] = field(default_factory=dict)


class TruthRegistry:
    """True hackathon records per (base URL, key fingerprint), shared by the sessions of one process."""

    def __init__(
        self,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        fetches_per_second: int = TRUTH_FETCHES_PER_SECOND,
    ) -> None:
        self._lock = threading.Lock()
        self._scopes: dict[Scope, _ScopeRecords] = {}
        self._clock = clock
        self._sleep = sleep
        self._fetches_per_second = fetches_per_second

    def _records(self, scope: Scope) -> _ScopeRecords:
        with self._lock:
            if scope not in self._scopes:
                gate = RateGate(self._fetches_per_second, self._clock, self._sleep)
                self._scopes[scope] = _ScopeRecords(gate=gate)
            return self._scopes[scope]

    def outdated(self, scope: Scope, listed: list[dict[str, Any]]) -> int:
        """How many of the listed hackathons ``resolve`` would fetch now."""
        records = self._records(scope)
        with records.lock:
            now = self._clock()
            return sum(
                self._needs_fetch(records.entries.get(str(i.get("hack_id"))), i.get("status"), now) for i in listed
            )

    def _needs_fetch(self, entry: _Entry | None, listed_status: Any, now: float) -> bool:
        if entry is None:
            return True
        if entry.record.get("status") == "archived":
            return False
        if entry.listed_status is not None and listed_status not in (entry.listed_status, entry.record.get("status")):
            return True
        return now - entry.fetched_at >= TRUTH_TTL_SECONDS

    def resolve(
        self, scope: Scope, listed: list[dict[str, Any]], fetch: Callable[[str], dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """The true records of the listed hackathons (oldest first), fetching only the missing or outdated ones.

        Hackathons created through the dashboard and not yet in a cached list are included. A record the API
        refuses (404/403) falls back to its list item. Any other failure raises after the records fetched so far
        are stored, so a retry fetches only the rest.
        """
        records = self._records(scope)
        with records.lock:
            for item in listed:
                hack_id = str(item.get("hack_id"))
                entry = records.entries.get(hack_id)
                if self._needs_fetch(entry, item.get("status"), self._clock()):
                    records.gate.acquire()
                    try:
                        fetched = fetch(hack_id)
                    except (NotFoundError, PermissionDeniedError):
                        records.entries.pop(hack_id, None)
                        continue
                    records.entries[hack_id] = _Entry(dict(fetched), self._clock(), item.get("status"))
                elif entry is not None:
                    entry.listed_status = item.get("status")
            listed_ids = {str(item.get("hack_id")) for item in listed}
            result = [{**item, **self._stored(records, str(item.get("hack_id")))} for item in listed]
            result += [dict(e.record) for i, e in records.entries.items() if e.created_here and i not in listed_ids]
        return sorted(result, key=lambda h: str(h.get("hack_id")))

    @staticmethod
    def _stored(records: _ScopeRecords, hack_id: str) -> dict[str, Any]:
        entry = records.entries.get(hack_id)
        return dict(entry.record) if entry else {}

    def checked_at(self, scope: Scope) -> float | None:
        """When the oldest record in use was fetched from the API (``None`` before any)."""
        records = self._records(scope)
        with records.lock:
            times = [e.fetched_at for e in records.entries.values() if not e.created_here]
        return min(times) if times else None

    # --- the organizer's own changes: applied from the API's answer, no refetch ---------------------------
    def _change(self, scope: Scope, hack_id: str, change: Callable[[_Entry], None]) -> None:
        records = self._records(scope)
        with records.lock:
            entry = records.entries.get(hack_id)
            if entry is not None:
                change(entry)

    def created(self, scope: Scope, record: dict[str, Any]) -> None:
        records = self._records(scope)
        with records.lock:
            records.entries[str(record.get("hack_id"))] = _Entry(dict(record), self._clock(), None, created_here=True)

    def replaced(self, scope: Scope, record: dict[str, Any]) -> None:
        """A full record the API answered (activation answers with the hackathon; so does E6)."""
        records = self._records(scope)
        with records.lock:
            hack_id = str(record.get("hack_id"))
            entry = records.entries.get(hack_id)
            if entry is None:
                records.entries[hack_id] = _Entry(dict(record), self._clock(), None)
            else:
                entry.record = {**entry.record, **record}

    def archived(self, scope: Scope, hack_id: str) -> None:
        self._change(scope, hack_id, lambda e: setattr(e, "record", {**e.record, "status": "archived"}))

    def submissions_changed(self, scope: Scope, hack_id: str, *, count: int | None = None, delta: int = 0) -> None:
        """``count``: the API's new total (E11 answers it); else ``delta`` is applied (E12 answers nothing)."""

        def apply(entry: _Entry) -> None:
            total = count if count is not None else max(0, int(entry.record.get("submission_count") or 0) + delta)
            entry.record = {**entry.record, "submission_count": total}

        self._change(scope, hack_id, apply)

    def forget(self, scope: Scope) -> None:
        """Check again: the next read fetches every record of this key."""
        with self._lock:
            self._scopes.pop(scope, None)

    def move(self, old: Scope, new: Scope) -> None:
        """A rotated key belongs to the same organizer: the new key keeps the records (no refetch)."""
        with self._lock:
            if old in self._scopes and new not in self._scopes:
                self._scopes[new] = self._scopes[old]


@st.cache_resource(show_spinner=False)
def registry() -> TruthRegistry:
    """The process-wide registry (one per Streamlit server process)."""
    return TruthRegistry()


def _scope() -> Scope:
    base, fingerprint, _generation = auth.cache_scope()
    return (base, fingerprint)


def hackathons() -> list[dict[str, Any]]:
    """The organizer's hackathons (oldest first) with their true status and submission count.

    Cost: the cached list (``data.hackathons``) plus one ``GET /hackathons/{id}`` per hackathon not yet known
    to this process for this key, ``TRUTH_FETCHES_PER_SECOND`` a second at most. Raises ``ApiError`` with the
    sentence to show.
    """
    client = auth.require_sign_in()
    listed = data.hackathons()
    truth = registry()
    outdated = truth.outdated(_scope(), listed)
    if outdated <= TRUTH_FETCHES_PER_SECOND:
        return truth.resolve(_scope(), listed, client.get_hackathon)
    with st.spinner(f"Checking the status of {outdated} hackathons with the API…"):
        return truth.resolve(_scope(), listed, client.get_hackathon)


def checked_at() -> float | None:
    return registry().checked_at(_scope())


def check_again() -> None:
    """Fetch every record (and the list) again on the next read: one call per hackathon, plus the list."""
    registry().forget(_scope())
    auth.invalidate_cache()


def created(answer: dict[str, Any]) -> None:
    """After E5: the new hackathon (the API's answer) is shown at once, before the cached list has it."""
    registry().created(_scope(), answer)


def activated(answer: dict[str, Any]) -> None:
    """After E7: the API answers with the activated hackathon."""
    registry().replaced(_scope(), answer)


def archived(hack_id: str) -> None:
    registry().archived(_scope(), hack_id)


def submissions_added(hack_id: str, answer: dict[str, Any]) -> None:
    """After E11: its ``hackathon_submission_count`` is the new total (else count the created ones)."""
    total = answer.get("hackathon_submission_count")
    if isinstance(total, int) and not isinstance(total, bool):
        registry().submissions_changed(_scope(), hack_id, count=total)
    else:
        registry().submissions_changed(_scope(), hack_id, delta=int(answer.get("created") or 0))


def submission_deleted(hack_id: str) -> None:
    registry().submissions_changed(_scope(), hack_id, delta=-1)


def key_replaced(old_scope: Scope, new_scope: Scope) -> None:
    registry().move(old_scope, new_scope)


def clear() -> None:
    """Forget every key's records (tests call this between cases)."""
    registry.clear()
