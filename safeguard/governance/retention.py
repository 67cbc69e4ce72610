"""The record types retention rules apply to, and the dates each may be counted from.

Each type names a model, which of its rows it covers, the dates a period may run from
and the default rule (loaded by a data migration into ``RetentionRule``, where the
authority may change the period, the date and the action). The defaults are a local
policy starting point, explained in docs/governance.md — not legal advice.

A child's record is destroyed as a whole *case file* (the person and every record about
them, see ``selectors.records``); other types are destroyed record by record.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone


@dataclasses.dataclass(frozen=True)
class DateBasis:
    key: str
    label: str
    expression: Callable[[], Any]


@dataclasses.dataclass(frozen=True)
class RecordType:
    code: str
    label: str
    model_label: str
    covers: str
    condition: Callable[[], Q]
    bases: tuple[DateBasis, ...]
    default_years: int
    default_basis: str
    default_action: str
    default_note: str
    case_file: bool = False

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    def basis(self, key: str) -> DateBasis | None:
        return next((b for b in self.bases if b.key == key), None)

    @property
    def basis_choices(self) -> list[tuple[str, str]]:
        return [(b.key, b.label) for b in self.bases]


def _model(label: str) -> Any:
    return apps.get_model(label)


def _exists(label: str, **filters: Any) -> Exists:
    return Exists(_model(label)._default_manager.filter(child=OuterRef("pk"), **filters))


def _no_open_involvement() -> Q:
    """A child with open work (an allocated worker, an open episode or plan) is never due,
    whatever their age."""
    return ~(
        Q(_exists("workforce.Allocation", ended_on__isnull=True))
        | Q(_exists("cin.CINEpisode", closure_date__isnull=True))
        | Q(_exists("care.PeriodOfCare", ended_on__isnull=True))
        | Q(_exists("earlyhelp.EarlyHelpEpisode", closed_on__isnull=True))
        | Q(_exists("protection.CPPlan", end_date__isnull=True))
    )


def _adopted() -> Q:
    from safeguard.care.models import ADOPTED

    return Q(_exists("care.LookedAfterEpisode", reason_ceased__in=sorted(ADOPTED)))


def _looked_after() -> Q:
    return Q(_exists("care.PeriodOfCare"))


def _children() -> Q:
    return Q(kind="child") & _no_open_involvement()


def _adoption_order_date() -> Any:
    from safeguard.care.models import ADOPTED

    episodes = _model("care.LookedAfterEpisode")._default_manager.filter(
        child=OuterRef("pk"), reason_ceased__in=sorted(ADOPTED)
    )
    return Subquery(episodes.order_by("-ended_on").values("ended_on")[:1])


def _last_cin_closure() -> Any:
    episodes = _model("cin.CINEpisode")._default_manager.filter(child=OuterRef("pk"))
    return Subquery(episodes.order_by("-closure_date").values("closure_date")[:1])


def _field(name: str) -> Callable[[], Any]:
    return lambda: models.F(name)


def _date_of(name: str) -> Callable[[], Any]:
    return lambda: TruncDate(name, tzinfo=timezone.get_current_timezone())


DATE_OF_BIRTH = DateBasis("date_of_birth", "Date of birth", _field("date_of_birth"))
DATE_OF_DEATH = DateBasis("date_of_death", "Date of death", _field("date_of_death"))

RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType(
        code="child_adopted",
        label="Adopted child's record",
        model_label="people.Person",
        covers="Children adopted from care (an episode ended with reason E11 or E12).",
        condition=lambda: _children() & _adopted(),
        bases=(
            DateBasis("adoption_order", "Date of the adoption order", _adoption_order_date),
            DATE_OF_BIRTH,
        ),
        default_years=100,
        default_basis="adoption_order",
        default_action="review",
        default_note="Adoption Agencies Regulations 2005 reg 42: the adoption case record is "
        "kept for at least 100 years from the date of the adoption order.",
        case_file=True,
    ),
    RecordType(
        code="child_looked_after",
        label="Looked-after child's record",
        model_label="people.Person",
        covers="Children who were looked after at any time (not adopted).",
        condition=lambda: _children() & _looked_after() & ~_adopted(),
        bases=(DATE_OF_BIRTH, DATE_OF_DEATH),
        default_years=75,
        default_basis="date_of_birth",
        default_action="review",
        default_note="Care Planning, Placement and Case Review (England) Regulations 2010 "
        "reg 50: kept until the 75th anniversary of the child's birth (15 years from death "
        "if the child died before 18: change the date to 'Date of death' for those).",
        case_file=True,
    ),
    RecordType(
        code="child_other",
        label="Child's social care record (never looked after)",
        model_label="people.Person",
        covers="Children in need, on child protection plans, in early help or contacts only, "
        "who were never looked after.",
        condition=lambda: _children() & ~_looked_after(),
        bases=(
            DATE_OF_BIRTH,
            DateBasis("last_cin_closure", "Date the last CIN episode closed", _last_cin_closure),
        ),
        default_years=25,
        default_basis="date_of_birth",
        default_action="review",
        default_note="Local policy following common practice (IRMS toolkit for local "
        "government): until the child's 25th birthday, so the record is there if they "
        "ask for it as a young adult. Check any inquiry's moratorium before destroying.",
        case_file=True,
    ),
    RecordType(
        code="contact_closed_at_front_door",
        label="Contact closed at the front door",
        model_label="frontdoor.Contact",
        covers="Contacts closed with information and advice or no further action, never "
        "passed to MASH.",
        condition=lambda: (
            Q(outcome__in=["information_advice", "nfa"])
            & ~Q(
                Exists(
                    _model("frontdoor.MashTriage")._default_manager.filter(contact=OuterRef("pk"))
                )
            )
        ),
        bases=(
            DateBasis("received_at", "Date received", _date_of("received_at")),
            DateBasis("outcome_at", "Date closed", _date_of("outcome_at")),
        ),
        default_years=6,
        default_basis="outcome_at",
        default_action="review",
        default_note="Local policy: six years from closure (the Limitation Act 1980 period), "
        "reviewed because a later referral may make the contact part of a child's record.",
    ),
    RecordType(
        code="sharing_agreement_ended",
        label="Ended sharing agreement",
        model_label="governance.SharingAgreement",
        covers="Information-sharing agreements that have ended.",
        condition=lambda: Q(ends_on__isnull=False),
        bases=(DateBasis("ends_on", "Date it ended", _field("ends_on")),),
        default_years=6,
        default_basis="ends_on",
        default_action="review",
        default_note="Local policy: six years after it ends. An agreement that disclosures "
        "still refer to cannot be destroyed until they are.",
    ),
    RecordType(
        code="subject_access_closed",
        label="Closed subject access request",
        model_label="governance.SubjectAccessRequest",
        covers="Subject access requests released or refused.",
        condition=lambda: Q(closed_on__isnull=False),
        bases=(DateBasis("closed_on", "Date closed", _field("closed_on")),),
        default_years=6,
        default_basis="closed_on",
        default_action="destroy",
        default_note="Local policy: six years after closure, long enough for a complaint to "
        "the Information Commissioner or a claim.",
    ),
)

RECORD_TYPES_BY_CODE: dict[str, RecordType] = {t.code: t for t in RECORD_TYPES}


def record_type(code: str) -> RecordType | None:
    return RECORD_TYPES_BY_CODE.get(code)
