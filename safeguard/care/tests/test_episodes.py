"""Periods of care and SSDA903 episodes: starting, moving, legal status, leaving care."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from safeguard.care import selectors
from safeguard.care.models import LookedAfterEpisode, PeriodOfCare
from safeguard.care.services import (
    change_legal_status,
    change_placement,
    end_looked_after_period,
)
from safeguard.care.tests.helpers import (
    START,
    childrens_home,
    foster,
    message,
    refused,
    start_care,
)
from safeguard.cin.services import open_referral
from safeguard.core import clock

pytestmark = pytest.mark.django_db

MOVED = dt.date(2019, 6, 3)
LEGAL = dt.date(2019, 9, 2)


@pytest.fixture
def looked_after(child):
    return start_care(child)


# --- start_looked_after_episode -----------------------------------------------------------


def test_start_opens_a_period_and_its_first_episode(child):
    episode = start_care(child)
    stored = LookedAfterEpisode.objects.get(pk=episode.pk)
    assert stored.reason_new_episode == "S"
    assert stored.started_on == START
    assert (stored.legal_status, stored.placement_type, stored.placement_provider) == (
        "C1",
        "U6",
        "PR1",
    )
    assert stored.placement_postcode == "BH1 1AA"  # normalised
    assert stored.distance_miles == Decimal("4.5")
    assert stored.provision == "in-house"
    assert stored.is_out_of_area is False
    assert stored.period.started_on == START
    assert stored.period.ended_on is None
    assert selectors.current_episode(child) == stored
    assert selectors.is_looked_after(child, START)
    assert not selectors.is_looked_after(child, START - dt.timedelta(days=1))


def test_category_of_need_defaults_to_the_open_cin_episode(child):
    open_referral(
        child=child, referral_date=dt.date(2019, 1, 7), referral_source="2A", primary_need="N2"
    )
    episode = start_care(child, category_of_need="")
    assert episode.category_of_need == "N2"


def test_category_of_need_is_required(child):
    with refused("category_of_need"):
        start_care(child, category_of_need="")
    with refused("category_of_need"):
        start_care(child, category_of_need="N9")


def test_start_not_in_the_future(child):
    with refused("started_on"):
        start_care(child, started_on=clock.today() + dt.timedelta(days=1))


def test_start_not_before_birth(make_child):
    baby = make_child(date_of_birth=dt.date(2019, 3, 10))
    with refused("started_on") as excinfo:
        start_care(baby)
    assert "302" in message(excinfo, "started_on")
    assert start_care(baby, started_on=dt.date(2019, 3, 10)).started_on == dt.date(2019, 3, 10)


def test_start_needs_a_date_of_birth(make_child):
    unborn = make_child(date_of_birth=None, expected_date_of_birth=dt.date(2019, 6, 1))
    with refused("started_on"):
        start_care(unborn)


def test_start_not_at_18(make_child):
    adult = make_child(date_of_birth=dt.date(2001, 3, 4))
    with refused("started_on") as excinfo:
        start_care(adult)
    assert "352" in message(excinfo, "started_on")
    start_care(adult, started_on=dt.date(2019, 3, 3))


def test_start_not_after_death(make_child):
    died = make_child(date_of_death=dt.date(2019, 3, 1))
    with refused("started_on"):
        start_care(died)


def test_a_child_already_looked_after_cannot_start_again(looked_after):
    with refused("child"):
        start_care(looked_after.child, started_on=dt.date(2019, 4, 1))


def test_periods_of_care_do_not_overlap_or_touch(looked_after):
    child = looked_after.child
    end_looked_after_period(child=child, ended_on=MOVED, reason_ceased="E4A")
    with refused("started_on"):
        start_care(child, started_on=dt.date(2019, 5, 1))
    with refused("started_on") as excinfo:
        start_care(child, started_on=MOVED)
    assert "431" in message(excinfo, "started_on")
    with refused("started_on"):
        start_care(child, started_on=dt.date(2019, 1, 1))
    again = start_care(child, started_on=MOVED + dt.timedelta(days=1))
    assert again.reason_new_episode == "S"
    assert PeriodOfCare.objects.filter(child=child).count() == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"legal_status": "C9"}, "legal_status"),
        ({"placement": foster(placement_type="U9")}, "placement_type"),
        ({"placement": foster(provider="PR9")}, "placement_provider"),
        ({"placement": foster(provider="")}, "placement_provider"),
    ],
)
def test_codes_must_be_valid(child, overrides, field):
    with refused(field):
        start_care(child, **overrides)


def test_a_period_cannot_start_in_a_temporary_placement(child):
    with refused("placement_type") as excinfo:
        start_care(child, placement=foster(placement_type="T4", provider=""))
    assert "380" in message(excinfo, "placement_type")


@pytest.mark.parametrize(
    ("placement", "rule"),
    [
        (foster(provider="PR0"), "550"),
        (foster(placement_type="P1", provider="PR1", postcode="BH2 2BB"), "550"),
        (foster(provider="PR3"), "529"),
        (foster(placement_type="R2", provider="PR1"), "527"),
    ],
)
def test_provider_must_fit_the_placement(child, placement, rule):
    with refused("placement_provider") as excinfo:
        start_care(child, placement=placement)
    assert rule in message(excinfo, "placement_provider")


def test_placed_with_parents(child):
    at_home = foster(placement_type="P1", provider="PR0", postcode="BH2 2BB", distance_miles=0)
    with refused("legal_status") as excinfo:
        start_care(child, legal_status="V2", placement=at_home)
    assert "378" in message(excinfo, "legal_status")
    episode = start_care(child, legal_status="C2", placement=at_home)
    assert episode.provision == "parents"
    assert episode.home_postcode == episode.placement_postcode


def test_home_and_placement_postcodes_differ_unless_placed_with_parents(child):
    with refused("placement_postcode") as excinfo:
        start_care(child, home_postcode="BH1 1AA")
    assert "392d" in message(excinfo, "placement_postcode")


def test_postcodes_must_be_valid(child):
    with refused("placement_postcode"):
        start_care(child, placement=foster(postcode="not a postcode"))
    with refused("home_postcode"):
        start_care(child, home_postcode="12345")


def test_short_breaks_record_no_placement_location(child):
    with refused("placement_postcode"):
        start_care(child, legal_status="V3")
    respite = foster(postcode="", distance_miles=None)
    with refused("placement_type") as excinfo:
        start_care(
            child,
            legal_status="V3",
            placement=foster(placement_type="U4", postcode="", distance_miles=None),
        )
    assert "384" in message(excinfo, "placement_type")
    with refused("distance_miles"):
        start_care(child, legal_status="V4", placement=foster(postcode="", distance_miles=1))
    assert start_care(child, legal_status="V3", placement=respite).legal_status == "V3"


def test_placement_and_legal_status_minimum_ages(child):
    with refused("placement_type") as excinfo:
        start_care(child, placement=foster(placement_type="H5", provider="PR4"))
    assert "371" in message(excinfo, "placement_type")
    with refused("legal_status") as excinfo:
        start_care(child, legal_status="J1")
    assert "358" in message(excinfo, "legal_status")


def test_a_placement_order_needs_the_adoption_decision(child):
    with refused("legal_status"):
        start_care(child, legal_status="E1")


def test_distance(child, make_child):
    with refused("distance_miles") as excinfo:
        start_care(child, placement=foster(distance_miles=Decimal("1000.0")))
    assert "164" in message(excinfo, "distance_miles")
    uasc = make_child(is_uasc=True)
    with refused("distance_miles") as excinfo:
        start_care(uasc)
    assert "406" in message(excinfo, "distance_miles")
    assert start_care(uasc, placement=foster(distance_miles=None)).distance_miles is None


def test_urn_must_be_an_ofsted_urn(child):
    with refused("urn"):
        start_care(child, placement=childrens_home(urn="HOME1"))
    assert start_care(child, placement=childrens_home()).urn == "SC123456"


def test_urn_xxxxxxx_stands_for_a_provider_with_no_urn(make_child):
    # The DfE's code for an unregistered setting (SSDA903 URN "XXXXXXX").
    episode = start_care(make_child(), placement=childrens_home(urn="xxxxxxx"))
    assert episode.urn == "XXXXXXX"


# --- change_placement ---------------------------------------------------------------------


def test_change_placement_closes_with_x1_and_opens_the_next_the_same_day(looked_after):
    child = looked_after.child
    new = change_placement(
        child=child,
        changed_on=MOVED,
        placement=childrens_home(),
        reason_placement_change="CREQB",
    )
    old = LookedAfterEpisode.objects.get(pk=looked_after.pk)
    assert (old.ended_on, old.reason_ceased, old.reason_placement_change) == (
        MOVED,
        "X1",
        "CREQB",
    )
    assert new.started_on == MOVED
    assert new.reason_new_episode == "P"
    assert new.legal_status == "C1"
    assert new.category_of_need == "N1"
    assert new.home_postcode == "BH2 2BB"
    assert new.period_id == old.period_id
    assert new.provision == "external"
    assert new.is_out_of_area is True
    assert selectors.episode_on(child, MOVED) == new
    assert selectors.episode_on(child, MOVED - dt.timedelta(days=1)) == old
    assert selectors.placement_ended_on(old) == MOVED


@pytest.mark.parametrize(
    ("legal_status", "same_carers", "rne"),
    [("", True, "T"), ("C2", False, "B"), ("C2", True, "U"), ("C1", False, "P")],
)
def test_rne_follows_what_changed(looked_after, legal_status, same_carers, rne):
    new = change_placement(
        child=looked_after.child,
        changed_on=MOVED,
        placement=foster(placement_type="U4"),
        reason_placement_change="CARPL",
        same_carers=same_carers,
        legal_status=legal_status,
    )
    assert new.reason_new_episode == rne
    assert new.legal_status == (legal_status or "C1")


def test_a_placement_change_needs_a_reason(looked_after):
    kwargs = {"child": looked_after.child, "changed_on": MOVED, "placement": childrens_home()}
    with refused("reason_placement_change") as excinfo:
        change_placement(**kwargs)
    assert "225" in message(excinfo, "reason_placement_change")
    with refused("reason_placement_change"):
        change_placement(**kwargs, reason_placement_change="BORED")


def test_temporary_placements_have_no_reason_and_no_provider(looked_after):
    child = looked_after.child
    holiday = foster(placement_type="T3", provider="", postcode="", distance_miles=None)
    with refused("reason_placement_change") as excinfo:
        change_placement(
            child=child, changed_on=MOVED, placement=holiday, reason_placement_change="OTHER"
        )
    assert "226" in message(excinfo, "reason_placement_change")
    with refused("placement_provider"):
        change_placement(child=child, changed_on=MOVED, placement=foster(placement_type="T3"))
    temporary = change_placement(child=child, changed_on=MOVED, placement=holiday)
    assert temporary.placement_provider == ""
    back = change_placement(
        child=child, changed_on=dt.date(2019, 6, 17), placement=foster(), same_carers=True
    )
    assert back.reason_new_episode == "T"
    assert LookedAfterEpisode.objects.get(pk=temporary.pk).reason_placement_change == ""


def test_change_placement_needs_a_looked_after_child(child):
    with refused("child"):
        change_placement(
            child=child, changed_on=MOVED, placement=foster(), reason_placement_change="CARPL"
        )


@pytest.mark.parametrize(
    "changed_on", [START, START - dt.timedelta(days=1), "future"], ids=["same", "before", "future"]
)
def test_change_date_is_after_the_episode_began_and_not_in_the_future(looked_after, changed_on):
    if changed_on == "future":
        changed_on = clock.today() + dt.timedelta(days=1)
    with refused("changed_on"):
        change_placement(
            child=looked_after.child,
            changed_on=changed_on,
            placement=childrens_home(),
            reason_placement_change="CARPL",
        )


def test_placement_for_adoption_with_current_carers_keeps_the_carers(looked_after):
    with refused("placement_type") as excinfo:
        change_placement(
            child=looked_after.child,
            changed_on=MOVED,
            placement=foster(placement_type="A3"),
            reason_placement_change="CARPL",
        )
    assert "217" in message(excinfo, "placement_type")


# --- change_legal_status ------------------------------------------------------------------


def test_change_legal_status_opens_an_l_episode_in_the_same_placement(looked_after):
    new = change_legal_status(child=looked_after.child, changed_on=LEGAL, legal_status="C2")
    old = LookedAfterEpisode.objects.get(pk=looked_after.pk)
    assert (old.ended_on, old.reason_ceased, old.reason_placement_change) == (LEGAL, "X1", "")
    assert new.reason_new_episode == "L"
    assert new.legal_status == "C2"
    assert (new.placement_type, new.placement_provider, new.placement_postcode) == (
        old.placement_type,
        old.placement_provider,
        old.placement_postcode,
    )
    assert new.carer_name == old.carer_name
    assert selectors.placement_ended_on(old) is None


def test_legal_status_must_change(looked_after):
    with refused("legal_status") as excinfo:
        change_legal_status(child=looked_after.child, changed_on=LEGAL, legal_status="C1")
    assert "434" in message(excinfo, "legal_status")
    with refused("legal_status"):
        change_legal_status(child=looked_after.child, changed_on=LEGAL, legal_status="ZZ")


def test_change_legal_status_needs_a_looked_after_child(child):
    with refused("child"):
        change_legal_status(child=child, changed_on=LEGAL, legal_status="C2")


def test_change_legal_status_checks_the_new_combination(child):
    at_home = foster(placement_type="P1", provider="PR0", postcode="BH2 2BB", distance_miles=0)
    start_care(child, legal_status="C2", placement=at_home)
    with refused("legal_status"):
        change_legal_status(child=child, changed_on=LEGAL, legal_status="V2")
    with refused("changed_on"):
        change_legal_status(child=child, changed_on=START, legal_status="C1")


# --- end_looked_after_period --------------------------------------------------------------


def test_end_closes_the_last_episode_and_the_period(looked_after):
    child = looked_after.child
    period = end_looked_after_period(child=child, ended_on=MOVED, reason_ceased="E4A")
    episode = LookedAfterEpisode.objects.get(pk=looked_after.pk)
    assert (episode.ended_on, episode.reason_ceased) == (MOVED, "E4A")
    assert period.ended_on == MOVED
    assert PeriodOfCare.objects.get(pk=period.pk).ended_on == MOVED
    assert selectors.current_episode(child) is None
    assert selectors.is_looked_after(child, MOVED)
    assert not selectors.is_looked_after(child, MOVED + dt.timedelta(days=1))


def test_end_reason_is_not_x1_and_is_valid(looked_after):
    with refused("reason_ceased") as excinfo:
        end_looked_after_period(child=looked_after.child, ended_on=MOVED, reason_ceased="X1")
    assert "388" in message(excinfo, "reason_ceased")
    with refused("reason_ceased"):
        end_looked_after_period(child=looked_after.child, ended_on=MOVED, reason_ceased="E99")


def test_end_date_is_after_the_episode_began(looked_after):
    with refused("ended_on") as excinfo:
        end_looked_after_period(child=looked_after.child, ended_on=START, reason_ceased="E4A")
    assert "355" in message(excinfo, "ended_on")
    with refused("ended_on"):
        end_looked_after_period(
            child=looked_after.child,
            ended_on=clock.today() + dt.timedelta(days=1),
            reason_ceased="E4A",
        )


def test_end_needs_a_looked_after_child(child):
    with refused("child"):
        end_looked_after_period(child=child, ended_on=MOVED, reason_ceased="E4A")


def test_a_period_cannot_end_in_a_temporary_placement(looked_after):
    child = looked_after.child
    change_placement(
        child=child,
        changed_on=MOVED,
        placement=foster(placement_type="T1", provider="", postcode="", distance_miles=None),
    )
    with refused("child") as excinfo:
        end_looked_after_period(child=child, ended_on=dt.date(2019, 6, 10), reason_ceased="E4A")
    assert "381" in message(excinfo, "child")


@pytest.mark.parametrize(
    ("reason", "rule"),
    [("E17", "460"), ("E5", "387"), ("E7", "389"), ("E11", "390"), ("E45", "516")],
)
def test_end_reasons_that_do_not_fit_the_child(child, reason, rule):
    start_care(child, placement=childrens_home())  # aged 6, in a children's home
    with refused("reason_ceased") as excinfo:
        end_looked_after_period(child=child, ended_on=MOVED, reason_ceased=reason)
    assert rule in message(excinfo, "reason_ceased")


def test_staying_put_at_18(make_child):
    young_person = make_child(date_of_birth=dt.date(2001, 6, 3))
    start_care(young_person)
    with refused("reason_ceased"):
        end_looked_after_period(
            child=young_person, ended_on=dt.date(2019, 6, 2), reason_ceased="E17"
        )
    period = end_looked_after_period(child=young_person, ended_on=MOVED, reason_ceased="E17")
    assert period.ended_on == MOVED


def test_special_guardianship_to_foster_carers(looked_after):
    end_looked_after_period(child=looked_after.child, ended_on=MOVED, reason_ceased="E46")
    assert selectors.last_episode(looked_after.period).reason_ceased == "E46"


def test_died_in_care_ends_on_the_date_of_death(looked_after):
    child = looked_after.child
    with refused("reason_ceased"):
        end_looked_after_period(child=child, ended_on=MOVED, reason_ceased="E2")
    child.date_of_death = MOVED
    child.save()
    with refused("ended_on"):
        end_looked_after_period(child=child, ended_on=dt.date(2019, 6, 4), reason_ceased="E2")
    end_looked_after_period(child=child, ended_on=MOVED, reason_ceased="E2")


# --- the SSDA903 Episodes projection ------------------------------------------------------


def test_episode_rows_are_contiguous_with_x1_joins(looked_after, make_child):
    child = looked_after.child
    change_placement(
        child=child, changed_on=MOVED, placement=childrens_home(), reason_placement_change="CHILD"
    )
    change_legal_status(child=child, changed_on=LEGAL, legal_status="C2")
    end_looked_after_period(child=child, ended_on=dt.date(2020, 2, 3), reason_ceased="E4A")
    start_care(child, started_on=dt.date(2020, 5, 4), legal_status="V2")
    start_care(make_child(), started_on=dt.date(2019, 5, 1))

    rows = selectors.episode_rows(children=[child])
    assert [r["RNE"] for r in rows] == ["S", "P", "L", "S"]
    assert [r["REC"] for r in rows] == ["X1", "X1", "E4A", None]
    for row, following in itertools.pairwise(rows):
        if row["REC"] == "X1":
            assert row["DEC"] == following["DECOM"]
            assert following["RNE"] != "S"
        else:
            assert following["RNE"] == "S"
            assert following["DECOM"] > row["DEC"]
    assert rows[0] == {
        "CHILD": child.la_child_id,
        "DECOM": "2019-03-04",
        "RNE": "S",
        "LS": "C1",
        "CIN": "N1",
        "PLACE": "U6",
        "PLACE_PROVIDER": "PR1",
        "DEC": "2019-06-03",
        "REC": "X1",
        "REASON_PLACE_CHANGE": "CHILD",
        "HOME_POST": "BH2 2BB",
        "PL_POST": "BH1 1AA",
        "URN": None,
    }
    assert rows[1]["URN"] == "SC123456"
    assert rows[2]["REASON_PLACE_CHANGE"] is None
    assert len(selectors.episode_rows()) == 5


def test_episode_rows_for_a_year(looked_after):
    child = looked_after.child
    change_placement(
        child=child, changed_on=MOVED, placement=childrens_home(), reason_placement_change="CHILD"
    )
    year_2019 = selectors.ReturnYear.ending(2019)  # 1 April 2018 to 31 March 2019
    rows = selectors.episode_rows(year=year_2019)
    assert len(rows) == 1
    assert rows[0]["DECOM"] == "2019-03-04"
    assert rows[0]["DEC"] is None and rows[0]["REC"] is None  # open at 31 March
    assert rows[0]["REASON_PLACE_CHANGE"] is None
    rows = selectors.episode_rows(year=selectors.ReturnYear.ending(2020))
    assert [r["RNE"] for r in rows] == ["S", "P"]
    assert rows[0]["DEC"] == "2019-06-03"
    assert selectors.episode_rows(year=selectors.ReturnYear.ending(2018)) == []


def test_freeing_and_placement_orders_follow_the_adoption_act(child, make_child):
    with refused("legal_status") as excinfo:
        start_care(child, legal_status="D1")
    assert "445" in message(excinfo, "legal_status")
    older = make_child(date_of_birth=dt.date(2000, 2, 1))
    with refused("legal_status") as excinfo:
        start_care(older, started_on=dt.date(2005, 1, 10), legal_status="E1")
    assert "446" in message(excinfo, "legal_status")


def test_placement_authority_code(child):
    with refused("placement_la_code"):
        start_care(child, placement=foster(la_code="not a code"))
    assert start_care(child, placement=foster(la_code=" 852 ")).placement_la_code == "852"


def test_special_guardianship_is_for_under_18s(make_child):
    young_person = make_child(date_of_birth=dt.date(2001, 6, 3))
    start_care(young_person)
    with refused("reason_ceased") as excinfo:
        end_looked_after_period(child=young_person, ended_on=MOVED, reason_ceased="E45")
    assert "407" in message(excinfo, "reason_ceased")


def test_no_change_after_death(looked_after):
    child = looked_after.child
    child.date_of_death = dt.date(2019, 5, 1)
    child.save()
    with refused("changed_on"):
        change_placement(
            child=child,
            changed_on=MOVED,
            placement=childrens_home(),
            reason_placement_change="CARPL",
        )
