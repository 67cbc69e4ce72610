"""Writes for children in care, adoption and care leavers.

Every service is one transaction, takes keyword-only arguments, checks its invariants
before writing anything and raises ``ValidationError`` keyed by the field at fault, naming
the rule (the SSDA903 validation rule where there is one) and the values.

Episodes follow the SSDA903: a period of care starts with RNE S; any change of placement
or legal status closes the current episode with REC X1 and opens the next the same day
(RNE P, T, B, U or L); the period ends with any other REC. Missing-episode rules that
need exploitation's records run through ``safeguard.care.hooks``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from safeguard.care import hooks, rules, selectors
from safeguard.care.models import (
    ADOPTED,
    ADOPTION_PLACEMENTS,
    ADOPTION_WITH_CURRENT_CARERS,
    ADOPTION_WITH_PLACEMENT_ORDER,
    CONTINUES,
    FOSTER_PLACEMENTS,
    LONG_TERM_FOSTER_PLACEMENTS,
    PLACEMENT_ORDER_LEGAL_STATUSES,
    SHORT_BREAK_LEGAL_STATUSES,
    TEMPORARY_PLACEMENTS,
    AdoptionDecision,
    AdoptionMatch,
    CareLeaverContact,
    HealthAssessment,
    HealthAssessmentKind,
    LookedAfterEpisode,
    LookedAfterReview,
    OutcomesRecord,
    PathwayPlanReview,
    PeriodOfCare,
    PersonalEducationPlan,
    PreviousPermanence,
)
from safeguard.cin import rules as cin_rules
from safeguard.cin import selectors as cin_selectors
from safeguard.cin.hooks import VisitRequest
from safeguard.cin.models import VisitType
from safeguard.core import clock
from safeguard.core import validation as v
from safeguard.core.calendar import birthday
from safeguard.core.codes import codelist
from safeguard.people.models import Person
from safeguard.workforce.models import Worker, WorkerRole

#: The Children Act 1989 came into force on 14 October 1991 (SSDA903 353).
CHILDREN_ACT_1989 = dt.date(1991, 10, 14)
#: The Adoption and Children Act 2002 came into force on 30 December 2005: freeing orders
#: (D1) ended and placement orders (E1) began (SSDA903 445, 446).
ADOPTION_ACT_2002 = dt.date(2005, 12, 30)
#: SSDA903 CIN: the category of need uses N1-N8 of the CIN census primary need list.
NEED_CODES = frozenset({"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"})
#: RNE for a change, by (legal status changed, same carers) (SSDA903 RNE definitions).
RNE_FOR_CHANGE = {
    (False, False): "P",
    (False, True): "T",
    (True, False): "B",
    (True, True): "U",
}
#: Minimum ages for placements (SSDA903 371-374) and legal statuses (358).
PLACEMENT_MIN_AGE = {"H5": (16, "371"), "R5": (10, "372"), "S1": (4, "373"), "P3": (14, "374")}
YOUTH_JUSTICE_LEGAL_STATUSES = frozenset({"J1", "J2", "J3"})
#: Placement types each provider cannot supply (SSDA903 527-531); PR0 only P1 (550).
PROVIDER_EXCLUDES = {
    "PR1": (frozenset({"P1", "R2", "R5"}), "527"),
    "PR2": (frozenset({"P1", "R2", "R5"}), "528"),
    "PR3": (frozenset({"P1", "K1", "K2"}) | ADOPTION_PLACEMENTS | FOSTER_PLACEMENTS, "529"),
    "PR4": (frozenset({"P1"}), "530"),
    "PR5": (frozenset({"P1"}), "531"),
}
MAX_DISTANCE = Decimal("999.9")
#: Reasons a period can end, with the age rule each needs: (minimum, maximum, rule).
END_REASON_AGES: dict[str, tuple[int | None, int | None, str]] = {
    "E11": (None, 17, "386"),
    "E12": (None, 17, "386"),
    "E45": (None, 17, "407"),
    "E46": (None, 17, "407"),
    "E47": (None, 17, "407"),
    "E48": (None, 17, "407"),
    "E17": (18, None, "460"),
    "E5": (14, None, "387"),
    "E6": (14, None, "387"),
    "E7": (16, None, "389"),
}
#: SGO to former foster carers needs a foster placement to end (SSDA903 516).
SGO_TO_FOSTER_CARERS = frozenset({"E45", "E46"})
#: Independent reviewing officers are recorded with the chair/IRO role.
IRO_ROLES = frozenset({WorkerRole.CONFERENCE_CHAIR})


@dataclass(frozen=True)
class Placement:
    """Where and with whom a child is placed: the placement half of an Episodes row."""

    placement_type: str
    provider: str = ""
    postcode: str = ""
    urn: str = ""
    carer_name: str = ""
    provider_name: str = ""
    la_code: str = ""
    is_registered: bool = True
    distance_miles: Decimal | None = None

    @classmethod
    def of(cls, episode: LookedAfterEpisode) -> Placement:
        return cls(
            placement_type=episode.placement_type,
            provider=episode.placement_provider,
            postcode=episode.placement_postcode,
            urn=episode.urn,
            carer_name=episode.carer_name,
            provider_name=episode.provider_name,
            la_code=episode.placement_la_code,
            is_registered=episode.is_registered,
            distance_miles=episode.distance_miles,
        )


# --- shared checks ------------------------------------------------------------------------


def _lock_child(child: Person) -> Person:
    """Serialise writes for one child: concurrent changes queue instead of interleaving."""
    return Person.objects.select_for_update().get(pk=child.pk)


def _current_episode_for_update(child: Person, *, action: str) -> LookedAfterEpisode:
    episode = (
        LookedAfterEpisode.objects.select_for_update(of=("self",))
        .select_related("period")
        .filter(child=child, ended_on__isnull=True)
        .first()
    )
    if episode is None:
        raise v.fail("child", f"Cannot {action}: {child} is not looked after.")
    return episode


def _check_episode_end(
    child: Person, current: LookedAfterEpisode, on: dt.date, *, field: str, label: str
) -> None:
    """An episode ends after it started (at least a day: 355, 356), not in the future."""
    v.require(on, field=field, label=label)
    v.not_in_future(on, field=field, label=label)
    rules.after(
        on,
        current.started_on,
        field=field,
        label=label,
        earliest_label="the start of the current episode",
        rule="355, 356",
    )
    rules.not_after(
        on, child.date_of_death, field=field, label=label, latest_label="the child's date of death"
    )


def _check_worker(
    worker: Worker | None, on: dt.date, *, field: str, label: str, roles: frozenset[str]
) -> None:
    if worker is None:
        return
    if worker.role not in roles:
        allowed = ", ".join(WorkerRole(r).label for r in sorted(roles))
        raise v.fail(
            field,
            f"{label} must be a {allowed.lower()}; {worker} is a "
            f"{worker.get_role_display().lower()}.",
        )
    cin_rules.worker_in_post(worker, on, field=field, label=label)


def _check_place_change_reason(before: str, after: str, reason: str) -> None:
    """REASON_PLACE_CHANGE: required for a move, blank around temporary placements."""
    if before in TEMPORARY_PLACEMENTS or after in TEMPORARY_PLACEMENTS:
        if reason:
            raise v.fail(
                "reason_placement_change",
                f"No reason for placement change is recorded for a move into or out of a "
                f"temporary placement ({before} to {after}) (SSDA903 226).",
            )
        return
    if not reason:
        raise v.fail(
            "reason_placement_change",
            f"A reason for the placement change ({before} to {after}) is required (SSDA903 225).",
        )
    v.valid_code(reason, codelist_key="reason_placement_change", field="reason_placement_change")


def _episode_values(
    *,
    child: Person,
    starts_on: dt.date,
    legal_status: str,
    category_of_need: str,
    placement: Placement,
    home_postcode: str,
    period: PeriodOfCare | None,
) -> dict[str, Any]:
    """Check one new episode's legal status and placement; return its field values."""
    v.valid_code(legal_status, codelist_key="legal_status", field="legal_status")
    if category_of_need not in NEED_CODES:
        raise v.fail(
            "category_of_need",
            f"Category of need {category_of_need!r} is not valid for the SSDA903: expected "
            "one of N1-N8 (SSDA903 145).",
        )
    kind = placement.placement_type
    v.valid_code(kind, codelist_key="placement_type", field="placement_type")
    provider = placement.provider
    if kind in TEMPORARY_PLACEMENTS:
        if provider:
            raise v.fail(
                "placement_provider",
                f"No placement provider is recorded for a temporary placement ({kind}) "
                "(SSDA903 213).",
            )
    else:
        if not provider:
            raise v.fail(
                "placement_provider",
                f"A placement provider is required for a {kind} placement (SSDA903 526).",
            )
        v.valid_code(provider, codelist_key="placement_provider", field="placement_provider")
    if (provider == "PR0") != (kind == "P1"):
        raise v.fail(
            "placement_provider",
            f"Placement provider PR0 (parents) goes with placement P1 (placed with parents) "
            f"and only with it; got {provider or 'no provider'} with {kind} (SSDA903 550, "
            "527-531).",
        )
    if provider in PROVIDER_EXCLUDES and kind in PROVIDER_EXCLUDES[provider][0]:
        raise v.fail(
            "placement_provider",
            f"Placement provider {provider} cannot provide a {kind} placement "
            f"(SSDA903 {PROVIDER_EXCLUDES[provider][1]}).",
        )
    if kind == "P1" and legal_status == "V2":
        raise v.fail(
            "legal_status",
            "A child placed with parents (P1) cannot be accommodated under section 20 (V2) "
            "(SSDA903 378).",
        )
    if legal_status in SHORT_BREAK_LEGAL_STATUSES:
        if kind in TEMPORARY_PLACEMENTS:
            raise v.fail(
                "placement_type",
                f"A child on short breaks ({legal_status}) cannot be in a temporary placement "
                f"({kind}) (SSDA903 382).",
            )
        if kind in LONG_TERM_FOSTER_PLACEMENTS:
            raise v.fail(
                "placement_type",
                f"A child on short breaks ({legal_status}) cannot be in a long-term foster "
                f"placement ({kind}) (SSDA903 384).",
            )
        if placement.postcode or placement.urn:
            raise v.fail(
                "placement_postcode",
                f"No placement postcode or URN is recorded for short breaks ({legal_status}) "
                "(SSDA903 214).",
            )
        if placement.distance_miles is not None:
            raise v.fail(
                "distance_miles",
                f"No distance is recorded for short breaks ({legal_status}) (SSDA903 398).",
            )
    age = rules.age(child, starts_on)
    if legal_status in YOUTH_JUSTICE_LEGAL_STATUSES and age is not None and age < 10:
        raise v.fail(
            "legal_status",
            f"Legal status {legal_status} is for children aged 10 or over; {child} is {age} "
            f"on {starts_on:%d/%m/%Y} (SSDA903 358).",
        )
    if kind in PLACEMENT_MIN_AGE and age is not None:
        minimum, rule = PLACEMENT_MIN_AGE[kind]
        if age < minimum:
            raise v.fail(
                "placement_type",
                f"A {kind} placement is for children aged {minimum} or over; {child} is {age} "
                f"on {starts_on:%d/%m/%Y} (SSDA903 {rule}).",
            )
    if legal_status == "D1" and starts_on > ADOPTION_ACT_2002:
        raise v.fail(
            "legal_status",
            "Freeing orders (D1) ended on 30/12/2005; use E1 (placement order) (SSDA903 445).",
        )
    if legal_status == "E1" and starts_on < ADOPTION_ACT_2002:
        raise v.fail(
            "legal_status",
            "Placement orders (E1) began on 30/12/2005 (SSDA903 446).",
        )
    if legal_status in PLACEMENT_ORDER_LEGAL_STATUSES or kind in ADOPTION_PLACEMENTS:
        _check_adoption_decision_for(
            period=period, legal_status=legal_status, kind=kind, on=starts_on
        )
    if kind in ADOPTION_PLACEMENTS:
        with_order = legal_status in PLACEMENT_ORDER_LEGAL_STATUSES
        if (kind in ADOPTION_WITH_PLACEMENT_ORDER) != with_order:
            raise v.fail(
                "placement_type",
                f"{kind} does not match legal status {legal_status}: A5/A6 are placements "
                "for adoption with a placement order (E1/D1), A3/A4 with consent "
                "(SSDA903 408).",
            )
    placement_postcode = rules.postcode(
        placement.postcode, field="placement_postcode", label="Placement postcode"
    )
    home = rules.postcode(home_postcode, field="home_postcode", label="Home postcode")
    if home and home == placement_postcode and kind != "P1":
        raise v.fail(
            "placement_postcode",
            f"Home and placement postcodes are both {home}: they can only be the same when "
            "the child is placed with parents (P1) (SSDA903 392d).",
        )
    distance = placement.distance_miles
    if distance is not None:
        if child.is_uasc or child.uasc_ceased_on is not None:
            raise v.fail(
                "distance_miles",
                f"{child} is or was an unaccompanied asylum-seeking child: distance from home "
                "is left blank (SSDA903 406).",
            )
        if not Decimal(0) <= distance <= MAX_DISTANCE:
            raise v.fail(
                "distance_miles",
                f"Distance {distance} miles is not valid: expected 0 to 999.9 (SSDA903 164).",
            )
    urn = placement.urn.strip().upper()
    if urn and rules.URN.match(urn) is None:
        raise v.fail(
            "urn",
            f"{placement.urn!r} is not a valid Ofsted URN: expected 6 or 7 digits, SC and "
            "6 digits, or XXXXXXX for a provider with no URN (SSDA903 1008).",
        )
    return {
        "legal_status": legal_status,
        "category_of_need": category_of_need,
        "placement_type": kind,
        "placement_provider": provider,
        "home_postcode": home,
        "placement_postcode": placement_postcode,
        "urn": urn,
        "carer_name": placement.carer_name.strip(),
        "provider_name": placement.provider_name.strip(),
        "placement_la_code": rules.la_code(
            placement.la_code, field="placement_la_code", label="Placement local authority"
        ),
        "is_registered": placement.is_registered,
        "distance_miles": distance,
    }


