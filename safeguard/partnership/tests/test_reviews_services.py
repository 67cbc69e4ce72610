"""The practice review services: notification, rapid review, local CSPR, action plan,
themes and learning products; and the timescales the tracker shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from safeguard.audit.models import AuditEvent
from safeguard.core import calendar, clock
from safeguard.core.exceptions import StaleRecordError
from safeguard.core.timescales import compute_due
from safeguard.partnership.models import ActionStatus, LearningTheme, SeriousIncident
from safeguard.partnership.selectors import reviews as selectors
from safeguard.partnership.selectors.reviews_report import tracker
from safeguard.partnership.services import reviews as services
from safeguard.partnership.services import reviews_cspr as cspr
from safeguard.partnership.services import reviews_plan as plan
from safeguard.partnership.services.reviews_checks import ensure_standard_themes

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = clock.today()
AWARE = calendar.add_working_days(TODAY, -60)


def incident(**kw) -> SeriousIncident:
    values: dict[str, Any] = {
        "child_identifier": "Child J",
        "la_area": "ours",
        "incident_type": "serious_harm",
        "aware_on": AWARE,
    }
    values.update(kw)
    return services.record_incident(**values)


def notified(**kw) -> SeriousIncident:
    made = incident(**kw)
    day = calendar.add_working_days(AWARE, 3)
    return services.record_notification(
        incident=made, panel_notified_on=day, partners_notified_on=day
    )


def reviewed(decision: str = "local_cspr", **kw) -> SeriousIncident:
    made = notified(**kw)
    assert made.panel_notified_on is not None
    held = calendar.add_working_days(made.panel_notified_on, 12)
    return services.record_rapid_review(
        incident=made,
        held_on=held,
        sent_on=held,
        facts="Baby admitted with unexplained fractures.",
        immediate_actions="Child protection plan; health visitor contact increased.",
        decision=decision,
        reasons="Multi-agency learning about injuries to non-mobile babies.",
    )


def errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


@pytest.mark.parametrize("bad", ["1234567", "Child 4", "A1", "  "])
def test_the_child_is_never_identified_by_a_number(bad):
    with pytest.raises(ValidationError) as exc:
        incident(child_identifier=bad)
    assert "child_identifier" in errors(exc)


def test_a_notification_is_numbered_audited_and_due_in_5_working_days():
    made = incident(child_identifier="J.S.")
    assert made.reference == f"SI-{AWARE.year}-001"
    assert made.child_identifier == "J.S."
    state = selectors.timescales(made, TODAY)[0]
    assert state.due == compute_due("serious_incident_notification", AWARE).due_date
    assert state.state == "overdue"
    assert AuditEvent.objects.filter(object_id=str(made.pk), action="create").count() == 1
    assert AuditEvent.objects.get(object_id=str(made.pk)).child_id is None
    late = services.record_notification(
        incident=made,
        panel_notified_on=calendar.add_working_days(AWARE, 7),
        partners_notified_on=AWARE,
    )
    assert selectors.timescales(late, TODAY)[0].state == "late"
    assert selectors.stage(late) == "Rapid review"


def test_a_looked_after_childs_death_is_notified_to_the_secretary_of_state_and_ofsted():
    made = incident(incident_type="death", looked_after=True)
    day = calendar.add_working_days(AWARE, 2)
    with pytest.raises(ValidationError) as exc:
        services.record_notification(incident=made, panel_notified_on=day, partners_notified_on=day)
    assert "secretary_of_state_notified_on" in errors(exc)
    done = services.record_notification(
        incident=made,
        panel_notified_on=day,
        partners_notified_on=day,
        secretary_of_state_notified_on=day,
        ofsted_notified_on=day,
    )
    assert done.ofsted_notified_on == day
    other = incident(incident_type="serious_harm", looked_after=True)
    with pytest.raises(ValidationError) as exc:
        services.record_notification(
            incident=other, panel_notified_on=day, partners_notified_on=day, ofsted_notified_on=day
        )
    assert "ofsted_notified_on" in errors(exc)


def test_notification_dates_not_before_awareness_nor_in_the_future():
    made = incident()
    with pytest.raises(ValidationError) as exc:
        services.record_notification(
            incident=made,
            panel_notified_on=AWARE - dt.timedelta(days=1),
            partners_notified_on=AWARE,
        )
    assert "panel_notified_on" in errors(exc)
    with pytest.raises(ValidationError):
        incident(aware_on=TODAY + dt.timedelta(days=1))
    with pytest.raises(ValidationError) as exc:
        incident(incident_on=AWARE + dt.timedelta(days=1))
    assert "incident_on" in errors(exc)


def test_the_rapid_review_follows_the_notification_with_a_decision_and_reasons():
    made = incident()
    with pytest.raises(ValidationError) as exc:
        services.record_rapid_review(
            incident=made,
            held_on=AWARE,
            sent_on=None,
            facts="x",
            immediate_actions="",
            decision="no_further_review",
            reasons="y",
        )
    assert "held_on" in errors(exc)
    done = reviewed("no_further_review")
    assert done.decision == "no_further_review"
    states = selectors.timescales(done, TODAY)
    assert states[1].state == "met"
    assert [s.state for s in states[2:]] == ["not_applicable", "not_applicable"]
    assert selectors.stage(done) == "Rapid review: no further review"
    with pytest.raises(ValidationError) as exc:
        cspr.start_cspr(
            incident=done,
            decided_on=TODAY,
            reviewer_name="A",
            reviewer_organisation="B",
            coi_declared=False,
            coi_checked_on=TODAY,
            coi_outcome="None",
        )
    assert "decided_on" in errors(exc)


def test_a_stale_copy_is_refused():
    made = incident()
    with pytest.raises(StaleRecordError):
        services.record_notification(
            incident=made,
            panel_notified_on=AWARE,
            partners_notified_on=AWARE,
            expected_version=made.version + 5,
        )


def test_a_local_cspr_from_commission_to_publication():
    made = reviewed()
    decided = made.rapid_review_held_on
    with pytest.raises(ValidationError) as exc:
        cspr.start_cspr(
            incident=made,
            decided_on=decided,
            reviewer_name="Sam Reviewer",
            reviewer_organisation="Independent",
            coi_declared=None,
            coi_checked_on=decided,
            coi_outcome="",
        )
    assert "coi_declared" in errors(exc)
    made = cspr.start_cspr(
        incident=made,
        decided_on=decided,
        reviewer_name="Sam Reviewer",
        reviewer_organisation="Independent Safeguarding Reviews Ltd",
        coi_declared=False,
        coi_checked_on=decided,
        coi_outcome="No links with the agencies involved.",
    )
    assert selectors.stage(made) == "Local CSPR in progress"
    publication = selectors.timescales(made, TODAY)[3]
    assert publication.due == compute_due("cspr_publication", decided).due_date
    planned = TODAY + dt.timedelta(days=30)
    made = cspr.plan_publication(incident=made, planned_publication_on=planned)
    copy = selectors.timescales(made, TODAY)[2]
    assert copy.due == compute_due("cspr_copy_to_panel", planned).due_date
    assert copy.state == "due"
    with pytest.raises(ValidationError) as exc:
        cspr.record_publication(incident=made, published_on=TODAY)
    assert "published_on" in errors(exc)
    made = cspr.record_copy_to_panel(incident=made, sent_on=TODAY)
    assert selectors.timescales(made, TODAY)[2].state == "met"
    made = cspr.record_publication(incident=made, published_on=TODAY)
    assert selectors.stage(made) == "Local CSPR published"


def test_information_requests_are_for_a_local_cspr():
    made = reviewed()
    with pytest.raises(ValidationError):
        plan.request_information(incident=made, agency="Police", sent_on=TODAY, due_on=TODAY)
    made = cspr.start_cspr(
        incident=made,
        decided_on=made.rapid_review_held_on,
        reviewer_name="R",
        reviewer_organisation="O",
        coi_declared=True,
        coi_checked_on=made.rapid_review_held_on,
        coi_outcome="Declared past work with health; agreed not material.",
    )
    sent = made.cspr_decided_on
    with pytest.raises(ValidationError) as exc:
        plan.request_information(
            incident=made, agency="Police", sent_on=sent, due_on=sent - dt.timedelta(days=1)
        )
    assert "due_on" in errors(exc)
    asked = plan.request_information(
        incident=made, agency="Police", sent_on=sent, due_on=sent + dt.timedelta(days=14)
    )
    got = plan.record_information_received(request=asked, received_on=TODAY)
    assert got.received_on == TODAY


def test_the_action_plan_is_tracked_to_completion_with_evidence():
    made = reviewed()
    with pytest.raises(ValidationError):
        plan.add_action(incident=incident(), action="Do it", owner_agency="Health", due_on=TODAY)
    late = plan.add_action(
        incident=made,
        action="Audit health visitor records of bruising in non-mobile babies.",
        owner_agency="NHS community health",
        due_on=TODAY - dt.timedelta(days=3),
    )
    soon = plan.add_action(
        incident=made, action="Brief GPs.", owner_agency="GP practices", due_on=TODAY
    )
    assert selectors.action_status(late, TODAY) == "overdue"
    assert selectors.action_status(soon, TODAY) == "not_started"
    soon = plan.start_action(action=soon)
    assert soon.status == ActionStatus.IN_PROGRESS
    report = tracker(TODAY)
    assert [o.action.pk for o in report.overdue_actions] == [late.pk]
    with pytest.raises(ValidationError) as exc:
        plan.complete_action(action=late, completed_on=TODAY, evidence=" ")
    assert "evidence" in errors(exc)
    done = plan.complete_action(action=late, completed_on=TODAY, evidence="Audit report, 20 files.")
    assert done.status == ActionStatus.COMPLETE
    assert selectors.action_status(done, TODAY) == "complete"
    assert tracker(TODAY).overdue_actions == []
    with pytest.raises(ValidationError):
        plan.complete_action(action=done, completed_on=TODAY, evidence="Again")


def test_themes_from_the_maintained_list_and_retired_themes():
    ensure_standard_themes()
    made = reviewed()
    neglect = LearningTheme.objects.get(code="neglect")
    curiosity = LearningTheme.objects.get(code="professional_curiosity")
    made = plan.set_themes(incident=made, themes=[neglect, curiosity])
    assert set(made.themes.all()) == {neglect, curiosity}
    plan.set_theme_active(theme=neglect, active=False)
    neglect.refresh_from_db()
    made = plan.set_themes(incident=made, themes=[neglect])  # kept: already on the review
    other = reviewed()
    with pytest.raises(ValidationError) as exc:
        plan.set_themes(incident=other, themes=[neglect])
    assert "themes" in errors(exc)
    assert neglect in selectors.theme_choices(made)
    assert neglect not in selectors.theme_choices(other)
    added = plan.add_theme(label="Parental substance misuse")
    assert added.code == "parental_substance_misuse" and added.active
    with pytest.raises(ValidationError):
        plan.add_theme(label="parental substance misuse")


def test_learning_products_after_the_rapid_review():
    made = reviewed()
    product = plan.record_learning_product(
        incident=made,
        kind="seven_minute_briefing",
        title="Bruising in non-mobile babies",
        issued_on=TODAY,
        audience="All practitioners",
    )
    assert product.get_kind_display() == "7-minute briefing"
    with pytest.raises(ValidationError) as exc:
        plan.record_learning_product(
            incident=made, kind="poster", title="x", issued_on=TODAY, audience="y"
        )
    assert "kind" in errors(exc)


def test_the_tracker_lists_every_incident_with_each_timescale():
    first = incident()
    second = reviewed()
    report = tracker(TODAY)
    assert {r.incident.pk for r in report.rows} == {first.pk, second.pk}
    assert all(len(r.timescales) == 4 for r in report.rows)
    assert report.summary[0][0] == "Notified within 5 working days"
    assert report.count("serious_incident_notification", "overdue") == 1
