"""Who is acting now, and from which address, so every row and audit entry records its author.

Set by the web middleware for each request and by commands (generation, imports) for
their run; services may still pass an explicit actor. The address lets automatic change
capture (``safeguard.core.audit_hooks``) say where a change came from without threading
the request through every service.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

_current_actor: ContextVar[Any | None] = ContextVar("safeguard_current_actor", default=None)
_current_ip: ContextVar[str | None] = ContextVar("safeguard_current_ip", default=None)


def get_current_actor() -> Any | None:
    return _current_actor.get()


def get_current_ip() -> str | None:
    return _current_ip.get()


@contextlib.contextmanager
def acting_as(user: Any | None, *, ip: str | None = None) -> Iterator[None]:
    actor_token = _current_actor.set(user)
    ip_token = _current_ip.set(ip)
    try:
        yield
    finally:
        _current_ip.reset(ip_token)
        _current_actor.reset(actor_token)
