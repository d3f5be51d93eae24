"""Start the studio: bind a loopback socket, build the app, serve it with uvicorn until Ctrl+C.

The socket is bound before the app is built so that the port (a free one unless given) is known to
the Host check and printed in the URL, with no window in which another process could take it.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass
from typing import Any

from pgshift.studio.settings import Settings


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def start_url(settings: Settings) -> str:
    return f"{settings.origin}/?token={settings.token}"


@dataclass
class Running:
    """A studio served from a background thread (tests and the benchmark)."""

    settings: Settings
    server: Any
    thread: threading.Thread
    pool: Any

    @property
    def url(self) -> str:
        return start_url(self.settings)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.pool.close()


def _server(settings: Settings) -> tuple[Any, Any]:
    import uvicorn

    from pgshift.studio.app import create_app, make_pool

    pool = make_pool(settings)
    app = create_app(settings, pool=pool)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", server_header=False)
    return uvicorn.Server(config), pool


def serve_in_thread(settings: Settings, sock: socket.socket) -> Running:
    """Serve on ``sock`` from a daemon thread; returns once the server accepts connections."""
    import time

    server, pool = _server(settings)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    return Running(settings, server, thread, pool)


def serve(settings: Settings, sock: socket.socket, *, on_ready: Any = None) -> None:
    """Serve in this thread until interrupted."""
    server, pool = _server(settings)
    try:
        if on_ready is not None:
            threading.Thread(target=_when_started, args=(server, on_ready), daemon=True).start()
        server.run(sockets=[sock])
    finally:
        pool.close()


def _when_started(server: Any, callback: Any) -> None:
    import time

    for _ in range(750):
        if server.started:
            callback()
            return
        time.sleep(0.02)
