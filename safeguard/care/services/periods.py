"""Periods of care: the child starts to be looked after (RNE S) and ceases to be (REC)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.care import hooks, rules, selectors
from safeguard.care.models import (
    ADOPTED,
    ADOPTION_PLACEMENTS,
    CONTINUES,
    FOSTER_PLACEMENTS,
    TEMPORARY_PLACEMENTS,
    LookedAfterEpisode,
    PeriodOfCare,
)
from safeguard.care.services.common import (
    _check_episode_end,
    _close,
    _current_episode_for_update,
    _lock_child,
)
from safeguard.care.services.episode_checks import NEED_CODES, Placement, _episode_values
from safeguard.cin import selectors as cin_selectors
from safeguard.core import validation as v
from safeguard.core.calendar import birthday
from safeguard.people.models import Person

#: The Children Act 1989 came into force on 14 October 1991 (SSDA903 353).
CHILDREN_ACT_1989 = dt.date(1991, 10, 14)
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
