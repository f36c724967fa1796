"""HTTP client for the VibeJudge API (contract: ``shared/api-contract.md``; the backend code is the contract).

One ``ApiClient`` per signed-in user; every call sends ``X-API-Key`` with a connect and a read timeout. Retries
are urllib3's ``Retry`` on a requests ``HTTPAdapter``, with one policy per kind of call:

- ``READ`` (GETs and the idempotent POSTs: estimate, activate): up to 3 retries with exponential backoff on
  connection errors, timeouts and 500/502/503/504; a rate-limit 429 is retried after its ``Retry-After``
  (capped at 30 s). Other 4xx are never retried.
- ``WRITE`` (starting an analysis, creating things, logging in): retried only when the server certainly did
  not act on the request: the connection was never made, or it answered 503, or a rate-limit 429. A read
  timeout, a dropped connection or a 500 is not retried: the job may have started already.
- ``REFRESH`` (the Live Dashboard's automatic refresh, inside ``with client.fail_fast():``): one attempt and
  short timeouts, so an outage costs one attempt per refresh; the refresh's own schedule retries it.

The daily-quota 429 (no ``Retry-After``, ``X-Quota-Remaining: 0``) is never retried: nothing changes before
midnight UTC. Every answer's quota and rate-limit headers go to ``components.budget`` (per key and process).
Every failure becomes a typed ``ApiError`` whose ``str()`` is one plain sentence for the page.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError, ReadTimeoutError, ResponseError
from urllib3.util.retry import Retry

from components import budget as budgets

DEFAULT_CONNECT_TIMEOUT_SECONDS = 5.0
DEFAULT_READ_TIMEOUT_SECONDS = 30.0
REFRESH_CONNECT_TIMEOUT_SECONDS = 3.0
REFRESH_READ_TIMEOUT_SECONDS = 10.0
DEFAULT_MAX_RETRIES = 3
DEFAULT_RETRY_BASE_SECONDS = 0.5
MAX_RETRY_AFTER_SECONDS = 30
RETRY_BASE_ENV = "DASHBOARD_RETRY_BASE_SECONDS"
RETRIED_STATUSES = frozenset({500, 502, 503, 504})
"""Answers after which a repeated idempotent call may succeed."""
WRITE_RETRIED_STATUSES = frozenset({503})
"""503 (and a rate-limit 429, through ``Retry-After``): the server refused before acting on the request."""


def key_fingerprint(api_key: str) -> str:
    """A stable, non-reversible label for an API key (caches and budgets are filed under it)."""
    return hashlib.sha256(api_key.encode()).hexdigest()[:16]


def _request_logger() -> logging.Logger:
    """One INFO line per API call on stdout (CloudWatch in ECS), for the saved Logs Insights query.

    Streamlit configures only its own loggers, so this one gets its own handler. Lines carry the method,
    path, status, time and number of attempts; never headers, bodies or the API key.
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
    """A budget refusal: the 402 of the budget check (``level`` and ``details`` as in contract §1.7), or the
    start route's 500 "Estimated cost $X exceeds budget limit $Y" (``level`` "hackathon")."""

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
    """429: the per-second rate limit (``retry_after_seconds`` set) or the daily quota (``quota_spent``)."""

    def __init__(
        self,
        message: str,
        *,
        retry_after_seconds: float | None,
        quota_spent: bool = False,
        quota_resets_at: datetime | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(message, **kwargs)
        self.retry_after_seconds = retry_after_seconds
        self.quota_spent = quota_spent
        self.quota_resets_at = quota_resets_at
        if quota_spent:
            self.retryable = False


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


_START_BUDGET_RE = re.compile(r"Estimated cost \$(?P<cost>[0-9.]+) exceeds budget limit \$(?P<limit>[0-9.]+)")


def _start_budget_refusal(text: str, kwargs: dict[str, Any]) -> BudgetExceededError:
    """The start route's 500 "Failed to trigger analysis: Estimated cost $X exceeds budget limit $Y" (contract E14):
    a budget refusal, not a server failure. Its $X is the route's own flat $0.053 per submission."""
    match = _START_BUDGET_RE.search(text)
    details: dict[str, Any] = {}
    if match:
        details = {"estimated_cost_usd": float(match["cost"]), "budget_limit_usd": float(match["limit"])}
        message = (
            f"Budget limit exceeded: the hackathon's budget of ${details['budget_limit_usd']:,.2f} does not cover this "
            f"analysis (the API's start check counts ${details['estimated_cost_usd']:,.2f}, a flat $0.053 per "
            "submission). Analyze fewer submissions at a time, or raise the hackathon's budget."
        )
    else:
        message = f"Budget limit exceeded: {text.removeprefix('Failed to trigger analysis: ')}."
    return BudgetExceededError(message, level="hackathon", details=details, **kwargs)


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
    if status >= 500 and text and "exceeds budget limit" in text:
        return _start_budget_refusal(text, kwargs)
    if status == 422:
        return ValidationError(
            f"The API rejected the input: {text or 'invalid request'}.", field_errors=_field_errors(body), **kwargs
        )
    if status == 429:
        retry_after = _retry_after(response, body)
        if budgets.is_quota_refusal(status, response.headers) or (text and "quota" in text.lower()):
            reset = body.get("quota_reset") if isinstance(body, dict) else None
            resets_at = datetime.fromtimestamp(reset, UTC) if isinstance(reset, int | float) and reset > 0 else None
            return RateLimitedError(
                "The daily request quota of this API key is used up; it resets at midnight UTC.",
                retry_after_seconds=None,
                quota_spent=True,
                quota_resets_at=resets_at,
                **kwargs,
            )
        return RateLimitedError(
            "The API rate limit was reached; wait a moment and press Retry.", retry_after_seconds=retry_after, **kwargs
        )
    if status >= 500:
        return ServerError(
            f"The API had an internal error (HTTP {status}): {text or 'no details'}; press Retry.", **kwargs
        )
    return ApiError(f"The API answered HTTP {status}: {text or 'no details'}.", **kwargs)


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


class _Attempts(threading.local):
    """How many attempts the call running on this thread has made (urllib3 retries inside one ``send``)."""

    failed = 0
    gave_up = False

    def start(self) -> None:
        self.failed = 0
        self.gave_up = False

    @property
    def count(self) -> int:
        return self.failed if self.gave_up else self.failed + 1


class _DashboardRetry(Retry):
    """urllib3's ``Retry`` with two additions: it sleeps through an injectable function (tests record the delays
    instead of waiting) and counts attempts; and a daily-quota 429 ends the call even if it carried a
    ``Retry-After``, because nothing changes before midnight UTC."""

    sleep_function: Callable[[float], None] = time.sleep
    attempts: _Attempts | None = None

    def new(self, **kw: Any) -> _DashboardRetry:
        retry = super().new(**kw)
        retry.sleep_function = self.sleep_function
        retry.attempts = self.attempts
        return retry

    def sleep(self, response: Any = None) -> None:
        if self.respect_retry_after_header and response is not None:
            retry_after = self.get_retry_after(response)
            if retry_after:
                self.sleep_function(retry_after)
                return
        backoff = self.get_backoff_time()
        if backoff > 0:
            self.sleep_function(backoff)

    def increment(
        self,
        method: Any = None,
        url: Any = None,
        response: Any = None,
        error: Any = None,
        _pool: Any = None,
        _stacktrace: Any = None,
    ) -> _DashboardRetry:
        if self.attempts is not None:
            self.attempts.failed += 1
        try:
            if response is not None and budgets.is_quota_refusal(response.status, response.headers):
                raise MaxRetryError(_pool, url, ResponseError("the daily quota is used up"))  # type: ignore[arg-type]
            return super().increment(method, url, response, error, _pool, _stacktrace)
        except BaseException:
            if self.attempts is not None:
                self.attempts.gave_up = True
            raise


@dataclass(frozen=True)
class CallPolicy:
    """How one kind of call is retried and how long it may wait."""

    name: str
    retries: int
    retry_read_errors: bool
    """Retry after the request was sent and then timed out or lost its connection (the server may have acted)."""
    retried_statuses: frozenset[int]
    connect_timeout_seconds: float | None = None
    read_timeout_seconds: float | None = None
    """``None``: the client's own timeouts."""


READ = CallPolicy("read", DEFAULT_MAX_RETRIES, True, RETRIED_STATUSES)
WRITE = CallPolicy("write", DEFAULT_MAX_RETRIES, False, WRITE_RETRIED_STATUSES)
REFRESH = CallPolicy("refresh", 0, False, frozenset(), REFRESH_CONNECT_TIMEOUT_SECONDS, REFRESH_READ_TIMEOUT_SECONDS)


def _reason(exc: BaseException) -> BaseException | None:
    """The urllib3 error behind a requests exception (``MaxRetryError`` unwrapped)."""
    inner = exc.args[0] if exc.args else None
    if isinstance(inner, MaxRetryError):
        return inner.reason
    return inner if isinstance(inner, BaseException) else None


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
        budget_registry: budgets.BudgetRegistry | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.connect_timeout_seconds = connect_timeout_seconds
        self.read_timeout_seconds = read_timeout_seconds
        self.max_retries = max_retries
        self.retry_base_seconds = retry_base_from_env() if retry_base_seconds is None else retry_base_seconds
        self._sleep = sleep
        self._budgets = budget_registry if budget_registry is not None else budgets.REGISTRY
        self.budget_scope: budgets.Scope | None = (self.base_url, key_fingerprint(api_key)) if api_key else None
        self._headers = {"Accept": "application/json", "User-Agent": "vibejudge-dashboard/1.0"}
        if api_key:
            self._headers["X-API-Key"] = api_key
        self._attempts = _Attempts()
        self._override = threading.local()
        self._sessions: dict[str, requests.Session] = {}
        self._sessions_lock = threading.Lock()

    def close(self) -> None:
        with self._sessions_lock:
            for session in self._sessions.values():
                session.close()
            self._sessions.clear()

    def __repr__(self) -> str:  # never show the key
        return f"ApiClient(base_url={self.base_url!r})"

    # --- transport ---------------------------------------------------------------------------------
    def _retry(self, policy: CallPolicy) -> _DashboardRetry:
        retries = policy.retries if policy.retries == 0 else self.max_retries
        retry = _DashboardRetry(
            total=retries,
            connect=retries,
            read=retries if policy.retry_read_errors else False,
            status=retries,
            other=0,
            redirect=0,
            allowed_methods=None,  # the policy, not the HTTP method, says whether a call may be repeated
            status_forcelist=policy.retried_statuses,
            # urllib3 retries the first failure at once, then waits 2 x factor, 4 x factor, ...:
            # with factor = base / 2 that is base, 2 x base, ...
            backoff_factor=self.retry_base_seconds / 2,
            retry_after_max=MAX_RETRY_AFTER_SECONDS,
            respect_retry_after_header=retries > 0,
            raise_on_status=False,
            raise_on_redirect=False,
        )
        retry.sleep_function = self._sleep
        retry.attempts = self._attempts
        return retry

    def _session(self, policy: CallPolicy) -> requests.Session:
        with self._sessions_lock:
            session = self._sessions.get(policy.name)
            if session is None:
                session = requests.Session()
                session.headers.update(self._headers)
                adapter = HTTPAdapter(max_retries=self._retry(policy))
                session.mount("http://", adapter)
                session.mount("https://", adapter)
                self._sessions[policy.name] = session
            return session

    @contextlib.contextmanager
    def fail_fast(self) -> Iterator[None]:
        """Inside this block every call (reads included) makes one attempt with short timeouts (``REFRESH``)."""
        previous = getattr(self._override, "policy", None)
        self._override.policy = REFRESH
        try:
            yield
        finally:
            self._override.policy = previous

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        idempotent: bool | None = None,
        read_timeout_seconds: float | None = None,
        text: bool = False,
    ) -> Any:
        """Send one call under its policy; returns the decoded JSON body (``None`` for 204), or with ``text`` the
        body as text (e.g. the usage export's CSV)."""
        if idempotent is None:
            idempotent = method.upper() in ("GET", "HEAD", "PUT", "DELETE", "OPTIONS")
        policy: CallPolicy = getattr(self._override, "policy", None) or (READ if idempotent else WRITE)
        url = f"{self.base_url}/{path.lstrip('/')}"
        timeout = (
            policy.connect_timeout_seconds or self.connect_timeout_seconds,
            read_timeout_seconds or policy.read_timeout_seconds or self.read_timeout_seconds,
        )
        self._attempts.start()
        started = time.monotonic()
        try:
            response = self._session(policy).request(method, url, json=json, params=params, timeout=timeout)
        except requests.exceptions.ConnectionError as exc:
            attempts = self._attempts.count
            if isinstance(_reason(exc), ReadTimeoutError):
                self._log_call(method, path, "timeout", started, attempts)
                raise self._timeout_error(timeout[1]) from None
            self._log_call(method, path, "connection-error", started, attempts)
            raise ApiConnectionError(
                f"Unable to connect to the API at {self.base_url} after {attempts} "
                f"attempt{'s' if attempts != 1 else ''}; check that it is running, then press Retry."
            ) from None
        except requests.exceptions.Timeout:
            self._log_call(method, path, "timeout", started, self._attempts.count)
            raise self._timeout_error(timeout[1]) from None
        self._log_call(method, path, str(response.status_code), started, self._attempts.count)
        if self.budget_scope is not None:
            self._budgets.observe(self.budget_scope, response.status_code, response.headers)
        if response.status_code >= 400:
            raise error_from_response(response)
        return response.text if text else self._decode(response)

    @staticmethod
    def _timeout_error(read_timeout: float) -> ApiTimeoutError:
        return ApiTimeoutError(f"The API did not answer within {read_timeout:g} seconds; it may be busy, press Retry.")

    @staticmethod
    def _log_call(method: str, path: str, outcome: str, started: float, attempts: int) -> None:
        elapsed_ms = round((time.monotonic() - started) * 1000)
        _log.info(
            "api_request method=%s path=/%s status=%s response_time_ms=%d attempts=%d",
            method.upper(),
            path.lstrip("/").split("?", 1)[0],
            outcome,
            elapsed_ms,
            attempts,
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
        """The usage CSV (E24, ``text/csv``) as text, through the same transport as every read (retries,
        status mapping, quota headers, request log)."""
        params = {"start_date": start_date, "end_date": end_date}
        return self.request("GET", "/usage/export", params=params, text=True)
