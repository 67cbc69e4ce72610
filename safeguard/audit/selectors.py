"""Reads of the audit log: the chain check, the head, who viewed a child, access reports.

``verify_chain`` walks every entry in sequence order, in chunks, and stops at the first
break: an entry whose hash does not match its content (the row was edited), a gap in
the sequence (rows deleted), a link to a previous hash that is not the previous entry's
(an earlier entry was rewritten), or a head that does not match the newest entry (the
newest rows were deleted or rewritten). The command line and the page only format it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from safeguard.audit.chain import HASHED_FIELDS, entry_hash
from safeguard.audit.models import GENESIS_HASH, HEAD_PK, AuditAction, AuditChainHead, AuditEvent

CHUNK_SIZE = 5_000
_COLUMNS = (*HASHED_FIELDS, "prev_hash", "hash")
#: What a "who has viewed this record" list shows: views, and break-glass openings.
VIEW_ACTIONS = (AuditAction.VIEW, AuditAction.BREAK_GLASS)


def when(moment: dt.datetime | None) -> str:
    return "" if moment is None else f"{timezone.localtime(moment):%d %B %Y %H:%M:%S %Z}"


@dataclass(frozen=True)
class ChainBreak:
    """The first entry at which the chain does not hold, and what that means."""

    sequence: int
    at: dt.datetime | None
    what: str

    def sentence(self) -> str:
        moment = f" ({when(self.at)})" if self.at is not None else ""
        return f"Audit log broken at entry #{self.sequence}{moment}: {self.what}"


@dataclass(frozen=True)
class ChainReport:
    entries: int
    last_sequence: int
    last_at: dt.datetime | None
    last_hash: str
    broken: ChainBreak | None = None

    @property
    def intact(self) -> bool:
        return self.broken is None

    def sentence(self) -> str:
        if self.broken is not None:
            return self.broken.sentence()
        if not self.entries:
            return "Audit log intact: 0 entries"
        noun = "entry" if self.entries == 1 else "entries"
        return (
            f"Audit log intact: {self.entries:,} {noun}, last #{self.last_sequence} "
            f"at {when(self.last_at)}"
        )


@dataclass(frozen=True)
class Head:
    sequence: int
    hash: str
    at: dt.datetime | None


def chain_head() -> Head:
    """The newest entry's sequence and hash, as the head row holds them: copy this off
    the machine regularly, then ``verify --anchor SEQ:HASH`` proves the past unchanged."""
    row = AuditChainHead.objects.filter(pk=HEAD_PK).values_list("last_sequence", "last_hash")
    sequence, last_hash = row.first() or (0, GENESIS_HASH)
    at = AuditEvent.objects.filter(sequence=sequence).values_list("at", flat=True).first()
    return Head(sequence=sequence, hash=last_hash, at=at)


def anchor_problem(sequence: int, expected_hash: str) -> str | None:
    """Why an entry no longer has the hash recorded for it earlier (None if it does)."""
    found = AuditEvent.objects.filter(sequence=sequence).values_list("hash", flat=True).first()
    if found is None:
        return f"entry #{sequence}, recorded earlier, is missing — rows deleted"
    if found != expected_hash.strip().lower():
        return (
            f"entry #{sequence} no longer has the hash recorded earlier — the log was "
            "rewritten up to that entry"
        )
    return None


def verify_chain(
    *, chunk_size: int = CHUNK_SIZE, on_progress: Callable[[int], None] | None = None
) -> ChainReport:
    """Check every entry's hash and link, the sequence and the head; stop at the first
    break. ``on_progress`` is told how many entries have been checked, chunk by chunk."""
    expected, previous_hash, checked = 1, GENESIS_HASH, 0
    last_at: dt.datetime | None = None

    def broken(sequence: int, at: dt.datetime | None, what: str) -> ChainReport:
        return ChainReport(
            entries=checked,
            last_sequence=expected - 1,
            last_at=last_at,
            last_hash=previous_hash,
            broken=ChainBreak(sequence=sequence, at=at, what=what),
        )

    rows = AuditEvent.objects.order_by("sequence").values_list(*_COLUMNS)
    after = 0
    while chunk := list(rows.filter(sequence__gt=after)[:chunk_size]):
        for row in chunk:
            values = dict(zip(_COLUMNS, row, strict=True))
            sequence, at = values["sequence"], values["at"]
            if entry_hash(values["prev_hash"], values) != values["hash"]:
                return broken(sequence, at, "hash mismatch — the row was edited")
            if sequence != expected:
                gone = (
                    f"#{expected}"
                    if sequence == expected + 1
                    else f"#{expected} to #{sequence - 1}"
                )
                return broken(
                    expected, None, f"entry missing — rows deleted ({gone}, before #{sequence})"
                )
            if values["prev_hash"] != previous_hash:
                return broken(
                    expected - 1,
                    last_at,
                    f"entry rewritten — its hash was recomputed, but entry #{sequence} still "
                    "links to the original",
                )
            previous_hash, expected, last_at = values["hash"], sequence + 1, at
            checked += 1
        after = chunk[-1][0]
        if on_progress is not None:
            on_progress(checked)
    report = ChainReport(
        entries=checked, last_sequence=expected - 1, last_at=last_at, last_hash=previous_hash
    )
    return _check_head(report)


def _check_head(report: ChainReport) -> ChainReport:
    head = (
        AuditChainHead.objects.filter(pk=HEAD_PK).values_list("last_sequence", "last_hash").first()
    )
    last = report.last_sequence
    problem: ChainBreak | None = None
    if head is None:
        if report.entries:
            problem = ChainBreak(
                last, report.last_at, "head missing — the chain head row was deleted"
            )
    elif head[0] > last:
        gone = f"#{last + 1}" if head[0] == last + 1 else f"#{last + 1} to #{head[0]}"
        problem = ChainBreak(
            last + 1, None, f"entry missing — the newest rows were deleted ({gone})"
        )
    elif head[0] < last:
        problem = ChainBreak(
            head[0] + 1,
            None,
            f"head mismatch — entries after #{head[0]} were added outside the log's writer",
        )
    elif head[1] != report.last_hash:
        problem = ChainBreak(last, report.last_at, "head mismatch — the newest entry was rewritten")
    if problem is None:
        return report
    return ChainReport(
        entries=report.entries,
        last_sequence=report.last_sequence,
        last_at=report.last_at,
        last_hash=report.last_hash,
        broken=problem,
    )


# --- pages -----------------------------------------------------------------------------------


def views_of_child(child_id: uuid.UUID) -> QuerySet[AuditEvent]:
    """Every opening of the child's record, newest first."""
    return AuditEvent.objects.filter(child_id=child_id, action__in=VIEW_ACTIONS).order_by(
        "-sequence"
    )


