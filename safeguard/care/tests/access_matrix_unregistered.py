"""Authorization matrix cases for the unregistered placements register, reports and Board page.

The register is opened by capability, not by the child's rules: managers and CP chairs /
IROs see it (the entry here is a Team B child none of them holds); partners never do. A
restricted child's entry also needs access to the child. The child's own page follows the
record's rules. Imported by ``access_matrix`` (the file the matrix test collects).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from safeguard.access.testing.matrix import NOBODY, Case, holders
from safeguard.access.testing.world import allocate, make_child

VIEWERS = holders("view_unregistered_placements")
KEEPERS = holders("manage_unregistered_placements")
VISITORS = holders("record_independent_visits")
ALLOCATED = {"social_worker", "consultant_social_worker", "team_manager", "service_manager"}


def _placed(world: Any, key: str, child: Any) -> Any:
    """``child`` in an unregistered home since 40 days ago, on the register (once per world)."""
    if key not in world.extras:
        from safeguard.care.models_unregistered import DocumentKind
        from safeguard.care.services_unregistered import issue_document
        from safeguard.care.tests.unregistered_helpers import on_register, placed_unregistered
        from safeguard.core import clock

        episode = placed_unregistered(child, clock.today() - dt.timedelta(days=40))
        world.extras[key] = on_register(episode, approved_on=None, approved_by="")
        if "document" not in world.extras:
            document, _ = issue_document(
                kind=DocumentKind.WEEKLY, as_at=clock.today(), with_pdf=False
            )
            document.pdf = b"%PDF-1.4 matrix"
            document.save()
            world.extras["document"] = document
    return world.extras[key]


def entry(world: Any) -> Any:
    if "harper" not in world.extras:
        harper = make_child(first_name="Harper", date_of_birth=dt.date(2010, 6, 1))
        allocate(harper, world.workers["team_b"])
        world.extras["harper"] = harper
    return _placed(world, "entry", world.extras["harper"])


def _register(world: Any) -> dict[str, Any]:
    """No URL arguments, but one entry on the register (and one issued report)."""
    entry(world)
    return {}


def _entry(world: Any) -> dict[str, Any]:
    return {"placement_id": entry(world).pk}


def _restricted_entry(world: Any) -> dict[str, Any]:
    return {"placement_id": _placed(world, "restricted", world.child_restricted).pk}


def _document(world: Any) -> dict[str, Any]:
    entry(world)
    return {"document_id": world.extras["document"].pk}


def _unlisted_episode(world: Any) -> dict[str, Any]:
    """An unregistered placement nobody has added to the register yet."""
    from safeguard.care.tests.unregistered_helpers import placed_unregistered
    from safeguard.core import clock

    child = make_child(first_name="Indigo", date_of_birth=dt.date(2010, 2, 1))
    allocate(child, world.workers["team_b"])
    episode = placed_unregistered(child, clock.today() - dt.timedelta(days=3))
    return {"episode_id": episode.pk}


ENTRY_FORMS = {
    "care:unregistered_approval": KEEPERS,
    "care:unregistered_reason": KEEPERS,
    "care:unregistered_progress": KEEPERS,
    "care:unregistered_end": KEEPERS,
    "care:unregistered_visit": VISITORS,
}
READ_ONLY = (
    ("care:unregistered_register", _register),
    ("care:unregistered_documents", _register),
    ("care:unregistered_board", _register),
    ("care:unregistered_board_csv", _register),
    ("care:unregistered_board_pdf", _register),
    ("care:unregistered_entry", _entry),
    ("care:unregistered_document", _document),
    ("care:unregistered_document_pdf", _document),
    ("care:unregistered_document_csv", _document),
)

CASES = [
    *(Case(url_name=name, kwargs=kwargs, allowed=VIEWERS) for name, kwargs in READ_ONLY),
    Case(
        url_name="care:unregistered_entry",
        kwargs=_restricted_entry,
        allowed={"team_manager"},
        note="(restricted child: register viewers who may also open the child)",
    ),
    *(Case(url_name=name, kwargs=_entry, allowed=allowed) for name, allowed in ENTRY_FORMS.items()),
    *(
        Case(
            url_name=name,
            kwargs=_entry,
            allowed=allowed,
            method="post",
            note="(empty form: re-rendered with errors)",
        )
        for name, allowed in ENTRY_FORMS.items()
    ),
    Case(url_name="care:unregistered_add", kwargs=_unlisted_episode, allowed=KEEPERS),
    Case(
        url_name="care:unregistered_add",
        kwargs=_unlisted_episode,
        allowed=KEEPERS,
        method="post",
        note="(empty form: re-rendered with errors)",
    ),
    Case(
        url_name="care:child_unregistered_placements",
        kwargs=lambda w: {"child_id": w.child_allocated.pk},
        allowed=ALLOCATED,
        note="(the child's own page: the record's rules)",
    ),
    Case(
        url_name="care:child_unregistered_placements",
        kwargs=lambda w: {"child_id": w.child_other_team.pk},
        allowed=NOBODY,
        note="(another service's child: break-glass only)",
    ),
]