def _check_adoption_decision_for(
    *, period: PeriodOfCare | None, legal_status: str, kind: str, on: dt.date
) -> None:
    """A placement order or adoption placement needs the decision (and a match) first."""
    decision = selectors.live_adoption_decision(period) if period is not None else None
    what = (
        f"placement for adoption ({kind})"
        if kind in ADOPTION_PLACEMENTS
        else f"legal status {legal_status}"
    )
    if decision is None or decision.decided_on > on:
        if kind in ADOPTION_PLACEMENTS:
            field, rule = "placement_type", "551, 552, 521"
        else:
            field, rule = "legal_status", "553, 554" if legal_status == "E1" else "555, 556"
        raise v.fail(
            field,
            f"A {what} from {on:%d/%m/%Y} needs the decision that the child should be placed "
            f"for adoption, made on or before that date and not reversed (SSDA903 {rule}).",
        )
    if kind in ADOPTION_PLACEMENTS:
        match = selectors.live_match(decision)
        if match is None or match.matched_on > on:
            raise v.fail(
                "placement_type",
                f"A placement for adoption from {on:%d/%m/%Y} needs the child matched with "
                "the adopters on or before that date (SSDA903 331).",
            )


def _close(
    episode: LookedAfterEpisode, *, ended_on: dt.date, reason: str, place_change: str = ""
) -> None:
    episode.ended_on = ended_on
    episode.reason_ceased = reason
    episode.reason_placement_change = place_change
    episode.save(update_fields=["ended_on", "reason_ceased", "reason_placement_change"])


