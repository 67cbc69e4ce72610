"""Domestic abuse pages: PPNs to triage, the consultation, HRDA meetings and the report."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.access.guards import signed_in_user
from safeguard.audit.services import record_view
from safeguard.core import clock
from safeguard.core.forms import submit_to_service
from safeguard.frontdoor import exports_domestic_abuse as exports
from safeguard.frontdoor import selectors
from safeguard.frontdoor import selectors_domestic_abuse as da_selectors
from safeguard.frontdoor import services_domestic_abuse as services
from safeguard.frontdoor.forms.domestic_abuse import (
    HrdaActionForm,
    HrdaRiskForm,
    PpnConsultationForm,
)
from safeguard.frontdoor.models_domestic_abuse import HrdaListing, HrdaMeetingKind
from safeguard.frontdoor.views.common import OpenedContact, current_worker, open_contact, posted

PER_PAGE = 50


def _form_page(
    request: HttpRequest, opened: OpenedContact, form: Any, title: str, button: str, cancel: str
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "button": button,
        "contact": opened.contact,
        "children": opened.children,
        "cancel_url": cancel,
    }
    return render(request, "frontdoor/form.html", context)


def _refuse_partners(request: HttpRequest) -> None:
    user = signed_in_user(request)
    if user.role is not None and user.role.is_partner:
        raise PermissionDenied("Partner agencies see what was shared with them, not PPNs.")


@requires("access.make_mash_decision")
@require_GET
def ppn_list(request: HttpRequest) -> HttpResponse:
    """Police PPNs awaiting a consultation outcome, Blue, Red, Amber then Green."""
    _refuse_partners(request)
    page = Paginator(da_selectors.ppns_awaiting_consultation(), PER_PAGE).get_page(
        request.GET.get("page")
    )
    contacts = list(page.object_list)
    everyone = [cc.child for c in contacts for cc in c.contact_children.all()]
    visible = selectors.visible_child_ids(request.user, everyone)
    today = clock.today()
    rows = []
    for contact in contacts:
        kids = [cc.child for cc in contact.contact_children.all()]
        due = da_selectors.consultation_due(contact)
        rows.append(
            {
                "contact": contact,
                "children": [k for k in kids if k.pk in visible],
                "hidden": sum(1 for k in kids if k.pk not in visible),
                "due": due,
                "overdue": due < today,
            }
        )
    return render(request, "frontdoor/domestic_abuse/ppn_list.html", {"page": page, "rows": rows})


@requires("access.make_mash_decision")
@require_http_methods(["GET", "POST"])
def consult_ppn(request: HttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    opened = open_contact(request, contact_id, summary="Record PPN consultation")
    contact = opened.contact
    if not contact.is_police_ppn:
        raise Http404("Only a police PPN has a PPN consultation.")
    if getattr(contact, "ppn_consultation", None) is not None:
        messages.info(request, "This PPN already has a consultation outcome.")
        return redirect("frontdoor:ppn_list")
    form = PpnConsultationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = submit_to_service(
            form,
            lambda: services.record_ppn_consultation(
                contact=contact,
                consulted_at=form.moment("consulted_at"),
                consulted_by=current_worker(request),  # type: ignore[arg-type]
                outcome=data["outcome"],
                notes=data["notes"],
            ),
        )
        if done is not None:
            messages.success(
                request, f"Consultation outcome recorded: {done.get_outcome_display()}."
            )
            return redirect("frontdoor:ppn_list")
    rating = contact.get_ppn_rating_display() or "not rated"
    title = f"PPN consultation (police rating: {rating})"
    return _form_page(request, opened, form, title, "Record outcome", reverse("frontdoor:ppn_list"))


def _meeting_day(request: HttpRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return clock.today()


@requires("access.make_mash_decision")
@require_GET
def hrda_meeting(request: HttpRequest) -> HttpResponse:
    """One HRDA daily or HRDA Plus meeting's list: cases, children, PPN, actions (audited)."""
    _refuse_partners(request)
    held_on = _meeting_day(request)
    kind = request.GET.get("kind", HrdaMeetingKind.DAILY)
    if kind not in HrdaMeetingKind.values:
        kind = HrdaMeetingKind.DAILY
    meeting = da_selectors.meeting_on(kind, held_on)
    listings = list(da_selectors.listings_for(meeting)) if meeting else []
    everyone = [cc.child for item in listings for cc in item.case.contact.contact_children.all()]
    visible = selectors.visible_child_ids(request.user, everyone)
    rows = []
    for item in listings:
        kids = [cc.child for cc in item.case.contact.contact_children.all()]
        shown = [k for k in kids if k.pk in visible]
        if shown:
            record_view(request, item.case, child=shown[0], summary="HRDA meeting list")
        rows.append({"listing": item, "children": shown, "hidden": len(kids) - len(shown)})
    return render(
        request,
        "frontdoor/domestic_abuse/hrda_meeting.html",
        {
            "meeting": meeting,
            "held_on": held_on,
            "kind": kind,
            "kind_label": HrdaMeetingKind(kind).label,
            "rows": rows,
            "upcoming": da_selectors.upcoming_meetings(clock.today()),
            "next_day": services.next_hrda_day(held_on),
        },
    )


