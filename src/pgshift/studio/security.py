"""The guard in front of every request: Host header, token, CSRF, and headers that keep the page offline.

- Host: only ``127.0.0.1:PORT``, ``localhost:PORT`` and ``[::1]:PORT`` (plus an explicit ``--host``).
  A page on another site that points its own name at 127.0.0.1 (DNS rebinding) sends its own name as
  Host and is refused before anything else happens.
- Token: a random per-run token, required on every request — static files included. The URL printed
  at start carries it once; the answer stores it in an HttpOnly, SameSite=Strict cookie for this port
  and redirects to the same URL without it. Scripts may send ``Authorization: Bearer <token>``.
- CSRF: every request that is not GET/HEAD must carry the per-run CSRF token in ``X-CSRF-Token`` (the
  page reads it from a meta tag) and, when the browser sends an Origin, come from this origin.
- Content-Security-Policy ``default-src 'self'``: the page cannot load or send anything elsewhere.
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import URL
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from pgshift.studio.settings import Settings

SAFE_METHODS = ("GET", "HEAD")
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "font-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


def _same(given: str | None, expected: str) -> bool:
    return given is not None and secrets.compare_digest(given.encode(), expected.encode())


def refusal(request: Request, settings: Settings) -> Response | None:
    """The response refusing ``request``, or None when it may go on."""
    host = request.headers.get("host", "")
    if host not in settings.allowed_hosts:
        return PlainTextResponse(
            f"refused: Host {host!r} is not this studio's address (expected {settings.origin})",
            status_code=421,
        )
    bearer = request.headers.get("authorization", "")
    token_ok = (
        _same(request.cookies.get(settings.cookie_name), settings.token)
        or _same(request.query_params.get("token"), settings.token)
        or (bearer.startswith("Bearer ") and _same(bearer[7:], settings.token))
    )
    if not token_ok:
        return PlainTextResponse(
            "refused: this pgshift studio needs its token — open the URL `pgshift studio` printed",
            status_code=401,
        )
    if request.method not in SAFE_METHODS:
        origin = request.headers.get("origin")
        if origin is not None and origin not in {f"http://{h}" for h in settings.allowed_hosts}:
            return PlainTextResponse(f"refused: request from another origin ({origin})", status_code=403)
        if not _same(request.headers.get("x-csrf-token"), settings.csrf):
            return PlainTextResponse(
                "refused: missing or wrong CSRF token (reload the page)", status_code=403
            )
    return None


class Guard:
    """ASGI middleware applying ``refusal`` and the security headers to every HTTP request."""

    def __init__(self, app: Any, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        response = refusal(request, self.settings)
        if response is None and request.method == "GET" and "token" in request.query_params:
            response = self._store_token(request)
        if response is not None:
            await response(scope, receive, self._with_headers(send))
            return
        await self.app(scope, receive, self._with_headers(send))

    def _store_token(self, request: Request) -> Response:
        """Move the token from the URL into a cookie, so it is not left in history or shown on screen."""
        rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
        target = URL(request.url.path + ("?" + urlencode(rest) if rest else ""))
        response = RedirectResponse(str(target), status_code=303)
        response.set_cookie(
            self.settings.cookie_name, self.settings.token, httponly=True, samesite="strict", path="/"
        )
        return response

    @staticmethod
    def _with_headers(send: Any) -> Any:
        async def wrapped(message: Any) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        return wrapped
