"""Who is acting now, so every row records its author without threading it everywhere.

Set by the web middleware for each request and by commands (generation, imports) for
their run; services may still pass an explicit actor.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

_current_actor: ContextVar[Any | None] = ContextVar("safeguard_current_actor", default=None)


def get_current_actor() -> Any | None:
    return _current_actor.get()


@contextlib.contextmanager
def acting_as(user: Any | None) -> Iterator[None]:
    token = _current_actor.set(user)
    try:
        yield
    finally:
        _current_actor.reset(token)
