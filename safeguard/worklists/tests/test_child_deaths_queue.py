"""The CDOP queue (partnership business unit): the coroner's notice and the registrar's
particulars chased until they arrive, and reviews waiting for the panel, due on the
panel date once it is set."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from safeguard.core import calendar, clock
from safeguard.core.timescales import compute_due
from safeguard.partnership.services import child_deaths as services
from safeguard.worklists.builders.child_deaths import PANEL_KIND, child_deaths
from safeguard.worklists.items import Rules, State
from safeguard.worklists.queues.base import Queue

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)
QUEUE = Queue(
    slug="child-deaths",
    title="Child death reviews: notices and panel reviews",
    capability="manage_child_deaths",
    url_name="worklists:queue_child_deaths",
    intro="Coroner's notices and registrar's particulars not yet received, and child "
    "death reviews waiting for the CDOP panel.",
    read=child_deaths,
)


def _death(died: dt.date, **kw):
    values: dict[str, Any] = {
        "first_name": "Sky",
        "last_name": "Example",
        "date_of_birth": died - 400 * DAY,
        "date_of_death": died,
        "sex": "2",
        "ethnicity": "WBRI",
        "resident_area": "ours",
        "notified_on": died,
        "notified_by": "police",
        "place_of_death": "home",
        "expectation": "unexpected",
        "known_to_social_care": False,
    }
    values.update(kw)
    return services.notify_death(**values)


def _items(kind=None):
    found = QUEUE.items(None, clock.today(), Rules())
    return [i for i in found if kind is None or i.kind == kind]


def test_the_coroners_notice_is_chased_until_it_arrives():
    today = clock.today()
    decided = calendar.add_working_days(today, -5)
    death = _death(decided - 2 * DAY)
    services.record_coroner(death=death, decision_on=decided, investigation=True, post_mortem=True)
    [item] = _items("coroner_notice")
    assert item.due == compute_due("coroner_notice", decided).due_date
    assert item.state is State.OVERDUE and item.subject.startswith(death.reference)
    assert "Sky" not in item.subject  # the reference only
    assert item.url == reverse("partnership:child_death_case", kwargs={"death_id": death.pk})
    assert "3 working days" in item.explanation
    services.record_coroner(
        death=death, decision_on=decided, investigation=True, post_mortem=True, notice_on=today
    )
    assert not _items("coroner_notice")


def test_the_registrars_particulars_are_chased_until_they_arrive():
    today = clock.today()
    death = _death(today - 20 * DAY, expectation="expected", place_of_death="hospital")
    services.record_registration(death=death, registered_on=today - 2 * DAY)
    [item] = _items("registrar_particulars")
    assert item.due == compute_due("registrar_particulars", today - 2 * DAY).due_date
    assert item.state is not State.OVERDUE
    services.record_registration(death=death, registered_on=today - 2 * DAY, particulars_on=today)
    assert not _items("registrar_particulars")


def test_a_review_waits_for_the_panel_until_it_is_recorded():
    today = clock.today()
    death = _death(today - 90 * DAY)
    services.record_joint_agency_response(death=death, started_on=today - 90 * DAY, lead="DS Lee")
    assert not _items(PANEL_KIND)  # no review meeting yet
    services.record_review_meeting(death=death, meeting_on=today - 10 * DAY, held=True)
    [item] = _items(PANEL_KIND)
    assert item.what == "Set the panel date" and item.due == today - 10 * DAY
    assert item.state is State.OVERDUE and "No national timescale" in item.explanation
    services.schedule_panel(death=death, panel_on=today + 14 * DAY)
    [item] = _items(PANEL_KIND)
    assert item.what == "Record the panel's review" and item.due == today + 14 * DAY
    assert "arranged for" in item.explanation
    services.record_panel_review(death=death, reviewed_on=today, category="10", modifiable=False)
    assert not _items()