def _open_listing(request: HttpRequest, listing_id: uuid.UUID, summary: str) -> Any:
    try:
        item = da_selectors.listing(listing_id)
    except (HrdaListing.DoesNotExist, ValueError) as exc:
        raise Http404("There is no HRDA listing with this identifier.") from exc
    return item, open_contact(request, item.case.contact_id, summary=summary)


def _meeting_url(item: HrdaListing) -> str:
    query = f"?date={item.meeting.held_on:%Y-%m-%d}&kind={item.meeting.kind}"
    return reverse("frontdoor:hrda_meeting") + query


@requires("access.make_mash_decision")
@require_http_methods(["GET", "POST"])
def add_hrda_action(request: HttpRequest, listing_id: uuid.UUID) -> HttpResponse:
    item, opened = _open_listing(request, listing_id, "Record HRDA action")
    form = HrdaActionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = submit_to_service(
            form,
            lambda: services.record_hrda_action(
                listing=item,
                action=data["action"],
                agency=data["agency"],
                due_on=data["due_on"],
                recorded_by=current_worker(request),
            ),
        )
        if done is not None:
            messages.success(request, "Action recorded.")
            return redirect(_meeting_url(item))
    return _form_page(
        request,
        opened,
        form,
        f"Action agreed at the {item.meeting}",
        "Record action",
        _meeting_url(item),
    )


@requires("access.make_mash_decision")
@require_http_methods(["GET", "POST"])
def review_hrda_risk(request: HttpRequest, listing_id: uuid.UUID) -> HttpResponse:
    item, opened = _open_listing(request, listing_id, "Record HRDA risk review")
    form = HrdaRiskForm(posted(request))
    if request.method == "POST" and form.is_valid():
        done = submit_to_service(
            form,
            lambda: services.record_hrda_risk_review(
                listing=item,
                risk_reduced=form.cleaned_data["risk_reduced"],
                chair=current_worker(request),
            ),
        )
        if done is not None:
            messages.success(
                request,
                "Risk reduced: case closed."
                if done.risk_reduced
                else "Risk not reduced: listed at the next HRDA Plus meeting.",
            )
            return redirect(_meeting_url(item))
    return _form_page(
        request,
        opened,
        form,
        f"Risk review at the {item.meeting}",
        "Record review",
        _meeting_url(item),
    )


def _period(request: HttpRequest) -> tuple[dt.date, dt.date]:
    today = clock.today()
    try:
        end = dt.date.fromisoformat(request.GET.get("end", ""))
    except ValueError:
        end = today
    try:
        start = dt.date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        start = (end.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
    return (start, end) if start <= end else (end, start)


@requires("access.view_performance")
@require_GET
def domestic_abuse_report(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    """Counts only (no child is named): PPNs by rating and outcome, HRDA and HRDA Plus."""
    _refuse_partners(request)
    start, end = _period(request)
    rows = da_selectors.report(start, end)
    period = f"{start:%d/%m/%Y} to {end:%d/%m/%Y}"
    stem = f"ppn-hrda-{start:%Y%m%d}-{end:%Y%m%d}"
    if fmt == "csv":
        response = HttpResponse(exports.report_csv(rows), content_type=exports.CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        return response
    if fmt == "pdf":
        response = HttpResponse(
            exports.report_pdf(rows, period=period), content_type=exports.PDF_CONTENT_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="{stem}.pdf"'
        return response
    return render(
        request,
        "frontdoor/domestic_abuse/report.html",
        {
            "header": exports.header(),
            "table": exports.table(rows),
            "period": period,
            "query": f"start={start:%Y-%m-%d}&end={end:%Y-%m-%d}",
            "start": start,
            "end": end,
        },
    )
