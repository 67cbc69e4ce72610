"""Children out of school, for one child: the overview and the forms that write to it.

Every page opens the child's record first (``open_child_record``: access rules and the
audit of the view); the writes are audited row by row like every child record. The
overview needs only ``open_child_record``; recording needs ``record_casework``, as the
missing-episode and CAROLE pages do. A record id from another child's record is a 404.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django import forms as django_forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.access.guards import open_child_record
from safeguard.care.pages import Fact, day
from safeguard.core import clock
from safeguard.core.views_steps import posted, step_form_page
from safeguard.education import forms, selectors, services
from safeguard.education.models import Exclusion, MissingEducationEpisode, PartTimeTimetable

VIEW = "access.open_child_record"
CASEWORK = "access.record_casework"
PER_PAGE = 20


def _form_page(
    request: HttpRequest,
    child: Any,
    form: django_forms.Form,
    *,
    title: str,
    button: str,
    action: Callable[[dict[str, Any]], object],
    success: str,
    facts: Sequence[Fact] = (),
    intro: str = "",
    warning: str = "",
    show_form: bool = True,
) -> HttpResponse:
    """The shared step form page (``core.views_steps``): GET shows the form; a valid POST
    runs the service and goes back to the child's education overview."""
    return step_form_page(
        request,
        form,
        template="education/form.html",
        title=title,
        button=button,
        action=action,
        success=success,
        done=reverse("education:overview", kwargs={"child_id": child.pk}),
        facts=facts,
        intro=intro,
        warning=warning,
        show_form=show_form,
        context={
            "child": child,
            "caption": f"{child.first_name} {child.last_name} ({child.la_child_id})",
        },
    )


def _episode(child: Any, episode_id: uuid.UUID) -> MissingEducationEpisode:
    found = selectors.episode_for_child(child, episode_id)
    if found is None:
        raise Http404("This child has no missing education episode with this identifier.")
    return found


def _exclusion(child: Any, exclusion_id: uuid.UUID) -> Exclusion:
    found = selectors.exclusion_for_child(child, exclusion_id)
    if found is None:
        raise Http404("This child has no exclusion with this identifier.")
    return found


def _timetable(child: Any, timetable_id: uuid.UUID) -> PartTimeTimetable:
    found = selectors.timetable_for_child(child, timetable_id)
    if found is None:
        raise Http404("This child has no part-time timetable with this identifier.")
    return found


def _exclusion_facts(exclusion: Exclusion) -> list[Fact]:
    facts: list[Fact] = [
        ("Type", exclusion.get_kind_display()),
        ("School", exclusion.school_name),
        ("First day", day(exclusion.excluded_on)),
        ("Reason", exclusion.get_reason_display()),
    ]
    if exclusion.days is not None:
        facts.append(("School days", f"{exclusion.days} (to {day(exclusion.ends_on)})"))
    return facts


@requires(VIEW)
@require_GET
def overview(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="View children out of school record")
    today = clock.today()
    exclusions = Paginator(selectors.exclusions_for_child(child), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "child": child,
        "out_of_school": selectors.out_of_school(child, today),
        "open_episode": selectors.open_missing_education(child),
        "episodes": selectors.missing_education_for_child(child)[:PER_PAGE],
        "page": exclusions,
        "timetables": selectors.timetables_for_child(child)[:PER_PAGE],
    }
    return render(request, "education/overview.html", context)


