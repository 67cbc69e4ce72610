"""The compliments pages: the list (filtered by team) and recording a compliment.

Compliments name teams and workers, not children, so they need no child audit; the list
is still logged as a page view for the complaints officers (``manage_complaints``).
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.core import clock
from safeguard.core.views_steps import posted, step_form_page
from safeguard.quality.auditing import audit_list
from safeguard.quality.forms import complaints as forms
from safeguard.quality.models import Compliment
from safeguard.quality.selectors import complaints as selectors
from safeguard.quality.services import complaints as services
from safeguard.workforce.models import Team

MANAGE = "access.manage_complaints"
PER_PAGE = 25


@requires(MANAGE)
@require_GET
def compliments(request: HttpRequest) -> HttpResponse:
    teams = list(Team.objects.order_by("name"))
    team_id = request.GET.get("team", "")
    if team_id not in {str(t.pk) for t in teams}:
        team_id = ""
    page = Paginator(selectors.compliments(team_id=team_id), PER_PAGE).get_page(
        request.GET.get("page")
    )
    audit_list(request, model_label=Compliment._meta.label, summary="Compliments", count=len(page))
    return render(
        request,
        "quality/complaints/compliments.html",
        {
            "page": page,
            "teams": teams,
            "team_id": team_id,
            "query_prefix": f"team={team_id}&" if team_id else "",
        },
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def new_compliment(request: HttpRequest) -> HttpResponse:
    form = forms.ComplimentForm(posted(request), initial={"received_on": clock.today()})
    return step_form_page(
        request,
        form,
        template="quality/complaints/form.html",
        title="Record a compliment",
        button="Save the compliment",
        action=lambda d: services.record_compliment(
            received_on=d["received_on"],
            received_from=d["received_from"],
            summary=d["summary"],
            team=d["team"],
            worker=d["worker"],
        ),
        success="The compliment is recorded",
        done=reverse("quality:compliment_list"),
        context={"caption": "Compliments", "back": reverse("quality:compliment_list")},
    )
