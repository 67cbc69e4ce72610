"""The generated OC2 answers: one record per child of each year's cohort, the OC2 rules met.

Issue 7: the demo authority's SSDA903 OC2 must pass every rule. The answers are stored
(``OutcomesRecord``) for the children looked after for 12 months at 31 March, and an SDQ
is in the year for every child of SDQ age in the cohort (rule 186).
"""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.care import selectors
from safeguard.care.models import (
    HealthAssessment,
    HealthAssessmentKind,
    LookedAfterEpisode,
    OutcomesRecord,
    PeriodOfCare,
)
from safeguard.care.selectors import ReturnYear
from safeguard.core.calendar import age_on, birthday
from safeguard.people.models import Person
from safeguard.returns.rules.registry import rules, validate
from safeguard.returns.ssda903.export import ssda903_tables
from safeguard.synth.checker import RULES, Check
from safeguard.synth.context import GenerationSettings
from safeguard.synth.generate import generate_authority
from safeguard.synth.journeys.care_outcomes import collection_years

END = dt.date(2026, 3, 31)
SETTINGS = GenerationSettings(
    scale=0.08, years=3, seed=7, end=END, la_code="886", la_name="Test Shire"
)
YEARS = collection_years(SETTINGS.start, SETTINGS.end)


def _flush_keeping(seeded: str) -> None:
    """Empty the database, then put back what migrations seeded (later tests need it)."""
    from django.core.management import call_command
    from django.db import connection

    call_command("flush", interactive=False, verbosity=0)
    connection.creation.deserialize_db_from_string(seeded)


@pytest.fixture(scope="module")
def authority(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import connection

        seeded = connection.creation.serialize_db_to_string()
        _flush_keeping(seeded)
        yield generate_authority(SETTINGS)
        _flush_keeping(seeded)


def _cohort(year: ReturnYear) -> set[object]:
    candidates = Person.objects.filter(
        id__in=PeriodOfCare.objects.filter(started_on__lte=year.start).values("child_id")
    )
    return {c.id for c in candidates if selectors.continuous_period(c, year) is not None}


def _dob(record: OutcomesRecord) -> dt.date:
    dob = record.child.date_of_birth
    assert dob is not None
    return dob


def test_collection_years_are_the_years_to_31_march_inside_the_history() -> None:
    assert [y.end.year for y in collection_years(dt.date(2022, 4, 1), END)] == [
        2023,
        2024,
        2025,
        2026,
    ]
    assert [y.end.year for y in collection_years(dt.date(2022, 3, 31), dt.date(2024, 3, 30))] == [
        2022,
        2023,
    ]


def _misplaced(today: dt.date) -> dict[str, list[str]]:
    """The LA-OC2-ANSWERS violations, by record id."""
    found: dict[str, list[str]] = {}
    for v in RULES["LA-OC2-ANSWERS"][1](Check(today=today)):
        found.setdefault(v.record_id, []).append(v.message)
    return found


@pytest.mark.django_db
def test_the_checker_names_answers_the_service_would_refuse(make_child) -> None:
    child = make_child(date_of_birth=dt.date(2016, 6, 1))
    period = PeriodOfCare.objects.create(child=child, started_on=dt.date(2022, 5, 3))
    LookedAfterEpisode.objects.create(
        child=child,
        period=period,
        started_on=dt.date(2022, 5, 3),
        reason_new_episode="S",
        legal_status="C2",
        category_of_need="N1",
        placement_type="U1",
        placement_provider="PR1",
    )
    answers = {"immunisations_up_to_date": True, "substance_misuse": False}
    good = OutcomesRecord.objects.create(
        child=child, year_ending=dt.date(2024, 3, 31), convicted=None, **answers
    )
    # Not looked after from 1 April 2022; convictions asked of a 6-year-old.
    early = OutcomesRecord.objects.create(
        child=child, year_ending=dt.date(2023, 3, 31), convicted=False, **answers
    )
    found = _misplaced(dt.date(2024, 4, 2))
    assert str(good.pk) not in found
    assert len(found[str(early.pk)]) == 2, found


@pytest.mark.django_db
def test_every_child_in_a_years_oc2_cohort_has_one_record_and_no_one_else(authority) -> None:
    assert len(YEARS) == 3
    for year in YEARS:
        cohort = _cohort(year)
        assert cohort, year
        held = list(
            OutcomesRecord.objects.filter(year_ending=year.end).values_list("child_id", flat=True)
        )
        assert len(held) == len(set(held)), year
        assert set(held) == cohort, year


@pytest.mark.django_db
def test_answers_are_asked_only_of_the_children_they_are_for(authority) -> None:
    """As ``care.services.record_outcomes`` insists (542-547, 158-159, 192-193)."""
    records = list(OutcomesRecord.objects.select_related("child"))
    assert records
    ages = {r.pk: age_on(_dob(r), r.year_ending) for r in records}
    for r in records:
        age = ages[r.pk]
        assert (r.convicted is None) == (age < 10), r
        assert (r.health_check_up_to_date is None) == (age >= 5), r
        assert r.immunisations_up_to_date is not None and r.substance_misuse is not None, r
        assert (r.intervention_received is None) == (not r.substance_misuse), r
        assert (r.intervention_offered is None) == (r.intervention_received is not False), r
        assert r.sdq_reason in {"", "SDQ1"}, r
    teenagers = [r for r in records if ages[r.pk] >= 13]
    assert not any(r.substance_misuse for r in records if ages[r.pk] < 10)
    # Low rates (DfE: a few per cent), never the whole cohort.
    assert sum(bool(r.convicted) for r in teenagers) < len(teenagers) // 5
    assert sum(bool(r.substance_misuse) for r in records) < len(records) // 10
    assert sum(bool(r.immunisations_up_to_date) for r in records) > len(records) // 2


@pytest.mark.django_db
def test_children_of_sdq_age_have_a_score_in_the_year_and_a_reason_never_beside_one(
    authority,
) -> None:
    for year in YEARS:
        sdqs = set(
            HealthAssessment.objects.filter(
                kind=HealthAssessmentKind.SDQ, assessed_on__range=(year.start, year.end)
            ).values_list("child_id", flat=True)
        )
        for r in OutcomesRecord.objects.filter(year_ending=year.end).select_related("child"):
            dob = _dob(r)
            if birthday(dob, 4) <= year.start and birthday(dob, 17) > year.end:
                assert r.child_id in sdqs, (year, r)
            if r.sdq_reason:
                assert r.child_id not in sdqs, (year, r)


@pytest.mark.django_db
def test_the_checker_finds_no_misplaced_answers(authority) -> None:
    assert _misplaced(END + dt.timedelta(days=2)) == {}


@pytest.mark.django_db
def test_the_oc2_rules_pass_in_every_year(authority) -> None:
    codes = [r.code for r in rules("ssda903") if {"OC2", "OC2s"} & set(r.tables)]
    assert {"182", "186", "191", "197B", "543", "545"} <= set(codes)
    for year in YEARS:
        data = ssda903_tables(year.end.year)
        assert data.tables["OC2"].height, year
        report = validate(data, codes)
        assert report.is_empty(), (year, report.group_by("code").len().to_dicts())
