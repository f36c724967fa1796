"""A plain HTTP client for the stand-in tests: every answer as (status, JSON body or text, headers)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from standin_api import DEMO_API_KEY


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str]

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def call(
    base_url: str, method: str, path: str, body: Any = None, key: str | None = DEMO_API_KEY, raw: bytes | None = None
) -> Reply:
    """``method base_url+path`` with ``X-API-Key: key`` (none when ``key`` is None) and a JSON ``body``."""
    headers = {"Content-Type": "application/json"}
    if key:
        headers["X-API-Key"] = key
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(f"{base_url}{path}", data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return _reply(response.status, response.read(), response.headers)
    except urllib.error.HTTPError as err:
        return _reply(err.code, err.read(), err.headers)


def _reply(status: int, raw: bytes, headers: Any) -> Reply:
    try:
        body: Any = json.loads(raw) if raw else None
    except ValueError:
        body = raw.decode()
    return Reply(status, body, {k.lower(): v for k, v in headers.items()})
