"""Issue 8 in the child's chronology: CAROLE screening to MACE, police PPNs and HRDA.

Records are made through the services (real database); each entry is checked for its
date, title, detail and link. LADO allegations naming the child are never read.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from safeguard.core.timescales import compute_due
from safeguard.exploitation.models_carole import ScreeningQuestion
from safeguard.exploitation.services_carole import (
    PlanAction,
    moderate_risk_assessment,
    record_mace_meeting,
    record_risk_assessment,
    record_screening,
)
from safeguard.frontdoor import services as frontdoor
from safeguard.frontdoor import services_domestic_abuse as domestic_abuse
from safeguard.frontdoor.models_domestic_abuse import HrdaListing
from safeguard.people.chronology import chronology
from safeguard.people.chronology.outside_home import next_review_text
from safeguard.workforce.models import WorkerRole

D = dt.date
SCREENED, ASSESSED, MODERATED = D(2019, 6, 1), D(2019, 6, 3), D(2019, 6, 5)
FIRST_MACE, REVIEW = D(2019, 6, 17), D(2019, 7, 29)


def at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def plan(due: dt.date) -> list[PlanAction]:
    return [
        PlanAction("prepare", "Share the child's photo with police", "Police", due),
        PlanAction("prevent", "Weekly youth work sessions", "Youth service", due),
        PlanAction("protect", "Safety plan with carers", "Social worker", due),
        PlanAction("pursue", "Disruption notice to adult of concern", "Police", due),
    ]


def carole_journey(child) -> None:
    answers = {q: q in {"missing", "gifts"} for q in ScreeningQuestion.values}
    screening = record_screening(
        child=child, screened_on=SCREENED, answers=answers, concerns="Missing, new phone."
    )
    assessment = record_risk_assessment(
        child=child,
        assessed_on=ASSESSED,
        risk_level="moderate",
        indicators=["cce", "missing"],
        screening=screening,
    )
    moderate_risk_assessment(
        assessment=assessment,
        moderated_on=MODERATED,
        police_present=True,
        health_present=True,
        agreed_level="significant",
    )
    record_mace_meeting(
        child=child,
        held_on=FIRST_MACE,
        attendees="Dorset Police\nSocial worker",
        risk_level="significant",
        actions=plan(D(2019, 7, 1)),
        escalate_to_impact_meeting=True,
    )
    record_mace_meeting(
        child=child,
        held_on=REVIEW,
        attendees="Dorset Police\nSocial worker",
        risk_level="moderate",
        actions=plan(D(2019, 8, 12)),
    )


#: A Monday in July 2020; the next HRDA daily meeting is on the Tuesday.
PPN_DAY = D(2020, 7, 6)
HRDA_DAY = D(2020, 7, 7)


@pytest.fixture
def mash_worker(make_worker):
    return make_worker(role=WorkerRole.MASH_OFFICER, first_name="Mo", last_name="Mash")


def ppn_journey(children, worker) -> object:
    """A red PPN about ``children``, consulted to HRDA, discussed with one action."""
    contact = frontdoor.record_contact(
        received_at=at(PPN_DAY, 9),
        source="6",
        channel="police_ppn",
        ppn_rating="red",
        concerns="Domestic abuse incident; children present.",
        children=children,
        consent_asked=False,
        consent_given=False,
        consent_override_reason="Police PPN: risk of significant harm.",
        recorded_by=worker,
    )
    domestic_abuse.record_ppn_consultation(
        contact=contact, consulted_at=at(PPN_DAY, 14), consulted_by=worker, outcome="hrda"
    )
    listing = HrdaListing.objects.get(case__contact=contact)
    domestic_abuse.record_hrda_action(
        listing=listing,
        action="Target hardening at the home",
        agency="Police",
        due_on=D(2020, 7, 14),
        recorded_by=worker,
    )
    domestic_abuse.record_hrda_risk_review(listing=listing, risk_reduced=False, chair=worker)
    return contact


def by_title(events):
    return {event.title: event for event in events}


@pytest.mark.django_db
def test_carole_entries_have_their_dates_details_and_link(child):
    carole_journey(child)
    events = chronology(child, types=["exploitation"])
    assert {event.type for event in events} == {"exploitation"}
    carole = reverse("exploitation:carole", kwargs={"child_id": child.pk})
    assert all(e.url == carole and e.capability == "access.record_casework" for e in events)
    entries = by_title(events)

    screening = entries["CAROLE screening"]
    assert screening.on == SCREENED
    assert screening.detail == "2 concerns: risk assessment needed"

    assessment = entries["Exploitation risk assessment: Moderate risk"]
    assert assessment.on == ASSESSED
    assert (
        assessment.detail == "Child criminal exploitation or county lines, Repeat missing episodes"
    )
    moderated = entries["Exploitation risk assessment moderated"]
    assert moderated.on == MODERATED
    assert moderated.detail == "Agreed level: Significant; police and health present"

    first = entries["First MACE meeting"]
    six_weeks = compute_due("mace_review", FIRST_MACE, risk="significant").due_date
    assert first.on == FIRST_MACE
    assert first.detail == (
        f"Significant risk; next review due by {six_weeks:%-d %b %Y}; 4 plan actions; "
        "escalated to the operational impact meeting"
    )
    review = entries["MACE review"]
    twelve_weeks = compute_due("mace_review", REVIEW, risk="moderate").due_date
    assert review.on == REVIEW
    assert review.detail == (
        f"Moderate risk; next review due by {twelve_weeks:%-d %b %Y}; 4 plan actions"
    )
    assert [e.on for e in events] == [REVIEW, FIRST_MACE, MODERATED, ASSESSED, SCREENED]


@pytest.mark.django_db
def test_an_unmoderated_emerging_risk_and_a_screening_without_concerns(child):
    record_screening(
        child=child,
        screened_on=SCREENED,
        answers={q: False for q in ScreeningQuestion.values},
    )
    record_risk_assessment(
        child=child, assessed_on=ASSESSED, risk_level="emerging", indicators=["online"]
    )
    record_risk_assessment(
        child=child, assessed_on=MODERATED, risk_level="significant", indicators=["cse"]
    )
    entries = {(e.on, e.title): e for e in chronology(child, types=["exploitation"])}
    assert entries[(SCREENED, "CAROLE screening")].detail == "No concerns"
    emerging = entries[(ASSESSED, "Exploitation risk assessment: Emerging risk")]
    assert emerging.detail == "Online grooming or image sharing"  # emerging: no moderation
    significant = entries[(MODERATED, "Exploitation risk assessment: Significant risk")]
    assert significant.detail == "Child sexual exploitation; awaiting moderation"
    assert len(entries) == 3  # no moderation entry before moderation


@pytest.mark.django_db
def test_ppn_and_hrda_entries_for_every_child_in_the_household(make_child, mash_worker):
    first, second, other = make_child(), make_child(), make_child()
    contact = ppn_journey([first, second], mash_worker)
    contact_page = reverse("frontdoor:contact", kwargs={"contact_id": contact.pk})
    meeting = f"{reverse('frontdoor:hrda_meeting')}?date={HRDA_DAY:%Y-%m-%d}&kind=daily"
    for child in (first, second):
        events = chronology(child, types=["domestic_abuse"])
        entries = by_title(events)
        received = entries["Police PPN received"]
        assert (received.on, received.detail, received.url) == (
            PPN_DAY,
            "Red rating",
            contact_page,
        )
        outcome = entries["PPN consultation outcome"]
        assert outcome.on == PPN_DAY and outcome.url == contact_page
        assert outcome.detail == "High risk: list at the HRDA daily meeting (Mo Mash)"
        discussed = entries["Discussed at the HRDA daily meeting"]
        assert (discussed.on, discussed.url) == (HRDA_DAY, meeting)
        assert discussed.capability == "access.make_mash_decision"
        assert discussed.detail == (
            "Risk not reduced. Actions: Police: Target hardening at the home (due 14 Jul 2020)"
        )
        assert {e.type for e in events} == {"domestic_abuse"}
    assert chronology(other) == []


@pytest.mark.django_db
def test_a_ppn_is_not_also_shown_as_a_front_door_contact(child, mash_worker):
    ppn_journey([child], mash_worker)
    assert chronology(child, types=["front_door"]) == []
    titles = [event.title for event in chronology(child)]
    assert titles.count("Police PPN received") == 1 and "Contact received" not in titles


@pytest.mark.django_db
def test_nothing_for_a_child_without_these_records(make_child, mash_worker):
    carole_child, ppn_child, child = make_child(), make_child(), make_child()
    carole_journey(carole_child)
    ppn_journey([ppn_child], mash_worker)
    assert chronology(child, types=["exploitation", "domestic_abuse"]) == []
    assert chronology(child) == []


@pytest.mark.django_db
def test_lado_allegations_naming_the_child_are_never_read(child):
    from safeguard.partnership.services.lado import record_contact as lado_contact

    lado_contact(
        lado_informed_on=D(2024, 3, 4),
        source_agency="education",
        subject_name="Jordan Teacher",
        subject_role="education",
        category="physical",
        summary="A pupil said the teacher grabbed their arm.",
        children=[child],
    )
    with CaptureQueriesContext(connection) as queries:
        events = chronology(child)
    assert events == []
    assert not any("partnership" in query["sql"] for query in queries.captured_queries)


@pytest.mark.django_db
def test_the_chronology_page_links_entries_for_the_roles_that_may_follow_them(client):
    from safeguard.access.testing.login import sign_in
    from safeguard.access.testing.world import build_world

    world = build_world()

    def page_for(child) -> tuple[str, str]:
        carole_journey(child)
        carole = reverse("exploitation:carole", kwargs={"child_id": child.pk})
        return reverse("people:child_chronology", kwargs={"child_id": child.pk}), carole

    page, carole = page_for(world.child_allocated)
    sign_in(client, world.users["social_worker"])
    response = client.get(page)
    assert response.status_code == 200
    assert f'<a class="govuk-link" href="{carole}">First MACE meeting</a>' in response.text

    page, carole = page_for(world.child_conference)  # a role without casework
    sign_in(client, world.users["conference_support"])
    response = client.get(page)
    assert response.status_code == 200
    assert "First MACE meeting" in response.text and carole not in response.text


@given(
    held_on=st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31)),
    level=st.sampled_from(["significant", "moderate", "emerging"]),
)
def test_the_next_review_follows_the_registry(held_on, level):
    text = next_review_text(level, held_on)
    if level == "emerging":
        assert text == "no further MACE review (emerging risk)"
    else:
        due = compute_due("mace_review", held_on, risk=level).due_date
        assert text == f"next review due by {due:%-d %b %Y}"
        assert due > held_on
