"""Front door measures on small hand-built sets of records, with hand-computed values."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import polars as pl
import pytest

from safeguard.cin.models import CINEpisode
from safeguard.frontdoor.models import Contact, ContactChild, MashDecision, MashTriage
from safeguard.people.models import Person, PopulationEstimate
from safeguard.performance.data import Data
from safeguard.performance.measures.front_door import SOURCE_LABELS
from safeguard.performance.periods import Period
from safeguard.performance.registry import REGISTRY, Figure
from safeguard.workforce.models import Worker

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
AUGUST = Period.month(2025, 8)


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def figure(measure_id: str, period: Period = AUGUST) -> Figure:
    return Data().figure(measure_id, period)


def denominator(result: Figure) -> pl.DataFrame:
    assert result.denominator is not None
    return result.denominator


def contact(when: dt.datetime, *children: Person, source: str = "6") -> Contact:
    made = Contact.objects.create(
        received_at=when,
        source=source,
        channel="professional_line",
        concerns="Worried about the children.",
        consent_asked=True,
        consent_given=True,
    )
    for child in children:
        ContactChild.objects.create(contact=made, child=child)
    return made


def decide(made: Contact, child: Person, outcome: str, when: dt.datetime, by: Worker) -> None:
    triage, _ = MashTriage.objects.get_or_create(
        contact=made,
        defaults={"priority": "amber", "started_at": made.received_at, "started_by": by},
    )
    MashDecision.objects.create(
        triage=triage,
        child=child,
        outcome=outcome,
        reasons="Threshold.",
        decided_at=when,
        decided_by=by,
    )


def referral(child: Person, day: dt.date, source: str = "6", **extra: object) -> CINEpisode:
    return CINEpisode.objects.create(
        child=child, referral_date=day, referral_source=source, **extra
    )


def test_contacts_count_each_child_on_the_local_day_received(make_child) -> None:
    c1, c2, c3 = make_child(), make_child(), make_child()
    contact(at(dt.date(2025, 8, 5)), c1, c2)  # two children: two contacts
    contact(at(dt.date(2025, 8, 31), 23, 30), c3)  # late on the last day: August
    contact(at(dt.date(2025, 9, 1), 0, 30), c1)  # 23:30 UTC on 31 Aug, but 1 Sep here
    contact(at(dt.date(2025, 7, 31), 23, 59), c2)
    result = figure("OBA1-04")
    assert result.value == 3
    assert sorted(result.numerator["child_id"]) == sorted([c1.pk.hex, c2.pk.hex, c3.pk.hex])


def test_re_referral_exactly_12_months_apart_counts_and_a_day_more_does_not(make_child) -> None:
    exactly, day_over, first, six_months = (make_child() for _ in range(4))
    referral(exactly, dt.date(2024, 8, 15))
    referral(exactly, dt.date(2025, 8, 15))  # previous exactly 12 months before: re-referral
    referral(day_over, dt.date(2024, 8, 14))
    referral(day_over, dt.date(2025, 8, 15))  # 12 months and a day: not
    referral(first, dt.date(2025, 8, 20))
    referral(six_months, dt.date(2025, 2, 1))
    referral(six_months, dt.date(2025, 8, 2))
    result = figure("OBA2-11")
    assert result.value == pytest.approx(50.0)  # 2 of 4
    assert sorted(result.numerator["child_id"]) == sorted([exactly.pk.hex, six_months.pk.hex])
    assert result.denominator_count == 4


def test_contact_sources_break_down_by_group_with_blank_as_not_recorded(make_child) -> None:
    c1, c2, c3, c4, c5 = (make_child() for _ in range(5))
    contact(at(dt.date(2025, 8, 1)), c1, c2, source="6")
    contact(at(dt.date(2025, 8, 2)), c3, source="2A")
    contact(at(dt.date(2025, 8, 3)), c4, source="3B")
    contact(at(dt.date(2025, 8, 4)), c5, source="")  # missing: never dropped
    contact(at(dt.date(2025, 7, 4)), c5, source="6")  # July
    result = figure("OBA1-08")
    assert result.value == 5
    assert result.breakdown is not None
    assert [label for label, _ in result.breakdown] == list(SOURCE_LABELS)
    counts = dict(result.breakdown)
    assert counts == {
        **dict.fromkeys(SOURCE_LABELS, 0.0),
        "Police": 2.0,
        "Schools": 1.0,
        "Health services": 1.0,
        "Not recorded": 1.0,
    }
    assert sum(counts.values()) == result.value


def test_contact_to_referral_conversion_follows_the_contact_cohort(make_child, worker) -> None:
    c1, c2, c3, c4, c5 = (make_child() for _ in range(5))
    family = contact(at(dt.date(2025, 8, 4)), c1, c2)
    decide(family, c1, "assessment", at(dt.date(2025, 8, 5)), worker)
    decide(family, c2, "early_help", at(dt.date(2025, 8, 5)), worker)
    late = contact(at(dt.date(2025, 8, 29)), c3)
    decide(late, c3, "strategy_discussion", at(dt.date(2025, 9, 2)), worker)  # still counts
    contact(at(dt.date(2025, 8, 12)), c4)  # closed at contact: no MASH decision
    july = contact(at(dt.date(2025, 7, 30)), c5)
    decide(july, c5, "assessment", at(dt.date(2025, 8, 1)), worker)  # July's cohort
    result = figure("OBA2-09")
    assert result.value == pytest.approx(50.0)  # c1 and c3 of c1-c4
    assert sorted(result.numerator["child_id"]) == sorted([c1.pk.hex, c3.pk.hex])
    assert "No MASH decision" in denominator(result)["detail"].to_list()


def test_referrals_count_nfa_referrals_and_respect_the_period_edges(make_child) -> None:
    c1, c2, c3 = make_child(), make_child(), make_child()
    referral(c1, dt.date(2025, 8, 1))
    referral(c2, dt.date(2025, 8, 31), referral_nfa=True, closure_date=dt.date(2025, 8, 31))
    referral(c3, dt.date(2025, 7, 31))
    referral(c3, dt.date(2025, 9, 1))
    assert figure("SE-FD-01").value == 2


def test_mash_outcomes_per_child_in_a_stable_order(make_child, worker) -> None:
    c1, c2, c3, c4, c5 = (make_child() for _ in range(5))
    made = contact(at(dt.date(2025, 8, 4)), c1, c2, c3, c4, c5)
    decide(made, c1, "assessment", at(dt.date(2025, 8, 4)), worker)
    decide(made, c2, "assessment", at(dt.date(2025, 8, 5)), worker)
    decide(made, c3, "early_help", at(dt.date(2025, 8, 6)), worker)
    decide(made, c4, "information_advice", at(dt.date(2025, 8, 7)), worker)
    decide(made, c5, "strategy_discussion", at(dt.date(2025, 9, 1), 0, 30), worker)  # September
    result = figure("SE-FD-02")
    assert result.value == 4
    assert result.breakdown == [
        ("Information and advice", 1.0),
        ("Early help", 1.0),
        ("Assessment (referral to children's social care)", 2.0),
        ("Strategy discussion", 0.0),
        ("No further action", 0.0),
        ("Not recorded", 0.0),
    ]


def test_referral_rate_uses_the_rolling_12_months_and_the_population(make_child) -> None:
    child = make_child()
    PopulationEstimate.objects.create(year=2025, age=4, count=6_000)
    PopulationEstimate.objects.create(year=2025, age=15, count=4_000)
    PopulationEstimate.objects.create(year=2025, age=18, count=5_000)  # not a child
    referral(child, dt.date(2024, 8, 31))  # before the 12 months
    referral(child, dt.date(2024, 9, 1))  # first day of September 2024 - August 2025
    referral(child, dt.date(2025, 8, 31))
    referral(child, dt.date(2025, 9, 1))  # after
    result = figure("SE-FD-03")
    assert result.value == pytest.approx(2.0)  # 2 / 10,000 x 10,000
    assert result.denominator_count == 10_000


def test_referral_rate_without_a_population_has_no_value(make_child) -> None:
    referral(make_child(), dt.date(2025, 8, 1))
    result = figure("SE-FD-03")
    assert result.value is None and result.numerator_count == 1
    assert "population" in result.note


def test_referrals_by_source_counts_missing_source_as_not_recorded(make_child) -> None:
    c1, c2, c3 = make_child(), make_child(), make_child()
    referral(c1, dt.date(2025, 8, 1), source="6")
    referral(c2, dt.date(2025, 8, 2), source="5D")  # stepped up from early help
    referral(c3, dt.date(2025, 8, 3), source="")
    result = figure("SE-FD-04")
    counts = dict(result.breakdown or [])
    assert result.value == 3
    assert counts["Police"] == 1 and counts["Local authority services"] == 1
    assert counts["Not recorded"] == 1


MINE = {
    "OBA1-01", "OBA1-02", "OBA1-04", "OBA1-05", "OBA1-08", "OBA1-10", "OBA1-11", "OBA1-12",
    "OBA1-14", "OBA2-01", "OBA2-02", "OBA2-05", "OBA2-06", "OBA2-09", "OBA2-11", "OBA2-15",
    "SE-FD-01", "SE-FD-02", "SE-FD-03", "SE-FD-04", "SE-WF-01", "OUT-L1",
}  # fmt: skip
AWAITING = {"OBA1-13"}


def test_every_measure_here_is_fully_described() -> None:
    for measure_id in MINE | AWAITING:
        measure = REGISTRY[measure_id]
        assert measure.area and measure.lead and measure.frequency and measure.source, measure_id
        assert measure.has_data == (measure_id in MINE), measure_id
    for measure_id in AWAITING:
        awaiting = REGISTRY[measure_id].awaiting
        assert "issue" in awaiting or "not yet planned" in awaiting, measure_id


def test_awaiting_measures_show_no_data_with_their_reason() -> None:
    for measure_id in AWAITING:
        result = figure(measure_id)
        assert result.value is None
        assert result.note == REGISTRY[measure_id].awaiting


def test_every_computed_measure_here_copes_with_an_empty_database() -> None:
    for measure_id in MINE:
        result = figure(measure_id)
        assert result.numerator_count == 0, measure_id
        assert result.value in (None, 0.0), measure_id
