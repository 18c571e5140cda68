"""The API served by uvicorn in a background thread, on a free port of 127.0.0.1.

The demo talks to it over real HTTP, as any client would; a thread rather than a subprocess keeps
the demo one process that stops cleanly on Ctrl-C.
"""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

import uvicorn
from fastapi import FastAPI

STARTUP_SECONDS = 60


class ServerFailed(RuntimeError):
    """The server did not start (its log says why)."""


class ServerThread:
    def __init__(self, app: FastAPI, *, log_level: str = "warning") -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self.port: int = self._sock.getsockname()[1]
        # No websockets in the API: ws="none" also skips importing a websockets library.
        config = uvicorn.Config(app, log_level=log_level, access_log=False, lifespan="on", ws="none")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, name="jobwise-demo-api", daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + STARTUP_SECONDS
        # `started` turns true after the lifespan (migrations, worker) has run.
        while not self._server.started:
            if not self._thread.is_alive():
                raise ServerFailed("the API stopped while starting; see the log above")
            if time.monotonic() > deadline:
                self.stop()
                raise ServerFailed(f"the API did not start within {STARTUP_SECONDS} s")
            time.sleep(0.02)

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=30)
        self._sock.close()

    def __enter__(self) -> ServerThread:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
