"""Starting the server: bind the port ourselves first (a port in use is one clear line, not a
traceback from deep inside uvicorn), print the address, then hand the socket to uvicorn."""

from __future__ import annotations

import errno
import socket
import sys

from evalbook.web.texts import WebError, web_text

LOCAL = ("127.0.0.1", "localhost", "::1")


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if sys.platform != "win32":  # on Windows SO_REUSEADDR would let two servers share the port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as e:
        sock.close()
        if e.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)) or getattr(e, "winerror", 0) == 10048:
            raise WebError("port_taken", host=host, port=port, next=port + 1) from e
        raise WebError("cannot_bind", host=host, port=port, detail=e.strerror or str(e)) from e
    sock.set_inheritable(True)
    return sock


def serve(host: str, port: int, lang: str, settings) -> None:
    import uvicorn

    from evalbook.web.app import create_app

    sock = bind(host, port)
    actual = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host

    def ready():
        print(web_text("started", lang, url=f"http://{shown}:{actual}/"), flush=True)
        if host not in LOCAL:
            print(web_text("public_host", lang, host=host), flush=True)

    config = uvicorn.Config(create_app(settings, ready), log_level="warning", access_log=False, lifespan="on")
    uvicorn.Server(config).run(sockets=[sock])