# --- periods and episodes -----------------------------------------------------------------


@transaction.atomic
def start_looked_after_episode(
    *,
    child: Person,
    started_on: dt.date,
    legal_status: str,
    placement: Placement,
    category_of_need: str = "",
    home_postcode: str = "",
) -> LookedAfterEpisode:
    """The child starts to be looked after: a new period of care and its first episode (S).

    Not in the future, not before 14/10/1991 (353) or the child's birth (302), not after
    death, under 18 (352); not while already looked after, and not overlapping or touching
    an earlier period (501, 431: a same-day continuation is a new episode, not a new
    period); not in a temporary placement (380). The category of need defaults to the
    primary need of the CIN episode open that day.
    """
    child = _lock_child(child)
    v.require(started_on, field="started_on", label="Date became looked after")
    v.not_in_future(started_on, field="started_on", label="Date became looked after")
    rules.not_before(
        started_on,
        CHILDREN_ACT_1989,
        field="started_on",
        label="Date became looked after",
        earliest_label="the Children Act 1989 coming into force",
        rule="353",
    )
    dob = rules.needs_date_of_birth(child, field="started_on", action="they become looked after")
    rules.child_alive_and_born(
        child, started_on, field="started_on", label="Date became looked after", birth_rule="302"
    )
    if started_on >= birthday(dob, 18):
        raise v.fail(
            "started_on",
            f"{child} was 18 on {birthday(dob, 18):%d/%m/%Y}: a child cannot start to be "
            f"looked after at 18 or over ({started_on:%d/%m/%Y}) (SSDA903 352).",
        )
    for period in PeriodOfCare.objects.filter(child=child).order_by("started_on"):
        if period.ended_on is None:
            raise v.fail(
                "child",
                f"{child} is already looked after (since {period.started_on:%d/%m/%Y}): "
                "record a change of placement or legal status instead.",
            )
        if period.ended_on >= started_on:
            raise v.fail(
                "started_on",
                f"Date became looked after ({started_on:%d/%m/%Y}) must be after the end of "
                f"the earlier period of care ({period.started_on:%d/%m/%Y} to "
                f"{period.ended_on:%d/%m/%Y}): periods of care cannot overlap, and a "
                "same-day continuation is a new episode, not a new period (SSDA903 501, 431).",
            )
    if not category_of_need:
        cin_episode = cin_selectors.episode_on(child, started_on)
        if cin_episode is not None and cin_episode.primary_need in NEED_CODES:
            category_of_need = cin_episode.primary_need
    if not category_of_need:
        raise v.fail(
            "category_of_need",
            f"Category of need (N1-N8) is required: none was given and no CIN episode open on "
            f"{started_on:%d/%m/%Y} records one (SSDA903 CIN).",
        )
    if placement.placement_type in TEMPORARY_PLACEMENTS:
        raise v.fail(
            "placement_type",
            f"A period of care cannot start with a temporary placement "
            f"({placement.placement_type}) (SSDA903 380).",
        )
    values = _episode_values(
        child=child,
        starts_on=started_on,
        legal_status=legal_status,
        category_of_need=category_of_need,
        placement=placement,
        home_postcode=home_postcode,
        period=None,
    )
    period = PeriodOfCare.objects.create(child=child, started_on=started_on)
    return LookedAfterEpisode.objects.create(
        child=child, period=period, started_on=started_on, reason_new_episode="S", **values
    )


def _change_placement(
    *,
    child: Person,
    changed_on: dt.date,
    placement: Placement,
    reason_placement_change: str,
    same_carers: bool,
    legal_status: str,
    home_postcode: str | None,
    leaving_adoption: bool,
) -> LookedAfterEpisode:
    child = _lock_child(child)
    current = _current_episode_for_update(child, action="change placement")
    _check_episode_end(
        child, current, changed_on, field="changed_on", label="Date of placement change"
    )
    new_legal_status = legal_status or current.legal_status
    legal_status_changed = new_legal_status != current.legal_status
    kind = placement.placement_type
    if kind in ADOPTION_WITH_CURRENT_CARERS:
        if not same_carers:
            raise v.fail(
                "placement_type",
                f"{kind} is a placement for adoption with the current foster carers, so the "
                "carers stay the same (RNE T or U) (SSDA903 217).",
            )
        if current.placement_type not in FOSTER_PLACEMENTS | ADOPTION_WITH_CURRENT_CARERS:
            raise v.fail(
                "placement_type",
                f"{kind} needs the child to be fostered by the adopters immediately before; "
                f"the current placement is {current.placement_type} (SSDA903 336).",
            )
    if (
        not leaving_adoption
        and current.placement_type in ADOPTION_PLACEMENTS
        and kind not in ADOPTION_PLACEMENTS
    ):
        raise v.fail(
            "placement_type",
            f"{child} is placed for adoption ({current.placement_type}): record the end of the "
            "adoption placement (end_adoption_placement), which also ends the match.",
        )
    _check_place_change_reason(current.placement_type, kind, reason_placement_change)
    values = _episode_values(
        child=child,
        starts_on=changed_on,
        legal_status=new_legal_status,
        category_of_need=current.category_of_need,
        placement=placement,
        home_postcode=current.home_postcode if home_postcode is None else home_postcode,
        period=current.period,
    )
    hooks.run_episode_end_checks(
        hooks.EpisodeEndRequest(
            child=child,
            episode=current,
            ends_on=changed_on,
            ends_placement=True,
            ends_care=False,
            field="changed_on",
        )
    )
    _close(current, ended_on=changed_on, reason=CONTINUES, place_change=reason_placement_change)
    return LookedAfterEpisode.objects.create(
        child=child,
        period=current.period,
        started_on=changed_on,
        reason_new_episode=RNE_FOR_CHANGE[(legal_status_changed, same_carers)],
        **values,
    )


