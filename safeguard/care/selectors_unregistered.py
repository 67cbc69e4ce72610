"""Reads for the unregistered placements register: entries, deadlines and what is due.

Deadlines come from the timescale registry only: the next independent visit
(``unregistered_visit``, monthly from the placement start or the last visit), the next
weekly report (``unregistered_weekly``) and the next Ofsted notification
(``unregistered_ofsted``), each counted from the placement start or the last issued
document that named the placement. The register is small (a handful of children at a
time), so each entry's deadlines are computed with ``compute_due`` and can explain
themselves on the page.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Max, Prefetch

from safeguard.care.models import CONTINUES, LookedAfterEpisode
from safeguard.care.models_unregistered import (
    DocumentKind,
    IndependentVisit,
    IssuedDocument,
    IssuedDocumentEntry,
    ProgressUpdate,
    UnregisteredPlacement,
)
from safeguard.care.selectors import episode_on, placement_ended_on
from safeguard.core.timescales import Due, compute_due
from safeguard.people.models import Person

VISIT = "unregistered_visit"
WEEKLY = "unregistered_weekly"
OFSTED = "unregistered_ofsted"
#: Which timescale each issued document kind answers.
DOCUMENT_RULE = {DocumentKind.WEEKLY: WEEKLY, DocumentKind.OFSTED: OFSTED}


def placement_start(episode: LookedAfterEpisode) -> LookedAfterEpisode:
    """The episode a placement started with: back over changes of legal status only (RNE L),
    which keep the child where they are."""
    current = episode
    while current.reason_new_episode == "L":
        previous = LookedAfterEpisode.objects.filter(
            child_id=current.child_id, ended_on=current.started_on, reason_ceased=CONTINUES
        ).first()
        if previous is None:
            break
        current = previous
    return current


def _with_related(
    queryset: models.QuerySet[UnregisteredPlacement],
) -> models.QuerySet[UnregisteredPlacement]:
    return queryset.select_related("child", "episode").prefetch_related(
        Prefetch("visits", queryset=IndependentVisit.objects.order_by("visited_on")),
        Prefetch("progress_updates", queryset=ProgressUpdate.objects.order_by("recorded_on")),
    )


def open_on(day: dt.date) -> models.Q:
    """Placed on or before ``day`` and not ended before it (ended that day still counts)."""
    return models.Q(started_on__lte=day) & (
        models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=day)
    )


def in_use_between(start: dt.date, end: dt.date) -> models.Q:
    """Open at any time from ``start`` to ``end``."""
    return models.Q(started_on__lte=end) & (
        models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=start)
    )


def register(*, current_only: bool = True) -> models.QuerySet[UnregisteredPlacement]:
    """The register: open entries (or every entry), longest-running first."""
    entries = UnregisteredPlacement.objects.all()
    if current_only:
        entries = entries.filter(ended_on__isnull=True)
    return _with_related(entries).order_by("started_on", "child__last_name", "pk")


def placements_in_use(start: dt.date, end: dt.date) -> list[UnregisteredPlacement]:
    return list(_with_related(UnregisteredPlacement.objects.filter(in_use_between(start, end))))


def placement_by_id(placement_id: uuid.UUID | str) -> UnregisteredPlacement | None:
    return _with_related(UnregisteredPlacement.objects.filter(pk=placement_id)).first()


def placements_for_child(child: Person) -> list[UnregisteredPlacement]:
    return list(_with_related(UnregisteredPlacement.objects.filter(child=child)))


def episodes_not_on_register() -> list[LookedAfterEpisode]:
    """Open placements recorded as unregistered that nobody has added to the register."""
    candidates = (
        LookedAfterEpisode.objects.filter(ended_on__isnull=True, is_registered=False)
        .select_related("child")
        .order_by("started_on")
    )
    missing = []
    for episode in candidates:
        first = placement_start(episode)
        if not UnregisteredPlacement.objects.filter(episode=first).exists():
            missing.append(episode)
    return missing


def last_visit(
    placement: UnregisteredPlacement, on: dt.date | None = None
) -> IndependentVisit | None:
    visits = [v for v in placement.visits.all() if on is None or v.visited_on <= on]
    return visits[-1] if visits else None


def latest_progress(placement: UnregisteredPlacement) -> ProgressUpdate | None:
    updates = list(placement.progress_updates.all())
    return updates[-1] if updates else None


def visit_due(placement: UnregisteredPlacement, on: dt.date | None = None) -> Due:
    """The next independent visit: a month after the last one, or after the placement began."""
    visit = last_visit(placement, on)
    return compute_due(VISIT, visit.visited_on if visit is not None else placement.started_on)


def last_reported(placement: UnregisteredPlacement, kind: str) -> dt.date | None:
    """The as-at day of the latest issued document of ``kind`` naming the placement."""
    found = IssuedDocumentEntry.objects.filter(placement=placement, document__kind=kind).aggregate(
        last=Max("document__as_at")
    )
    return found["last"]


def report_due(placement: UnregisteredPlacement, kind: str) -> Due:
    """The next weekly report or Ofsted notification naming the placement."""
    last = last_reported(placement, kind)
    return compute_due(DOCUMENT_RULE[DocumentKind(kind)], last or placement.started_on)


def placement_left_on(placement: UnregisteredPlacement) -> dt.date | None:
    """When the care record says the child left this placement (None: still there)."""
    return placement_ended_on(placement.episode)


def legal_status_on(placement: UnregisteredPlacement, day: dt.date) -> str:
    episode = episode_on(placement.child, day)
    return episode.legal_status if episode is not None else ""


# --- what is due ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    """One thing the register owes: a visit, a report, an approval, an end to record."""

    placement: UnregisteredPlacement | None
    what: str
    due: dt.date | None
    overdue: bool
    explanation: str
    episode: LookedAfterEpisode | None = None


@dataclass
class Worklist:
    items: list[DueItem] = field(default_factory=list)

    @property
    def overdue(self) -> list[DueItem]:
        return [i for i in self.items if i.overdue]


def worklist(today: dt.date) -> Worklist:
    """Everything due or overdue for the open register on ``today``, most urgent first.

    Visits come from the registry; a placement with no Corporate Director approval is
    overdue from the day the child moved in; a placement the care record shows has ended
    (or an unregistered placement nobody has added) is listed so the register is put right.
    """
    items: list[DueItem] = []
    for episode in episodes_not_on_register():
        items.append(
            DueItem(
                None,
                "Add the placement to the register",
                episode.started_on,
                True,
                f"The care record shows {episode.child} in an unregistered placement since "
                f"{episode.started_on:%d/%m/%Y}, and it is not on the register.",
                episode=episode,
            )
        )
    for placement in register():
        if not placement.is_approved:
            # The deadline is the registry's (unregistered_approval: the day the child
            # moves in), so a local rule changes it here and on the worklists alike.
            approval = compute_due("unregistered_approval", placement.started_on)
            items.append(
                DueItem(
                    placement,
                    "Corporate Director's approval",
                    approval.due_date,
                    approval.due_date < today,
                    approval.explanation,
                )
            )
        left = placement_left_on(placement)
        if left is not None:
            items.append(
                DueItem(
                    placement,
                    "Record the end of the placement",
                    left,
                    True,
                    f"The care record shows the child left this placement on {left:%d/%m/%Y}.",
                )
            )
            continue  # no visit is due to a home the child has left
        due = visit_due(placement)
        items.append(
            DueItem(
                placement,
                "Independent visit",
                due.due_date,
                due.due_date < today,
                due.explanation,
            )
        )
    items.sort(key=lambda i: (not i.overdue, i.due or dt.date.min))
    return Worklist(items)


# --- issued documents ------------------------------------------------------------------------


def issued_documents(kind: str = "") -> models.QuerySet[IssuedDocument]:
    """Issued documents, newest period first (the content columns are left unread)."""
    documents = IssuedDocument.objects.defer("html", "csv", "pdf")
    if kind:
        documents = documents.filter(kind=kind)
    return documents.order_by("-period_start", "kind")


def issued_document(document_id: uuid.UUID | str) -> IssuedDocument | None:
    return IssuedDocument.objects.filter(pk=document_id).first()


def issued_for(kind: str, period_start: dt.date) -> IssuedDocument | None:
    return IssuedDocument.objects.filter(kind=kind, period_start=period_start).first()
