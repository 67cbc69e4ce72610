"""Writes for teams, workers and case allocation.

Every service is one transaction, takes keyword-only arguments, checks its invariants
before writing anything and raises ``ValidationError`` keyed by the field at fault.
Allocation history is the SSDA903 SocialWorker file (SW_ID, SW_DECOM, SW_DEC, SW_REASON)
and the basis of caseload measures, so it never overlaps and never has a worker holding a
case on a day they were not in post.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction

from safeguard.core import validation as v
from safeguard.people.models import Person, PersonKind
from safeguard.workforce.models import (
    Allocation,
    FundedPost,
    ServiceArea,
    Team,
    Worker,
    WorkerRole,
)

if TYPE_CHECKING:  # the user model is only named in a type hint
    from safeguard.access.models import User

#: CIN census 8606: a child can be referred up to 40 weeks (280 days) before birth, so a
#: pre-birth case can be allocated from then.
PRE_BIRTH_WINDOW = dt.timedelta(days=280)
#: Roles that hold children's cases. A conference chair or IRO must stay independent of
#: the case they review; business support, analysts and the LADO do not hold cases.
CASE_HOLDING_ROLES = frozenset(
    {
        WorkerRole.SOCIAL_WORKER,
        WorkerRole.CONSULTANT_SOCIAL_WORKER,
        WorkerRole.TEAM_MANAGER,
        WorkerRole.SERVICE_MANAGER,
        WorkerRole.EARLY_HELP_WORKER,
        WorkerRole.PERSONAL_ADVISER,
    }
)
#: SSDA903 SW_REASON for a child with no current allocation: first contact or re-referral.
FIRST_CONTACT = "FCONTA"
#: SSDA903 SW_REASON when cases move because their worker left.
WORKER_LEFT = "LEFTRL"


@transaction.atomic
def create_team(
    *,
    name: str,
    service_area: str,
    locality: str = "",
    opened_on: dt.date | None = None,
) -> Team:
    """Create a team; team names are unique (ignoring case) because staff pick them by name."""
    name = name.strip()
    v.require(name, field="name", label="Team name")
    _max_length(Team, "name", name)
    _valid_choice(service_area, ServiceArea, field="service_area", label="Service area")
    v.not_in_future(opened_on, field="opened_on", label="Team opening date")
    if Team.objects.filter(name__iexact=name).exists():
        raise v.fail("name", f"A team called {name!r} already exists; team names are unique.")
    return Team.objects.create(
        name=name, service_area=service_area, locality=locality.strip(), opened_on=opened_on
    )


@transaction.atomic
def appoint_worker(
    *,
    staff_id: str,
    first_name: str,
    last_name: str,
    role: str,
    started_on: dt.date,
    team: Team | None = None,
    manager: Worker | None = None,
    user: User | None = None,
    is_agency: bool = False,
    is_qualified_social_worker: bool = True,
    fte: Decimal = Decimal("1"),
) -> Worker:
    """Record a member of staff taking up post.

    The staff identifier becomes SSDA903 SW_ID, so it must be unique. The start date is
    not in the future: allocations check who was in post on a day, and an appointment
    that has not happened cannot hold cases.
    """
    staff_id = staff_id.strip()
    v.require(staff_id, field="staff_id", label="Staff identifier")
    _max_length(Worker, "staff_id", staff_id)
    first_name, last_name = first_name.strip(), last_name.strip()
    v.require(first_name, field="first_name", label="First name")
    v.require(last_name, field="last_name", label="Last name")
    _max_length(Worker, "first_name", first_name)
    _max_length(Worker, "last_name", last_name)
    _valid_choice(role, WorkerRole, field="role", label="Role")
    v.require(started_on, field="started_on", label="Start date")
    v.not_in_future(started_on, field="started_on", label="Start date")
    if not Decimal("0") < fte <= Decimal("1"):
        raise v.fail("fte", f"Full-time equivalent ({fte}) must be more than 0 and at most 1.")
    if team is not None:
        v.not_before(
            started_on,
            team.opened_on,
            field="team",
            label="Start date",
            earliest_label=f"the opening of {team}",
        )
        if team.closed_on is not None and started_on >= team.closed_on:
            raise v.fail(
                "team", f"{team} closed on {team.closed_on:%d/%m/%Y}; choose an open team."
            )
    if manager is not None:
        _in_post(manager, started_on, field="manager", label="The manager")
    if Worker.objects.filter(staff_id=staff_id).exists():
        raise v.fail(
            "staff_id",
            f"Staff identifier {staff_id!r} is already used; it is the SSDA903 SW_ID and must "
            "be unique.",
        )
    if user is not None and Worker.objects.filter(user_id=user.pk).exists():
        raise v.fail("user", f"User {user} is already linked to another worker record.")
    return Worker.objects.create(
        staff_id=staff_id,
        first_name=first_name,
        last_name=last_name,
        role=role,
        started_on=started_on,
        team=team,
        manager=manager,
        user=user,
        is_agency=is_agency,
        is_qualified_social_worker=is_qualified_social_worker,
        fte=fte,
    )


@transaction.atomic
def record_worker_leaving(
    *, worker: Worker, left_on: dt.date, reallocate_to: Worker | None = None
) -> Worker:
    """Record a worker leaving post on ``left_on`` (their last day).

    A child must not be left allocated to someone who has gone, so leaving is refused
    while the worker holds open allocations, unless ``reallocate_to`` is given: then each
    of their cases is handed over on ``left_on`` with SSDA903 reason LEFTRL (previous
    social worker left the role).
    """
    worker = Worker.objects.select_for_update().get(pk=worker.pk)
    if worker.left_on is not None:
        raise v.fail("left_on", f"{worker} already left on {worker.left_on:%d/%m/%Y}.")
    v.require(left_on, field="left_on", label="Leaving date")
    v.not_in_future(left_on, field="left_on", label="Leaving date")
    v.not_before(
        left_on,
        worker.started_on,
        field="left_on",
        label="Leaving date",
        earliest_label="their start date",
    )
    later = worker.allocations.filter(
        models.Q(started_on__gt=left_on) | models.Q(ended_on__gt=left_on)
    ).count()
    if later:
        raise v.fail(
            "left_on",
            f"{worker} held {later} allocation(s) after {left_on:%d/%m/%Y}; a worker cannot "
            "leave before the end of cases they held.",
        )
    open_allocations = list(
        worker.allocations.select_related("child").filter(ended_on__isnull=True)
    )
    if open_allocations:
        if reallocate_to is None:
            raise v.fail(
                "reallocate_to",
                f"{worker} still holds {len(open_allocations)} open allocation(s); end or "
                "reallocate them first, or name a worker to reallocate them to.",
            )
        if reallocate_to.pk == worker.pk:
            raise v.fail("reallocate_to", f"{worker} cannot take over their own cases.")
        _in_post(reallocate_to, left_on, field="reallocate_to", label="The new worker")
        _holds_cases(reallocate_to, field="reallocate_to")
        for allocation in open_allocations:
            _hand_over(allocation, to=reallocate_to, on=left_on)
    worker.left_on = left_on
    worker.save()
    return worker


@transaction.atomic
def allocate_case(
    *,
    child: Person,
    worker: Worker,
    started_on: dt.date,
    reason_for_previous_end: str = "",
) -> Allocation:
    """Allocate ``child``'s case to ``worker`` from ``started_on``.

    A child has one allocated worker at a time. A current allocation ends on the new
    ``started_on`` (SSDA903: SW_DEC of one episode equals SW_DECOM of the next), and the
    case counts to the new worker from that day. ``reason_for_previous_end`` is the
    SSDA903 SW_REASON code for the change: stored as the old allocation's ``end_reason``
    and the new one's ``start_reason``. It is required when there is a current allocation;
    with none, it defaults to FCONTA (first contact or re-referral).
    """
    v.require(started_on, field="started_on", label="Allocation start date")
    v.not_in_future(started_on, field="started_on", label="Allocation start date")
    if child.kind != PersonKind.CHILD:
        raise v.fail("child", f"{child} is an adult; only a child's case is allocated.")
    child = Person.objects.select_for_update().get(pk=child.pk)
    _within_child_life(child, started_on)
    _in_post(worker, started_on, field="worker", label="The worker")
    if worker.left_on is not None:
        raise v.fail(
            "worker",
            f"{worker} left on {worker.left_on:%d/%m/%Y}; an open allocation to them would "
            "outlast their time in post.",
        )
    _holds_cases(worker, field="worker")
    v.valid_code(
        reason_for_previous_end,
        codelist_key="social_worker_change_reason",
        field="reason_for_previous_end",
        required=False,
    )
    current = Allocation.objects.select_related("worker").filter(child=child, ended_on=None).first()
    if current is not None:
        if current.worker_id == worker.pk:
            raise v.fail(
                "worker",
                f"{child}'s case is already allocated to {worker} (since "
                f"{current.started_on:%d/%m/%Y}).",
            )
        if started_on <= current.started_on:
            raise v.fail(
                "started_on",
                f"Allocation start date ({started_on:%d/%m/%Y}) must be after the start of the "
                f"current allocation to {current.worker} ({current.started_on:%d/%m/%Y}).",
            )
        if not reason_for_previous_end:
            raise v.fail(
                "reason_for_previous_end",
                f"Give the reason {child}'s social worker is changing from {current.worker} "
                "(SSDA903 SW_REASON).",
            )
    later = (
        Allocation.objects.filter(child=child, ended_on__isnull=False, ended_on__gt=started_on)
        .order_by("-ended_on")
        .first()
    )
    if later is not None:
        raise v.fail(
            "started_on",
            f"Allocation start date ({started_on:%d/%m/%Y}) overlaps the allocation to "
            f"{later.worker} ({later.started_on:%d/%m/%Y} to {later.ended_on:%d/%m/%Y}); "
            "a child has one allocated worker at a time.",
        )
    reason = reason_for_previous_end or FIRST_CONTACT
    if current is not None:
        current.ended_on = started_on
        current.end_reason = reason
        current.save()
    return Allocation.objects.create(
        child=child, worker=worker, started_on=started_on, start_reason=reason
    )


@transaction.atomic
def end_allocation(*, allocation: Allocation, ended_on: dt.date, reason: str) -> Allocation:
    """End an allocation without a successor (the case closes or waits for allocation).

    ``reason`` is an SSDA903 SW_REASON code, kept as the end reason.
    """
    allocation = (
        Allocation.objects.select_for_update(of=("self",))
        .select_related("child")
        .get(pk=allocation.pk)
    )
    if allocation.ended_on is not None:
        raise v.fail(
            "ended_on", f"This allocation already ended on {allocation.ended_on:%d/%m/%Y}."
        )
    v.require(ended_on, field="ended_on", label="Allocation end date")
    v.not_in_future(ended_on, field="ended_on", label="Allocation end date")
    v.not_before(
        ended_on,
        allocation.started_on,
        field="ended_on",
        label="Allocation end date",
        earliest_label="its start date",
    )
    v.valid_code(reason, codelist_key="social_worker_change_reason", field="reason")
    allocation.ended_on = ended_on
    allocation.end_reason = reason
    allocation.save()
    return allocation


#: FundedPost.fte holds at most 999.99.
MAX_FUNDED_FTE = Decimal("999.99")


@transaction.atomic
def fund_posts(
    *, team: Team, role: str, fte: Decimal, started_on: dt.date, notes: str = ""
) -> FundedPost:
    """Add ``fte`` of ``role`` in ``team`` to the establishment from ``started_on``.

    FTE above 0; a known role; the team open on that day; not in the future (like an
    appointment: the vacancy rate is read for days that have happened); one row per team,
    role and start date (a second funding stream for the same role starts another day or
    is added to the row).
    """
    _valid_choice(role, WorkerRole, field="role", label="Role")
    v.require(started_on, field="started_on", label="Funded from")
    v.not_in_future(started_on, field="started_on", label="Funded from")
    if fte is None or not Decimal("0") < fte <= MAX_FUNDED_FTE:
        raise v.fail("fte", f"Funded FTE ({fte}) must be more than 0 and at most {MAX_FUNDED_FTE}.")
    v.not_before(
        started_on,
        team.opened_on,
        field="started_on",
        label="Funded from",
        earliest_label=f"the opening of {team}",
    )
    if team.closed_on is not None and started_on >= team.closed_on:
        raise v.fail("team", f"{team} closed on {team.closed_on:%d/%m/%Y}; choose an open team.")
    if FundedPost.objects.filter(team=team, role=role, started_on=started_on).exists():
        raise v.fail(
            "started_on",
            f"{team} already has {WorkerRole(role).label.lower()} posts funded from "
            f"{started_on:%d/%m/%Y}; change that row's FTE instead.",
        )
    return FundedPost.objects.create(
        team=team, role=role, fte=fte, started_on=started_on, notes=notes.strip()
    )


@transaction.atomic
def end_funded_posts(*, funded_post: FundedPost, ended_on: dt.date) -> FundedPost:
    """Delete posts from the establishment: not funded from the end of ``ended_on``."""
    funded_post = FundedPost.objects.select_for_update().get(pk=funded_post.pk)
    if funded_post.ended_on is not None:
        raise v.fail(
            "ended_on", f"These posts stopped being funded on {funded_post.ended_on:%d/%m/%Y}."
        )
    v.require(ended_on, field="ended_on", label="Funding ended")
    v.not_in_future(ended_on, field="ended_on", label="Funding ended")
    if ended_on <= funded_post.started_on:
        raise v.fail(
            "ended_on",
            f"Funding cannot end ({ended_on:%d/%m/%Y}) on or before it started "
            f"({funded_post.started_on:%d/%m/%Y}).",
        )
    funded_post.ended_on = ended_on
    funded_post.save()
    return funded_post


def _hand_over(allocation: Allocation, *, to: Worker, on: dt.date) -> None:
    """Reallocate a leaving worker's case, reporting any refusal against ``reallocate_to``."""
    if allocation.started_on >= on:
        raise v.fail(
            "left_on",
            f"{allocation.child}'s case was allocated to {allocation.worker} "
            f"on {allocation.started_on:%d/%m/%Y}, not before the leaving date "
            f"({on:%d/%m/%Y}); end or correct that allocation first.",
        )
    try:
        allocate_case(
            child=allocation.child, worker=to, started_on=on, reason_for_previous_end=WORKER_LEFT
        )
    except ValidationError as error:
        reasons = " ".join(
            message for messages in error.message_dict.values() for message in messages
        )
        raise v.fail(
            "reallocate_to", f"Cannot hand {allocation.child}'s case to {to}: {reasons}"
        ) from error


