"""HTTP client for the VibeJudge API (contract: ``shared/api-contract.md``; the backend code is the contract).

One ``ApiClient`` (one ``requests.Session``) per signed-in user. Every call sends ``X-API-Key``, uses a
connect and a read timeout, and retries up to three times with exponential backoff on connection errors,
timeouts, 429 (honouring ``Retry-After``) and 5xx, never on other 4xx. Calls that are not idempotent
(starting an analysis, creating things, logging in) are retried only when the server certainly did not act
on them: the connection was never made, or the answer was 429 or 503. Every failure becomes a typed
``ApiError`` whose ``str()`` is one plain sentence for the page.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from typing import Any

import requests
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

DEFAULT_CONNECT_TIMEOUT_SECONDS = 5.0
DEFAULT_READ_TIMEOUT_SECONDS = 30.0
DEFAULT_MAX_RETRIES = 3
DEFAULT_RETRY_BASE_SECONDS = 0.5
MAX_RETRY_AFTER_SECONDS = 30.0
RETRY_BASE_ENV = "DASHBOARD_RETRY_BASE_SECONDS"


def _request_logger() -> logging.Logger:
    """One INFO line per API call on stdout (CloudWatch in ECS), for the saved Logs Insights query.

    Streamlit configures only its own loggers, so this one gets its own handler. Lines carry the method,
    path, status and time; never headers, bodies or the API key.
    """
    logger = logging.getLogger("vibejudge.api")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return logger


_log = _request_logger()


class ApiError(Exception):
    """A failed API call. ``str(err)`` is the sentence shown to the user; ``retryable`` offers a Retry button."""

    retryable = True

    def __init__(self, message: str, *, status: int | None = None, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.detail = detail


class ApiConnectionError(ApiError):
    """The API could not be reached (refused, DNS, dropped connection)."""


class ApiTimeoutError(ApiError):
    """The API did not answer within the read timeout."""


class BadRequestError(ApiError):
    """400: the request was understood but refused (e.g. "No pending submissions to analyze")."""

    retryable = False


class InvalidApiKeyError(ApiError):
    """401: missing, unknown, inactive or expired key."""

    retryable = False


class BudgetExceededError(ApiError):
    """402 from the budget check; ``level`` and ``details`` as in contract §1.7."""

    retryable = False

    def __init__(self, message: str, *, level: str | None, details: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.level = level
        self.details = details


class PermissionDeniedError(ApiError):
    """403: the resource belongs to another organizer."""

    retryable = False


class NotFoundError(ApiError):
    """404."""

    retryable = False


class ConflictError(ApiError):
    """409 (or the real server's 500 "already in progress"): an analysis is already running."""

    retryable = False


class ValidationError(ApiError):
    """422: ``field_errors`` maps a request field (e.g. ``name``) to its messages."""

    retryable = False

    def __init__(self, message: str, *, field_errors: dict[str, list[str]], **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.field_errors = field_errors


class RateLimitedError(ApiError):
    """429: per-second rate limit or daily quota."""

    def __init__(self, message: str, *, retry_after_seconds: float | None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after_seconds = retry_after_seconds


class ServerError(ApiError):
    """5xx."""


class MalformedResponseError(ApiError):
    """A success status with a body that is not the JSON the contract promises."""


def _body_json(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def error_text(body: Any) -> str | None:
    """The contract's client rule (§1.5): ``detail`` if a string, joined ``msg`` values if a list, else ``error``/``message``."""
    if not isinstance(body, dict):
        return None
    detail = body.get("detail")
    if isinstance(detail, str) and detail:
        return detail
    if isinstance(detail, list):
        messages = [str(item.get("msg")) for item in detail if isinstance(item, dict) and item.get("msg")]
        if messages:
            return "; ".join(messages)
    for name in ("message", "error"):
        value = body.get(name)
        if isinstance(value, str) and value:
            return value
    return None


def _field_errors(body: Any) -> dict[str, list[str]]:
    """422 ``loc`` lists → the request field they belong to (``["body", "rubric", "dimensions", 0]`` → ``rubric``)."""
    result: dict[str, list[str]] = {}
    detail = body.get("detail") if isinstance(body, dict) else None
    for item in detail if isinstance(detail, list) else []:
        if not isinstance(item, dict):
            continue
        loc = [part for part in item.get("loc", []) if isinstance(part, str)]
        name = loc[1] if len(loc) > 1 and loc[0] in ("body", "query", "path") else "general"
        message = str(item.get("msg", "invalid value")).removeprefix("Value error, ")
        result.setdefault(name, []).append(message)
    return result


def _retry_after(response: requests.Response, body: Any) -> float | None:
    raw = response.headers.get("Retry-After")
    if raw is None and isinstance(body, dict):
        raw = body.get("retry_after")
    try:
        return max(0.0, float(raw)) if raw is not None else None
    except (TypeError, ValueError):
        return None


def error_from_response(response: requests.Response) -> ApiError:
    """Map an HTTP error response to its typed error with a user-facing sentence."""
    status = response.status_code
    body = _body_json(response)
    text = error_text(body)
    kwargs: dict[str, Any] = {"status": status, "detail": text}
    if status == 400:
        if text and "already registered" in text:
            return ConflictError(f"{text}. Sign in with that e-mail instead.", **kwargs)
        return BadRequestError(f"The API refused the request: {text or 'bad request'}.", **kwargs)
    if status == 401:
        reason = text if text and text != "Unauthorized" else "the API rejected it"
        return InvalidApiKeyError(f"This API key is not valid ({reason}); sign in again with a current key.", **kwargs)
    if status == 402:
        details = body.get("details") if isinstance(body, dict) and isinstance(body.get("details"), dict) else {}
        level = body.get("level") if isinstance(body, dict) else None
        reason = (
            (body.get("message") if isinstance(body, dict) else None) or text or "the cost is above the allowed budget"
        )
        return BudgetExceededError(f"Budget limit exceeded: {reason}.", level=level, details=details, **kwargs)
    if status == 403:
        return PermissionDeniedError(f"{text or 'You do not have permission to do this'}.", **kwargs)
    if status == 404:
        return NotFoundError(f"Not found: {text or 'the API has no such resource'}.", **kwargs)
    if status == 409 or (status >= 500 and text and "already in progress" in text):
        return ConflictError("An analysis is already running for this hackathon; wait for it to finish.", **kwargs)
    if status == 422:
        return ValidationError(
            f"The API rejected the input: {text or 'invalid request'}.", field_errors=_field_errors(body), **kwargs
        )
    if status == 429:
        retry_after = _retry_after(response, body)
        if text and "quota" in text.lower():
            message = "The daily request quota of this API key is used up; it resets at midnight UTC."
        else:
            message = "The API rate limit was reached; wait a moment and press Retry."
        return RateLimitedError(message, retry_after_seconds=retry_after, **kwargs)
    if status >= 500:
        return ServerError(
            f"The API had an internal error (HTTP {status}): {text or 'no details'}; press Retry.", **kwargs
        )
    return ApiError(f"The API answered HTTP {status}: {text or 'no details'}.", **kwargs)


def _never_sent(exc: requests.exceptions.ConnectionError) -> bool:
    """True when the request provably never reached the server (refused, DNS failure, connect timeout)."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, NewConnectionError | ConnectTimeoutError)


def retry_base_from_env(environ: dict[str, str] | None = None) -> float:
    """``DASHBOARD_RETRY_BASE_SECONDS`` (a number >= 0), else the default; a bad value raises ``ValueError``."""
    raw = (environ if environ is not None else os.environ).get(RETRY_BASE_ENV)
    if raw is None or raw == "":
        return DEFAULT_RETRY_BASE_SECONDS
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise ValueError(f"{RETRY_BASE_ENV} '{raw}' is not a number of seconds >= 0.")
    return value


class ApiClient:
    """Typed access to the VibeJudge API for one user."""

    def __init__(
        self,
        base_url: str,
        api_key: str | None = None,
        *,
        connect_timeout_seconds: float = DEFAULT_CONNECT_TIMEOUT_SECONDS,
        read_timeout_seconds: float = DEFAULT_READ_TIMEOUT_SECONDS,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_base_seconds: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.connect_timeout_seconds = connect_timeout_seconds
        self.read_timeout_seconds = read_timeout_seconds
        self.max_retries = max_retries
        self.retry_base_seconds = retry_base_from_env() if retry_base_seconds is None else retry_base_seconds
        self._sleep = sleep
        self.session = requests.Session()
        self.session.headers.update({"Accept": "application/json", "User-Agent": "vibejudge-dashboard/1.0"})
        if api_key:
            self.session.headers["X-API-Key"] = api_key

    def close(self) -> None:
        self.session.close()

    def __repr__(self) -> str:  # never show the key
        return f"ApiClient(base_url={self.base_url!r})"

    # --- transport ---------------------------------------------------------------------------------
    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        idempotent: bool | None = None,
        read_timeout_seconds: float | None = None,
    ) -> Any:
        """Send one call with retries; returns the decoded JSON body (``None`` for 204)."""
        if idempotent is None:
            idempotent = method.upper() in ("GET", "HEAD", "PUT", "DELETE", "OPTIONS")
        url = f"{self.base_url}/{path.lstrip('/')}"
        timeout = (self.connect_timeout_seconds, read_timeout_seconds or self.read_timeout_seconds)
        for attempt in range(self.max_retries + 1):
            delay: float | None = None
            started = time.monotonic()
            try:
                response = self.session.request(method, url, json=json, params=params, timeout=timeout)
            except requests.exceptions.ConnectionError as exc:
                self._log_call(method, path, "connection-error", started, attempt)
                error: ApiError = ApiConnectionError(
                    f"Unable to connect to the API at {self.base_url} after {attempt + 1} "
                    f"attempt{'s' if attempt else ''}; check that it is running, then press Retry."
                )
                retry = idempotent or _never_sent(exc)
            except requests.exceptions.Timeout:
                self._log_call(method, path, "timeout", started, attempt)
                # A read timeout means the server may have acted: repeating a non-idempotent call (such as
                # starting an analysis) could start it twice, so only idempotent calls are retried.
                error = ApiTimeoutError(
                    f"The API did not answer within {timeout[1]:g} seconds; it may be busy, press Retry."
                )
                retry = idempotent
            else:
                self._log_call(method, path, str(response.status_code), started, attempt)
                if response.status_code < 400:
                    return self._decode(response)
                error = error_from_response(response)
                status = response.status_code
                retry = not isinstance(error, ConflictError) and (
                    status == 429 or status == 503 or (status >= 500 and idempotent)
                )
                if isinstance(error, RateLimitedError) and error.retry_after_seconds is not None:
                    delay = min(error.retry_after_seconds, MAX_RETRY_AFTER_SECONDS)
            if not retry or attempt == self.max_retries:
                raise error
            backoff = self.retry_base_seconds * (2**attempt)
            self._sleep(max(backoff, delay) if delay is not None else backoff)
        raise AssertionError("unreachable: the loop always returns or raises")

    @staticmethod
    def _log_call(method: str, path: str, outcome: str, started: float, attempt: int) -> None:
        elapsed_ms = round((time.monotonic() - started) * 1000)
        _log.info(
            "api_request method=%s path=/%s status=%s response_time_ms=%d attempt=%d",
            method.upper(),
            path.lstrip("/").split("?", 1)[0],
            outcome,
            elapsed_ms,
            attempt + 1,
        )

    @staticmethod
    def _decode(response: requests.Response) -> Any:
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise MalformedResponseError(
                f"The API answered HTTP {response.status_code} with a body that is not JSON; "
                "check that API_BASE_URL points at the VibeJudge API."
            ) from None

    def _json_object(self, value: Any, what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise MalformedResponseError(f"The API sent an unexpected {what} response (not a JSON object).")
        return value

    def _get(self, path: str, what: str, **kwargs: Any) -> dict[str, Any]:
        return self._json_object(self.request("GET", path, **kwargs), what)

    # --- endpoints (contract §2) -------------------------------------------------------------------
    def register(self, email: str, name: str, organization: str, password: str) -> dict[str, Any]:
        body = {"email": email, "name": name, "organization": organization, "password": password}
        return self._json_object(self.request("POST", "/organizers", json=body, idempotent=False), "registration")

    def login(self, email: str, password: str = "") -> dict[str, Any]:
        # Login revokes every other key of the organizer, so it is not idempotent.
        body = {"email": email, "password": password}
        return self._json_object(self.request("POST", "/organizers/login", json=body, idempotent=False), "login")

    def me(self) -> dict[str, Any]:
        return self._get("/organizers/me", "profile")

    def list_hackathons(self, *, read_timeout_seconds: float | None = None) -> list[dict[str, Any]]:
        body = self._get("/hackathons", "hackathon list", read_timeout_seconds=read_timeout_seconds)
        items = body.get("hackathons")
        if not isinstance(items, list):
            raise MalformedResponseError("The API sent a hackathon list without a 'hackathons' array.")
        return items

    def get_hackathon(self, hack_id: str) -> dict[str, Any]:
        return self._get(f"/hackathons/{hack_id}", "hackathon")

    def create_hackathon(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._json_object(self.request("POST", "/hackathons", json=body, idempotent=False), "hackathon")

    def activate_hackathon(self, hack_id: str) -> dict[str, Any]:
        # Repeating an activation is harmless (the second one gets a 400), so it may be retried.
        return self._json_object(
            self.request("POST", f"/hackathons/{hack_id}/activate", json={}, idempotent=True), "hackathon"
        )

    def archive_hackathon(self, hack_id: str) -> None:
        self.request("DELETE", f"/hackathons/{hack_id}")

    def stats(self, hack_id: str) -> dict[str, Any]:
        return self._get(f"/hackathons/{hack_id}/stats", "stats")

    def list_submissions(self, hack_id: str) -> list[dict[str, Any]]:
        items = self._get(f"/hackathons/{hack_id}/submissions", "submission list").get("submissions")
        if not isinstance(items, list):
            raise MalformedResponseError("The API sent a submission list without a 'submissions' array.")
        return items

    def add_submissions(self, hack_id: str, submissions: list[dict[str, str]]) -> dict[str, Any]:
        body = {"submissions": submissions}
        return self._json_object(
            self.request("POST", f"/hackathons/{hack_id}/submissions", json=body, idempotent=False), "submission"
        )

    def delete_submission(self, sub_id: str) -> None:
        self.request("DELETE", f"/submissions/{sub_id}")

    def estimate(self, hack_id: str) -> dict[str, Any]:
        # A pure calculation on the server: safe to repeat.
        return self._json_object(
            self.request("POST", f"/hackathons/{hack_id}/analyze/estimate", json={}, idempotent=True), "estimate"
        )

    def start_analysis(self, hack_id: str, submission_ids: list[str] | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {} if submission_ids is None else {"submission_ids": submission_ids}
        return self._json_object(
            self.request("POST", f"/hackathons/{hack_id}/analyze", json=body, idempotent=False), "analysis job"
        )

    def analysis_status(self, hack_id: str) -> dict[str, Any] | None:
        """The newest job, or ``None`` when no analysis has run yet (the API answers 404 then)."""
        try:
            return self._get(f"/hackathons/{hack_id}/analyze/status", "analysis status")
        except NotFoundError as err:
            if err.detail and "analysis job" in err.detail.lower():
                return None
            raise

    def leaderboard(self, hack_id: str) -> dict[str, Any] | None:
        """The leaderboard, or ``None`` when nothing has been scored yet (the API answers 400 then)."""
        try:
            return self._get(f"/hackathons/{hack_id}/leaderboard", "leaderboard")
        except BadRequestError as err:
            if err.detail and "no scored submissions" in err.detail.lower():
                return None
            raise

    def scorecard(self, sub_id: str) -> dict[str, Any]:
        return self._get(f"/submissions/{sub_id}/scorecard", "scorecard")

    def individual_scorecards(self, sub_id: str) -> dict[str, Any]:
        return self._get(f"/submissions/{sub_id}/individual-scorecards", "individual scorecards")

    def intelligence(self, hack_id: str) -> dict[str, Any]:
        return self._get(f"/hackathons/{hack_id}/intelligence", "intelligence")

    # --- Settings (contract E20–E24) ---------------------------------------------------------------
    def list_api_keys(self) -> list[dict[str, Any]]:
        items = self._get("/api-keys", "API key list").get("api_keys")
        if not isinstance(items, list):
            raise MalformedResponseError("The API sent an API key list without an 'api_keys' array.")
        return items

    def create_api_key(self, *, tier: str, expires_at: str | None = None) -> dict[str, Any]:
        """``POST /api-keys`` with the organizer's own tier and no custom limits (the API then applies the
        tier's); the answer carries the secret ``api_key`` once. Not idempotent: a repeat makes a second key."""
        body: dict[str, Any] = {"tier": tier}
        if expires_at is not None:
            body["expires_at"] = expires_at
        return self._json_object(self.request("POST", "/api-keys", json=body, idempotent=False), "API key")

    def rotate_api_key(self, key_id: str) -> dict[str, Any]:
        """New key (secret in ``api_key``, shown once); the old one is deprecated with a 7-day grace period."""
        return self._json_object(
            self.request("POST", f"/api-keys/{key_id}/rotate", json={}, idempotent=False), "API key"
        )

    def revoke_api_key(self, key_id: str) -> None:
        self.request("DELETE", f"/api-keys/{key_id}")

    def usage_summary(self, start_date: str, end_date: str) -> dict[str, Any]:
        """Dates as ``YYYY-MM-DD`` (UTC days, both included)."""
        params = {"start_date": start_date, "end_date": end_date}
        return self._get("/usage/summary", "usage summary", params=params)

    def usage_export(self, start_date: str, end_date: str) -> str:
        """The usage CSV (E24, ``text/csv``) as text. The transport decodes JSON, so this one call reads the body
        itself, with the same timeouts, status mapping and request log, and the same retries for a GET
        (connection errors, timeouts, 429 after its ``Retry-After``, 5xx)."""
        url = f"{self.base_url}/usage/export"
        params = {"start_date": start_date, "end_date": end_date}
        timeout = (self.connect_timeout_seconds, self.read_timeout_seconds)
        for attempt in range(self.max_retries + 1):
            started = time.monotonic()
            delay: float | None = None
            try:
                response = self.session.get(url, params=params, timeout=timeout)
            except requests.exceptions.Timeout:
                self._log_call("GET", "/usage/export", "timeout", started, attempt)
                error: ApiError = ApiTimeoutError(
                    f"The API did not answer within {timeout[1]:g} seconds; it may be busy, press Retry."
                )
            except requests.exceptions.ConnectionError:
                self._log_call("GET", "/usage/export", "connection-error", started, attempt)
                error = ApiConnectionError(
                    f"Unable to connect to the API at {self.base_url}; check that it is running, then press Retry."
                )
            else:
                self._log_call("GET", "/usage/export", str(response.status_code), started, attempt)
                if response.status_code < 400:
                    return response.text
                error = error_from_response(response)
                if not (response.status_code == 429 or response.status_code >= 500):
                    raise error
                if isinstance(error, RateLimitedError):
                    if error.retry_after_seconds is None:
                        raise error  # the daily quota: nothing changes before midnight UTC
                    delay = min(error.retry_after_seconds, MAX_RETRY_AFTER_SECONDS)
            if attempt == self.max_retries:
                raise error
            backoff = self.retry_base_seconds * (2**attempt)
            self._sleep(max(backoff, delay) if delay is not None else backoff)
        raise AssertionError("unreachable: the loop always returns or raises")
