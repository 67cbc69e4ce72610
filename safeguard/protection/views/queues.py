"""The two work queues: conference business support, and the CP chair / IRO's own work.

Each list shows only children the user may open (``children_visible_to``), one page of
rows per list, each list in a bounded number of queries however long it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguard.access.decorators import requires
from safeguard.access.selectors import visible_among
from safeguard.core import clock
from safeguard.core.timescales import compute_due
from safeguard.protection import selectors
from safeguard.protection.models import Conference, ConferenceType
from safeguard.protection.views.common import user_worker

PER_PAGE = 20


@dataclass(frozen=True)
class Listing:
    """One paginated list on a queue page; ``param`` is its page number's query parameter."""

    page: Page[Any]
    param: str
    rows: list[Any]


def _listing(request: HttpRequest, items: QuerySet[Any] | list[Any], param: str) -> Listing:
    page = Paginator(items, PER_PAGE).get_page(request.GET.get(param))
    return Listing(page=page, param=param, rows=list(page.object_list))


@dataclass(frozen=True)
class UpcomingRow:
    conference: Conference
    invite_by: dt.date
    invited: int
    late: int
    reports_requested: int
    reports_missing: list[str]
    may_record_attendance: bool


def _upcoming_row(conference: Conference, today: dt.date) -> UpcomingRow:
    invitations = list(conference.invitations.all())
    late = selectors.late_invitations(conference, invitations)
    requested = [i for i in invitations if i.report_requested]
    return UpcomingRow(
        conference=conference,
        invite_by=selectors.invitation_deadline(conference),
        invited=len(invitations),
        late=len(late),
        reports_requested=len(requested),
        reports_missing=[
            f"{i.invitee} ({i.get_agency_display()})"
            for i in requested
            if i.report_received_on is None
        ],
        may_record_attendance=conference.scheduled_for <= today,
    )


@dataclass(frozen=True)
class RequestRow:
    enquiry: Any
    due: dt.date | None


@dataclass(frozen=True)
class ReviewRow:
    plan: Any
    due: dt.date | None
    today: dt.date

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < self.today


@requires("access.manage_conferences")
@require_GET
def business_support(request: HttpRequest) -> HttpResponse:
    children = visible_among(request.user, selectors.business_support_children())
    today = clock.today()
    requests = _listing(request, selectors.requests_awaiting_scheduling(children), "requests")
    upcoming = _listing(request, selectors.upcoming_conferences(child__in=children), "page")
    minutes = _listing(request, selectors.awaiting_minutes(children), "minutes")
    reviews = _listing(request, selectors.reviews_to_book(children), "reviews")
    context = {
        "reviews": reviews,
        "review_rows": [
            ReviewRow(plan=plan, due=selectors.next_review_due(plan), today=today)
            for plan in reviews.rows
        ],
        "requests": requests,
        "request_rows": [
            RequestRow(
                enquiry=e,
                due=(
                    compute_due("icpc", e.strategy_discussion.held_on).due_date
                    if e.strategy_discussion
                    else None
                ),
            )
            for e in requests.rows
        ],
        "upcoming": upcoming,
        "upcoming_rows": [_upcoming_row(c, today) for c in upcoming.rows],
        "minutes": minutes,
        "today": today,
    }
    return render(request, "protection/business_support.html", context)


@dataclass(frozen=True)
class PlanRow:
    plan: Any
    last_held_on: dt.date | None
    midway_due: dt.date | None
    overdue: bool


def _plan_row(plan: Any, today: dt.date) -> PlanRow:
    due = None
    held = plan.last_held_on
    if held is not None and not (plan.last_midway_on and plan.last_midway_on >= held):
        due = selectors.midway_due_between(held, plan.last_held_type != ConferenceType.REVIEW)
    return PlanRow(plan=plan, last_held_on=held, midway_due=due, overdue=bool(due and due < today))


def _next_review(review: Any) -> dt.date:
    """A looked-after child's second review is due 3 months after the first, later ones 6."""
    key = "lac_review_second" if review.reviews_in_period == 1 else "lac_review_next"
    return compute_due(key, review.held_on).due_date


@requires("access.chair_conferences")
@require_GET
def chair_home(request: HttpRequest) -> HttpResponse:
    worker = user_worker(request)
    today = clock.today()
    context: dict[str, Any] = {"worker": worker, "today": today}
    if worker is not None:
        children = visible_among(request.user, selectors.chair_children(worker))
        conferences = _listing(
            request, selectors.upcoming_conferences(chair=worker, child__in=children), "page"
        )
        plans = _listing(request, selectors.plans_chaired_by(worker, children), "plans")
        reviews = _listing(request, selectors.reviews_chaired_by(worker, children), "reviews")
        raised = selectors.escalations_raised_by(worker, children)
        escalations = _listing(request, raised, "escalations")
        context.update(
            conferences=conferences,
            plans=plans,
            plan_rows=[_plan_row(p, today) for p in plans.rows],
            reviews=reviews,
            review_rows=[(r, _next_review(r)) for r in reviews.rows],
            escalations=escalations,
        )
    return render(request, "protection/chair_home.html", context)
