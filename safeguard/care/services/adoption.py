"""Adoption: the decision, the match with adopters, the adoption placement and its end, reversal."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.care import rules, selectors
from safeguard.care.models import (
    ADOPTED,
    ADOPTION_PLACEMENTS,
    ADOPTION_WITH_CURRENT_CARERS,
    AdoptionDecision,
    AdoptionMatch,
    LookedAfterEpisode,
)
from safeguard.care.services.common import _lock_child
from safeguard.care.services.episode_checks import Placement
from safeguard.care.services.episodes import _change_placement
from safeguard.cin import rules as cin_rules
from safeguard.core import validation as v
from safeguard.people.models import Person
from safeguard.workforce.models import Worker


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
