"""Children out of school: the services' rules (dates, ages, overlaps, the 45-day limit)."""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeguard.core import calendar
from safeguard.core.exceptions import StaleRecordError
from safeguard.education import rules, selectors, services
from safeguard.education.models import Exclusion, MissingEducationEpisode

pytestmark = pytest.mark.django_db

D = dt.date
DOB = D(2010, 3, 14)  # 13 in 2023
MAY_2 = D(2023, 5, 2)


def message(exc: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    return " ".join(exc.value.message_dict[field])


@pytest.fixture
def pupil(make_child):
    return make_child(date_of_birth=DOB)


def cme(child, on=MAY_2, **kw):
    values = {"reported_by": "school", "reason": "removed_from_roll", **kw}
    return services.record_missing_education(child=child, reported_on=on, **values)


def suspend(child, on=MAY_2, days="2", **kw):
    values = {"school_name": "Dorset High", "reason": "persistent_disruptive", **kw}
    return services.record_exclusion(
        child=child, kind="suspension", excluded_on=on, days=Decimal(days), **values
    )


def exclude(child, on=MAY_2, **kw):
    values = {"school_name": "Dorset High", "reason": "drug_alcohol", **kw}
    return services.record_exclusion(child=child, kind="permanent", excluded_on=on, **values)


# -- missing education --------------------------------------------------------------------


def test_record_and_close_an_episode(pupil):
    episode = cme(pupil, reporter_name="Dorset High")
    assert episode.is_open and selectors.open_missing_education(pupil) == episode
    closed = services.close_missing_education(
        episode=episode, ended_on=D(2023, 6, 1), outcome="back_on_roll", expected_version=1
    )
    assert closed.ended_on == D(2023, 6, 1) and closed.outcome == "back_on_roll"
    assert selectors.open_missing_education(pupil) is None


def test_one_open_episode_at_a_time_and_no_overlap(pupil):
    first = cme(pupil)
    with pytest.raises(ValidationError) as exc:
        cme(pupil, on=D(2023, 5, 10))
    assert "end that episode first" in message(exc, "reported_on")
    services.close_missing_education(episode=first, ended_on=D(2023, 6, 1), outcome="other")
    with pytest.raises(ValidationError) as exc:
        cme(pupil, on=D(2023, 5, 20))
    assert "falls within an earlier episode" in message(exc, "reported_on")
    with pytest.raises(ValidationError) as exc:
        cme(pupil, on=D(2023, 4, 1))
    assert "A later episode" in message(exc, "reported_on")
    cme(pupil, on=D(2023, 6, 1))  # the day the last one ended is free


def test_episode_choices_and_age(make_child, pupil):
    with pytest.raises(ValidationError) as exc:
        cme(pupil, reason="bored")
    assert "Select why" in message(exc, "reason")
    with pytest.raises(ValidationError) as exc:
        cme(pupil, reported_by="rumour")
    assert "Select who reported it" in message(exc, "reported_by")
    toddler = make_child(date_of_birth=D(2020, 1, 1))
    with pytest.raises(ValidationError) as exc:
        cme(toddler)
    assert "aged 5 to 16" in message(exc, "reported_on")


def test_close_refuses_an_end_before_the_report_a_second_end_and_a_stale_copy(pupil):
    episode = cme(pupil)
    with pytest.raises(ValidationError) as exc:
        services.close_missing_education(episode=episode, ended_on=D(2023, 5, 1), outcome="other")
    assert "cannot be before the date it was reported" in message(exc, "ended_on")
    with pytest.raises(StaleRecordError):
        services.close_missing_education(
            episode=episode, ended_on=D(2023, 6, 1), outcome="other", expected_version=9
        )
    services.close_missing_education(episode=episode, ended_on=D(2023, 6, 1), outcome="other")
    with pytest.raises(ValidationError) as exc:
        services.close_missing_education(episode=episode, ended_on=D(2023, 7, 1), outcome="other")
    assert "already ended" in message(exc, "ended_on")


# -- exclusions ---------------------------------------------------------------------------


def test_a_suspension_has_days_and_a_last_day(pupil):
    suspension = suspend(pupil, on=D(2023, 5, 5), days="2.5")  # Friday
    # Friday, then Tuesday and Wednesday (Monday 8 May 2023 was a bank holiday).
    assert suspension.ends_on == D(2023, 5, 10)
    assert suspension.days == Decimal("2.5")


def test_suspension_days_rules(pupil):
    with pytest.raises(ValidationError) as exc:
        services.record_exclusion(
            child=pupil,
            kind="suspension",
            school_name="X",
            excluded_on=D(2023, 5, 2),
            reason="theft",
        )
    assert "number of school days" in message(exc, "days")
    with pytest.raises(ValidationError) as exc:
        suspend(pupil, days="1.25")
    assert "half days" in message(exc, "days")
    suspend(pupil, on=D(2023, 1, 9), days="40")
    with pytest.raises(ValidationError) as exc:
        suspend(pupil, on=D(2023, 5, 2), days="5.5")
    assert "at most 45" in message(exc, "days")
    suspend(pupil, on=D(2023, 5, 2), days="5")  # exactly 45
    suspend(pupil, on=D(2023, 9, 4), days="5")  # a new school year


def test_permanent_exclusion_rules(pupil):
    with pytest.raises(ValidationError) as exc:
        services.record_exclusion(
            child=pupil,
            kind="permanent",
            school_name="X",
            excluded_on=D(2023, 5, 2),
            reason="theft",
            days=Decimal(3),
        )
    assert "leave it blank" in message(exc, "days")
    first = exclude(pupil)
    with pytest.raises(ValidationError) as exc:
        exclude(pupil, on=D(2023, 6, 5))
    assert "already has a permanent exclusion in force" in message(exc, "kind")
    services.record_reintegration(exclusion=first, reintegrated_on=D(2023, 6, 1))
    exclude(pupil, on=D(2023, 6, 5))


def test_exclusion_dates_age_and_reason(make_child, pupil):
    with pytest.raises(ValidationError) as exc:
        suspend(pupil, on=D(2023, 5, 6))  # Saturday
    assert "must be a school day" in message(exc, "excluded_on")
    with pytest.raises(ValidationError) as exc:
        suspend(pupil, reason="cheek")
    assert "Select the reason" in message(exc, "reason")
    with pytest.raises(ValidationError) as exc:
        suspend(pupil, school_name="  ")
    assert "School name is required" in message(exc, "school_name")
    infant = make_child(date_of_birth=D(2020, 1, 1))
    with pytest.raises(ValidationError) as exc:
        suspend(infant)
    assert "aged 4 to 18" in message(exc, "excluded_on")
    with pytest.raises(ValidationError) as exc:
        suspend(pupil, on=D(2099, 5, 4))
    assert "cannot be in the future" in message(exc, "excluded_on")


def test_lift_and_reintegrate(pupil):
    permanent = exclude(pupil)
    with pytest.raises(ValidationError) as exc:
        services.lift_exclusion(exclusion=permanent, lifted_on=D(2023, 5, 1))
    assert "cannot be before the first day" in message(exc, "lifted_on")
    lifted = services.lift_exclusion(exclusion=permanent, lifted_on=D(2023, 5, 20))
    assert lifted.lifted and lifted.lifted_on == D(2023, 5, 20)
    with pytest.raises(ValidationError):
        services.lift_exclusion(exclusion=permanent, lifted_on=D(2023, 5, 21))
    with pytest.raises(ValidationError) as exc:
        services.record_reintegration(exclusion=permanent, reintegrated_on=D(2023, 6, 1))
    assert "was lifted" in message(exc, "reintegrated_on")
    suspension = suspend(pupil, on=D(2023, 6, 5))
    with pytest.raises(ValidationError) as exc:
        services.record_reintegration(exclusion=suspension, reintegrated_on=D(2023, 6, 9))
    assert "only after a permanent exclusion" in message(exc, "reintegrated_on")


# -- part-time timetables -----------------------------------------------------------------


def test_timetables_do_not_overlap(pupil):
    first = services.record_part_time_timetable(
        child=pupil, school_name="Dorset High", started_on=D(2023, 1, 9), hours_per_week=Decimal(10)
    )
    with pytest.raises(ValidationError) as exc:
        services.record_part_time_timetable(
            child=pupil, school_name="Dorset High", started_on=D(2023, 2, 1)
        )
    assert "would overlap" in message(exc, "started_on")
    services.end_part_time_timetable(timetable=first, ended_on=D(2023, 3, 1))
    services.record_part_time_timetable(
        child=pupil, school_name="Dorset High", started_on=D(2023, 3, 2)
    )
    with pytest.raises(ValidationError) as exc:
        services.record_part_time_timetable(
            child=pupil, school_name="X", started_on=D(2023, 1, 1), hours_per_week=Decimal(40)
        )
    assert "full school week" in message(exc, "hours_per_week")


# -- out of school on a day ---------------------------------------------------------------


def test_out_of_school_on_a_day(pupil):
    suspension = suspend(pupil, on=D(2023, 5, 2), days="2")  # 2 and 3 May
    assert selectors.out_of_school(pupil, D(2023, 5, 3)) is not None
    assert selectors.out_of_school(pupil, D(2023, 5, 4)) is None
    assert suspension in selectors.exclusions_in_force_on(D(2023, 5, 2))
    permanent = exclude(pupil, on=D(2023, 5, 10))
    assert selectors.out_of_school(pupil, D(2023, 7, 1)).since == D(2023, 5, 10)
    services.record_reintegration(exclusion=permanent, reintegrated_on=D(2023, 7, 3))
    assert selectors.out_of_school(pupil, D(2023, 7, 3)) is None
    cme(pupil, on=D(2023, 7, 10))
    found = selectors.out_of_school(pupil, D(2023, 7, 11))
    assert found is not None and found.why.startswith("Missing education")


# -- property tests -----------------------------------------------------------------------

days_of_2023 = st.dates(min_value=D(2022, 9, 1), max_value=D(2024, 7, 20))


@given(days_of_2023, st.integers(min_value=1, max_value=90).map(lambda n: Decimal(n) / 2))
def test_a_suspension_lasts_its_school_days_in_working_days(first, days):
    last = rules.suspension_last_day(first, days)
    assert last >= first
    if calendar.is_working_day(first):
        # ceil(days) working days, from the first to the last, both counted.
        counted = calendar.working_days_between(first, last) + 1
        assert counted == max(1, math.ceil(days))


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 12, 31)))
def test_the_school_year_holds_the_day_and_runs_september_to_august(day):
    first, last = rules.school_year_of(day)
    assert first <= day <= last
    assert (first.month, first.day, last.month, last.day) == (9, 1, 8, 31)
    assert last.year == first.year + 1


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reported=days_of_2023, length=st.integers(min_value=-30, max_value=200))
def test_an_episode_never_ends_before_it_was_reported(pupil, reported, length):
    MissingEducationEpisode.objects.filter(child=pupil).delete()
    episode = cme(pupil, on=reported)
    ended = reported + dt.timedelta(days=length)
    if length < 0:
        with pytest.raises(ValidationError):
            services.close_missing_education(episode=episode, ended_on=ended, outcome="other")
    else:
        closed = services.close_missing_education(episode=episode, ended_on=ended, outcome="other")
        assert closed.ended_on >= closed.reported_on


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=6))
def test_suspensions_in_a_school_year_never_pass_45_days(pupil, lengths):
    Exclusion.objects.filter(child=pupil).delete()
    day = D(2022, 9, 5)
    for length in lengths:
        with contextlib.suppress(ValidationError):
            suspend(pupil, on=day, days=str(length))
        day = calendar.add_working_days(day, 35)
        if day > D(2023, 7, 20):
            break
    assert services.suspension_days_in_school_year(pupil, D(2023, 1, 1)) <= Decimal(45)