def _within_child_life(child: Person, on: dt.date) -> None:
    born = child.date_of_birth or child.expected_date_of_birth
    if born is not None:
        v.not_before(
            on,
            born - PRE_BIRTH_WINDOW,
            field="started_on",
            label="Allocation start date",
            earliest_label="40 weeks before the child's (expected) date of birth",
        )
    if child.date_of_death is not None and on > child.date_of_death:
        raise v.fail(
            "started_on",
            f"Allocation start date ({on:%d/%m/%Y}) cannot be after the child's date of death "
            f"({child.date_of_death:%d/%m/%Y}).",
        )


def _in_post(worker: Worker, on: dt.date, *, field: str, label: str) -> None:
    if on < worker.started_on or (worker.left_on is not None and on > worker.left_on):
        left = f", left {worker.left_on:%d/%m/%Y}" if worker.left_on else ""
        raise v.fail(
            field,
            f"{label} ({worker}) was not in post on {on:%d/%m/%Y} (started "
            f"{worker.started_on:%d/%m/%Y}{left}).",
        )


def _holds_cases(worker: Worker, *, field: str) -> None:
    if worker.role not in CASE_HOLDING_ROLES:
        raise v.fail(
            field,
            f"{worker} is a {worker.get_role_display().lower()}, a role that does not hold "
            "children's cases.",
        )


def _valid_choice(value: str, choices: type[models.TextChoices], *, field: str, label: str) -> None:
    if value not in choices.values:
        allowed = ", ".join(f"{c.value} ({c.label})" for c in choices)
        raise v.fail(field, f"{value!r} is not a valid {label.lower()}; expected one of {allowed}.")


def _max_length(model: type[models.Model], field_name: str, value: str) -> None:
    field = model._meta.get_field(field_name)
    limit = getattr(field, "max_length", None)
    if limit is not None and len(value) > limit:
        raise v.fail(
            field_name,
            f"{field_name.replace('_', ' ').capitalize()} is at most "
            f"{limit} characters ({len(value)} given).",
        )
