"""Adoption: decision, match, placement, reversal, adoption order; AD1, PlacedAdoption,
PrevPerm."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.care import selectors
from safeguard.care.models import AdoptionDecision, AdoptionMatch, LookedAfterEpisode
from safeguard.care.services import (
    change_legal_status,
    change_placement,
    end_adoption_placement,
    end_looked_after_period,
    place_for_adoption,
    record_adoption_decision,
    record_adoption_match,
    record_previous_permanence,
    reverse_adoption_decision,
)
from safeguard.care.tests.helpers import START, childrens_home, foster, message, refused, start_care
from safeguard.core import clock
from safeguard.workforce.models import WorkerRole

pytestmark = pytest.mark.django_db

PLAN = dt.date(2019, 4, 15)
DECISION = dt.date(2019, 5, 1)
PLACEMENT_ORDER = dt.date(2019, 7, 1)
MATCH = dt.date(2019, 8, 1)
PLACED = dt.date(2019, 9, 2)
ADOPTED = dt.date(2020, 3, 2)
ADOPTERS = {"number_of_adopters": 2, "adopter_sex": "MF", "adopter_legal_status": "L11"}


@pytest.fixture
def infant(make_child):
    return make_child(date_of_birth=dt.date(2018, 1, 10))


@pytest.fixture
def looked_after(infant):
    return start_care(infant)


@pytest.fixture
def adm(make_worker):
    return make_worker(role=WorkerRole.SERVICE_MANAGER)


@pytest.fixture
def decision(looked_after, adm):
    return record_adoption_decision(
        child=looked_after.child, decided_on=DECISION, decision_maker=adm, plan_agreed_on=PLAN
    )


@pytest.fixture
def matched(decision):
    change_legal_status(child=decision.child, changed_on=PLACEMENT_ORDER, legal_status="E1")
    return record_adoption_match(decision=decision, matched_on=MATCH, **ADOPTERS)


def adopters_home(kind="A6"):
    return foster(placement_type=kind, postcode="DT1 1AA", carer_name="The Browns")


# --- the decision -------------------------------------------------------------------------


def test_record_the_decision(decision, looked_after, adm):
    stored = AdoptionDecision.objects.get(pk=decision.pk)
    assert stored.period == looked_after.period
    assert (stored.plan_agreed_on, stored.decided_on, stored.decision_maker) == (
        PLAN,
        DECISION,
        adm,
    )
    assert stored.is_live


def test_the_decision_is_made_while_looked_after(looked_after):
    with refused("decided_on") as excinfo:
        record_adoption_decision(child=looked_after.child, decided_on=START - dt.timedelta(1))
    assert "1003" in message(excinfo, "decided_on")
    with refused("decided_on"):
        record_adoption_decision(
            child=looked_after.child, decided_on=clock.today() + dt.timedelta(days=1)
        )


def test_the_plan_comes_before_the_decision(looked_after):
    with refused("plan_agreed_on"):
        record_adoption_decision(
            child=looked_after.child, decided_on=DECISION, plan_agreed_on=MATCH
        )
    with refused("plan_agreed_on"):
        record_adoption_decision(
            child=looked_after.child, decided_on=DECISION, plan_agreed_on=dt.date(2019, 1, 1)
        )


def test_one_live_decision_at_a_time(decision):
    with refused("decided_on") as excinfo:
        record_adoption_decision(child=decision.child, decided_on=dt.date(2019, 6, 1))
    assert "579" in message(excinfo, "decided_on")
    reverse_adoption_decision(decision=decision, reversed_on=dt.date(2019, 6, 1), reason="RD1")
    with refused("decided_on"):
        record_adoption_decision(child=decision.child, decided_on=dt.date(2019, 5, 20))
    again = record_adoption_decision(child=decision.child, decided_on=dt.date(2019, 6, 1))
    assert selectors.live_adoption_decision(decision.period) == again


def test_a_placement_order_needs_the_decision(looked_after):
    with refused("legal_status") as excinfo:
        change_legal_status(child=looked_after.child, changed_on=PLACEMENT_ORDER, legal_status="E1")
    assert "553" in message(excinfo, "legal_status")


# --- the match ----------------------------------------------------------------------------


def test_record_the_match(matched, decision):
    stored = AdoptionMatch.objects.get(pk=matched.pk)
    assert stored.decision == decision
    assert (stored.matched_on, stored.number_of_adopters) == (MATCH, 2)
    assert selectors.live_match(decision) == stored


def test_match_not_before_the_decision(decision):
    with refused("matched_on") as excinfo:
        record_adoption_match(decision=decision, matched_on=dt.date(2019, 4, 30), **ADOPTERS)
    assert "333" in message(excinfo, "matched_on")
    with refused("matched_on"):
        record_adoption_match(
            decision=decision, matched_on=clock.today() + dt.timedelta(days=1), **ADOPTERS
        )


def test_one_live_match(matched, decision):
    with refused("decision"):
        record_adoption_match(decision=decision, matched_on=dt.date(2019, 8, 2), **ADOPTERS)


def test_no_match_on_a_reversed_decision(decision):
    reverse_adoption_decision(decision=decision, reversed_on=dt.date(2019, 6, 1), reason="RD3")
    with refused("decision"):
        record_adoption_match(decision=decision, matched_on=MATCH, **ADOPTERS)


@pytest.mark.parametrize(
    ("adopters", "field", "rule"),
    [
        ({"number_of_adopters": 3}, "number_of_adopters", "175"),
        ({"number_of_adopters": 1}, "adopter_sex", "511"),
        ({"adopter_legal_status": "L0"}, "adopter_legal_status", "514"),
        ({"adopter_sex": "FF"}, "adopter_sex", "520"),
        ({"adopter_legal_status": "L4"}, "adopter_sex", "518"),
        ({"adopter_legal_status": "L12"}, "adopter_sex", "524"),
        ({"adopter_sex": "FF", "adopter_legal_status": "L3"}, "adopter_sex", "517"),
        ({"adopter_sex": "XX"}, "adopter_sex", ""),
    ],
)
def test_adopters_number_sex_and_legal_status_agree(decision, adopters, field, rule):
    with refused(field) as excinfo:
        record_adoption_match(decision=decision, matched_on=MATCH, **{**ADOPTERS, **adopters})
    assert rule in message(excinfo, field)


def test_a_single_adopter(decision):
    match = record_adoption_match(
        decision=decision,
        matched_on=MATCH,
        number_of_adopters=1,
        adopter_sex="F1",
        adopter_legal_status="L0",
    )
    assert match.adopter_sex == "F1"


# --- placed for adoption ------------------------------------------------------------------


def test_place_for_adoption_with_new_carers(matched):
    episode = place_for_adoption(
        child=matched.decision.child, placed_on=PLACED, placement=adopters_home("A6")
    )
    assert episode.reason_new_episode == "P"
    assert episode.legal_status == "E1"
    previous = LookedAfterEpisode.objects.get(child=episode.child, ended_on=PLACED)
    assert previous.reason_placement_change == "CARPL"


def test_place_for_adoption_with_the_foster_carers(matched):
    episode = place_for_adoption(
        child=matched.decision.child, placed_on=PLACED, placement=foster(placement_type="A5")
    )
    assert episode.reason_new_episode == "T"


def test_placement_for_adoption_needs_the_match(decision):
    change_legal_status(child=decision.child, changed_on=PLACEMENT_ORDER, legal_status="E1")
    with refused("placement_type") as excinfo:
        place_for_adoption(child=decision.child, placed_on=PLACED, placement=adopters_home())
    assert "331" in message(excinfo, "placement_type")


def test_placement_for_adoption_before_the_decision_is_refused(looked_after):
    with refused("placement_type"):
        place_for_adoption(
            child=looked_after.child, placed_on=PLACED, placement=adopters_home("A4")
        )


def test_placement_type_matches_the_placement_order(decision):
    record_adoption_match(decision=decision, matched_on=MATCH, **ADOPTERS)
    child = decision.child
    with refused("placement_type") as excinfo:
        place_for_adoption(child=child, placed_on=PLACED, placement=adopters_home("A6"))
    assert "408" in message(excinfo, "placement_type")
    episode = place_for_adoption(
        child=child, placed_on=PLACED, placement=adopters_home("A6"), legal_status="E1"
    )
    assert episode.reason_new_episode == "B"


def test_with_consent_placement(decision):
    record_adoption_match(decision=decision, matched_on=MATCH, **ADOPTERS)
    episode = place_for_adoption(
        child=decision.child, placed_on=PLACED, placement=adopters_home("A4")
    )
    assert (episode.legal_status, episode.reason_new_episode) == ("C1", "P")


def test_adoption_with_current_carers_needs_a_foster_placement_before(infant, adm):
    start_care(infant, placement=childrens_home())
    decision = record_adoption_decision(child=infant, decided_on=DECISION, decision_maker=adm)
    record_adoption_match(decision=decision, matched_on=MATCH, **ADOPTERS)
    with refused("placement_type") as excinfo:
        place_for_adoption(child=infant, placed_on=PLACED, placement=foster(placement_type="A3"))
    assert "336" in message(excinfo, "placement_type")


def test_place_for_adoption_needs_an_adoption_placement_type(matched):
    with refused("placement_type"):
        place_for_adoption(child=matched.decision.child, placed_on=PLACED, placement=foster())


def test_already_placed_for_adoption(matched):
    child = matched.decision.child
    place_for_adoption(child=child, placed_on=PLACED, placement=adopters_home())
    with refused("placement_type"):
        place_for_adoption(child=child, placed_on=dt.date(2019, 9, 9), placement=adopters_home())


def test_leaving_an_adoption_placement_goes_through_end_adoption_placement(matched):
    child = matched.decision.child
    place_for_adoption(child=child, placed_on=PLACED, placement=adopters_home())
    with refused("placement_type"):
        change_placement(
            child=child,
            changed_on=dt.date(2019, 10, 7),
            placement=foster(),
            reason_placement_change="CREQO",
        )


def test_end_adoption_placement_ends_the_match_and_can_reverse_the_decision(matched):
    child = matched.decision.child
    place_for_adoption(child=child, placed_on=PLACED, placement=adopters_home())
    disrupted = dt.date(2019, 10, 7)
    with refused("reversal_reason"):
        end_adoption_placement(
            child=child,
            ended_on=disrupted,
            placement=foster(),
            reason_placement_change="CREQO",
            reversal_reason="RD9",
        )
    with refused("placement_type"):
        end_adoption_placement(
            child=child,
            ended_on=disrupted,
            placement=adopters_home("A5"),
            reason_placement_change="CREQO",
        )
    episode = end_adoption_placement(
        child=child,
        ended_on=disrupted,
        placement=foster(),
        reason_placement_change="CREQO",
        reversal_reason="RD1",
    )
    assert episode.reason_new_episode == "P"
    assert AdoptionMatch.objects.get(pk=matched.pk).ended_on == disrupted
    decision = AdoptionDecision.objects.get(pk=matched.decision_id)
    assert (decision.reversed_on, decision.reversal_reason) == (disrupted, "RD1")


def test_end_adoption_placement_keeping_the_decision(matched):
    child = matched.decision.child
    place_for_adoption(child=child, placed_on=PLACED, placement=adopters_home())
    end_adoption_placement(
        child=child,
        ended_on=dt.date(2019, 10, 7),
        placement=foster(),
        reason_placement_change="CREQO",
    )
    decision = AdoptionDecision.objects.get(pk=matched.decision_id)
    assert decision.is_live
    assert selectors.live_match(decision) is None
    new_match = record_adoption_match(
        decision=decision, matched_on=dt.date(2019, 11, 1), **ADOPTERS
    )
    assert selectors.live_match(decision) == new_match


def test_end_adoption_placement_needs_an_adoption_placement(looked_after):
    with refused("child"):
        end_adoption_placement(
            child=looked_after.child,
            ended_on=PLACED,
            placement=childrens_home(),
            reason_placement_change="CREQO",
        )


# --- reversal -----------------------------------------------------------------------------


def test_reverse_the_decision(matched):
    decision = reverse_adoption_decision(
        decision=matched.decision, reversed_on=dt.date(2019, 8, 20), reason="RD4"
    )
    assert (decision.reversed_on, decision.reversal_reason) == (dt.date(2019, 8, 20), "RD4")
    assert AdoptionMatch.objects.get(pk=matched.pk).ended_on == dt.date(2019, 8, 20)


def test_reversal_checks(matched):
    decision = matched.decision
    with refused("reversed_on") as excinfo:
        reverse_adoption_decision(decision=decision, reversed_on=dt.date(2019, 4, 1), reason="RD4")
    assert "522" in message(excinfo, "reversed_on")
    with refused("reversed_on"):
        reverse_adoption_decision(
            decision=decision, reversed_on=dt.date(2019, 7, 20), reason="RD4"
        )  # before the match
    with refused("reason"):
        reverse_adoption_decision(decision=decision, reversed_on=dt.date(2019, 8, 20), reason="")
    with refused("reversed_on"):
        reverse_adoption_decision(
            decision=decision, reversed_on=clock.today() + dt.timedelta(days=1), reason="RD4"
        )
    reverse_adoption_decision(decision=decision, reversed_on=dt.date(2019, 8, 20), reason="RD4")
    with refused("decision"):
        reverse_adoption_decision(decision=decision, reversed_on=dt.date(2019, 8, 21), reason="RD4")


def test_no_reversal_while_placed_for_adoption(matched):
    place_for_adoption(child=matched.decision.child, placed_on=PLACED, placement=adopters_home())
    with refused("decision"):
        reverse_adoption_decision(
            decision=matched.decision, reversed_on=dt.date(2019, 10, 1), reason="RD1"
        )


def test_leaving_care_other_than_by_adoption_needs_the_reversal_first(decision):
    child = decision.child
    with refused("reason_ceased") as excinfo:
        end_looked_after_period(child=child, ended_on=dt.date(2019, 6, 3), reason_ceased="E4A")
    assert "557" in message(excinfo, "reason_ceased")
    reverse_adoption_decision(decision=decision, reversed_on=dt.date(2019, 6, 3), reason="RD1")
    end_looked_after_period(child=child, ended_on=dt.date(2019, 6, 3), reason_ceased="E4A")
    with refused("decided_on"):
        # no new decision once the child has left care
        record_adoption_decision(child=child, decided_on=dt.date(2019, 6, 10))


# --- adoption and the returns -------------------------------------------------------------


def test_adoption_order_ends_care_and_feeds_ad1_and_placed_adoption(matched):
    child = matched.decision.child
    place_for_adoption(child=child, placed_on=PLACED, placement=adopters_home())
    with refused("reason_ceased") as excinfo:
        end_looked_after_period(child=child, ended_on=ADOPTED, reason_ceased="E4A")
    assert "557" in message(excinfo, "reason_ceased")
    end_looked_after_period(child=child, ended_on=ADOPTED, reason_ceased="E11")
    with refused("decision") as excinfo:
        reverse_adoption_decision(decision=matched.decision, reversed_on=ADOPTED, reason="RD4")
    assert "558" in message(excinfo, "decision")

    year = selectors.ReturnYear.ending(2020)
    assert selectors.ad1_rows(year) == [
        {
            "CHILD": child.la_child_id,
            "DOB": "2018-01-10",
            "DATE_INT": "2019-05-01",
            "DATE_MATCH": "2019-08-01",
            "FOSTER_CARE": "0",
            "NB_ADOPTR": "2",
            "SEX_ADOPTR": "MF",
            "LS_ADOPTR": "L11",
        }
    ]
    assert selectors.placed_adoption_rows(year) == [
        {
            "CHILD": child.la_child_id,
            "DOB": "2018-01-10",
            "DATE_PLACED": "2019-05-01",
            "DATE_PLACED_CEASED": None,
            "REASON_PLACED_CEASED": None,
        }
    ]
    assert selectors.ad1_rows(selectors.ReturnYear.ending(2021)) == []
    assert selectors.placed_adoption_rows(selectors.ReturnYear.ending(2021)) == []


def test_adopted_by_foster_carers(matched):
    child = matched.decision.child
    place_for_adoption(child=child, placed_on=PLACED, placement=foster(placement_type="A5"))
    end_looked_after_period(child=child, ended_on=ADOPTED, reason_ceased="E12")
    (row,) = selectors.ad1_rows(selectors.ReturnYear.ending(2020))
    assert row["FOSTER_CARE"] == "1"


def test_placed_adoption_rows_show_a_reversal_in_the_year(decision):
    reverse_adoption_decision(decision=decision, reversed_on=dt.date(2019, 6, 1), reason="RD2")
    (row,) = selectors.placed_adoption_rows(selectors.ReturnYear.ending(2020))
    assert (row["DATE_PLACED_CEASED"], row["REASON_PLACED_CEASED"]) == ("2019-06-01", "RD2")


# --- previous permanence ------------------------------------------------------------------


def test_previous_permanence(looked_after):
    period = looked_after.period
    record = record_previous_permanence(
        period=period, option="P2", la_code="873", order_date=dt.date(2018, 6, 1)
    )
    assert (record.option, record.la_code, record.order_date) == ("P2", "873", dt.date(2018, 6, 1))
    corrected = record_previous_permanence(period=period, option="Z1")
    assert corrected.pk == record.pk
    assert (corrected.option, corrected.la_code, corrected.order_date) == ("Z1", "", None)
    assert selectors.prev_perm_rows(selectors.ReturnYear.ending(2019)) == [
        {
            "CHILD": looked_after.child.la_child_id,
            "DOB": "2018-01-10",
            "PREV_PERM": "Z1",
            "LA_PERM": None,
            "DATE_PERM": None,
        }
    ]
    assert selectors.prev_perm_rows(selectors.ReturnYear.ending(2020)) == []


def test_previous_permanence_checks(looked_after):
    period = looked_after.period
    with refused("la_code") as excinfo:
        record_previous_permanence(period=period, option="Z1", la_code="873")
    assert "635" in message(excinfo, "la_code")
    with refused("order_date"):
        record_previous_permanence(period=period, option="P4", order_date=dt.date(2018, 6, 1))
    with refused("order_date") as excinfo:
        record_previous_permanence(period=period, option="P1", order_date=dt.date(2019, 4, 1))
    assert "632" in message(excinfo, "order_date")
    with refused("order_date"):
        record_previous_permanence(period=period, option="P1", order_date=dt.date(2017, 1, 1))
    with refused("option"):
        record_previous_permanence(period=period, option="P9")
    with refused("la_code"):
        record_previous_permanence(period=period, option="P1", la_code="8 7 3")


def test_the_decision_maker_is_in_post(looked_after, make_worker):
    gone = make_worker(role=WorkerRole.SERVICE_MANAGER, left_on=dt.date(2019, 4, 1))
    with refused("decision_maker"):
        record_adoption_decision(child=looked_after.child, decided_on=DECISION, decision_maker=gone)
