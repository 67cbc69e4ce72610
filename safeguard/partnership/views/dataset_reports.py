"""Partners' exception reports: a partner agency's list and form, the local authority's
form, and the business unit's reading of any agency's report.

Who may do what (``selectors.dataset.may_write``):

* a partner agency user (``submit_exception_report``) writes and submits only their own
  agency's report: the form of another agency's answers 403;
* the partnership business unit (``manage_partnership_dataset``) reads every agency's
  report, writes the local authority's, and may send a submitted report back to draft.

Exception reports name no child, so reading one writes no child's audit entry; every
write is audited by the service.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguard.access.decorators import requires
from safeguard.core import clock
from safeguard.core.forms import submit_to_service
from safeguard.core.views_steps import posted
from safeguard.partnership.forms import dataset as forms
from safeguard.partnership.models.dataset import (
    EXCEPTION_SECTIONS,
    ExceptionReport,
    ReportingAgency,
)
from safeguard.partnership.quarters import Quarter
from safeguard.partnership.selectors import dataset as selectors
from safeguard.partnership.services import dataset as services

SUBMIT = "access.submit_exception_report"
MANAGE = "access.manage_partnership_dataset"
FORM = "partnership/dataset/form.html"
REPORT = "partnership/dataset/report.html"
CAPTION = "Partnership dataset"


def _quarter(text: str) -> Quarter:
    """A quarter that has started (a report for a later one cannot be written yet)."""
    quarter = selectors.parse_quarter(text)
    if quarter is None or quarter.start > clock.today():
        raise Http404("There is no such quarter yet.")
    return quarter


def _agency(code: str) -> str:
    if code not in ReportingAgency.values:
        raise Http404("There is no such agency.")
    return code


def _label(agency: str) -> str:
    return str(ReportingAgency(agency).label)


def report_url(quarter: Quarter, agency: str) -> str:
    return reverse("partnership:dataset_report", kwargs={"quarter": quarter.code, "agency": agency})


def _initial(report: ExceptionReport | None) -> dict[str, object]:
    if report is None:
        return {}
    values: dict[str, object] = {"version": report.version}
    for name, _, _ in EXCEPTION_SECTIONS:
        values[name] = getattr(report, name)
        values[f"{name}_rag"] = getattr(report, f"{name}_rag")
    return values


def _write(
    request: HttpRequest, agency: str, quarter: Quarter, *, back: str, back_label: str
) -> HttpResponse:
    """The form (or, once submitted, the report as sent) for one agency and quarter."""
    if not selectors.may_write(request.user, agency):
        raise PermissionDenied("You write only your own agency's exception report.")
    report = selectors.find_report(agency, quarter)
    title = f"{_label(agency)} exception report: {quarter.label}"
    if report is not None and report.is_submitted:
        return render(
            request,
            REPORT,
            {
                "report": report,
                "title": title,
                "quarter": quarter,
                "agency_label": _label(agency),
                "sections": selectors.sections_of(report),
                "back": back,
                "back_label": back_label,
                "can_return": False,
            },
        )
    form = forms.ExceptionReportForm(posted(request), initial=_initial(report))
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == forms.SUBMIT
        saved = submit_to_service(
            form,
            lambda: services.save_exception_report(
                agency=agency,
                quarter=quarter,
                sections=form.sections(),
                rags=form.rags(),
                submit=submit,
                submitted_by=request.user if submit else None,
                expected_version=form.cleaned_data.get("version"),
            ),
        )
        if saved is not None:
            messages.success(
                request,
                f"{title} submitted to the partnership."
                if saved.is_submitted
                else f"{title} saved as a draft.",
            )
            return redirect(back)
    return render(
        request,
        FORM,
        {
            "form": form,
            "title": title,
            "caption": CAPTION,
            "quarter": quarter,
            "report": report,
            "back": back,
            "back_label": back_label,
        },
    )


# -- a partner agency's own reports -----------------------------------------------------------


@requires(SUBMIT)
@require_GET
def agency_reports(request: HttpRequest) -> HttpResponse:
    agency = getattr(request.user, "agency", "")
    if not agency:
        raise PermissionDenied("Only a partner agency's users write its exception report.")
    return render(
        request,
        "partnership/dataset/agency_reports.html",
        {
            "agency": agency,
            "agency_label": _label(agency),
            "lines": selectors.agency_reports(agency, clock.today()),
        },
    )


@requires(SUBMIT)
@require_http_methods(["GET", "POST"])
def agency_report_form(request: HttpRequest, quarter: str, agency: str) -> HttpResponse:
    code = _agency(agency)
    if code == ReportingAgency.LOCAL_AUTHORITY:
        raise PermissionDenied("The partnership business unit writes the local authority's.")
    return _write(
        request,
        code,
        _quarter(quarter),
        back=reverse("partnership:dataset_agency_reports"),
        back_label="Your agency's exception reports",
    )


# -- the business unit ------------------------------------------------------------------------


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def la_report_form(request: HttpRequest, quarter: str) -> HttpResponse:
    found = _quarter(quarter)
    return _write(
        request,
        ReportingAgency.LOCAL_AUTHORITY,
        found,
        back=f"{reverse('partnership:dataset_page')}?quarter={found.code}",
        back_label="The partnership dataset",
    )


@requires(MANAGE)
@require_GET
def report(request: HttpRequest, quarter: str, agency: str) -> HttpResponse:
    """Any agency's report for the quarter as it stands (or that it is not started)."""
    code, found_quarter = _agency(agency), _quarter(quarter)
    found = selectors.find_report(code, found_quarter)
    return render(
        request,
        REPORT,
        {
            "report": found,
            "title": f"{_label(code)} exception report: {found_quarter.label}",
            "quarter": found_quarter,
            "agency": code,
            "agency_label": _label(code),
            "sections": selectors.sections_of(found),
            "back": f"{reverse('partnership:dataset_page')}?quarter={found_quarter.code}",
            "back_label": "The partnership dataset",
            "can_return": found is not None and found.is_submitted,
            "return_form": forms.ReturnToDraftForm(),
            "la_form": (
                reverse(
                    "partnership:dataset_la_report_form", kwargs={"quarter": found_quarter.code}
                )
                if code == ReportingAgency.LOCAL_AUTHORITY
                else ""
            ),
        },
    )


@requires(MANAGE)
@require_POST
def return_report(request: HttpRequest, quarter: str, agency: str) -> HttpResponse:
    """Send a submitted report back to the agency as a draft (with the reason)."""
    code, found_quarter = _agency(agency), _quarter(quarter)
    found = selectors.find_report(code, found_quarter)
    if found is None:
        raise Http404("There is no report to send back.")
    form = forms.ReturnToDraftForm(request.POST)
    if form.is_valid():
        done = submit_to_service(
            form,
            lambda: services.return_to_draft(report=found, reason=form.cleaned_data["reason"]),
        )
        if done is not None:
            messages.success(
                request, f"The {_label(code)} report is a draft again: the agency can change it."
            )
            return redirect(report_url(found_quarter, code))
    return render(
        request,
        REPORT,
        {
            "report": found,
            "title": f"{_label(code)} exception report: {found_quarter.label}",
            "quarter": found_quarter,
            "agency": code,
            "agency_label": _label(code),
            "sections": selectors.sections_of(found),
            "back": f"{reverse('partnership:dataset_page')}?quarter={found_quarter.code}",
            "back_label": "The partnership dataset",
            "can_return": found.is_submitted,
            "return_form": form,
            "form": form,
            "la_form": "",
        },
    )
