"""Sign-in state. The API key lives only in ``st.session_state`` (never in a log, URL or cache label)."""

from __future__ import annotations

import os
from collections.abc import Callable

import streamlit as st

from components import api_client
from components.api_client import ApiClient, ApiError, InvalidApiKeyError, retry_base_from_env
from components.validators import InputError, validate_api_key, validate_base_url, validate_email

API_BASE_URL_ENV = "API_BASE_URL"
AUTOLOGIN_ENV = "DASHBOARD_AUTOLOGIN_API_KEY"
KEY_CHECK_TIMEOUT_SECONDS = 5.0

_KEY = "vj_api_key"
_BASE = "vj_base_url"
_CLIENT = "vj_client"
_FINGERPRINT = "vj_key_fingerprint"
_GENERATION = "vj_cache_generation"
_AUTOLOGIN_DONE = "vj_autologin_done"
_NOTICE = "vj_sign_in_notice"
_KEY_ID = "vj_key_id"


def key_fingerprint(api_key: str) -> str:
    """A stable, non-reversible label for per-user caching."""
    return api_client.key_fingerprint(api_key)


def env_base_url() -> str:
    """``API_BASE_URL`` validated; raises ``InputError`` with the sentence to show."""
    return validate_base_url(os.environ.get(API_BASE_URL_ENV))


def is_signed_in() -> bool:
    return bool(st.session_state.get(_KEY))


def base_url() -> str | None:
    return st.session_state.get(_BASE)


def _new_client(base: str, api_key: str | None = None) -> ApiClient:
    try:
        retry_base = retry_base_from_env()
    except ValueError as err:
        raise InputError(str(err)) from None
    return ApiClient(base, api_key, retry_base_seconds=retry_base)


def _store(base: str, api_key: str) -> None:
    old = st.session_state.get(_CLIENT)
    if old is not None:
        old.close()
    st.session_state[_KEY] = api_key
    st.session_state[_BASE] = base
    st.session_state[_CLIENT] = _new_client(base, api_key)
    st.session_state[_FINGERPRINT] = key_fingerprint(api_key)
    st.session_state[_GENERATION] = 0
    st.session_state.pop(_KEY_ID, None)  # the API never says which key record a pasted or issued key is


def resolve_base_url(override: str | None) -> str:
    """The override from the sign-in form if given, else ``API_BASE_URL``."""
    if override and override.strip():
        return validate_base_url(override, source="API base URL")
    return env_base_url()


def sign_in_with_key(api_key: str, base: str) -> None:
    """Check the key with ``GET /hackathons`` (only 200 counts) and keep it in the session."""
    key = validate_api_key(api_key)
    client = _new_client(base, key)
    try:
        client.list_hackathons(read_timeout_seconds=KEY_CHECK_TIMEOUT_SECONDS)
    finally:
        client.close()
    _store(base, key)


def _sign_in_with_issued_key(base: str, call: Callable[[ApiClient], dict], missing_key_message: str) -> dict:
    """Run a call that issues a key (login, registration) on a throw-away client, then sign in with that key."""
    client = _new_client(base)
    try:
        body = call(client)
    finally:
        client.close()
    key = body.get("api_key")
    if not isinstance(key, str) or not key:
        raise ApiError(missing_key_message)
    _store(base, key)
    return body


def sign_in_with_email(email: str, password: str, base: str) -> None:
    """``POST /organizers/login``: the server issues a new key and revokes the organizer's previous ones."""
    address = validate_email(email)
    _sign_in_with_issued_key(
        base,
        lambda client: client.login(address, password),
        "The API's login answer had no API key; try again or sign in with a key.",
    )


def register(email: str, name: str, organization: str, password: str, base: str) -> dict:
    """``POST /organizers``; signs the new organizer in and returns the answer (its key is shown once)."""
    return _sign_in_with_issued_key(
        base,
        lambda client: client.register(email.strip(), name.strip(), organization.strip(), password),
        "The API's registration answer had no API key; contact the VibeJudge team.",
    )


def try_autologin() -> None:
    """LOCAL DEVELOPMENT ONLY: sign a new session in with ``DASHBOARD_AUTOLOGIN_API_KEY`` (once per session)."""
    if st.session_state.get(_AUTOLOGIN_DONE):
        return
    st.session_state[_AUTOLOGIN_DONE] = True
    key = os.environ.get(AUTOLOGIN_ENV)
    if not key or is_signed_in():
        return
    try:
        sign_in_with_key(key, env_base_url())
    except InputError as err:
        st.session_state[_NOTICE] = f"Automatic sign-in ({AUTOLOGIN_ENV}) skipped: {err}"
    except ApiError as err:
        st.session_state[_NOTICE] = f"Automatic sign-in ({AUTOLOGIN_ENV}) failed: {err}"


def switch_key(api_key: str, key_id: str) -> None:
    """Sign this session in with another key of the same organizer (a rotation's new key), same API base."""
    _store(st.session_state[_BASE], api_key)
    st.session_state[_KEY_ID] = key_id


def session_key_id() -> str | None:
    """The ``api_key_id`` of this session's key when the dashboard made that key; else ``None``."""
    return st.session_state.get(_KEY_ID)


def signed_out_by_revocation() -> None:
    """The organizer revoked the key this session used: sign out and say why on the sign-in page."""
    logout()
    st.session_state[_NOTICE] = (
        "You revoked the API key this session was signed in with, so it was signed out. Sign in with another "
        "key, or with your e-mail (that issues a new key and revokes all the others)."
    )


def pop_notice() -> str | None:
    return st.session_state.pop(_NOTICE, None)


def logout() -> None:
    """Forget everything about this user in this browser session (no server call exists for it)."""
    client = st.session_state.get(_CLIENT)
    if client is not None:
        client.close()
    st.session_state.clear()
    st.session_state[_AUTOLOGIN_DONE] = True


def client() -> ApiClient | None:
    return st.session_state.get(_CLIENT) if is_signed_in() else None


def cache_scope() -> tuple[str, str, int]:
    """(base URL, key fingerprint, generation): the per-user part of every cache key."""
    return (st.session_state[_BASE], st.session_state[_FINGERPRINT], st.session_state.get(_GENERATION, 0))


def invalidate_cache() -> None:
    """After a write: this user's next reads bypass everything cached so far."""
    st.session_state[_GENERATION] = st.session_state.get(_GENERATION, 0) + 1


def require_sign_in() -> ApiClient:
    """Return the user's client; signed out, show the sign-in form in place of the page and stop it."""
    current = client()
    if current is None:
        from components import sign_in  # sign_in imports this module

        st.info("Sign in to open this page.")
        sign_in.render()
        st.stop()
    return current


def handle_invalid_key(err: InvalidApiKeyError) -> None:
    """A key that stops working mid-session (revoked by a login elsewhere) signs the user out."""
    logout()
    st.session_state[_NOTICE] = str(err)