@transaction.atomic
def change_placement(
    *,
    child: Person,
    changed_on: dt.date,
    placement: Placement,
    reason_placement_change: str = "",
    same_carers: bool = False,
    legal_status: str = "",
    home_postcode: str | None = None,
) -> LookedAfterEpisode:
    """Move a looked-after child: close the episode (X1) and open the next the same day.

    RNE is P (new placement and carers), T (new placement, same carers), or B / U when the
    legal status changes at the same time (``legal_status`` given and different). The
    reason for the change is recorded on the episode that ends (225), except around
    temporary placements (226). The change is after the current episode started (355),
    not in the future, and not while the child is missing from the placement (575,
    checked by exploitation). Category of need and (unless given) home postcode carry on.
    """
    return _change_placement(
        child=child,
        changed_on=changed_on,
        placement=placement,
        reason_placement_change=reason_placement_change,
        same_carers=same_carers,
        legal_status=legal_status,
        home_postcode=home_postcode,
        leaving_adoption=False,
    )


@transaction.atomic
def change_legal_status(
    *, child: Person, changed_on: dt.date, legal_status: str
) -> LookedAfterEpisode:
    """The legal status changes, the placement does not: a new episode with RNE L.

    The status must actually change (434); the placement, postcodes and need carry on
    unchanged; no reason for placement change is recorded (226).
    """
    child = _lock_child(child)
    current = _current_episode_for_update(child, action="change legal status")
    _check_episode_end(
        child, current, changed_on, field="changed_on", label="Date legal status changed"
    )
    v.valid_code(legal_status, codelist_key="legal_status", field="legal_status")
    if legal_status == current.legal_status:
        raise v.fail(
            "legal_status",
            f"{child} is already looked after under {legal_status}: a change of legal status "
            "must change it (SSDA903 434).",
        )
    values = _episode_values(
        child=child,
        starts_on=changed_on,
        legal_status=legal_status,
        category_of_need=current.category_of_need,
        placement=Placement.of(current),
        home_postcode=current.home_postcode,
        period=current.period,
    )
    hooks.run_episode_end_checks(
        hooks.EpisodeEndRequest(
            child=child,
            episode=current,
            ends_on=changed_on,
            ends_placement=False,
            ends_care=False,
            field="changed_on",
        )
    )
    _close(current, ended_on=changed_on, reason=CONTINUES)
    return LookedAfterEpisode.objects.create(
        child=child,
        period=current.period,
        started_on=changed_on,
        reason_new_episode="L",
        **values,
    )


@transaction.atomic
def end_looked_after_period(
    *, child: Person, ended_on: dt.date, reason_ceased: str
) -> PeriodOfCare:
    """The child ceases to be looked after: the last episode and the period end.

    The reason is any REC but X1 (388); the date is after the episode started (355, 356),
    not in the future; not from a temporary placement (381). Age rules: adoption and SGO
    under 18 (386, 407), staying with carers at 18 or over (460), independent living 14+
    (387), adult social care 16+ (389); died (E2) on the recorded date of death. Adoption
    (E11/E12) needs an adoption placement (390), the decision (525) and the match (601);
    any other ending needs a live adoption decision reversed first (557). Not while the
    child is missing (577, 580, checked by exploitation).
    """
    child = _lock_child(child)
    current = _current_episode_for_update(child, action="end the period of care")
    v.valid_code(reason_ceased, codelist_key="reason_episode_ceased", field="reason_ceased")
    if reason_ceased == CONTINUES:
        raise v.fail(
            "reason_ceased",
            "X1 means a new episode starts the same day: record a change of placement or "
            "legal status instead (SSDA903 388).",
        )
    _check_episode_end(
        child, current, ended_on, field="ended_on", label="Date ceased to be looked after"
    )
    if current.is_temporary:
        raise v.fail(
            "child",
            f"A period of care cannot end with a temporary placement "
            f"({current.placement_type}): record the return to the usual placement first "
            "(SSDA903 381).",
        )
    dob = rules.needs_date_of_birth(child, field="ended_on", action="they leave care")
    age = rules.age(child, ended_on)
    if reason_ceased in END_REASON_AGES and age is not None:
        minimum, maximum, rule = END_REASON_AGES[reason_ceased]
        if (minimum is not None and age < minimum) or (maximum is not None and age > maximum):
            wanted = f"{minimum} or over" if minimum is not None else f"under {(maximum or 0) + 1}"
            raise v.fail(
                "reason_ceased",
                f"Reason {reason_ceased} is for young people aged {wanted}; {child} is {age} "
                f"on {ended_on:%d/%m/%Y} (born {dob:%d/%m/%Y}) (SSDA903 {rule}).",
            )
    if reason_ceased in SGO_TO_FOSTER_CARERS and current.placement_type not in FOSTER_PLACEMENTS:
        raise v.fail(
            "reason_ceased",
            f"{reason_ceased} is a special guardianship order to former foster carers, but the "
            f"placement is {current.placement_type}, not fostering (U1-U6) (SSDA903 516).",
        )
    if reason_ceased == "E2":
        if child.date_of_death is None:
            raise v.fail(
                "reason_ceased",
                "Reason E2 (died) needs the child's date of death recorded first.",
            )
        if child.date_of_death != ended_on:
            raise v.fail(
                "ended_on",
                f"A child who died ceases to be looked after on the date of death "
                f"({child.date_of_death:%d/%m/%Y}), not {ended_on:%d/%m/%Y}.",
            )
    decision = selectors.live_adoption_decision(current.period)
    if reason_ceased in ADOPTED:
        if current.placement_type not in ADOPTION_PLACEMENTS:
            raise v.fail(
                "reason_ceased",
                f"Adoption ({reason_ceased}) ends a placement for adoption (A3-A6); the "
                f"placement is {current.placement_type} (SSDA903 390).",
            )
        match = selectors.live_match(decision) if decision is not None else None
        if decision is None or match is None:
            raise v.fail(
                "reason_ceased",
                f"Adoption ({reason_ceased}) needs the decision that the child should be "
                "placed for adoption, not reversed, and the match with the adopters "
                "(SSDA903 525, 601).",
            )
    elif decision is not None:
        raise v.fail(
            "reason_ceased",
            f"{child} should be placed for adoption (decision of "
            f"{decision.decided_on:%d/%m/%Y}): record that they should no longer be placed for "
            f"adoption, and why, before they leave care other than by adoption (SSDA903 557).",
        )
    hooks.run_episode_end_checks(
        hooks.EpisodeEndRequest(
            child=child,
            episode=current,
            ends_on=ended_on,
            ends_placement=True,
            ends_care=True,
            field="ended_on",
        )
    )
    _close(current, ended_on=ended_on, reason=reason_ceased)
    period = PeriodOfCare.objects.select_for_update().get(pk=current.period_id)
    period.ended_on = ended_on
    period.save(update_fields=["ended_on"])
    return period


# --- reviews, health, education -----------------------------------------------------------


def _period_on(child: Person, on: dt.date, *, field: str, label: str) -> PeriodOfCare:
    period = selectors.period_on(child, on)
    if period is None:
        raise v.fail(
            field,
            f"{child} was not looked after on {on:%d/%m/%Y}: a {label} is for a looked-after "
            "child.",
        )
    return period


