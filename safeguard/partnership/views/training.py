"""The training pages: the programme of sessions (by quarter, with what needs doing), the
course menu and a course's sessions, adding a course and a session, and the agencies.

Only the partnership business unit (``manage_training``) opens these. The programme and
course pages show places and waiting lists, not delegates; the session page (delegate
names and emails) is in ``training_bookings`` and is audited.
"""

from __future__ import annotations

import uuid

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.core import clock
from safeguard.core.views_steps import posted, step_form_page
from safeguard.partnership.forms import training as forms
from safeguard.partnership.models.training import Course
from safeguard.partnership.quarters import Quarter, QuarterError
from safeguard.partnership.selectors import training as selectors
from safeguard.partnership.services import training as services

MANAGE = "access.manage_training"
CAPTION = "Multi-agency training"
PER_PAGE = 25
FORM = "partnership/training/form.html"


def session_url(session: object) -> str:
    return reverse("partnership:training_session", kwargs={"session_id": session.pk})  # type: ignore[attr-defined]


def course_url(course: Course) -> str:
    return reverse("partnership:training_course", kwargs={"course_id": course.pk})


def _course(course_id: uuid.UUID) -> Course:
    found = selectors.course(course_id)
    if found is None:
        raise Http404("There is no course with this identifier.")
    return found


@requires(MANAGE)
@require_GET
def programme(request: HttpRequest) -> HttpResponse:
    """A quarter's sessions (this quarter unless asked), and the unit's work list."""
    today = clock.today()
    typed = request.GET.get("quarter", "").strip()
    error = ""
    quarter = Quarter.containing(today)
    if typed:
        try:
            quarter = Quarter.parse(typed)
        except QuarterError as exc:
            error = str(exc)
    return render(
        request,
        "partnership/training/programme.html",
        {
            "quarter": quarter,
            "error": error,
            "typed": typed or quarter.code,
            "sessions": list(selectors.programme(quarter)),
            "previous": quarter.previous(),
            "next": quarter.next(),
            "work_list": selectors.work_list(today),
            "today": today,
        },
        status=400 if error else 200,
    )


@requires(MANAGE)
@require_GET
def courses(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.courses(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "partnership/training/courses.html", {"page": page})


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def course_add(request: HttpRequest) -> HttpResponse:
    back = reverse("partnership:training_courses")
    return step_form_page(
        request,
        forms.CourseForm(posted(request), initial={"price_per_place": "0"}),
        template=FORM,
        title="Add a course",
        button="Add the course",
        intro="A course on the partnership's training menu. Add its dates as sessions next.",
        action=lambda d: services.add_course(
            title=d["title"],
            level=d["level"],
            length=d["length"],
            length_unit=d["length_unit"],
            mode=d["mode"],
            capacity=d["capacity"],
            price_per_place=d["price_per_place"],
            provider=d["provider"],
            description=d["description"],
        ),
        success=lambda c: f"{c.title} is on the menu",
        done=course_url,
        context={"caption": CAPTION, "back": back, "back_label": "Back to courses"},
    )


@requires(MANAGE)
@require_GET
def course(request: HttpRequest, course_id: uuid.UUID) -> HttpResponse:
    found = _course(course_id)
    page = Paginator(selectors.course_sessions(found), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "partnership/training/course.html", {"course": found, "page": page})


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def session_add(request: HttpRequest, course_id: uuid.UUID) -> HttpResponse:
    found = _course(course_id)
    back = course_url(found)
    return step_form_page(
        request,
        forms.SessionForm(posted(request), initial={"capacity": found.capacity}),
        template=FORM,
        title="Add a session",
        button="Add the session",
        facts=[
            ("Course", found.title),
            ("Length", found.length_label),
            ("Delivered", found.get_mode_display()),
        ],
        warning="" if found.active else f"{found.title} is no longer on the menu.",
        action=lambda d: services.add_session(
            course=found,
            starts_on=d["starts_on"],
            start_time=d["start_time"],
            capacity=d["capacity"],
            venue=d["venue"],
            trainer=d["trainer"],
        ),
        success=lambda s: f"Session on {s.starts_on:%-d %B %Y} added",
        done=session_url,
        context={"caption": found.title, "back": back, "back_label": f"Back to {found.title}"},
    )


@requires(MANAGE)
@require_GET
def agencies(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.agencies(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "partnership/training/agencies.html", {"page": page})


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def agency_add(request: HttpRequest) -> HttpResponse:
    back = reverse("partnership:training_agencies")
    return step_form_page(
        request,
        forms.AgencyForm(posted(request)),
        template=FORM,
        title="Add an agency",
        button="Add the agency",
        intro="Agencies whose staff book places; the kind of agency groups attendance in "
        "the quarterly table.",
        action=lambda d: services.add_agency(name=d["name"], sector=d["sector"]),
        success=lambda a: f"{a.name} is on the list",
        done=back,
        context={"caption": CAPTION, "back": back, "back_label": "Back to agencies"},
    )
