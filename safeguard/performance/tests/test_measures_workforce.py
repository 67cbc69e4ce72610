"""Workforce measures on a small hand-built staff list, with hand-computed values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from safeguard.people.models import Person
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.registry import REGISTRY, Figure
from safeguard.workforce.models import Allocation, Worker

pytestmark = pytest.mark.django_db

AUGUST = Period.month(2025, 8)
D = dt.date
MakeWorker = Callable[..., Worker]


def figure(measure_id: str, period: Period = AUGUST) -> Figure:
    return Data().figure(measure_id, period)


def test_new_starters_are_permanent_qualified_social_workers(make_worker: MakeWorker) -> None:
    first = make_worker(started_on=D(2025, 8, 1))
    last = make_worker(role="consultant_sw", started_on=D(2025, 8, 31))
    make_worker(started_on=D(2025, 8, 10), is_agency=True)  # agency: OBA2-06's business
    make_worker(role="team_manager", started_on=D(2025, 8, 5))
    make_worker(started_on=D(2025, 8, 6), is_qualified_social_worker=False)
    make_worker(started_on=D(2025, 7, 31))
    make_worker(started_on=D(2025, 9, 1))
    result = figure("OBA1-01")
    assert result.value == 2
    assert result.numerator["child_id"].to_list() == [first.pk.hex, last.pk.hex]
    assert set(result.numerator["record"]) == {"Social worker"}


def test_leavers_are_permanent_social_workers_leaving_in_the_month(
    make_worker: MakeWorker,
) -> None:
    leaver = make_worker(left_on=D(2025, 8, 31))
    make_worker(left_on=D(2025, 9, 1))
    make_worker(left_on=D(2025, 8, 15), is_agency=True)
    make_worker(role="personal_adviser", left_on=D(2025, 8, 15))
    result = figure("OBA1-02")
    assert result.value == 1
    assert result.numerator["child_id"].to_list() == [leaver.pk.hex]


def allocate(child: Person, worker: Worker, start: dt.date, end: dt.date | None = None) -> None:
    Allocation.objects.create(child=child, worker=worker, started_on=start, ended_on=end)


def test_caseload_divides_cases_by_case_holding_social_workers(
    make_child: Callable[..., Person], make_worker: MakeWorker
) -> None:
    holder = make_worker()
    agency = make_worker(is_agency=True, fte=Decimal("0.6"))
    make_worker()  # in post with no cases: not a case holder
    gone = make_worker(left_on=D(2025, 8, 31))
    adviser = make_worker(role="personal_adviser", is_qualified_social_worker=False)
    c1, c2, c3, c4, c5, c6 = (make_child() for _ in range(6))
    allocate(c1, holder, D(2025, 1, 6))
    allocate(c2, holder, D(2025, 2, 3))
    allocate(c3, agency, D(2025, 3, 3), D(2025, 8, 31))  # handed over on the last day...
    allocate(c3, holder, D(2025, 8, 31))  # ...so it counts to the new worker
    allocate(c4, agency, D(2025, 4, 7))
    allocate(c5, gone, D(2025, 4, 7))  # worker has left: not a social worker's case now
    allocate(c6, adviser, D(2025, 4, 7))  # care leaver with a personal adviser
    result = figure("OBA2-02")
    assert result.value == pytest.approx(2.0)  # 4 cases / 2 case holders
    assert result.numerator_count == 4 and result.denominator_count == 2
    assert result.denominator is not None
    held = dict(zip(result.denominator["child_id"], result.denominator["detail"], strict=True))
    assert held == {holder.pk.hex: "3 cases", agency.pk.hex: "1 cases"}


def test_caseload_with_no_case_holders_has_no_value(make_worker: MakeWorker) -> None:
    make_worker()
    assert figure("OBA2-02").value is None


def staff_at_end_of_august(make_worker: MakeWorker) -> dict[str, Worker]:
    return {
        "permanent": make_worker(),
        "consultant": make_worker(role="consultant_sw"),
        "agency": make_worker(is_agency=True),
        "manager": make_worker(role="team_manager", is_agency=True),  # not a social worker
        "left": make_worker(is_agency=True, left_on=D(2025, 8, 31)),
        "starting": make_worker(started_on=D(2025, 9, 1)),
    }


def test_agency_rate_at_the_end_of_the_month(make_worker: MakeWorker) -> None:
    staff = staff_at_end_of_august(make_worker)
    result = figure("OBA2-06")
    assert result.value == pytest.approx(100 / 3)  # 1 agency of 3 in post
    assert result.numerator["child_id"].to_list() == [staff["agency"].pk.hex]
    assert result.numerator["record"].to_list() == ["Agency social worker"]


def test_social_workers_in_post_by_employment(make_worker: MakeWorker) -> None:
    staff_at_end_of_august(make_worker)
    result = figure("SE-WF-01")
    assert result.value == 3
    assert result.breakdown == [("Permanent", 2.0), ("Agency", 1.0)]


def test_vacancy_rate_waits_for_funded_posts() -> None:
    measure = REGISTRY["OBA2-05"]
    assert not measure.has_data and "posts" in measure.awaiting
    assert measure.good == 15.1
