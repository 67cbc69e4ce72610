"""The complaints, compliments and feedback pages, and the quarterly report."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse

from safeguard.audit.models import AuditAction, AuditEvent
from safeguard.cin.models import CINEpisode
from safeguard.core import clock
from safeguard.core.quarters import FinancialQuarter
from safeguard.quality.models import Complaint, Compliment, FamilyFeedback
from safeguard.quality.selectors.complaints_report import complaints_report
from safeguard.quality.services.complaints import answer_complaint, record_complaint
from safeguard.quality.services.feedback import record_feedback
from safeguard.quality.tests.conftest import date_fields
from safeguard.quality.views.complaints_report import report_rows

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def _complaint(day: dt.date, **overrides):
    values: dict[str, Any] = {
        "kind": "formal",
        "received_on": day,
        "complainant_name": "Pat Parent",
        "complainant_relationship": "parent",
        "category": "communication",
        "summary": "Nobody called back.",
    }
    values.update(overrides)
    return record_complaint(**values)


def test_record_answer_and_see_a_complaint(qa_client, make_child):
    child = make_child(first_name="Robin")
    today = clock.today()
    response = qa_client.post(
        reverse("quality:complaint_new"),
        {
            "kind": "formal",
            **date_fields("received_on", today - 3 * DAY),
            "complainant_name": "Jo Bloggs",
            "complainant_relationship": "parent",
            "child": child.la_child_id,
            "service_area": "cin",
            "category": "delay",
            "summary": "The plan was late.",
        },
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response.url == reverse(
        "quality:complaint_detail", kwargs={"complaint_id": complaint.pk}
    )
    page = qa_client.get(response.url)
    assert page.status_code == 200 and b"Awaiting a response" in page.content
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_id=str(complaint.pk), child_id=child.pk
    ).exists()
    answered = qa_client.post(
        reverse("quality:complaint_answer", kwargs={"complaint_id": complaint.pk}),
        {
            "version": complaint.version,
            **date_fields("responded_on", today),
            "outcome": "partly_justified",
            "response_summary": "We apologised for the delay.",
            "learning_points": "Plans are shared within 5 days.",
        },
    )
    assert answered.status_code == 302
    complaint.refresh_from_db()
    assert complaint.outcome == "partly_justified" and complaint.within_timescale is True
    page = qa_client.get(answered.url)
    assert b"within 20 working days" in page.content and b"Escalate" in page.content


def test_an_invalid_complaint_shows_the_errors(qa_client):
    response = qa_client.post(reverse("quality:complaint_new"), {"child": "NOPE"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"There is no record with identifier NOPE" in response.content
    assert not Complaint.objects.exists()


def test_escalate_from_the_page(qa_client):
    today = clock.today()
    complaint = _complaint(today - 30 * DAY)
    answer_complaint(complaint=complaint, responded_on=today - 10 * DAY, outcome="not_justified",
                     response_summary="No.")  # fmt: skip
    response = qa_client.post(
        reverse("quality:complaint_escalate", kwargs={"complaint_id": complaint.pk}),
        {**date_fields("received_on", today), "summary": ""},
    )
    assert response.status_code == 302
    stage_2 = Complaint.objects.get(previous=complaint)
    assert stage_2.stage == "stage_2" and stage_2.summary == complaint.summary
    page = qa_client.get(response.url)
    assert complaint.reference.encode() in page.content  # the chain of stages


def test_register_filters_and_empty_state(qa_client):
    page = qa_client.get(reverse("quality:complaint_list"))
    assert b"No complaints are recorded yet" in page.content
    overdue = _complaint(clock.today() - 60 * DAY)
    _complaint(clock.today())
    page = qa_client.get(reverse("quality:complaint_list"), {"status": "overdue"})
    assert page.content.count(b"CMP-") == 1 and overdue.reference.encode() in page.content


def test_compliments(qa_client, make_worker):
    worker = make_worker()
    response = qa_client.post(
        reverse("quality:compliment_new"),
        {**date_fields("received_on", clock.today()), "received_from": "A grandmother",
         "worker": worker.pk, "summary": "She listened."},
    )  # fmt: skip
    assert response.status_code == 302
    assert Compliment.objects.get().team == worker.team
    page = qa_client.get(reverse("quality:compliment_list"), {"team": worker.team.pk})
    assert b"A grandmother" in page.content


def test_feedback_record_view_and_due(qa_client, make_child):
    child = make_child()
    CINEpisode.objects.create(child=child, referral_date=clock.today() - 190 * DAY,
                              referral_source="2A")  # fmt: skip
    due = qa_client.get(reverse("quality:feedback_due"))
    assert child.la_child_id.encode() in due.content
    response = qa_client.post(
        reverse("quality:feedback_new"),
        {
            "child": child.la_child_id,
            "occasion": "six_monthly",
            **date_fields("received_on", clock.today()),
            "respondent": "parent",
            "clear_information": "agree",
            "able_to_talk": "agree",
            "listened_to": "neither",
            "involved": "",
            "made_difference": "agree",
            "comments": "Helpful.",
        },
    )
    feedback = FamilyFeedback.objects.get()
    assert response.status_code == 302 and feedback.involved == ""
    page = qa_client.get(response.url)
    assert b"Not answered" in page.content
    assert AuditEvent.objects.filter(object_id=str(feedback.pk), child_id=child.pk,
                                     action=AuditAction.VIEW).exists()  # fmt: skip
    due = qa_client.get(reverse("quality:feedback_due"))
    assert child.la_child_id.encode() not in due.content  # next due in six months


def _quarter_of_records(make_child, make_worker):
    quarter = FinancialQuarter.containing(clock.today()).previous()
    start = quarter.start
    child = make_child()
    CINEpisode.objects.create(child=child, referral_date=start - 100 * DAY, referral_source="2A")
    on_time = _complaint(start, category="delay")
    answer_complaint(complaint=on_time, responded_on=start + 5 * DAY, outcome="justified",
                     response_summary="Sorry.", learning_points="Call back in 2 days.")  # fmt: skip
    late = _complaint(start + DAY, kind="informal", category="decision")
    answer_complaint(complaint=late, responded_on=late.response_due_on + DAY,
                     outcome="not_justified", response_summary="No.")  # fmt: skip
    _complaint(start + 2 * DAY)  # still open
    record_feedback(child=child, occasion="six_monthly", received_on=start + 3 * DAY,
                    respondent="parent", answers={"made_difference": "agree"})  # fmt: skip
    record_feedback(child=child, occasion="six_monthly", received_on=start + 4 * DAY,
                    respondent="parent", answers={"made_difference": "disagree",
                                                  "listened_to": "agree"})  # fmt: skip
    from safeguard.quality.services.complaints import record_compliment

    record_compliment(received_on=start, received_from="Parent", summary="Thanks",
                      worker=make_worker())  # fmt: skip
    return quarter


def test_the_report_figures(make_child, make_worker):
    quarter = _quarter_of_records(make_child, make_worker)
    report = complaints_report(quarter, run_on=clock.today())
    assert (report.new_formal, report.new_informal) == (2, 1)
    assert report.received_by_stage[0][1:] == (2, 1)
    assert (report.answered, report.answered_on_time) == (2, 1)
    assert report.percent_on_time == 50.0
    assert report.open_at_end == 1
    assert dict(report.outcomes)["Justified"] == 1 and report.percent_justified == 50.0
    assert dict(report.categories)["Delay"] == 1
    assert [text for _ref, _where, text in report.learning] == ["Call back in 2 days."]
    assert report.compliments == 1
    made = {q.key: q for q in report.questions}["made_difference"]
    assert (made.agree, made.disagree, made.percent_agree) == (1, 1, 50.0)
    assert {q.key: q for q in report.questions}["involved"].not_answered == 2


def test_the_report_page_csv_and_pdf(qa_client, make_child, make_worker):
    quarter = _quarter_of_records(make_child, make_worker)
    page = qa_client.get(reverse("quality:complaint_report"), {"quarter": quarter.code})
    assert page.status_code == 200 and b"50%" in page.content
    assert b"Pat Parent" not in page.content  # no complainant named
    bad = qa_client.get(reverse("quality:complaint_report"), {"quarter": "soon"})
    assert bad.status_code == 400 and b"There is a problem" in bad.content
    response = qa_client.get(
        reverse("quality:complaint_report_export", kwargs={"fmt": "csv"}), {"quarter": quarter.code}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Quarter", "Section", "Row", "Measure", "Value"]
    assert [quarter.code, "Responses", "Answered within 20 working days (SE-CMP-01)", "%",
            "50.0"] in rows  # fmt: skip
    assert len(rows) == 1 + len(report_rows(complaints_report(quarter, run_on=clock.today())))
    assert AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).exists()
    pdf = qa_client.get(
        reverse("quality:complaint_report_export", kwargs={"fmt": "pdf"}), {"quarter": quarter.code}
    )
    assert pdf.content[:4] == b"%PDF"
    assert (
        qa_client.get(reverse("quality:complaint_report_export", kwargs={"fmt": "xls"})).status_code
        == 404
    )
