"""Cached reads from the API. Cache keys hold the user's key fingerprint and cache generation, never the key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from components import auth
from components.api_client import ApiClient

LIST_TTL_SECONDS = 30
LIVE_TTL_SECONDS = 5
DETAIL_TTL_SECONDS = 60


@st.cache_data(ttl=LIST_TTL_SECONDS, show_spinner=False, max_entries=500)
def _cached_list(scope: tuple[str, str, int], what: str, arg: str | None, _fetch: Callable[[], Any]) -> Any:
    return _fetch()


@st.cache_data(ttl=LIVE_TTL_SECONDS, show_spinner=False, max_entries=500)
def _cached_live(scope: tuple[str, str, int], what: str, arg: str | None, _fetch: Callable[[], Any]) -> Any:
    return _fetch()


@st.cache_data(ttl=DETAIL_TTL_SECONDS, show_spinner=False, max_entries=500)
def _cached_detail(scope: tuple[str, str, int], what: str, arg: str | None, _fetch: Callable[[], Any]) -> Any:
    return _fetch()


def _client() -> ApiClient:
    return auth.require_sign_in()


def hackathons() -> list[dict[str, Any]]:
    c = _client()
    return _cached_list(auth.cache_scope(), "hackathons", None, c.list_hackathons)


def hackathon(hack_id: str) -> dict[str, Any]:
    c = _client()
    return _cached_list(auth.cache_scope(), "hackathon", hack_id, lambda: c.get_hackathon(hack_id))


def stats(hack_id: str) -> dict[str, Any]:
    c = _client()
    return _cached_live(auth.cache_scope(), "stats", hack_id, lambda: c.stats(hack_id))


def submissions(hack_id: str) -> list[dict[str, Any]]:
    c = _client()
    return _cached_live(auth.cache_scope(), "submissions", hack_id, lambda: c.list_submissions(hack_id))


def analysis_status(hack_id: str) -> dict[str, Any] | None:
    c = _client()
    return _cached_live(auth.cache_scope(), "analysis_status", hack_id, lambda: c.analysis_status(hack_id))


def leaderboard(hack_id: str) -> dict[str, Any] | None:
    c = _client()
    return _cached_list(auth.cache_scope(), "leaderboard", hack_id, lambda: c.leaderboard(hack_id))


def scorecard(sub_id: str) -> dict[str, Any]:
    c = _client()
    return _cached_detail(auth.cache_scope(), "scorecard", sub_id, lambda: c.scorecard(sub_id))


def intelligence(hack_id: str) -> dict[str, Any]:
    c = _client()
    return _cached_list(auth.cache_scope(), "intelligence", hack_id, lambda: c.intelligence(hack_id))


def clear_all() -> None:
    """Drop every cached answer (all users); tests call this between cases."""
    for cached in (_cached_list, _cached_live, _cached_detail):
        cached.clear()


# --- added for the Manage page's submission list and for precise invalidation after the organizer's writes ---
def managed_submissions(hack_id: str) -> list[dict[str, Any]]:
    """The submissions of one hackathon for the Manage page: the list TTL (30 s), not the live one (5 s), because
    that page reruns on every click and needs no second-by-second progress."""
    c = _client()
    return _cached_list(auth.cache_scope(), "managed_submissions", hack_id, lambda: c.list_submissions(hack_id))


def forget_submission_reads(hack_id: str) -> None:
    """After adding or deleting a submission: drop this user's cached reads that list or count the hackathon's
    submissions (and only those), so the next read shows the change."""
    scope = auth.cache_scope()
    _cached_list.clear(scope, "managed_submissions", hack_id, None)
    _cached_list.clear(scope, "leaderboard", hack_id, None)
    _cached_live.clear(scope, "submissions", hack_id, None)
    _cached_live.clear(scope, "stats", hack_id, None)


# --- added for the Settings page (E3, E20, E23) ------------------------------------------------------------
def profile() -> dict[str, Any]:
    c = _client()
    return _cached_detail(auth.cache_scope(), "profile", None, c.me)


def api_keys() -> list[dict[str, Any]]:
    c = _client()
    return _cached_list(auth.cache_scope(), "api_keys", None, c.list_api_keys)


def forget_api_keys() -> None:
    """After creating, rotating or revoking a key: the next read lists the keys again."""
    _cached_list.clear(auth.cache_scope(), "api_keys", None, None)


def usage_summary(start_date: str, end_date: str) -> dict[str, Any]:
    c = _client()
    return _cached_detail(
        auth.cache_scope(), "usage_summary", f"{start_date}/{end_date}", lambda: c.usage_summary(start_date, end_date)
    )