@requires(CASEWORK)
@require_http_methods(["GET", "POST"])
def record_missing_education(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record a missing education episode")
    form = forms.MissingEducationForm(posted(request))
    current = selectors.open_missing_education(child)
    return _form_page(
        request,
        child,
        form,
        title="Child missing education",
        button="Save the episode",
        intro="For a child of compulsory school age who is not on a school roll or not "
        "receiving suitable education, as reported to the Children Missing Education group.",
        warning=f"{child.first_name} has been missing education since "
        f"{day(current.reported_on)}: end that episode first."
        if current is not None
        else "",
        show_form=current is None,
        action=lambda d: services.record_missing_education(
            child=child,
            reported_on=d["reported_on"],
            reported_by=d["reported_by"],
            reporter_name=d["reporter_name"],
            reason=d["reason"],
            notes=d["notes"],
        ),
        success=f"The missing education episode for {child.first_name} is saved",
    )


@requires(CASEWORK)
@require_http_methods(["GET", "POST"])
def close_missing_education(
    request: HttpRequest, child_id: uuid.UUID, episode_id: uuid.UUID
) -> HttpResponse:
    child = open_child_record(request, child_id, summary="End a missing education episode")
    episode = _episode(child, episode_id)
    form = forms.CloseMissingEducationForm(posted(request), initial={"version": episode.version})
    return _form_page(
        request,
        child,
        form,
        title="End the missing education episode",
        button="Save the end of the episode",
        facts=[
            ("Reported", f"{day(episode.reported_on)} by {episode.get_reported_by_display()}"),
            ("Reason", episode.get_reason_display()),
        ],
        warning="This episode has already ended." if not episode.is_open else "",
        show_form=episode.is_open,
        action=lambda d: services.close_missing_education(
            episode=episode,
            ended_on=d["ended_on"],
            outcome=d["outcome"],
            notes=d["notes"],
            expected_version=d["version"],
        ),
        success=f"The end of {child.first_name}'s missing education episode is saved",
    )


@requires(CASEWORK)
@require_http_methods(["GET", "POST"])
def record_exclusion(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record an exclusion")
    form = forms.ExclusionForm(posted(request))
    return _form_page(
        request,
        child,
        form,
        title="Exclusion from school",
        button="Save the exclusion",
        intro="A suspension is for a number of school days; a permanent exclusion has none. "
        "From the sixth school day the child must have full-time education elsewhere.",
        action=lambda d: services.record_exclusion(
            child=child,
            kind=d["kind"],
            school_name=d["school_name"],
            excluded_on=d["excluded_on"],
            reason=d["reason"],
            days=d["days"],
            notes=d["notes"],
        ),
        success=f"The exclusion for {child.first_name} is saved",
    )


@requires(CASEWORK)
@require_http_methods(["GET", "POST"])
def lift_exclusion(
    request: HttpRequest, child_id: uuid.UUID, exclusion_id: uuid.UUID
) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record an exclusion lifted")
    exclusion = _exclusion(child, exclusion_id)
    form = forms.LiftExclusionForm(posted(request), initial={"version": exclusion.version})
    done = exclusion.lifted or exclusion.reintegrated_on is not None
    return _form_page(
        request,
        child,
        form,
        title="Exclusion lifted or overturned",
        button="Save",
        facts=_exclusion_facts(exclusion),
        warning="This exclusion is already lifted or the child has a new school." if done else "",
        show_form=not done,
        action=lambda d: services.lift_exclusion(
            exclusion=exclusion, lifted_on=d["lifted_on"], expected_version=d["version"]
        ),
        success=f"The exclusion for {child.first_name} is recorded as lifted",
    )


@requires(CASEWORK)
@require_http_methods(["GET", "POST"])
def record_reintegration(
    request: HttpRequest, child_id: uuid.UUID, exclusion_id: uuid.UUID
) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record a new school after exclusion")
    exclusion = _exclusion(child, exclusion_id)
    form = forms.ReintegrationForm(posted(request), initial={"version": exclusion.version})
    done = not exclusion.is_permanent or exclusion.lifted or exclusion.reintegrated_on is not None
    return _form_page(
        request,
        child,
        form,
        title="New school after a permanent exclusion",
        button="Save the new school",
        facts=_exclusion_facts(exclusion),
        warning="A new school is recorded only once, after a permanent exclusion in force."
        if done
        else "",
        show_form=not done,
        action=lambda d: services.record_reintegration(
            exclusion=exclusion,
            reintegrated_on=d["reintegrated_on"],
            expected_version=d["version"],
        ),
        success=f"{child.first_name}'s new school is saved",
    )


@requires(CASEWORK)
@require_http_methods(["GET", "POST"])
def record_timetable(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record a part-time timetable")
    form = forms.PartTimeTimetableForm(posted(request))
    return _form_page(
        request,
        child,
        form,
        title="Part-time timetable",
        button="Save the timetable",
        intro="A reduced school day agreed with the school. It should be short, with a plan "
        "back to full time.",
        action=lambda d: services.record_part_time_timetable(
            child=child,
            school_name=d["school_name"],
            started_on=d["started_on"],
            ended_on=d["ended_on"],
            hours_per_week=d["hours_per_week"],
            reason=d["reason"],
        ),
        success=f"The part-time timetable for {child.first_name} is saved",
    )


@requires(CASEWORK)
@require_http_methods(["GET", "POST"])
def end_timetable(
    request: HttpRequest, child_id: uuid.UUID, timetable_id: uuid.UUID
) -> HttpResponse:
    child = open_child_record(request, child_id, summary="End a part-time timetable")
    timetable = _timetable(child, timetable_id)
    form = forms.EndTimetableForm(posted(request), initial={"version": timetable.version})
    running = timetable.ended_on is None
    return _form_page(
        request,
        child,
        form,
        title="End of the part-time timetable",
        button="Save",
        facts=[("School", timetable.school_name), ("Started", day(timetable.started_on))],
        warning="" if running else "This timetable has already ended.",
        show_form=running,
        action=lambda d: services.end_part_time_timetable(
            timetable=timetable, ended_on=d["ended_on"], expected_version=d["version"]
        ),
        success=f"{child.first_name} is back on a full timetable",
    )