@transaction.atomic
def record_looked_after_review(
    *,
    child: Person,
    held_on: dt.date,
    participation: str,
    chaired_by: Worker,
    notes: str = "",
) -> LookedAfterReview:
    """A looked-after review, chaired by an IRO (SSDA903 Reviews).

    Not in the future; the child was looked after that day; one review a day; PN0 if and
    only if the child was under 4 (440, 441); the chair is an IRO in post.
    """
    child = _lock_child(child)
    v.require(held_on, field="held_on", label="Review date")
    v.not_in_future(held_on, field="held_on", label="Review date")
    v.valid_code(participation, codelist_key="review_participation", field="participation")
    period = _period_on(child, held_on, field="held_on", label="looked-after review")
    age = rules.age(child, held_on)
    if age is not None and (participation == "PN0") != (age < 4):
        raise v.fail(
            "participation",
            f"{child} is {age} on {held_on:%d/%m/%Y}: PN0 is for children under 4 at the "
            f"review and only for them; got {participation} (SSDA903 440, 441).",
        )
    v.require(chaired_by, field="chaired_by", label="Independent reviewing officer")
    _check_worker(
        chaired_by, held_on, field="chaired_by", label="The review's chair", roles=IRO_ROLES
    )
    if LookedAfterReview.objects.filter(child=child, held_on=held_on).exists():
        raise v.fail("held_on", f"{child} already has a looked-after review on {held_on:%d/%m/%Y}.")
    return LookedAfterReview.objects.create(
        child=child,
        period=period,
        held_on=held_on,
        participation=participation,
        chaired_by=chaired_by,
        notes=notes,
    )


@transaction.atomic
def record_health_assessment(
    *,
    child: Person,
    kind: str,
    assessed_on: dt.date,
    sdq_score: int | None = None,
    notes: str = "",
) -> HealthAssessment:
    """An initial or review health assessment, dental check or SDQ.

    Not in the future; while looked after; one initial assessment per period of care; an
    SDQ has a score of 0-40 (180) for a child aged 4 to 17, other kinds have none.
    """
    child = _lock_child(child)
    cin_rules.valid_choice(kind, HealthAssessmentKind, field="kind", label="Assessment type")
    v.require(assessed_on, field="assessed_on", label="Assessment date")
    v.not_in_future(assessed_on, field="assessed_on", label="Assessment date")
    period = _period_on(child, assessed_on, field="assessed_on", label="health assessment")
    if kind == HealthAssessmentKind.SDQ:
        if sdq_score is None or not 0 <= sdq_score <= 40:
            raise v.fail(
                "sdq_score",
                f"An SDQ needs a total difficulties score from 0 to 40; got {sdq_score} "
                "(SSDA903 180).",
            )
        age = rules.age(child, assessed_on)
        if age is not None and not 4 <= age <= 17:
            raise v.fail(
                "kind",
                f"The SDQ is for children aged 4 to 17; {child} is {age} on "
                f"{assessed_on:%d/%m/%Y} (SSDA903 188, 189).",
            )
    elif sdq_score is not None:
        raise v.fail(
            "sdq_score", f"Only an SDQ has a score; this is a {HealthAssessmentKind(kind).label}."
        )
    if kind == HealthAssessmentKind.INITIAL:
        earlier = period.health_assessments.filter(kind=HealthAssessmentKind.INITIAL).first()
        if earlier is not None:
            raise v.fail(
                "kind",
                f"{child} already had an initial health assessment in this period of care "
                f"({earlier.assessed_on:%d/%m/%Y}): record this one as a review assessment.",
            )
    if HealthAssessment.objects.filter(child=child, kind=kind, assessed_on=assessed_on).exists():
        raise v.fail(
            "assessed_on",
            f"{child} already has a {HealthAssessmentKind(kind).label.lower()} on "
            f"{assessed_on:%d/%m/%Y}.",
        )
    return HealthAssessment.objects.create(
        child=child,
        period=period,
        kind=kind,
        assessed_on=assessed_on,
        sdq_score=sdq_score,
        notes=notes,
    )


@transaction.atomic
def record_pep(
    *, child: Person, held_on: dt.date, school_name: str = "", notes: str = ""
) -> PersonalEducationPlan:
    """A personal education plan meeting: not in the future, while looked after, one a day."""
    child = _lock_child(child)
    v.require(held_on, field="held_on", label="PEP date")
    v.not_in_future(held_on, field="held_on", label="PEP date")
    period = _period_on(child, held_on, field="held_on", label="personal education plan")
    if PersonalEducationPlan.objects.filter(child=child, held_on=held_on).exists():
        raise v.fail("held_on", f"{child} already has a PEP on {held_on:%d/%m/%Y}.")
    return PersonalEducationPlan.objects.create(
        child=child, period=period, held_on=held_on, school_name=school_name, notes=notes
    )


@transaction.atomic
def record_outcomes(
    *,
    child: Person,
    year_ending: dt.date,
    immunisations_up_to_date: bool | None,
    substance_misuse: bool | None,
    convicted: bool | None = None,
    health_check_up_to_date: bool | None = None,
    intervention_received: bool | None = None,
    intervention_offered: bool | None = None,
    sdq_reason: str = "",
) -> OutcomesRecord:
    """The stored OC2 answers for a year to 31 March (created, or replaced when recorded).

    Only for a child looked after continuously for 12 months at 31 March (190): the period
    began on or before 1 April and has not ended. Immunisations and substance misuse are
    answered (182); convictions for a child 10 or over at 31 March, and only then (542,
    543); the health check for under-5s, and only them (545, 546); intervention received
    only if a substance misuse problem was identified (192, 193), offered only if not
    received (158, 159); a reason for no SDQ only when no SDQ score is recorded (197a).
    """
    child = _lock_child(child)
    v.require(year_ending, field="year_ending", label="Year ending")
    if (year_ending.month, year_ending.day) != (3, 31):
        raise v.fail(
            "year_ending",
            f"OC2 answers are for a year ending 31 March; got {year_ending:%d/%m/%Y}.",
        )
    year = selectors.ReturnYear.ending(year_ending.year)
    if year.start > clock.today():
        raise v.fail(
            "year_ending",
            f"The year {year.start:%d/%m/%Y} to {year.end:%d/%m/%Y} has not started.",
        )
    if selectors.continuous_period(child, year) is None:
        raise v.fail(
            "child",
            f"{child} was not looked after continuously from {year.start:%d/%m/%Y} to "
            f"{year.end:%d/%m/%Y}: OC2 is only for children looked after for 12 months at "
            "31 March (SSDA903 190).",
        )
    dob = rules.needs_date_of_birth(child, field="child", action="recording OC2")
    age = rules.age(child, year.end) or 0
    rules.yes_no(
        immunisations_up_to_date,
        field="immunisations_up_to_date",
        label="Immunisations up to date",
        must_be_blank=False,
        why="it is asked for every child looked after for 12 months (SSDA903 182)",
    )
    rules.yes_no(
        substance_misuse,
        field="substance_misuse",
        label="Substance misuse problem identified",
        must_be_blank=False,
        why="it is asked for every child looked after for 12 months (SSDA903 182)",
    )
    rules.yes_no(
        convicted,
        field="convicted",
        label="Convicted during the year",
        must_be_blank=age < 10,
        why=f"{child} is {age} on {year.end:%d/%m/%Y} (born {dob:%d/%m/%Y}); it is asked for "
        "children 10 or over (SSDA903 542, 543)",
    )
    rules.yes_no(
        health_check_up_to_date,
        field="health_check_up_to_date",
        label="Health (development) check up to date",
        must_be_blank=age >= 5,
        why=f"{child} is {age} on {year.end:%d/%m/%Y}; it is asked for children under 5 "
        "(SSDA903 545, 546)",
    )
    rules.yes_no(
        intervention_received,
        field="intervention_received",
        label="Intervention received",
        must_be_blank=substance_misuse is not True,
        why="it is asked only when a substance misuse problem was identified (SSDA903 192, 193)",
    )
    rules.yes_no(
        intervention_offered,
        field="intervention_offered",
        label="Intervention offered",
        must_be_blank=intervention_received is not False,
        why="it is asked only when an intervention was not received (SSDA903 158, 159, 193)",
    )
    if sdq_reason:
        v.valid_code(sdq_reason, codelist_key="sdq_reason", field="sdq_reason")
        score = selectors.sdq_score_in_year(child, year)
        if score is not None:
            raise v.fail(
                "sdq_reason",
                f"An SDQ score ({score}) is recorded for the year: no reason for a missing "
                "score is needed (SSDA903 197a).",
            )
    values = {
        "convicted": convicted,
        "health_check_up_to_date": health_check_up_to_date,
        "immunisations_up_to_date": immunisations_up_to_date,
        "substance_misuse": substance_misuse,
        "intervention_received": intervention_received,
        "intervention_offered": intervention_offered,
        "sdq_reason": sdq_reason,
    }
    record = (
        OutcomesRecord.objects.select_for_update()
        .filter(child=child, year_ending=year_ending)
        .first()
    )
    if record is None:
        return OutcomesRecord.objects.create(child=child, year_ending=year_ending, **values)
    for name, value in values.items():
        setattr(record, name, value)
    record.save()
    return record


