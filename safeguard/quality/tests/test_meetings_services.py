"""Practice meetings: schedule, invite by team or person, apologies timely or late by the
local rule, attendance after the meeting, the quarterly report and the measures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguard.core import calendar, clock
from safeguard.core.quarters import FinancialQuarter
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.registry import REGISTRY
from safeguard.quality.models import Response
from safeguard.quality.selectors.meetings import attendance, quarterly_report
from safeguard.quality.services import meetings as services
from safeguard.workforce.models import Team

pytestmark = pytest.mark.django_db
HELD = calendar.next_working_day(dt.date(2020, 5, 12))


@pytest.fixture
def staff(make_worker):
    team = Team.objects.create(name="Team West", service_area="cin")
    return [make_worker(team=team) for _ in range(4)] + [make_worker()]


def _meeting(kind: str, staff):
    meeting = services.schedule_meeting(kind=kind, held_on=HELD, title="Neglect")
    made = services.invite(
        meeting=meeting, team=staff[0].team, invited_on=HELD - dt.timedelta(days=21)
    )
    assert len(made) == 4
    services.invite(meeting=meeting, workers=[staff[4], staff[0]])  # staff[0] already invited
    assert meeting.invitations.count() == 5
    return meeting


def test_apologies_attendance_and_both_rates(staff):
    meeting = _meeting("qa_meeting", staff)
    inv = {i.worker_id: i for i in meeting.invitations.all()}
    timely = services.record_apologies(
        invitation=inv[staff[1].pk], received_on=calendar.add_working_days(HELD, -1)
    )
    late = services.record_apologies(invitation=inv[staff[2].pk], received_on=HELD)
    assert (timely.response, late.response) == (Response.APOLOGIES, Response.LATE_APOLOGIES)
    with pytest.raises(ValidationError):
        services.record_apologies(
            invitation=inv[staff[3].pk], received_on=HELD + dt.timedelta(days=1)
        )
    services.record_attendance(meeting=meeting, attended=[inv[staff[0].pk], inv[staff[4].pk]])
    counts = attendance(meeting)
    assert (counts.invited, counts.attended, counts.apologies, counts.late_apologies,
            counts.did_not_attend) == (5, 2, 1, 1, 1)  # fmt: skip
    assert counts.rate("qa_meeting") == pytest.approx(50.0)  # 2 / (5 - 1)
    assert counts.rate("diagonal_slice") == pytest.approx(50.0)  # the same rule (seed 003)

    report = quarterly_report(FinancialQuarter.containing(HELD))
    qa = next(t for t in report.totals if t.kind == "qa_meeting")
    assert qa.meetings == 1 and qa.rate == pytest.approx(50.0) and qa.target == 75.0

    period = Period.quarter(2020, 1)
    data = Data.for_periods([period])
    figure = data.figure("OBA2-08", period)
    assert (figure.numerator_count, figure.denominator_count) == (2, 4)
    assert data.figure("OBA2-07", period).value is None


def test_attendance_only_after_the_meeting(staff):
    meeting = services.schedule_meeting(
        kind="diagonal_slice", held_on=clock.today() + dt.timedelta(days=3), title="The 5 C's"
    )
    services.invite(meeting=meeting, workers=staff[:2])
    with pytest.raises(ValidationError):
        services.record_attendance(meeting=meeting, attended=[])


def test_the_measures_are_computed_not_awaiting():
    for measure_id in ("OBA2-03", "OBA2-04", "OBA2-07", "OBA2-08"):
        assert REGISTRY[measure_id].has_data, measure_id


def test_qa_runs_a_diagonal_slice_through_the_pages(client, staff, qa_user):
    from safeguard.access.testing.login import sign_in
    from safeguard.quality.tests.conftest import date_fields

    sign_in(client, qa_user)
    day = clock.today() - dt.timedelta(days=2)
    made = client.post(
        reverse("quality:meeting_schedule"),
        {"kind": "diagonal_slice", "title": "Back to basics", **date_fields("held_on", day)},
    )
    assert made.status_code == 302
    invite_url = made["Location"]
    posted = client.post(invite_url, {"team": str(staff[0].team_id)})
    assert posted.status_code == 302
    detail = client.get(posted["Location"])
    assert detail.status_code == 200 and str(staff[1]) in detail.text
    meeting_id = detail.context["meeting"].pk
    invitations = list(detail.context["meeting"].invitations.all())
    url = reverse("quality:meeting_attendance", kwargs={"meeting_id": meeting_id})
    done = client.post(url, {"attended": [str(i.pk) for i in invitations[:3]]})
    assert done.status_code == 302
    report = client.get(
        reverse("quality:meeting_report"), {"quarter": FinancialQuarter.containing(day).code}
    )
    assert report.status_code == 200 and "75.0%" in report.text
    csv = client.get(
        reverse("quality:meeting_report_export", kwargs={"fmt": "csv"}),
        {"quarter": FinancialQuarter.containing(day).code},
    )
    assert csv.status_code == 200 and b"Diagonal Slice,attendance %,75.0" in csv.content
