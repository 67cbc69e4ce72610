"""The MASH queue: contacts awaiting screening, triage or a decision, most urgent first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from safeguard.access.decorators import requires
from safeguard.core import clock
from safeguard.core.codes import codelist
from safeguard.frontdoor import selectors
from safeguard.frontdoor.forms import QueueFilterForm
from safeguard.frontdoor.models import Contact
from safeguard.people.models import Person

PER_PAGE = 50


@dataclass(frozen=True)
class QueueRow:
    contact: Contact
    source: str
    children: list[Person]
    hidden_children: int
    deadline: selectors.DecisionDeadline
    outstanding: list[Any]


@requires("access.make_mash_decision")
@require_GET
def mash_queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    priority, overdue = "", False
    if form.is_valid():
        priority = form.cleaned_data["priority"]
        overdue = form.cleaned_data["overdue"]
    today = clock.today()
    queue = selectors.mash_queue_for(
        request.user, priority=priority, overdue_only=overdue, today=today
    )
    page = Paginator(queue, PER_PAGE).get_page(request.GET.get("page"))
    contacts = list(page.object_list)
    everyone = [cc.child for c in contacts for cc in c.contact_children.all()]
    visible = selectors.visible_child_ids(request.user, everyone)
    sources = codelist("referral_source")
    rows = []
    for contact in contacts:
        kids = [cc.child for cc in contact.contact_children.all()]
        shown = [kid for kid in kids if kid.pk in visible]
        triage = getattr(contact, "triage", None)
        rows.append(
            QueueRow(
                contact=contact,
                source=f"{sources.label(contact.source)} ({contact.source})",
                children=shown,
                hidden_children=len(kids) - len(shown),
                deadline=selectors.decision_deadline(contact.received_at, today=today),
                outstanding=list(getattr(triage, "outstanding", [])),
            )
        )
    filters = {k: v for k, v in (("priority", priority), ("overdue", "on" if overdue else "")) if v}
    return render(
        request,
        "frontdoor/mash_queue.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "filtered": bool(filters),
            "page_query": urlencode(filters) + "&" if filters else "",
        },
    )