# --- care leavers -------------------------------------------------------------------------


@transaction.atomic
def record_care_leaver_contact(
    *,
    child: Person,
    contact_on: dt.date,
    in_touch: str,
    activity: str,
    accommodation: str,
    personal_adviser: Worker | None = None,
    notes: str = "",
) -> CareLeaverContact:
    """Contact with (or about) a care leaver: in touch, activity, accommodation (OC3).

    Only for a care leaver on that day: looked after for 13 weeks since 14 with some of it
    at 16+, not looked after now, not died in care or transferred (1000, 1001, 1002, 1011),
    aged 16 to 25. In touch (YES) needs a known activity and accommodation (345); any other
    answer records both as 0 (344). No foyer under 18 (347); staying put (Z1/Z2) is from 18
    (3001). The personal adviser has that role and is in post. One contact a day.
    """
    child = _lock_child(child)
    v.require(contact_on, field="contact_on", label="Contact date")
    v.not_in_future(contact_on, field="contact_on", label="Contact date")
    v.valid_code(in_touch, codelist_key="care_leaver_in_touch", field="in_touch")
    v.valid_code(activity, codelist_key="care_leaver_activity", field="activity")
    v.valid_code(accommodation, codelist_key="care_leaver_accommodation", field="accommodation")
    status = selectors.care_leaver_status(child, contact_on)
    if not status.eligible:
        raise v.fail(
            "child",
            f"{child} {status.reason}: care leaver contact is only for a young person who "
            "was looked after and left care as a relevant or former relevant child "
            "(SSDA903 1001, 1002).",
        )
    if in_touch == "YES":
        for field, value, label in (
            ("activity", activity, "main activity"),
            ("accommodation", accommodation, "accommodation"),
        ):
            if value == "0":
                raise v.fail(
                    field,
                    f"The young person is in touch (YES): record their {label}, not 0 "
                    "(SSDA903 345).",
                )
    else:
        for field, value, label in (
            ("activity", activity, "Main activity"),
            ("accommodation", accommodation, "Accommodation"),
        ):
            if value != "0":
                raise v.fail(
                    field,
                    f"{label} is recorded as 0 when the answer to 'in touch' is {in_touch} "
                    f"({codelist('care_leaver_in_touch').label(in_touch)}), not {value} "
                    "(SSDA903 344).",
                )
    age = rules.age(child, contact_on) or 0
    if age < 18 and accommodation in {"T1", "T2"}:
        raise v.fail(
            "accommodation",
            f"A care leaver under 18 cannot live in a foyer ({accommodation}); {child} is "
            f"{age} (SSDA903 347).",
        )
    if age < 18 and accommodation in {"Z1", "Z2"}:
        raise v.fail(
            "accommodation",
            f"Staying put with former foster carers ({accommodation}) is from 18; {child} is "
            f"{age} (SSDA903 3001).",
        )
    _check_worker(
        personal_adviser,
        contact_on,
        field="personal_adviser",
        label="The personal adviser",
        roles=frozenset({WorkerRole.PERSONAL_ADVISER}),
    )
    if CareLeaverContact.objects.filter(child=child, contact_on=contact_on).exists():
        raise v.fail(
            "contact_on", f"{child} already has a care leaver contact on {contact_on:%d/%m/%Y}."
        )
    return CareLeaverContact.objects.create(
        child=child,
        contact_on=contact_on,
        in_touch=in_touch,
        activity=activity,
        accommodation=accommodation,
        personal_adviser=personal_adviser,
        notes=notes,
    )


@transaction.atomic
def record_pathway_plan_review(
    *,
    child: Person,
    reviewed_on: dt.date,
    personal_adviser: Worker | None = None,
    notes: str = "",
) -> PathwayPlanReview:
    """A pathway plan review: for a looked-after young person of 16 or 17, or a care leaver.

    Not in the future; aged 16 to 25; looked after that day or a care leaver; the personal
    adviser has that role and is in post; one review a day.
    """
    child = _lock_child(child)
    v.require(reviewed_on, field="reviewed_on", label="Review date")
    v.not_in_future(reviewed_on, field="reviewed_on", label="Review date")
    dob = rules.needs_date_of_birth(child, field="child", action="a pathway plan review")
    age = rules.age(child, reviewed_on) or 0
    if not 16 <= age <= selectors.CARE_LEAVER_MAX_AGE:
        raise v.fail(
            "reviewed_on",
            f"Pathway plans are for young people aged 16 to 25; {child} is {age} on "
            f"{reviewed_on:%d/%m/%Y} (born {dob:%d/%m/%Y}).",
        )
    if selectors.period_on(child, reviewed_on) is None:
        status = selectors.care_leaver_status(child, reviewed_on)
        if not status.eligible:
            raise v.fail(
                "child",
                f"{child} {status.reason}: a pathway plan is for an eligible (looked-after) "
                "young person or a care leaver.",
            )
    _check_worker(
        personal_adviser,
        reviewed_on,
        field="personal_adviser",
        label="The personal adviser",
        roles=frozenset({WorkerRole.PERSONAL_ADVISER}),
    )
    if PathwayPlanReview.objects.filter(child=child, reviewed_on=reviewed_on).exists():
        raise v.fail(
            "reviewed_on",
            f"{child} already has a pathway plan review on {reviewed_on:%d/%m/%Y}.",
        )
    return PathwayPlanReview.objects.create(
        child=child, reviewed_on=reviewed_on, personal_adviser=personal_adviser, notes=notes
    )


# --- adoption -----------------------------------------------------------------------------


