"""Refusing request bodies larger than ``Settings.max_upload_bytes`` before they are read.

A pure ASGI middleware: it checks ``Content-Length`` up front and counts the bytes of bodies
sent without one (chunked), so an oversized upload never fills memory or disk.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(Exception):
    """The request body is larger than the limit (answered with 413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _refuse(scope, send, self.max_bytes)
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, counting_receive, send)


async def _refuse(scope: Scope, send: Send, limit: int) -> None:
    megabytes = limit / (1024 * 1024)
    text = f"上传的内容过大：最多 {megabytes:g} MB".encode()
    is_api = scope.get("path", "").startswith("/api/")
    body = b'{"error": "' + text + b'"}' if is_api else text
    media = b"application/json" if is_api else b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", media), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
