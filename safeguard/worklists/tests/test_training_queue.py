"""The training queue: sessions held without attendance, and sessions soon with people
waiting, each due on the session's date; done when attendance is recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from safeguard.core import clock
from safeguard.partnership.models.training import TrainingAgency
from safeguard.partnership.services import training as services
from safeguard.worklists.builders.training import sessions
from safeguard.worklists.items import Rules, State

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def _book(session, n: int, booked_on: dt.date):
    return services.book_place(
        session=session,
        agency=TrainingAgency.objects.get(name="Police"),
        delegate_name=f"Delegate {n}",
        delegate_role="Constable",
        delegate_email=f"d{n}@example.org",
        booked_on=booked_on,
    )


def test_attendance_due_and_waiting_lists_soon():
    today = clock.today()
    course = services.add_course(
        title="Neglect", level="3", length=Decimal("1"), length_unit="days", mode="virtual",
        capacity=1, price_per_place=Decimal("75"), provider="P",
    )  # fmt: skip
    held = services.add_session(course=course, starts_on=today + DAY * 2)
    booking = _book(held, 1, today)
    held.starts_on = today - DAY * 3
    held.save(update_fields=["starts_on"])
    soon = services.add_session(course=course, starts_on=today + DAY * 10)
    _book(soon, 2, today)
    _book(soon, 3, today)  # waiting
    later = services.add_session(course=course, starts_on=today + DAY * 60)
    _book(later, 4, today)
    _book(later, 5, today)  # waiting, but not soon: not yet work
    empty = services.add_session(course=course, starts_on=today - DAY * 5)  # nobody booked
    assert empty

    items = sessions(None, today, Rules())
    kinds = [(i.kind, i.due) for i in items]
    assert kinds == [
        ("training_attendance", today - DAY * 3),
        ("training_waiting_list", today + DAY * 10),
    ]
    attendance, waiting = items
    assert attendance.state is State.OVERDUE and attendance.days_overdue == 3
    assert attendance.url == reverse("partnership:training_session", kwargs={"session_id": held.pk})
    assert "Attendance is recorded" in attendance.explanation
    assert waiting.detail.startswith("1 waiting") and waiting.state is State.UPCOMING

    services.record_attendance(session=held, outcomes={str(booking.pk): "attended"})
    assert [i.kind for i in sessions(None, today, Rules())] == ["training_waiting_list"]
