"""Reads shared by every session of one API key in this process, with at most one fetch in flight per read.

The Live Dashboard's refresh asks for the same few things (a hackathon's stats, analysis status, submissions)
in every session that watches it. ``SharedReads.get`` files each answer under (API base URL, key fingerprint,
what, argument): a session whose refresh comes within ``max_age_seconds`` of another's gets that answer without
a call; sessions asking at the same moment wait for the one fetch in flight instead of sending their own.
Reads are never shared across keys: another key may not see the same hackathon (or may see it differently).

A failed fetch is shared for ``FAILURE_MAX_AGE_SECONDS`` too, so that while the API is down the sessions that
ask at the same moment wait for one failed attempt, not one each in turn. ``invalidate(scope)`` drops a key's
answers after one of its sessions changed something (started an analysis).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from components import clock

T = TypeVar("T")
Scope = tuple[str, str]
"""(API base URL, key fingerprint)."""

FAILURE_MAX_AGE_SECONDS = 2.0
FORGET_AFTER_SECONDS = 600.0
"""Answers older than this are dropped (no read shares them any more), so memory follows the live sessions."""
MAX_ENTRIES = 2000
"""Bound on remembered answers (oldest dropped first): one per key, hackathon and kind of read."""
SWEEP_EVERY = 100
"""Stores between two sweeps of the answers older than ``FORGET_AFTER_SECONDS``."""


@dataclass
class _Entry:
    at: datetime
    generation: int
    value: Any = None
    error: BaseException | None = None


class SharedReads:
    """Per-key shared answers with single-flight fetching; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[tuple[Scope, str, str], _Entry] = {}
        self._fetch_locks: dict[tuple[Scope, str, str], threading.Lock] = {}
        self._generations: dict[Scope, int] = {}
        self._stores = 0
        self.fetches = 0
        """How many fetches ran (for tests and benchmarks)."""

    def _fresh(self, entry: _Entry | None, scope: Scope, max_age_seconds: float, now: datetime) -> bool:
        if entry is None or entry.generation != self._generations.get(scope, 0):
            return False
        age = (now - entry.at).total_seconds()
        limit = min(max_age_seconds, FAILURE_MAX_AGE_SECONDS) if entry.error is not None else max_age_seconds
        return 0 <= age < limit

    @staticmethod
    def _answer(entry: _Entry) -> Any:
        if entry.error is not None:
            raise copy.copy(entry.error)
        return entry.value

    def get(self, scope: Scope, what: str, arg: str, fetch: Callable[[], T], max_age_seconds: float) -> T:
        """The answer to ``what(arg)`` for this key: shared if younger than ``max_age_seconds``, else fetched
        (once, however many sessions ask at the same moment). A failed fetch raises its error."""
        key = (scope, what, arg)
        with self._lock:
            entry = self._entries.get(key)
            if self._fresh(entry, scope, max_age_seconds, clock.now()):
                return self._answer(entry)
            fetch_lock = self._fetch_locks.setdefault(key, threading.Lock())
        with fetch_lock:
            with self._lock:
                entry = self._entries.get(key)
                if self._fresh(entry, scope, max_age_seconds, clock.now()):
                    return self._answer(entry)
                generation = self._generations.get(scope, 0)
                self.fetches += 1
            try:
                value = fetch()
            except Exception as err:
                self._store(key, _Entry(clock.now(), generation, error=err))
                raise
            self._store(key, _Entry(clock.now(), generation, value=value))
            return value

    def _store(self, key: tuple[Scope, str, str], entry: _Entry) -> None:
        with self._lock:
            self._entries[key] = entry
            self._stores += 1
            if self._stores % SWEEP_EVERY == 0:
                stale = [
                    k for k, e in self._entries.items() if (entry.at - e.at).total_seconds() > FORGET_AFTER_SECONDS
                ]
                self._forget(stale)
            if len(self._entries) > MAX_ENTRIES:
                self._forget(
                    sorted(self._entries, key=lambda k: self._entries[k].at)[: len(self._entries) - MAX_ENTRIES]
                )

    def _forget(self, keys: list[tuple[Scope, str, str]]) -> None:
        for key in keys:
            self._entries.pop(key, None)
            self._fetch_locks.pop(key, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def invalidate(self, scope: Scope) -> None:
        """This key's next reads fetch again (answers in flight are not kept)."""
        with self._lock:
            self._generations[scope] = self._generations.get(scope, 0) + 1

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._fetch_locks.clear()
            self._generations.clear()
            self.fetches = 0


READS = SharedReads()
"""The process's shared reads."""
