"""Serving the stand-in: uvicorn on a socket bound at construction, in a background thread or in front.

``down`` is implemented at the connection: a subclass of uvicorn's h11 protocol closes the TCP
connection of every API request without writing a byte, so a client sees what it sees when the API is
unreachable mid-request; ``/__admin/*`` keeps answering.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from standin_api.app import StandinState, build_app
from standin_api.faults import Faults
from standin_api.middleware import ADMIN_PREFIX

PREFIX = "/api/v1"
START_TIMEOUT_SECONDS = 15
STOP_GRACE_SECONDS = 2


def _protocol_for(state: StandinState) -> type[H11Protocol]:
    class DroppingProtocol(H11Protocol):
        """uvicorn's HTTP/1.1 protocol; with ``down`` on, API requests get their connection closed."""

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            app = self.app

            async def guarded(scope: Any, receive: Any, send: Any) -> None:
                if scope["type"] != "http" or not state.faults.down or scope["path"].startswith(ADMIN_PREFIX):
                    await app(scope, receive, send)
                    return
                state.log_request(scope)
                transport.close()
                # Wait until uvicorn has seen the connection go, so it does not answer 500 on our behalf.
                while (await receive())["type"] != "http.disconnect":
                    pass

            self.app = guarded

    return DroppingProtocol


class StandinServer:
    """The stand-in on ``host:port`` (``port=0`` picks a free one); ``start()`` serves from a daemon thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 8000, faults: Faults | None = None) -> None:
        self.faults = faults or Faults()
        self.state = StandinState(self.faults)
        self.store = self.state.store
        self.app = build_app(self.state)
        # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets that say so, and without it every
        # answer (headers and body are two writes) waits ~40 ms for the client's delayed ACK.
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.socket = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.socket.bind((host, port))
        except OSError:
            self.socket.close()
            raise
        self.socket.listen(2048)
        self.socket.setblocking(False)
        config = uvicorn.Config(
            self.app,
            http=_protocol_for(self.state),
            lifespan="off",
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=STOP_GRACE_SECONDS,
            timeout_keep_alive=75,  # longer than any client's pool idle time: no surprise resets mid-test
        )
        self.server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    @property
    def host(self) -> str:
        return self.socket.getsockname()[0]

    @property
    def port(self) -> int:
        return self.socket.getsockname()[1]

    @property
    def origin(self) -> str:
        host = self.host
        if host in ("0.0.0.0", "::"):
            host = "127.0.0.1"
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        return self.origin + PREFIX

    def start(self) -> StandinServer:
        """Serve from a daemon thread; returns once the server accepts connections."""
        self._thread = threading.Thread(target=self.serve_forever, name="standin-api", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not self.server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the stand-in API did not start on {self.origin}")
            time.sleep(0.01)
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until ``stop()`` (or, in the main thread, SIGINT/SIGTERM)."""
        self.server.run(sockets=[self.socket])

    def stop(self) -> None:
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=STOP_GRACE_SECONDS + 5)
        self.socket.close()

    def close(self) -> None:
        """Release the socket of a server that was never started."""
        self.socket.close()
