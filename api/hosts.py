"""Trusted hosts: answer only requests whose ``Host`` header names this service.

A web page on an attacker's domain can point its own name at 127.0.0.1 (DNS rebinding); the
browser then sends requests to the local service with ``Host: attacker.example``. Refusing
every host name but the configured ones (``DEKG_ALLOWED_HOSTS``, loopback names by default)
makes such pages get a 400 instead of data. ``*`` allows any host; ``*.example.org`` allows
the subdomains of ``example.org``.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import problem_response


def host_name(header: str) -> str:
    """The name in a ``Host`` header, without the port, lower case.

    Example:
        >>> host_name("[::1]:8000"), host_name("LocalHost:80"), host_name("127.0.0.1")
        ('::1', 'localhost', '127.0.0.1')
    """
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.rpartition(":")[0] if header.count(":") == 1 else header


class TrustedHosts:
    """A pure ASGI middleware: 400 problem for a request whose host is not allowed."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str]) -> None:
        self.app = app
        names = {host_name(h) if not h.startswith("*") else h.lower() for h in allowed}
        self.any = "*" in names
        self.exact = frozenset(n for n in names if not n.startswith("*"))
        self.suffixes = tuple(n[1:] for n in names if n.startswith("*."))

    def allows(self, host: str) -> bool:
        return self.any or host in self.exact or host.endswith(self.suffixes or ("\0",))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self.any:
            await self.app(scope, receive, send)
            return
        header = ""
        for name, value in scope.get("headers", []):
            if name == b"host":
                header = value.decode("latin-1")
                break
        if self.allows(host_name(header)):
            await self.app(scope, receive, send)
            return
        response = problem_response(
            400,
            "Host not allowed",
            f"this service does not answer for host {header[:100]!r}; "
            "set DEKG_ALLOWED_HOSTS to the names it is reached by",
            slug="host-not-allowed",
            instance=scope.get("path"),
        )
        await response(scope, receive, send)