@transaction.atomic
def record_adoption_decision(
    *,
    child: Person,
    decided_on: dt.date,
    decision_maker: Worker | None = None,
    plan_agreed_on: dt.date | None = None,
) -> AdoptionDecision:
    """The agency decision maker decides the child should be placed for adoption.

    PlacedAdoption DATE_PLACED and AD1 DATE_INT. Not in the future, not before birth (184);
    while looked after (1003, 117, 118); no other live decision in the period and not
    before an earlier one was reversed (579); the adoption plan agreed on or before the
    decision, within the period.
    """
    child = _lock_child(child)
    v.require(decided_on, field="decided_on", label="Date of the decision")
    v.not_in_future(decided_on, field="decided_on", label="Date of the decision")
    rules.child_alive_and_born(
        child, decided_on, field="decided_on", label="Date of the decision", birth_rule="184"
    )
    period = selectors.period_on(child, decided_on)
    if period is None:
        raise v.fail(
            "decided_on",
            f"{child} was not looked after on {decided_on:%d/%m/%Y}: the decision that a child "
            "should be placed for adoption is made while they are looked after "
            "(SSDA903 1003, 117, 118).",
        )
    for earlier in period.adoption_decisions.all():
        if earlier.reversed_on is None:
            raise v.fail(
                "decided_on",
                f"{child} already has a decision that they should be placed for adoption "
                f"({earlier.decided_on:%d/%m/%Y}) that has not been reversed (SSDA903 579).",
            )
        if earlier.reversed_on > decided_on:
            raise v.fail(
                "decided_on",
                f"A new decision ({decided_on:%d/%m/%Y}) cannot be before the earlier one was "
                f"reversed ({earlier.reversed_on:%d/%m/%Y}) (SSDA903 579).",
            )
    if plan_agreed_on is not None:
        v.not_in_future(plan_agreed_on, field="plan_agreed_on", label="Adoption plan date")
        rules.not_before(
            plan_agreed_on,
            period.started_on,
            field="plan_agreed_on",
            label="Adoption plan date",
            earliest_label="the date the child became looked after",
        )
        rules.not_after(
            plan_agreed_on,
            decided_on,
            field="plan_agreed_on",
            label="Adoption plan date",
            latest_label="the agency decision",
        )
    if decision_maker is not None:
        cin_rules.worker_in_post(
            decision_maker, decided_on, field="decision_maker", label="The decision maker"
        )
    return AdoptionDecision.objects.create(
        child=child,
        period=period,
        plan_agreed_on=plan_agreed_on,
        decided_on=decided_on,
        decision_maker=decision_maker,
    )


def _check_adopters(number: int, sex: str, legal_status: str) -> None:
    """AD1: number, sex and legal status of adopters agree (175, 511, 514, 517-520, 524)."""
    if number not in (1, 2):
        raise v.fail(
            "number_of_adopters",
            f"Number of adopters is 1 or 2; got {number} (SSDA903 175).",
        )
    v.valid_code(sex, codelist_key="adopter_sex", field="adopter_sex")
    v.valid_code(legal_status, codelist_key="adopter_legal_status", field="adopter_legal_status")
    single = number == 1
    if single != (sex in {"M1", "F1"}):
        raise v.fail(
            "adopter_sex",
            f"{number} adopter(s) do not match sex code {sex}: M1/F1 for one adopter, MM/FF/MF "
            "for a couple (SSDA903 511).",
        )
    if single != (legal_status == "L0"):
        raise v.fail(
            "adopter_legal_status",
            f"{number} adopter(s) do not match legal status {legal_status}: L0 is a single "
            "adopter, the others couples (SSDA903 514, 519).",
        )
    mixed = {"L11": (True, "520"), "L3": (True, "517"), "L12": (False, "524"), "L4": (False, "518")}
    if legal_status in mixed:
        wants_mixed, rule = mixed[legal_status]
        if wants_mixed != (sex == "MF"):
            wanted = "MF" if wants_mixed else "MM or FF"
            raise v.fail(
                "adopter_sex",
                f"Legal status {legal_status} needs adopters' sex {wanted}; got {sex} "
                f"(SSDA903 {rule}).",
            )


@transaction.atomic
def record_adoption_match(
    *,
    decision: AdoptionDecision,
    matched_on: dt.date,
    number_of_adopters: int,
    adopter_sex: str,
    adopter_legal_status: str,
) -> AdoptionMatch:
    """The child is matched with prospective adopters (AD1 DATE_MATCH and adopters).

    The decision stands (not reversed) and has no live match; the match is on or after the
    decision (333), not in the future, while the child is looked after; the adopters'
    number, sex and legal status agree.
    """
    _lock_child(decision.child)
    decision = AdoptionDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.reversed_on is not None:
        raise v.fail(
            "decision",
            f"The decision of {decision.decided_on:%d/%m/%Y} was reversed on "
            f"{decision.reversed_on:%d/%m/%Y}: a match needs a decision that stands.",
        )
    current = selectors.live_match(decision)
    if current is not None:
        raise v.fail(
            "decision",
            f"{decision.child} is already matched with adopters ({current.matched_on:%d/%m/%Y}).",
        )
    v.require(matched_on, field="matched_on", label="Date of match")
    v.not_in_future(matched_on, field="matched_on", label="Date of match")
    rules.not_before(
        matched_on,
        decision.decided_on,
        field="matched_on",
        label="Date of match",
        earliest_label="the decision that the child should be placed for adoption",
        rule="333",
    )
    period = selectors.period_on(decision.child, matched_on)
    if period is None or period.pk != decision.period_id:
        raise v.fail(
            "matched_on",
            f"{decision.child} was not looked after on {matched_on:%d/%m/%Y} in the period of "
            "the decision.",
        )
    _check_adopters(number_of_adopters, adopter_sex, adopter_legal_status)
    return AdoptionMatch.objects.create(
        decision=decision,
        matched_on=matched_on,
        number_of_adopters=number_of_adopters,
        adopter_sex=adopter_sex,
        adopter_legal_status=adopter_legal_status,
    )


@transaction.atomic
def place_for_adoption(
    *,
    child: Person,
    placed_on: dt.date,
    placement: Placement,
    legal_status: str = "",
    reason_placement_change: str = "CARPL",
    home_postcode: str | None = None,
) -> LookedAfterEpisode:
    """The child moves in with the adopters: a new episode in an A3-A6 placement.

    A3/A5 (with the current foster carers) keep the same carers (RNE T, or U with a legal
    status change; 217, 336); A4/A6 are new carers (P or B). Needs the decision (521, 552)
    and the match (331) on or before the day; A5/A6 need a placement order (E1) in force,
    A3/A4 consent (408). Otherwise as ``change_placement``.
    """
    child = _lock_child(child)
    kind = placement.placement_type
    if kind not in ADOPTION_PLACEMENTS:
        raise v.fail(
            "placement_type",
            f"A placement for adoption is A3, A4, A5 or A6; got {kind!r}.",
        )
    current = selectors.current_episode(child)
    if current is not None and current.placement_type in ADOPTION_PLACEMENTS:
        raise v.fail(
            "placement_type",
            f"{child} is already placed for adoption ({current.placement_type} since "
            f"{current.started_on:%d/%m/%Y}).",
        )
    return _change_placement(
        child=child,
        changed_on=placed_on,
        placement=placement,
        reason_placement_change=reason_placement_change,
        same_carers=kind in ADOPTION_WITH_CURRENT_CARERS,
        legal_status=legal_status,
        home_postcode=home_postcode,
        leaving_adoption=False,
    )