def _in_range(
    events: QuerySet[AuditEvent], start: dt.date | None, end: dt.date | None
) -> QuerySet[AuditEvent]:
    """Between the start of ``start`` and the end of ``end``, local (England) days."""
    if start is not None:
        events = events.filter(at__gte=_midnight(start))
    if end is not None:
        events = events.filter(at__lt=_midnight(end + dt.timedelta(days=1)))
    return events


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def events_by_user(
    user_id: int, *, start: dt.date | None = None, end: dt.date | None = None
) -> QuerySet[AuditEvent]:
    return _in_range(AuditEvent.objects.filter(actor_id=user_id), start, end).order_by("-sequence")


def events_about_child(
    child_id: uuid.UUID, *, start: dt.date | None = None, end: dt.date | None = None
) -> QuerySet[AuditEvent]:
    return _in_range(AuditEvent.objects.filter(child_id=child_id), start, end).order_by("-sequence")


def find_users(query: str, *, limit: int = 50) -> QuerySet:
    """Users whose username or name contains the text (for the access report index)."""
    from django.contrib.auth import get_user_model

    text = query.strip()
    users = get_user_model().objects.select_related("role").order_by("username")
    return users.filter(
        Q(username__icontains=text) | Q(first_name__icontains=text) | Q(last_name__icontains=text)
    )[:limit]


def find_children(query: str, *, limit: int = 50) -> QuerySet:
    """People whose LA identifier starts with the text (exact identifiers first)."""
    from safeguard.people.models import Person

    text = query.strip()
    return Person.objects.filter(la_child_id__istartswith=text).order_by("la_child_id")[:limit]


def child_identifiers(child_ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    """LA identifiers of the children entries are about (a record since destroyed says so)."""
    from safeguard.people.models import Person

    wanted = {child_id for child_id in child_ids if child_id is not None}
    found = dict(Person.objects.filter(pk__in=wanted).values_list("pk", "la_child_id"))
    return {child_id: found.get(child_id, "record no longer held") for child_id in wanted}
