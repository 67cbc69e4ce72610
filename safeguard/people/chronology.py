"""The child's chronology: significant events from every part of the journey, newest first.

A chronology is how a reviewer sees a pattern (repeat contacts, missing episodes before a
placement move), so it draws from every module. Each source is one query for the child
(with the few related rows it names joined in), so the cost does not grow with the number
of events; the merge and sort happen in Python. Unselected event types are not queried.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

from safeguard.core.codes import codelist
from safeguard.people.models import Person


@dataclass(frozen=True)
class EventType:
    key: str
    label: str


#: The filter's checkboxes, in journey order.
EVENT_TYPES: tuple[EventType, ...] = (
    EventType("front_door", "Contacts and MASH decisions"),
    EventType("early_help", "Early help"),
    EventType("referral", "Referrals and CIN episodes"),
    EventType("assessment", "Assessments"),
    EventType("protection", "Strategy discussions and section 47 enquiries"),
    EventType("conference", "Conferences and child protection plans"),
    EventType("cin_plan", "CIN plans and reviews"),
    EventType("visit", "Visits"),
    EventType("care", "Care: periods, placements, reviews and plans"),
    EventType("health_education", "Health assessments and PEPs"),
    EventType("care_leaver", "Care leaver contacts and pathway plans"),
    EventType("missing", "Missing episodes and return home interviews"),
    EventType("allocation", "Allocations"),
)
EVENT_TYPE_LABELS = {t.key: t.label for t in EVENT_TYPES}


@dataclass(frozen=True)
class ChronologyEvent:
    on: dt.date
    type: str
    title: str
    detail: str = ""

    @property
    def type_label(self) -> str:
        return EVENT_TYPE_LABELS[self.type]


def _day(moment: dt.datetime | dt.date | None) -> dt.date | None:
    if isinstance(moment, dt.datetime):
        return timezone.localtime(moment).date()
    return moment


def _name(worker: Any) -> str:
    return f"{worker.first_name} {worker.last_name}" if worker is not None else ""


def _label(key: str, code: str) -> str:
    return codelist(key).label(code) if code else ""


Rows = Callable[[Person], Iterable[Any]]
Events = Callable[[Any], Iterator[ChronologyEvent]]


@dataclass(frozen=True)
class Source:
    """One model's contribution: its rows for the child and the events each row gives."""

    type: str
    rows: Rows
    events: Events


def _q(label: str, **lookups: Any) -> models.QuerySet[Any]:
    model = apps.get_model(label)
    return model._default_manager.filter(**lookups)


# --- event builders, one per model ------------------------------------------------------


def _contact(row: Any) -> Iterator[ChronologyEvent]:
    contact = row.contact
    source = _label("referral_source", contact.source)
    yield ChronologyEvent(
        _day(contact.received_at),  # type: ignore[arg-type]
        "front_door",
        "Contact received",
        ", ".join(x for x in (source, contact.get_channel_display()) if x),
    )


