"""The timescale registry: one table test per rule, overrides, windows and explanations."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from safeguard.core.calendar import SchoolCalendar, Term, TermDatesMissingError
from safeguard.core.models import SchoolTerm
from safeguard.core.timescales import (
    REGISTRY,
    Kind,
    TimescaleError,
    UnknownTimescaleError,
    all_rules,
    check_registry,
    compute_due,
    get_rule,
    is_on_time,
    registry_keys,
)

D = dt.date
TERMS = SchoolCalendar.from_terms(
    [
        Term("Autumn 2019/20", D(2019, 9, 4), D(2019, 12, 20), D(2019, 10, 28), D(2019, 11, 1)),
        Term("Spring 2019/20", D(2020, 1, 6), D(2020, 4, 3), D(2020, 2, 17), D(2020, 2, 21)),
        Term("Summer 2019/20", D(2020, 4, 20), D(2020, 7, 22), D(2020, 5, 25), D(2020, 5, 29)),
    ]
)


class Case(NamedTuple):
    key: str
    start: dt.date | dt.datetime
    expected: dt.date | dt.datetime
    context: dict[str, Any]
    mentions: tuple[str, ...] = ()


def case(key, start, expected, mentions=(), **context):
    return Case(key, start, expected, context, tuple(mentions))


CASES = [
    case("referral_decision", D(2019, 4, 18), D(2019, 4, 23), ["19/04/2019 Good Friday"]),
    case("assessment", D(2018, 12, 17), D(2019, 2, 21), ["45 working days", "Boxing Day"]),
    case(
        "icpc",
        D(2018, 12, 17),
        D(2019, 1, 10),
        ["25/12/2018 Christmas Day, 26/12/2018 Boxing Day, 01/01/2019 New Year's Day"],
    ),
    case("icpc", D(2019, 4, 8), D(2019, 5, 1), ["Good Friday", "Easter Monday"]),
    case("icpc_notice", D(2019, 1, 11), D(2019, 1, 4), ["before ICPC date on 2019-01-11"]),
    case("icpc_notice", D(2019, 1, 3), D(2018, 12, 24), ["Christmas Day", "New Year's Day"]),
    case("core_group", D(2022, 9, 12), D(2022, 9, 27), ["State Funeral of Queen Elizabeth II"]),
    case("rcpc_first", D(2018, 11, 30), D(2019, 2, 28), ["clamped to the month end"]),
    case("rcpc_first", D(2019, 11, 30), D(2020, 2, 29)),
    case("rcpc_next", D(2019, 8, 31), D(2020, 2, 29), ["6 months"]),
    case("transfer_in_conference", D(2023, 4, 28), D(2023, 5, 23), ["Coronation of Charles III"]),
    case("cp_plan_18", D(2019, 4, 22), D(2019, 4, 18), ["Good Friday"]),
    case("cp_plan_18", D(2020, 5, 11), D(2020, 5, 7), ["08/05/2020 May Day"]),
    case("cp_visit", D(2019, 1, 2), D(2019, 2, 3), ["four-weekly", "Monday 28/01/2019"]),
    case("cp_visit", D(2019, 12, 18), D(2019, 12, 29), ["weekly"], frequency="weekly"),
    case("cp_visit", D(2019, 1, 2), D(2019, 1, 20), ["fortnightly"], frequency="fortnightly"),
    case("cp_visit", D(2019, 1, 2), D(2019, 1, 27), ["every 3 weeks"], frequency=3),
    case("cin_review", D(2019, 10, 1), D(2019, 12, 24), ["12 weeks"]),
    case("cin_visit", D(2019, 12, 16), D(2020, 1, 16), ["20 working days", "New Year's Day"]),
    case("ppn_consultation", D(2020, 7, 10), D(2020, 7, 13)),
    case("hrda_plus_review", D(2020, 7, 7), D(2020, 8, 7)),
    case("lac_review_first", D(2020, 4, 27), D(2020, 5, 27), ["08/05/2020 May Day"]),
    case("lac_review_second", D(2020, 1, 31), D(2020, 4, 30), ["clamped"]),
    case("lac_review_next", D(2019, 2, 28), D(2019, 8, 28)),
    case("lac_visit", D(2019, 12, 20), D(2019, 12, 27), ["new placement"]),
    case(
        "lac_visit",
        D(2019, 12, 20),
        D(2020, 1, 31),
        ["first year"],
        placement_start=D(2019, 6, 1),
    ),
    case(
        "lac_visit",
        D(2019, 3, 31),
        D(2019, 6, 30),
        ["long-term"],
        placement_start=D(2018, 1, 10),
        long_term=True,
    ),
    case(
        "lac_visit",
        D(2019, 3, 31),
        D(2019, 5, 12),
        ["not agreed as long-term"],
        placement_start=D(2018, 1, 10),
    ),
    case("iha", D(2022, 5, 20), D(2022, 6, 21), ["Platinum Jubilee", "Spring Bank Holiday"]),
    case("rha", D(2020, 8, 31), D(2021, 2, 28), ["under 5", "aged 4"], dob=D(2016, 3, 1)),
    case("rha", D(2020, 1, 1), D(2021, 1, 1), ["5 or over", "aged 5"], dob=D(2015, 1, 1)),
    case("dental", D(2020, 2, 29), D(2021, 2, 28), ["12 months"]),
    case(
        "pep",
        D(2019, 12, 9),
        D(2020, 1, 20),
        ["20 school days", "school holidays between terms", "25/12/2019 Christmas Day"],
        terms=TERMS,
    ),
    case(
        "pep",
        D(2019, 10, 14),
        D(2020, 4, 3),
        ["Spring 2019/20", "in Autumn 2019/20"],
        stage="termly",
        terms=TERMS,
    ),
    case(
        "pep",
        D(2019, 12, 27),
        D(2020, 4, 3),
        ["in a school holiday"],
        stage="termly",
        terms=TERMS,
    ),
    case("pathway_plan", D(2019, 8, 31), D(2020, 2, 29), ["6 months"]),
    case(
        "care_leaver_contact",
        D(2019, 1, 1),
        D(2019, 7, 15),
        ["18th birthday on 2019-06-15", "between 2019-03-15 and 2019-07-15"],
        dob=D(2001, 6, 15),
    ),
    case(
        "care_leaver_contact",
        D(2019, 5, 1),
        D(2020, 7, 15),
        ["19th birthday"],
        dob=D(2001, 6, 15),
    ),
    case(
        "rhi",
        dt.datetime(2020, 3, 27, 10, 0),
        timezone.make_aware(dt.datetime(2020, 3, 30, 11, 0)),  # clocks went forward on 29th
        ["72 hours", "at 2020-03-27T10:00+00:00"],
    ),
    case(
        "rhi",
        D(2019, 4, 18),
        D(2019, 4, 25),
        ["notification of the return", "Easter Monday"],
        basis="working_days",
    ),
    case("mace", D(2019, 12, 10), D(2019, 12, 27), ["Christmas Day, a bank holiday", "moved"]),
    case("mace_review", D(2019, 1, 1), D(2019, 2, 12), ["significant risk"], risk="significant"),
    case("mace_review", D(2019, 1, 1), D(2019, 3, 26), ["moderate risk"], risk="moderate"),
    case("intelligence_review", D(2019, 11, 30), D(2020, 2, 29), ["clamped"]),
    case("intelligence_review", D(2020, 3, 12), D(2020, 6, 12)),
    case("tactical_group_meeting", D(2019, 1, 31), D(2019, 2, 28), ["clamped"]),
    case("lado_informed", D(2022, 9, 16), D(2022, 9, 20), ["19/09/2022 State Funeral"]),
    case("serious_incident_notification", D(2023, 5, 3), D(2023, 5, 11), ["Coronation"]),
    case("rapid_review", D(2020, 4, 30), D(2020, 5, 22), ["08/05/2020 May Day"]),
    case("cspr_publication", D(2021, 8, 31), D(2022, 2, 28), ["clamped"]),
    case(
        "cspr_copy_to_panel",
        D(2023, 5, 10),
        D(2023, 4, 27),
        ["08/05/2023 Coronation of Charles III", "01/05/2023 May Day", "the latest date"],
    ),
    case(
        "partnership_report_copy",
        D(2021, 12, 20),
        D(2021, 12, 29),
        ["27/12/2021 Christmas Day (observed)", "28/12/2021 Boxing Day (observed)"],
    ),
    case("coroner_notice", D(2018, 12, 21), D(2018, 12, 28), ["Christmas Day", "Boxing Day"]),
    case("registrar_particulars", D(2022, 9, 12), D(2022, 9, 20), ["State Funeral"]),
    case("registrar_particulars", D(2019, 4, 12), D(2019, 4, 23), ["Good Friday", "Easter Monday"]),
    case("unregistered_weekly", D(2020, 5, 1), D(2020, 5, 8), ["1 week"]),
    case("unregistered_ofsted", D(2021, 1, 31), D(2021, 2, 28), ["clamped"]),
    case("unregistered_visit", D(2020, 1, 30), D(2020, 2, 29), ["1 month"]),
    case("complaint_response", D(2019, 4, 1), D(2019, 5, 1), ["Good Friday", "Easter Monday"]),
    case("supervision", D(2019, 12, 20), D(2020, 1, 17), ["4 weeks"]),
    case("section47_to_conference_request", D(2023, 5, 5), D(2023, 5, 9), ["Coronation"]),
    case("foster_carer_review", D(2024, 2, 29), D(2025, 2, 28), ["clamped"]),  # fostering
    # issue 8 worklists: due on the day itself (a Saturday stays a Saturday), and a month.
    case(
        "unregistered_approval",
        D(2021, 5, 1),
        D(2021, 5, 1),
        ["on the day of the child moving in, 2021-05-01"],
    ),
    case("lado_resolution", D(2021, 1, 31), D(2021, 2, 28), ["1 month after LADO informed"]),
]


def test_the_table_tests_cover_every_rule_in_the_registry():
    """A new rule without a table test fails here."""
    assert {c.key for c in CASES} == set(registry_keys())


def test_the_registry_holds_every_row_of_the_timescales_table():
    # 39 + foster_carer_review, ppn_consultation, hrda_plus_review, and for the issue 8
    # worklists unregistered_approval and lado_resolution, and for the CAROLE tactical
    # group's queue intelligence_review and tactical_group_meeting.
    assert len(REGISTRY) == 46
    assert [rule.key for rule in all_rules()] == list(registry_keys())
    for rule in REGISTRY:
        assert rule.what and rule.start_event and rule.due and rule.source, rule.key
    check_registry()


@pytest.mark.parametrize("c", CASES, ids=lambda c: f"{c.key}-{c.start}")
def test_every_timescale(c: Case):
    due = compute_due(c.key, c.start, **c.context)
    assert due.due == c.expected
    assert due.key == c.key
    assert due.explanation.startswith(f"due {due.isoformat()}: ")
    for text in c.mentions:
        assert text in due.explanation, (text, due.explanation)
    assert is_on_time(c.key, c.start, c.expected, **c.context)


def test_the_icpc_explanation_reads_as_the_issue_asks():
    due = compute_due("icpc", D(2018, 12, 17))
    assert due.explanation == (
        "due 2019-01-10: 15 working days after strategy discussion on 2018-12-17; "
        "bank holidays skipped: 25/12/2018 Christmas Day, 26/12/2018 Boxing Day, "
        "01/01/2019 New Year's Day"
    )
    assert [day for day, _ in due.skipped_holidays] == [
        D(2018, 12, 25),
        D(2018, 12, 26),
        D(2019, 1, 1),
    ]


def test_weekend_bank_holidays_are_not_listed_as_skipped():
    due = compute_due("cin_visit", D(2021, 12, 20))
    names = [name for _, name in due.skipped_holidays]
    assert names == [
        "Christmas Day (observed)",
        "Boxing Day (observed)",
        "New Year's Day (observed)",
    ]
    assert "no bank holidays" in compute_due("icpc", D(2019, 2, 1)).explanation


def test_working_day_results_always_fall_on_working_days():
    from safeguard.core.calendar import is_working_day

    for rule in REGISTRY:
        if rule.step is not None and rule.step.kind in {Kind.WORKING_DAYS, Kind.DAYS}:
            for start in (D(2018, 12, 21), D(2019, 4, 18), D(2022, 9, 16), D(2023, 5, 5)):
                assert is_working_day(compute_due(rule.key, start).due_date), rule.key


def test_on_time_is_on_or_before_the_due_date():
    assert is_on_time("icpc", D(2018, 12, 17), D(2019, 1, 10))
    assert is_on_time("icpc", D(2018, 12, 17), D(2019, 1, 2))
    assert not is_on_time("icpc", D(2018, 12, 17), D(2019, 1, 11))
    # "before" rules: sending early is on time, the day after the latest date is late.
    assert is_on_time("icpc_notice", D(2019, 1, 11), D(2018, 12, 20))
    assert not is_on_time("icpc_notice", D(2019, 1, 11), D(2019, 1, 7))
    assert is_on_time("cp_plan_18", D(2019, 4, 22), D(2019, 4, 18))
    assert not is_on_time("cp_plan_18", D(2019, 4, 22), D(2019, 4, 22))


# --- the CP-visit week window ----------------------------------------------------------------


def test_cp_visit_window_is_the_calendar_week_holding_the_due_day():
    due = compute_due("cp_visit", D(2019, 1, 2))
    assert (due.window_start, due.window_end, due.due) == (
        D(2019, 1, 28),
        D(2019, 2, 3),
        D(2019, 2, 3),
    )


def test_cp_visit_on_the_sunday_of_the_due_week_is_on_time_and_the_monday_after_is_late():
    start = D(2019, 1, 2)
    assert is_on_time("cp_visit", start, D(2019, 2, 3))  # Sunday of the due week
    assert not is_on_time("cp_visit", start, D(2019, 2, 4))  # Monday after
    assert is_on_time("cp_visit", start, D(2019, 1, 28))  # Monday of the due week
    assert is_on_time("cp_visit", start, D(2019, 1, 20))  # early visits count


def test_weekly_visits_counted_in_calendar_days_would_look_late_but_are_on_time():
    # Seen Monday, then Friday of the following week: 11 days apart, but in the due week.
    assert is_on_time("cp_visit", D(2019, 3, 4), D(2019, 3, 15), frequency="weekly")
    assert not is_on_time("cp_visit", D(2019, 3, 4), D(2019, 3, 18), frequency="weekly")


def test_cp_visit_due_on_a_sunday_start_uses_the_following_week():
    # A Sunday start + 1 week is the next Sunday: window Monday to that Sunday.
    due = compute_due("cp_visit", D(2019, 3, 3), frequency=1)
    assert (due.window_start, due.window_end) == (D(2019, 3, 4), D(2019, 3, 10))


def test_care_leaver_contact_must_fall_inside_its_window():
    dob = D(2001, 6, 15)
    start = D(2019, 1, 1)
    assert not is_on_time("care_leaver_contact", start, D(2019, 3, 14), dob=dob)
    assert is_on_time("care_leaver_contact", start, D(2019, 3, 15), dob=dob)
    assert is_on_time("care_leaver_contact", start, D(2019, 7, 15), dob=dob)
    assert not is_on_time("care_leaver_contact", start, D(2019, 7, 16), dob=dob)


def test_care_leaver_contact_ends_after_the_25th_birthday():
    with pytest.raises(TimescaleError, match="25th birthday"):
        compute_due("care_leaver_contact", D(2024, 12, 1), dob=D(2000, 1, 1))


def test_hours_are_elapsed_and_dates_count_from_midnight():
    due = compute_due("rhi", D(2019, 6, 3))
    assert due.due == timezone.make_aware(dt.datetime(2019, 6, 6, 0, 0))
    assert "counted from midnight" in due.explanation
    returned = timezone.make_aware(dt.datetime(2019, 6, 3, 18, 30))
    assert is_on_time("rhi", returned, dt.datetime(2019, 6, 6, 18, 30))
    assert not is_on_time("rhi", returned, dt.datetime(2019, 6, 6, 18, 31))
    assert is_on_time("rhi", returned, D(2019, 6, 6))
    assert compute_due("rhi", returned).isoformat() == "2019-06-06T18:30+01:00"


# --- context -----------------------------------------------------------------------------------


def test_rules_that_need_context_say_so():
    with pytest.raises(TimescaleError, match="needs dob"):
        compute_due("rha", D(2019, 1, 1))
    with pytest.raises(TimescaleError, match="needs risk"):
        compute_due("mace_review", D(2019, 1, 1))
    with pytest.raises(TimescaleError, match="significant, moderate"):
        compute_due("mace_review", D(2019, 1, 1), risk="high")
    with pytest.raises(TimescaleError, match="frequency must be"):
        compute_due("cp_visit", D(2019, 1, 1), frequency="daily")
    with pytest.raises(TimescaleError, match="does not take dob"):
        compute_due("icpc", D(2019, 1, 1), dob=D(2010, 1, 1))
    with pytest.raises(TimescaleError, match="before the placement started"):
        compute_due("lac_visit", D(2019, 1, 1), placement_start=D(2019, 2, 1))
    with pytest.raises(TimescaleError, match="dob must be a date"):
        compute_due("rha", D(2019, 1, 1), dob="1st May")


def test_context_accepts_text_as_the_command_line_gives_it():
    assert compute_due("rha", D(2019, 1, 1), dob="2016-01-01").due == D(2019, 7, 1)
    assert compute_due("mace_review", D(2019, 1, 1), risk="Moderate").due == D(2019, 3, 26)
    assert compute_due("cp_visit", D(2019, 1, 2), frequency="2").due == D(2019, 1, 20)
    assert compute_due("cp_visit", D(2019, 1, 2), frequency="four_weekly").due == D(2019, 2, 3)


def test_unknown_rule_lists_the_known_keys():
    with pytest.raises(UnknownTimescaleError) as raised:
        get_rule("icpx")
    assert isinstance(raised.value, KeyError)
    assert "Unknown timescale 'icpx'" in str(raised.value)
    assert "icpc" in str(raised.value) and "supervision" in str(raised.value)
    with pytest.raises(KeyError):
        compute_due("nope", D(2019, 1, 1))


def test_school_day_rules_need_term_dates():
    with pytest.raises(TermDatesMissingError, match="add the school terms"):
        compute_due("pep", D(2020, 7, 1), terms=TERMS)
    with pytest.raises(TermDatesMissingError):
        compute_due("pep", D(2019, 1, 1), terms=[])


@pytest.mark.django_db
def test_school_days_come_from_the_seeded_term_dates_in_the_database():
    assert SchoolTerm.objects.count() == 39
    assert SchoolTerm.objects.filter(name="Autumn 2019/20").exists()
    assert compute_due("pep", D(2019, 12, 9)).due == D(2020, 1, 20)
    due = compute_due("pep", D(2023, 5, 2), stage="termly")
    assert due.due == D(2023, 12, 22)
    assert "Autumn 2023/24" in due.explanation
    terms = [term for term in SchoolTerm.objects.all()]
    assert compute_due("pep", D(2019, 12, 9), terms=terms).due == D(2020, 1, 20)


@pytest.mark.django_db
def test_an_authority_can_enter_its_own_term_dates():
    SchoolTerm.objects.all().delete()
    SchoolTerm.objects.create(
        name="Autumn 2030/31", starts_on=D(2030, 9, 2), ends_on=D(2030, 12, 20)
    )
    assert compute_due("pep", D(2030, 9, 2)).due == D(2030, 9, 30)


# --- local overrides ------------------------------------------------------------------------


def test_local_override_changes_a_rule_without_code(settings):
    settings.SAFEGUARD_TIMESCALE_OVERRIDES = {"cin_visit": {"amount": 15}}
    due = compute_due("cin_visit", D(2019, 12, 16))
    assert due.due == D(2020, 1, 9)
    assert due.overridden
    assert "local override: 15 working days instead of 20 working days" in due.explanation
    assert get_rule("cin_visit").step.amount == 15
    assert next(r for r in REGISTRY if r.key == "cin_visit").step.amount == 20
    assert not compute_due("icpc", D(2019, 12, 16)).overridden


def test_overrides_are_read_at_call_time(settings):
    assert compute_due("supervision", D(2019, 12, 20)).due == D(2020, 1, 17)
    settings.SAFEGUARD_TIMESCALE_OVERRIDES = {"supervision": {"amount": 6}}
    assert compute_due("supervision", D(2019, 12, 20)).due == D(2020, 1, 31)


@pytest.mark.parametrize("field", ["frequency_weeks", "amount"])
def test_cp_visit_default_frequency_is_configurable_and_the_plan_still_wins(settings, field):
    settings.SAFEGUARD_TIMESCALE_OVERRIDES = {"cp_visit": {field: 2}}
    due = compute_due("cp_visit", D(2019, 1, 2))
    assert due.due == D(2019, 1, 20)
    assert "fortnightly visits (default)" in due.explanation
    assert "local override" in due.explanation
    assert compute_due("cp_visit", D(2019, 1, 2), frequency="weekly").due == D(2019, 1, 13)


def test_variant_overrides(settings):
    settings.SAFEGUARD_TIMESCALE_OVERRIDES = {
        "mace_review": {"variants": {"moderate": {"amount": 8}}}
    }
    moderate = compute_due("mace_review", D(2019, 1, 1), risk="moderate")
    assert moderate.due == D(2019, 2, 26)
    assert "local override: 8 weeks instead of 12 weeks" in moderate.explanation
    significant = compute_due("mace_review", D(2019, 1, 1), risk="significant")
    assert significant.due == D(2019, 2, 12) and not significant.overridden


def test_unit_overrides_follow_the_days_roll_forward_rule(settings):
    settings.SAFEGUARD_TIMESCALE_OVERRIDES = {"supervision": {"unit": "days", "amount": 5}}
    # 2019-12-20 + 5 days = Christmas Day, which rolls forward like every "days" rule.
    assert compute_due("supervision", D(2019, 12, 20)).due == D(2019, 12, 27)
    settings.SAFEGUARD_TIMESCALE_OVERRIDES = {"mace": {"unit": "working_days"}}
    assert compute_due("mace", D(2019, 12, 10)).due == D(2020, 1, 3)
    settings.SAFEGUARD_TIMESCALE_OVERRIDES = {"mace": {"roll_forward": False}}
    assert compute_due("mace", D(2019, 12, 10)).due == D(2019, 12, 25)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"cin_visits": {"amount": 15}}, "unknown timescale.*'cin_visits'.*known keys"),
        ({"cin_visit": {"amont": 15}}, "unknown field.*'amont'.*allowed.*amount"),
        ({"cin_visit": {"amount": 0}}, "positive whole number"),
        ({"cin_visit": {"amount": "15"}}, "positive whole number"),
        ({"cin_visit": {"amount": True}}, "positive whole number"),
        ({"cin_visit": {"unit": "fortnights"}}, "unit.*must be one of"),
        ({"cin_visit": {"roll_forward": "yes"}}, "true or false"),
        ({"cin_visit": 15}, "must be a mapping"),
        ({"mace_review": {"amount": 4}}, "has variants"),
        ({"mace_review": {"variants": {"high": {"amount": 4}}}}, "unknown variant.*'high'"),
        ({"cp_visit": {"unit": "days"}}, "unknown field"),
        ({"care_leaver_contact": {"first_age": 30}}, "first_age must not be after last_age"),
    ],
)
def test_bad_overrides_fail_loudly(settings, overrides, message):
    settings.SAFEGUARD_TIMESCALE_OVERRIDES = overrides
    with pytest.raises(ImproperlyConfigured, match=message):
        all_rules()


def test_list_shows_local_overrides(settings):
    settings.SAFEGUARD_TIMESCALE_OVERRIDES = {"cin_visit": {"amount": 15}}
    rule = next(r for r in all_rules() if r.key == "cin_visit")
    assert rule.local_overrides and rule.describe() == "15 working days"
