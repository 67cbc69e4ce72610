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
from safeguard.workforce.models import Allocation, FundedPost, Team, Worker

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


def fund(team: Team, fte: str, start: dt.date, end: dt.date | None = None, **extra: str) -> None:
    FundedPost.objects.create(
        team=team,
        role=extra.get("role", "social_worker"),
        fte=Decimal(fte),
        started_on=start,
        ended_on=end,
    )


def test_vacancy_rate_counts_funded_fte_not_filled_by_permanent_staff(
    make_worker: MakeWorker,
) -> None:
    team_a = Team.objects.create(name="Assessment A", service_area="assessment")
    team_b = Team.objects.create(name="Children in Need B", service_area="cin")
    fund(team_a, "3", D(2020, 4, 1))
    fund(team_a, "1", D(2020, 4, 1), role="consultant_sw")
    fund(team_a, "1", D(2020, 4, 1), role="team_manager")  # not a social worker post
    fund(team_b, "2", D(2020, 4, 1))
    fund(team_b, "1", D(2025, 6, 1), D(2025, 8, 31))  # cut on the last day: not funded then
    fund(Team.objects.create(name="New team", service_area="cin"), "1", D(2025, 9, 1))
    a_full = make_worker(team=team_a)
    a_part = make_worker(team=team_a, fte=Decimal("0.8"))
    a_consultant = make_worker(team=team_a, role="consultant_sw")
    make_worker(team=team_a, is_agency=True)  # covers a vacancy, does not fill it
    make_worker(team=team_a, is_qualified_social_worker=False)
    a_leaver = make_worker(team=team_a, left_on=D(2025, 8, 31))
    b_staff = [make_worker(team=team_b) for _ in range(3)]  # over establishment
    no_team = make_worker()
    Worker.objects.filter(pk=no_team.pk).update(team=None)

    # Team A: 4.0 funded - 2.8 permanent = 1.2 vacant; team B: 2.0 funded, 3.0 in post,
    # 0 vacant (its surplus does not fill team A's posts). Permanent FTE in post: 2.8 +
    # 3.0 + 1.0 (no team) = 6.8. Vacancy rate 1.2 / (6.8 + 1.2) = 15%.
    result = figure("OBA2-05")
    assert result.value == pytest.approx(15.0)
    assert result.numerator["child_id"].to_list() == [team_a.pk.hex]
    assert result.numerator["detail"].to_list() == [
        "Assessment A: 1.2 FTE vacant (4.0 funded, 2.8 permanent in post)"
    ]
    assert result.denominator is not None
    staff = {a_full, a_part, a_consultant, no_team, *b_staff}
    assert set(result.denominator["child_id"]) == {w.pk.hex for w in staff} | {team_a.pk.hex}
    assert result.note.startswith("1.2 FTE vacant of 8.0 FTE")

    # End of July: the leaver is in post (team A 3.8 of 4.0) and team B's extra post is
    # funded (3.0 of 3.0): 0.2 / (7.8 + 0.2) = 2.5%.
    july = figure("OBA2-05", Period.month(2025, 7))
    assert july.value == pytest.approx(2.5)
    assert a_leaver.pk.hex in set(july.denominator["child_id"])  # type: ignore[index]


def test_vacancy_rate_without_an_establishment_has_no_value(make_worker: MakeWorker) -> None:
    make_worker()
    result = figure("OBA2-05")
    assert result.value is None and "establishment" in result.note
    assert REGISTRY["OBA2-05"].good == 15.1


def test_a_fully_staffed_establishment_has_no_vacancies(make_worker: MakeWorker) -> None:
    team = Team.objects.create(name="Children in Care", service_area="cic")
    fund(team, "1.5", D(2020, 4, 1))
    make_worker(team=team)
    make_worker(team=team, fte=Decimal("0.5"))
    result = figure("OBA2-05")
    assert result.value == 0.0 and result.numerator.height == 0
