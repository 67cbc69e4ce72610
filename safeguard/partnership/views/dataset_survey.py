"""The partner experience survey (OBA3-06): a financial year's responses, the measure for
the year, counts by rating and by agency; and entering a response. Business unit only.

Partners' comments are free text about children's services (the form asks them not to
name a child); the list is audited as a view of the responses all the same.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core import clock
from safeguard.core.middleware import client_ip
from safeguard.core.quarters import financial_year_of
from safeguard.core.views_steps import posted, step_form_page
from safeguard.partnership.forms import dataset as forms
from safeguard.partnership.models.dataset import PartnerSurveyResponse
from safeguard.partnership.selectors import dataset as selectors
from safeguard.partnership.services import dataset as services

MANAGE = "access.manage_partnership_dataset"
PER_PAGE = 25


def _year(request: HttpRequest, years: list[int]) -> int:
    text = request.GET.get("year", "").strip()
    if text.isdigit() and int(text) in years:
        return int(text)
    return years[0]


@requires(MANAGE)
@require_GET
def survey(request: HttpRequest) -> HttpResponse:
    years = selectors.survey_years(clock.today())
    year = _year(request, years)
    summary = selectors.survey_year(year)
    page = Paginator(selectors.survey_responses(year), PER_PAGE).get_page(request.GET.get("page"))
    record_event(
        action=AuditAction.VIEW,
        user=request.user,
        ip=client_ip(request),
        model_label=PartnerSurveyResponse._meta.label,
        row_count=len(page.object_list),
        summary=f"Partner survey responses {summary.label}",
    )
    return render(
        request,
        "partnership/dataset/survey.html",
        {
            "summary": summary,
            "years": [(y, f"{y}-{str(y + 1)[2:]}") for y in years],
            "page": page,
            "page_query": f"year={year}&",
            "active": "survey",
        },
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def survey_new(request: HttpRequest) -> HttpResponse:
    form = forms.SurveyResponseForm(posted(request))
    return step_form_page(
        request,
        form,
        template="partnership/dataset/survey_form.html",
        title="Record a partner survey response",
        button="Save the response",
        intro="One partner's answer to \u201cHow would you rate your experience of "
        "children's services?\u201d. OBA3-06 counts excellent and good as good or better.",
        action=lambda data: services.record_survey_response(
            agency=data["agency"],
            responded_on=data["responded_on"],
            rating=data["rating"],
            comments=data.get("comments", ""),
        ),
        success="Survey response saved.",
        done=lambda response: (
            f"{reverse('partnership:dataset_survey')}?year={financial_year_of(response.responded_on)}"
        ),
        context={
            "caption": "Partner experience survey",
            "back": reverse("partnership:dataset_survey"),
        },
    )
