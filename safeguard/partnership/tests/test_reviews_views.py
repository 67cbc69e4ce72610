"""The practice review pages through the test client: an incident from notification to an
action completed, errors on the forms, the tracker and its downloads, the themes list,
and the audit of every page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import make_user
from safeguard.audit.models import AuditEvent
from safeguard.core import calendar, clock
from safeguard.partnership.models import LearningTheme, ReviewAction, SeriousIncident
from safeguard.partnership.services.reviews_checks import ensure_standard_themes

pytestmark = pytest.mark.django_db
TODAY = clock.today()
AWARE = calendar.add_working_days(TODAY, -40)


def date(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def url(name: str, incident: SeriousIncident, **kw: Any) -> str:
    return reverse(f"partnership:{name}", kwargs={"incident_id": incident.pk, **kw})


@pytest.fixture
def unit(client):
    return sign_in(client, make_user("pbu.officer", "partnership_business_unit"))


def test_an_incident_from_notification_to_an_action_completed(unit):
    ensure_standard_themes()
    response = unit.post(
        reverse("partnership:review_new"),
        {
            "child_identifier": "Child M",
            "la_area": "neighbour",
            "incident_type": "serious_harm",
            "looked_after": "no",
            **date("aware_on", AWARE),
            "summary": "Infant with a head injury.",
        },
    )
    incident = SeriousIncident.objects.get()
    assert response.status_code == 302 and response["Location"] == url("review_case", incident)
    page = unit.get(url("review_case", incident)).content.decode()
    assert "Child M" in page and "Record the notification" in page
    day = calendar.add_working_days(AWARE, 2)
    response = unit.post(
        url("review_notification", incident),
        {
            "version": incident.version,
            **date("panel_notified_on", day),
            **date("partners_notified_on", day),
        },
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    held = calendar.add_working_days(day, 10)
    response = unit.post(
        url("review_rapid_review", incident),
        {
            "version": incident.version,
            **date("held_on", held),
            **date("sent_on", held),
            "facts": "Head injury; father's account inconsistent.",
            "immediate_actions": "Strategy discussion; s47.",
            "decision": "local_cspr",
            "reasons": "Learning about the invisible father.",
        },
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    theme = LearningTheme.objects.get(code="professional_curiosity")
    response = unit.post(
        url("review_themes", incident), {"version": incident.version, "themes": [str(theme.pk)]}
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    response = unit.post(
        url("review_action_add", incident),
        {
            "version": incident.version,
            "action": "Include fathers in health visitor contacts.",
            "owner_agency": "NHS community health",
            **date("due_on", TODAY + dt.timedelta(days=30)),
        },
    )
    assert response.status_code == 302
    action = ReviewAction.objects.get()
    response = unit.post(
        url("review_action_complete", incident, action_id=action.pk),
        {**date("completed_on", TODAY), "evidence": "Guidance updated; audit of 30 records."},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "complete"
    page = unit.get(url("review_case", incident)).content.decode()
    assert "Professional curiosity" in page and "Guidance updated" in page
    assert AuditEvent.objects.filter(
        model_label="partnership.SeriousIncident", object_id=str(incident.pk), action="view"
    ).exists()


def test_a_number_for_the_child_is_refused_on_the_form(unit):
    response = unit.post(
        reverse("partnership:review_new"),
        {
            "child_identifier": "1234567",
            "la_area": "ours",
            "incident_type": "death",
            "looked_after": "no",
            **date("aware_on", AWARE),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert "not a number" in html
    assert not SeriousIncident.objects.exists()


def test_the_rapid_review_is_not_offered_before_the_notification(unit):
    from safeguard.partnership.services.reviews import record_incident

    incident = record_incident(
        child_identifier="Child P", la_area="ours", incident_type="death", aware_on=AWARE
    )
    html = unit.get(url("review_rapid_review", incident)).content.decode()
    assert "Record the notification to the Panel before the rapid review" in html
    assert "Save the rapid review" not in html


def test_the_list_tracker_and_downloads(unit):
    from safeguard.partnership.services.reviews import record_incident

    record_incident(
        child_identifier="Child Q", la_area="ours", incident_type="death", aware_on=AWARE
    )
    html = unit.get(reverse("partnership:review_list")).content.decode()
    assert "Child Q" in html and "Overdue" in html
    html = unit.get(reverse("partnership:review_tracker")).content.decode()
    assert "Child Q" in html and "No actions are overdue" in html
    csv = unit.get(reverse("partnership:review_tracker_export", kwargs={"fmt": "csv"}))
    text = csv.content.decode()
    assert csv["Content-Type"].startswith("text/csv")
    assert "Notified within 5 working days" in text and "Child Q" in text
    pdf = unit.get(reverse("partnership:review_tracker_export", kwargs={"fmt": "pdf"}))
    assert pdf.content.startswith(b"%PDF")
    assert (
        unit.get(reverse("partnership:review_tracker_export", kwargs={"fmt": "xls"})).status_code
        == 404
    )
    assert (
        AuditEvent.objects.filter(action="download", summary__startswith="Practice review").count()
        == 2
    )


def test_the_themes_list_adds_and_retires(unit):
    ensure_standard_themes()
    response = unit.post(reverse("partnership:review_themes_list"), {"label": "Online harm"})
    assert response.status_code == 302
    theme = LearningTheme.objects.get(label="Online harm")
    unit.post(
        reverse("partnership:review_theme_active", kwargs={"theme_id": theme.pk}), {"active": "no"}
    )
    theme.refresh_from_db()
    assert not theme.active
    html = unit.post(reverse("partnership:review_themes_list"), {"label": ""}).content.decode()
    assert "Enter the theme" in html