def _mash_decision(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(
        _day(row.decided_at),  # type: ignore[arg-type]
        "front_door",
        "MASH decision",
        row.get_outcome_display(),
    )


def _cin_episode(row: Any) -> Iterator[ChronologyEvent]:
    title = "Referral (re-referral)" if row.is_re_referral else "Referral"
    yield ChronologyEvent(
        row.referral_date, "referral", title, _label("referral_source", row.referral_source)
    )
    if row.closure_date:
        yield ChronologyEvent(
            row.closure_date,
            "referral",
            "Case closed",
            _label("reason_for_closure", row.reason_for_closure),
        )


def _assessment(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.start_date, "assessment", "Assessment started", _name(row.worker))
    if row.authorised_on:
        yield ChronologyEvent(
            row.authorised_on, "assessment", "Assessment authorised", row.get_outcome_display()
        )


def _strategy(row: Any) -> Iterator[ChronologyEvent]:
    detail = "Section 47 enquiry to start" if row.s47_initiated else "No section 47 enquiry"
    yield ChronologyEvent(row.held_on, "protection", "Strategy discussion", detail)


def _section47(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.start_date, "protection", "Section 47 enquiry started")
    if row.outcome_date:
        yield ChronologyEvent(
            row.outcome_date, "protection", "Section 47 outcome", row.get_outcome_display()
        )


def _conference(row: Any) -> Iterator[ChronologyEvent]:
    kind = row.get_conference_type_display()
    if row.cancelled_on:
        yield ChronologyEvent(row.cancelled_on, "conference", f"{kind} conference cancelled")
    elif row.held_on:
        yield ChronologyEvent(
            row.held_on, "conference", f"{kind} conference held", row.get_outcome_display()
        )
    else:
        yield ChronologyEvent(row.scheduled_for, "conference", f"{kind} conference booked")


def _cp_plan(row: Any) -> Iterator[ChronologyEvent]:
    category = _label("category_of_abuse", row.initial_category)
    yield ChronologyEvent(row.start_date, "conference", "Child protection plan started", category)
    if row.end_date:
        yield ChronologyEvent(
            row.end_date, "conference", "Child protection plan ended", row.get_end_reason_display()
        )


def _category_change(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(
        row.changed_on,
        "conference",
        "Category of abuse changed",
        f"{_label('category_of_abuse', row.from_category)} to "
        f"{_label('category_of_abuse', row.to_category)}",
    )


def _core_group(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.held_on, "conference", "Core group meeting")


def _cin_plan(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.start_date, "cin_plan", "CIN plan started", _name(row.lead_worker))
    if row.end_date:
        yield ChronologyEvent(row.end_date, "cin_plan", "CIN plan ended")


def _cin_review(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.held_on, "cin_plan", "CIN plan review")


def _visit(row: Any) -> Iterator[ChronologyEvent]:
    seen = "seen alone" if row.seen_alone else "seen" if row.child_seen else "not seen"
    yield ChronologyEvent(
        row.visit_date, "visit", row.get_visit_type_display(), f"{_name(row.worker)}: child {seen}"
    )


def _period(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.started_on, "care", "Became looked after")
    if row.ended_on:
        yield ChronologyEvent(row.ended_on, "care", "Ceased to be looked after")


def _episode(row: Any) -> Iterator[ChronologyEvent]:
    legal = _label("legal_status", row.legal_status)
    placement = _label("placement_type", row.placement_type)
    reason = row.reason_new_episode
    title = "First placement" if reason == "S" else _label("reason_new_episode", reason)
    yield ChronologyEvent(row.started_on, "care", title, f"{legal}; {placement}")


def _lac_review(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(
        row.held_on,
        "care",
        "Looked-after review",
        _label("review_participation", row.participation),
    )


def _care_plan(row: Any) -> Iterator[ChronologyEvent]:
    title = "Care plan agreed" if row.occasion == "initial" else "Care plan reviewed"
    if row.occasion == "revised":
        title = "Care plan revised"
    yield ChronologyEvent(row.agreed_on, "care", title, _name(row.agreed_by))


def _permanence_plan(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.decided_on, "care", "Permanence plan", row.get_option_display())


def _health(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.assessed_on, "health_education", row.get_kind_display())


def _pep(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.held_on, "health_education", "Personal education plan")


def _care_leaver_contact(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(
        row.contact_on,
        "care_leaver",
        "Care leaver contact",
        _label("care_leaver_in_touch", row.in_touch),
    )


def _pathway(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.reviewed_on, "care_leaver", "Pathway plan review")


def _missing(row: Any) -> Iterator[ChronologyEvent]:
    kind = _label("missing_type", row.missing_type) or "Missing"
    yield ChronologyEvent(_day(row.started_at), "missing", f"{kind}: went missing")  # type: ignore[arg-type]
    if row.ended_at:
        yield ChronologyEvent(_day(row.ended_at), "missing", "Returned from missing")  # type: ignore[arg-type]


def _rhi(row: Any) -> Iterator[ChronologyEvent]:
    if row.held_at:
        yield ChronologyEvent(_day(row.held_at), "missing", "Return home interview held")  # type: ignore[arg-type]
    else:
        detail = "Accepted" if row.accepted else "Declined" if row.accepted is False else ""
        yield ChronologyEvent(
            _day(row.offered_at),  # type: ignore[arg-type]
            "missing",
            "Return home interview offered",
            detail,
        )


def _unregistered(row: Any) -> Iterator[ChronologyEvent]:
    """The register entry: placed, agreed by the Corporate Director, ended."""
    yield ChronologyEvent(
        row.started_on,
        "care",
        "Placed in an unregistered placement",
        f"{row.get_setting_display()}; {row.provider}",
    )
    if row.approved_on:
        late = " (after the child moved in)" if row.approved_on > row.started_on else ""
        yield ChronologyEvent(
            row.approved_on,
            "care",
            "Unregistered placement approved by the Corporate Director",
            f"{row.approved_by}{late}",
        )
    if row.ended_on:
        yield ChronologyEvent(
            row.ended_on, "care", "Unregistered placement ended", row.get_end_reason_display()
        )


def _independent_visit(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(
        row.visited_on,
        "care",
        "Independent visit to the unregistered placement",
        _name(row.visitor),
    )


def _early_help(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.requested_on, "early_help", "Early help requested")
    if row.closed_on:
        yield ChronologyEvent(
            row.closed_on, "early_help", "Early help closed", row.get_closure_reason_display()
        )


def _taf_plan(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.started_on, "early_help", "Team around the family plan started")


def _taf_review(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.held_on, "early_help", "Team around the family review")


def _allocation(row: Any) -> Iterator[ChronologyEvent]:
    team = f", {row.worker.team.name}" if row.worker.team_id else ""
    yield ChronologyEvent(row.started_on, "allocation", "Allocated", f"{_name(row.worker)}{team}")


SOURCES: tuple[Source, ...] = (
    Source(
        "front_door",
        lambda c: _q("frontdoor.ContactChild", child=c).select_related("contact"),
        _contact,
    ),
    Source("front_door", lambda c: _q("frontdoor.MashDecision", child=c), _mash_decision),
    Source("referral", lambda c: _q("cin.CINEpisode", child=c), _cin_episode),
    Source(
        "assessment",
        lambda c: _q("assessment.Assessment", episode__child=c).select_related("worker"),
        _assessment,
    ),
    Source(
        "protection", lambda c: _q("protection.StrategyDiscussion", episode__child=c), _strategy
    ),
    Source("protection", lambda c: _q("protection.Section47Enquiry", episode__child=c), _section47),
    Source("conference", lambda c: _q("protection.Conference", child=c), _conference),
    Source("conference", lambda c: _q("protection.CPPlan", child=c), _cp_plan),
    Source(
        "conference",
        lambda c: _q("protection.CPPlanCategoryChange", plan__child=c),
        _category_change,
    ),
    Source("conference", lambda c: _q("protection.CoreGroupMeeting", plan__child=c), _core_group),
    Source(
        "cin_plan",
        lambda c: _q("cin.CINPlan", episode__child=c).select_related("lead_worker"),
        _cin_plan,
    ),
    Source("cin_plan", lambda c: _q("cin.CINPlanReview", plan__episode__child=c), _cin_review),
    Source("visit", lambda c: _q("cin.Visit", child=c).select_related("worker"), _visit),
    Source("care", lambda c: _q("care.PeriodOfCare", child=c), _period),
    Source("care", lambda c: _q("care.LookedAfterEpisode", child=c), _episode),
    Source("care", lambda c: _q("care.LookedAfterReview", child=c), _lac_review),
    Source(
        "care",
        lambda c: _q("care.CarePlan", child=c).select_related("agreed_by"),
        _care_plan,
    ),
    Source("care", lambda c: _q("care.PermanencePlan", child=c), _permanence_plan),
    Source("care", lambda c: _q("care.UnregisteredPlacement", child=c), _unregistered),
    Source(
        "care",
        lambda c: _q("care.IndependentVisit", placement__child=c).select_related("visitor"),
        _independent_visit,
    ),
    Source("health_education", lambda c: _q("care.HealthAssessment", child=c), _health),
    Source("health_education", lambda c: _q("care.PersonalEducationPlan", child=c), _pep),
    Source("care_leaver", lambda c: _q("care.CareLeaverContact", child=c), _care_leaver_contact),
    Source("care_leaver", lambda c: _q("care.PathwayPlanReview", child=c), _pathway),
    Source("missing", lambda c: _q("exploitation.MissingEpisode", child=c), _missing),
    Source(
        "missing",
        lambda c: _q("exploitation.ReturnHomeInterview", missing_episode__child=c),
        _rhi,
    ),
    Source("early_help", lambda c: _q("earlyhelp.EarlyHelpEpisode", child=c), _early_help),
    Source(
        "early_help",
        lambda c: _q("earlyhelp.TeamAroundFamilyPlan", episode__child=c),
        _taf_plan,
    ),
    Source("early_help", lambda c: _q("earlyhelp.TafReview", plan__episode__child=c), _taf_review),
    Source(
        "allocation",
        lambda c: _q("workforce.Allocation", child=c).select_related("worker__team"),
        _allocation,
    ),
)


def chronology(
    child: Person,
    *,
    types: Sequence[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[ChronologyEvent]:
    """The child's significant events, newest first; ``types`` empty means every type.

    One query per source whose type is wanted; ``start`` and ``end`` are inclusive.
    """
    wanted = set(types) or set(EVENT_TYPE_LABELS)
    events: list[ChronologyEvent] = []
    for source in SOURCES:
        if source.type not in wanted:
            continue
        for row in source.rows(child):
            for event in source.events(row):
                if event.on is None:
                    continue
                if start is not None and event.on < start:
                    continue
                if end is not None and event.on > end:
                    continue
                events.append(event)
    events.sort(key=lambda event: event.on, reverse=True)
    return events


#: The builders whose events are meetings about the child (the record's Meetings page).
MEETING_EVENTS: frozenset[Events] = frozenset(
    {_strategy, _conference, _core_group, _cin_review, _lac_review, _taf_review}
)


def meetings(child: Person) -> list[ChronologyEvent]:
    """Strategy discussions, conferences, core groups and reviews, newest first."""
    events = [
        event
        for source in SOURCES
        if source.events in MEETING_EVENTS
        for row in source.rows(child)
        for event in source.events(row)
        if event.on is not None
    ]
    events.sort(key=lambda event: event.on, reverse=True)
    return events
