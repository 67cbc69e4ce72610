"""The authorization matrix: what each app declares about its URLs, per role.

Each app lists ``CASES`` in ``safeguard/<app>/tests/access_matrix.py``::

    CASES = [
        Case(
            url_name="people:child_record",
            kwargs=lambda w: {"child_id": w.child_allocated.pk},
            allowed={"social_worker", "team_manager"},
        ),
    ]

``allowed`` names the principals that get ``ok_status`` (200 unless said otherwise; a
302 must go to ``redirect_to``): role codes, ``partner_<agency>`` (or ``partner_agency``
for every agency) and ``anonymous``. Everyone else must be refused: 403, a redirect to
sign-in (anonymous, or the admin's own sign-in for non-staff), or — for a role that may
break glass — a redirect to the break-glass page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from safeguard.access.roles import ROLES, Agency

PARTNERS: tuple[str, ...] = tuple(f"partner_{agency}" for agency in Agency.CODES)
STAFF: tuple[str, ...] = tuple(r.code for r in ROLES if not r.is_partner)
SIGNED_IN: frozenset[str] = frozenset(STAFF + PARTNERS)
PRINCIPALS: tuple[str, ...] = (*STAFF, *PARTNERS, "anonymous")
EVERYONE: frozenset[str] = frozenset(PRINCIPALS)
NOBODY: frozenset[str] = frozenset()


def expand(principals: Iterable[str]) -> frozenset[str]:
    """``partner_agency`` stands for every partner agency's user."""
    out: set[str] = set()
    for principal in principals:
        if principal == "partner_agency":
            out.update(PARTNERS)
        elif principal in EVERYONE:
            out.add(principal)
        else:
            raise ValueError(f"Unknown principal {principal!r} in a matrix case")
    return frozenset(out)


def holders(*capabilities: str) -> frozenset[str]:
    """Principals whose role (per the catalogue) holds every one of ``capabilities``."""
    roles = {r.code for r in ROLES if set(capabilities) <= r.capabilities}
    return expand(roles)


def _no_kwargs(world: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Case:
    url_name: str
    allowed: Iterable[str]
    kwargs: Callable[[Any], dict[str, Any]] = _no_kwargs
    method: str = "get"
    data: Callable[[Any], dict[str, Any]] | None = None
    ok_status: int = 200
    redirect_to: str | Callable[[Any], str] = ""
    query: str = ""
    note: str = ""
    allowed_set: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "allowed_set", expand(self.allowed))
        if self.method not in {"get", "post"}:
            raise ValueError(f"{self.url_name}: method must be 'get' or 'post'")
        if self.ok_status in {301, 302, 303} and not self.redirect_to:
            raise ValueError(f"{self.url_name}: say where an allowed redirect goes (redirect_to)")

    def expected_location(self, world: Any) -> str:
        """The path an allowed redirect (``ok_status`` 302) must go to: a URL name
        (resolved without arguments), a path, or a function of the world giving a path."""
        target = self.redirect_to(world) if callable(self.redirect_to) else self.redirect_to
        if ":" in target and not target.startswith("/"):
            from django.urls import reverse

            return reverse(target)
        return target

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.url_name}{' ' + self.note if self.note else ''}"
