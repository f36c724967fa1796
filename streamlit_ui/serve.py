"""Start the dashboard: ``python serve.py`` behaves exactly like ``streamlit run app.py``.

The one difference: Streamlit's web server (uvicorn) closes idle HTTP keep-alive connections after 5 s.
Behind an Application Load Balancer, which reuses its connections to a target for up to its idle
timeout, that races: the load balancer sends a request on a connection the task is closing and the
visitor gets a 502 (in a browser: "Failed to fetch dynamically imported module"). AWS's guidance is a
target keep-alive longer than the load balancer's idle timeout, so this launcher gives uvicorn one
(``DASHBOARD_KEEP_ALIVE_SECONDS``, default 3605 s: the stack's ALB idle timeout of 3600 s plus 5 s).
Streamlit has no setting for it, so the default is set on ``uvicorn.Config`` before Streamlit builds it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

KEEP_ALIVE_ENV = "DASHBOARD_KEEP_ALIVE_SECONDS"
DEFAULT_KEEP_ALIVE_SECONDS = 3605


def keep_alive_seconds(environ: dict[str, str] | os._Environ[str] = os.environ) -> int:
    """The keep-alive timeout from the environment; one sentence when it is not a whole number >= 1."""
    raw = environ.get(KEEP_ALIVE_ENV, "").strip()
    if not raw:
        return DEFAULT_KEEP_ALIVE_SECONDS
    if not raw.isdigit() or int(raw) < 1:
        raise SystemExit(f"{KEEP_ALIVE_ENV} '{raw}' is not valid; allowed: a whole number of seconds >= 1.")
    return int(raw)


def install_keep_alive(seconds: int) -> None:
    """Make every ``uvicorn.Config`` that does not set ``timeout_keep_alive`` use ``seconds``."""
    import uvicorn

    original_init = uvicorn.Config.__init__
    if getattr(original_init, "_dashboard_keep_alive", None) is not None:
        return

    def init_with_keep_alive(self: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("timeout_keep_alive", seconds)
        original_init(self, *args, **kwargs)

    init_with_keep_alive._dashboard_keep_alive = seconds  # type: ignore[attr-defined]
    uvicorn.Config.__init__ = init_with_keep_alive  # type: ignore[method-assign]


def main(argv: list[str]) -> int:
    install_keep_alive(keep_alive_seconds())
    from streamlit.web import cli

    app = str(Path(__file__).resolve().parent / "app.py")
    sys.argv = ["streamlit", "run", app, *argv]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
