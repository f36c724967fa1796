"""The organizer's API keys (contract E20–E22) as the Settings page shows and changes them.

Which key is this session's? The API never says: key records carry no prefix or fingerprint of the secret.
The dashboard knows it when it made the key (create and switch, rotate) or when the organizer has exactly one
key that still works (the session's key just authenticated the list call, so it is among the working ones).
Otherwise it says it does not know, and the confirmations say what happens if the key is this session's.

New keys get the organizer's own tier (``GET /organizers/me``) and no custom limits, so the API applies that
tier's limits. The API would accept any tier, quota, rate limit or budget from any caller (a backend weakness,
docs/dashboard.md); the dashboard never offers or sends one of its own choosing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import streamlit as st
from dateutil import parser as date_parser

from components import auth, data, hackathon_truth

GRACE_DAYS = 7
"""A rotated key keeps working this long (the API sets its expiry to the rotation time + 7 days)."""


def _moment(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        moment = date_parser.isoparse(str(value))
    except (ValueError, OverflowError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class KeyRow:
    """One key as the page shows it."""

    key_id: str
    state: str
    """``active``, ``deprecated`` (rotated: works until ``expires_at``), ``expired`` or ``revoked``."""
    works: bool
    this_session: bool | None
    """True: the key this session is signed in with; False: certainly not; None: the API does not say."""
    record: dict[str, Any]


def _state(record: dict[str, Any], now: datetime) -> tuple[str, bool]:
    expires = _moment(record.get("expires_at"))
    if not record.get("active"):
        return "revoked", False
    if expires is not None and expires <= now:
        return "expired", False
    if record.get("deprecated"):
        return "deprecated", True
    return "active", True


def rows(
    records: list[dict[str, Any]],
    session_key_id: str | None,
    not_mine: frozenset[str] = frozenset(),
    now: datetime | None = None,
) -> list[KeyRow]:
    """The keys, newest first, each marked as this session's when that is known.

    ``session_key_id``: the key the dashboard switched this session to; ``not_mine``: keys it created without
    switching. Otherwise the session's key is the only working key left, if there is exactly one."""
    now = now or datetime.now(UTC)
    states = {str(r.get("api_key_id")): _state(r, now) for r in records}
    candidates = [key_id for key_id, (_name, works) in states.items() if works and key_id not in not_mine]
    if session_key_id not in states:
        session_key_id = candidates[0] if len(candidates) == 1 else None
    result = []
    for record in sorted(records, key=lambda r: str(r.get("created_at") or r.get("api_key_id")), reverse=True):
        key_id = str(record.get("api_key_id"))
        state, works = states[key_id]
        if session_key_id is not None:
            mine: bool | None = key_id == session_key_id
        else:
            mine = None if key_id in candidates else False
        result.append(KeyRow(key_id, state, works, mine, record))
    return result


def new_key_tier(table: list[KeyRow], profile: dict[str, Any]) -> str:
    """The tier a new key gets: that of this session's key (the organizer's effective tier), else the
    organizer's own (``GET /organizers/me``). Never one of the caller's choosing."""
    mine = session_row(table)
    tier = (mine.record.get("tier") if mine else None) or profile.get("tier")
    return str(tier or "free")


def session_row(table: list[KeyRow]) -> KeyRow | None:
    return next((row for row in table if row.this_session), None)


def new_key_expiry(expires_on: date | None, today: date) -> str | None:
    """The ``expires_at`` to send for a key that stops at the end of ``expires_on`` (UTC); None: never.

    Raises ``ValueError`` with the sentence to show when the day is not in the future (the API refuses it)."""
    if expires_on is None:
        return None
    if expires_on <= today:
        raise ValueError(f"Expiry {expires_on} is not after today ({today} UTC); pick a later day or no expiry.")
    return f"{expires_on.isoformat()}T23:59:59"


def rotate_question(row: KeyRow) -> str:
    """What rotating ``row`` does, for its confirmation (markdown)."""
    head = (
        f"**Rotate key `{row.key_id}`?** The API issues a new key with the same tier and limits and marks this one "
        f"deprecated: it keeps working for {GRACE_DAYS} days, then stops."
    )
    if row.this_session:
        return f"{head} This is the key this session is signed in with: the session switches to the new key at once."
    if row.this_session is None:
        return f"{head} If this session uses this key, let it switch to the new one below."
    return f"{head} This session keeps its own key."


def revoke_question(row: KeyRow) -> str:
    """What revoking ``row`` does, for its confirmation (markdown); the session's own key signs it out."""
    head = f"**Revoke key `{row.key_id}`?** It stops working at once, everywhere it is used. The API cannot undo this."
    if row.this_session:
        return (
            f"{head} **This is the key this session is signed in with:** revoking it signs this session out. To keep "
            "working, create another key first and save it, or sign in again with your e-mail afterwards (that "
            "issues a new key and revokes all the others)."
        )
    if row.this_session is None:
        return f"{head} The API does not say whether this session uses it; if it does, this session is signed out."
    return f"{head} This session keeps its own key."


@dataclass(frozen=True)
class IssuedKey:
    """A secret the API shows once, and what the dashboard did with it."""

    api_key: str
    key_id: str
    action: str
    """``created`` or ``rotated``."""
    switched: bool
    """This session now uses the new key."""


def _issued(answer: dict[str, Any], action: str, switch: bool) -> IssuedKey:
    secret = answer.get("api_key")
    if not isinstance(secret, str) or not secret:
        raise ValueError("The API's answer had no key secret; list the keys again and revoke the unknown one.")
    key_id = str(answer.get("api_key_id"))
    data.forget_api_keys()
    if switch:
        old_scope = auth.cache_scope()[:2]
        auth.switch_key(secret, key_id)
        hackathon_truth.key_replaced(old_scope, auth.cache_scope()[:2])
    return IssuedKey(secret, key_id, action, switch)


NOT_MINE = "vj_keys_not_mine"
"""Session state: ids of keys this session created and did not switch to (so they are not its own)."""


def not_mine() -> frozenset[str]:
    return frozenset(st.session_state.get(NOT_MINE, ()))


def create(tier: str, expires_at: str | None) -> IssuedKey:
    """E20 POST with the given tier (``new_key_tier``) and no limits; the session keeps its own key."""
    answer = auth.require_sign_in().create_api_key(tier=tier, expires_at=expires_at)
    made = _issued(answer, "created", switch=False)
    st.session_state[NOT_MINE] = sorted(not_mine() | {made.key_id})
    return made


def rotate(row: KeyRow, *, switch: bool) -> IssuedKey:
    """E21. ``switch``: sign this session in with the new key (always when the rotated key is this session's)."""
    answer = auth.require_sign_in().rotate_api_key(row.key_id)
    return _issued(answer, "rotated", switch=switch or bool(row.this_session))


def revoke(row: KeyRow) -> bool:
    """E22. Returns True when the revoked key was this session's: the caller signs the session out then.

    When that is not known, the next call tells: the session's key answers 401 if it was the one revoked."""
    auth.require_sign_in().revoke_api_key(row.key_id)
    data.forget_api_keys()
    return bool(row.this_session)