@transaction.atomic
def end_adoption_placement(
    *,
    child: Person,
    ended_on: dt.date,
    placement: Placement,
    reason_placement_change: str,
    same_carers: bool = False,
    legal_status: str = "",
    reversal_reason: str = "",
) -> LookedAfterEpisode:
    """An adoption placement ends without an adoption order (disruption).

    The child moves to ``placement`` (not a placement for adoption) as in
    ``change_placement``; the match with the adopters ends that day. With
    ``reversal_reason`` (RD1-RD4) the decision that the child should be placed for adoption
    is reversed the same day (PlacedAdoption DATE_PLACED_CEASED); without it the decision
    stands and a new match can be made.
    """
    child = _lock_child(child)
    current = selectors.current_episode(child)
    if current is None or current.placement_type not in ADOPTION_PLACEMENTS:
        raise v.fail("child", f"{child} is not placed for adoption.")
    if placement.placement_type in ADOPTION_PLACEMENTS:
        raise v.fail(
            "placement_type",
            f"The next placement ({placement.placement_type}) is a placement for adoption: "
            "to change adopters' placement type record a change of placement.",
        )
    decision = selectors.live_adoption_decision(current.period)
    if decision is None:
        raise v.fail("child", f"{child} has no decision that they should be placed for adoption.")
    if reversal_reason:
        v.valid_code(
            reversal_reason,
            codelist_key="reason_placed_for_adoption_ceased",
            field="reversal_reason",
        )
    episode = _change_placement(
        child=child,
        changed_on=ended_on,
        placement=placement,
        reason_placement_change=reason_placement_change,
        same_carers=same_carers,
        legal_status=legal_status,
        home_postcode=None,
        leaving_adoption=True,
    )
    match = selectors.live_match(decision)
    if match is not None:
        match.ended_on = ended_on
        match.save(update_fields=["ended_on"])
    if reversal_reason:
        decision.reversed_on = ended_on
        decision.reversal_reason = reversal_reason
        decision.save(update_fields=["reversed_on", "reversal_reason"])
    return episode


@transaction.atomic
def reverse_adoption_decision(
    *, decision: AdoptionDecision, reversed_on: dt.date, reason: str
) -> AdoptionDecision:
    """The child should no longer be placed for adoption (DATE_PLACED_CEASED and reason).

    Not already reversed; with a valid reason (119, 120); on or after the decision (522)
    and any match; not in the future; not after the child left care (117), and never for a
    child who was adopted (558). Not while the child is placed for adoption (use
    ``end_adoption_placement``). A live match ends the same day.
    """
    _lock_child(decision.child)
    decision = (
        AdoptionDecision.objects.select_for_update(of=("self",))
        .select_related("period", "child")
        .get(pk=decision.pk)
    )
    if decision.reversed_on is not None:
        raise v.fail(
            "decision",
            f"This decision was already reversed on {decision.reversed_on:%d/%m/%Y}.",
        )
    v.require(reversed_on, field="reversed_on", label="Date of reversal")
    v.not_in_future(reversed_on, field="reversed_on", label="Date of reversal")
    v.valid_code(reason, codelist_key="reason_placed_for_adoption_ceased", field="reason")
    rules.not_before(
        reversed_on,
        decision.decided_on,
        field="reversed_on",
        label="Date of reversal",
        earliest_label="the decision that the child should be placed for adoption",
        rule="522",
    )
    match = selectors.live_match(decision)
    if match is not None:
        rules.not_before(
            reversed_on,
            match.matched_on,
            field="reversed_on",
            label="Date of reversal",
            earliest_label="the match with the adopters",
        )
    period = decision.period
    if period.ended_on is not None:
        ending = selectors.last_episode(period)
        if ending is not None and ending.reason_ceased in ADOPTED:
            raise v.fail(
                "decision",
                f"{decision.child} was adopted ({ending.reason_ceased}, "
                f"{period.ended_on:%d/%m/%Y}): the decision cannot be reversed (SSDA903 558).",
            )
        rules.not_after(
            reversed_on,
            period.ended_on,
            field="reversed_on",
            label="Date of reversal",
            latest_label="the date the child ceased to be looked after",
            rule="117",
        )
    current = selectors.current_episode(decision.child)
    if current is not None and current.placement_type in ADOPTION_PLACEMENTS:
        raise v.fail(
            "decision",
            f"{decision.child} is placed for adoption ({current.placement_type}): record the end "
            "of the adoption placement with the reason the decision is reversed.",
        )
    if match is not None:
        match.ended_on = reversed_on
        match.save(update_fields=["ended_on"])
    decision.reversed_on = reversed_on
    decision.reversal_reason = reason
    decision.save(update_fields=["reversed_on", "reversal_reason"])
    return decision


@transaction.atomic
def record_previous_permanence(
    *,
    period: PeriodOfCare,
    option: str,
    la_code: str = "",
    order_date: dt.date | None = None,
) -> PreviousPermanence:
    """Whether the child had adoption, an SGO or a CAO before this period (PrevPerm).

    Created or corrected (one per period). Z1 (none) and P4 (not known) have no authority
    or date (635); an order date is not in the future, not before birth and before the
    period began (632); the authority code is letters and digits (633).
    """
    period = PeriodOfCare.objects.select_related("child").get(pk=period.pk)
    _lock_child(period.child)
    v.valid_code(option, codelist_key="previous_permanence", field="option")
    la = rules.la_code(la_code, field="la_code", label="Authority that arranged the order")
    if option in {"Z1", "P4"}:
        if la:
            raise v.fail(
                "la_code",
                f"No authority is recorded with {option} ("
                f"{codelist('previous_permanence').label(option).lower()}) (SSDA903 635).",
            )
        if order_date is not None:
            raise v.fail(
                "order_date",
                f"No order date is recorded with {option} ("
                f"{codelist('previous_permanence').label(option).lower()}) (SSDA903 635).",
            )
    if order_date is not None:
        v.not_in_future(order_date, field="order_date", label="Date of the order")
        rules.not_before(
            order_date,
            period.child.date_of_birth,
            field="order_date",
            label="Date of the order",
            earliest_label="the child's date of birth",
            rule="632",
        )
        rules.not_after(
            order_date,
            period.started_on,
            field="order_date",
            label="Date of the order",
            latest_label="the start of this period of care",
            rule="632",
        )
    record = PreviousPermanence.objects.select_for_update().filter(period=period).first()
    if record is None:
        return PreviousPermanence.objects.create(
            period=period, option=option, la_code=la, order_date=order_date
        )
    record.option = option
    record.la_code = la
    record.order_date = order_date
    record.save()
    return record


def check_visit_for_child_in_care(request: VisitRequest) -> None:
    """A looked-after visit needs a child in care that day; a care-leaver contact a care leaver.

    Registered with cin's visit checks so that the statutory-visit counts (seen within six
    weeks) are only ever made of children who were looked after on the visit date.
    """
    if request.visit_type == VisitType.LOOKED_AFTER:
        if selectors.period_on(request.child, request.visit_date) is None:
            raise v.fail(
                "visit_type",
                f"{request.child} was not looked after on {request.visit_date:%d/%m/%Y}, so "
                "this cannot be a looked-after child visit.",
            )
    elif request.visit_type == VisitType.CARE_LEAVER:
        status = selectors.care_leaver_status(request.child, request.visit_date)
        if not status.eligible:
            raise v.fail(
                "visit_type",
                f"{request.child} {status.reason}, so this cannot be a care leaver contact.",
            )
