"""CDOP queue items: the coroner's and registrar's notices not yet received, and reviews
waiting for the panel.

Child death reviews belong to no caseload: the partnership business unit
(``manage_child_deaths``) shares one queue. Each item links to the review's page and
names the child by the CDOP reference only (the queue is shown beside other work).

* **Coroner's notice** (``coroner_notice``): the coroner decided to investigate or order
  a post-mortem and CDOP has not had the notice; due 3 working days after the decision.
* **Registrar's particulars** (``registrar_particulars``): the death is registered and
  the particulars have not arrived; due 7 days after registration.
* **Panel review**: the review meeting is held and the panel has not reviewed the death.
  No national timescale applies, so the item is due on the panel date once one is set,
  and from the day of the meeting (to set a date) until then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from safeguard.partnership.models.child_deaths import ChildDeath
from safeguard.worklists.builders.common import dmy
from safeguard.worklists.items import Rules, state_of
from safeguard.worklists.queues.base import QueueItem, make_queue_item

PANEL_KIND = "cdop_panel_review"


@dataclass(frozen=True)
class PanelItem(QueueItem):
    """A review waiting for the panel: dated by the business unit, not by a timescale."""

    @property
    def explanation(self) -> str:
        if self.due == self.start:
            return (
                "Child death review meeting held: the CDOP panel is to review the death. "
                "No national timescale applies; set the panel date."
            )
        return f"The CDOP panel is arranged for {dmy(self.due)}: record its review."


def _subject(death: ChildDeath) -> str:
    return (
        f"{death.reference}: {death.get_age_band_display()}, "
        f"{death.get_expectation_display().lower()} death of {dmy(death.date_of_death)}"
    )


def _url(death: ChildDeath) -> str:
    return reverse("partnership:child_death_case", kwargs={"death_id": death.pk})


def child_deaths(user: Any, today: dt.date, rules: Rules) -> list[QueueItem]:
    """Every open review's outstanding notices, and those waiting for the panel."""
    items: list[QueueItem] = []
    for death in ChildDeath.objects.filter(reviewed_on__isnull=True).order_by(
        "notified_on", "reference"
    ):
        subject, url = _subject(death), _url(death)
        if death.coroner_decision_on is not None and death.coroner_notice_on is None:
            items.append(
                make_queue_item(
                    rules,
                    today,
                    "coroner_notice",
                    death.coroner_decision_on,
                    what="Chase the coroner's notice to CDOP",
                    subject=subject,
                    url=url,
                    detail=f"coroner's decision {dmy(death.coroner_decision_on)}",
                )
            )
        if death.registered_on is not None and death.registrar_particulars_on is None:
            items.append(
                make_queue_item(
                    rules,
                    today,
                    "registrar_particulars",
                    death.registered_on,
                    what="Chase the registrar's particulars of the death",
                    subject=subject,
                    url=url,
                    detail=f"registered {dmy(death.registered_on)}",
                )
            )
        if death.review_meeting_held and death.review_meeting_on is not None:
            met = death.review_meeting_on
            due = death.panel_on or met
            items.append(
                PanelItem(
                    kind=PANEL_KIND,
                    what="Record the panel's review" if death.panel_on else "Set the panel date",
                    subject=subject,
                    due=due,
                    state=state_of(due, today),
                    days_overdue=max(0, (today - due).days),
                    start=met,
                    url=url,
                    detail=f"review meeting held {dmy(met)}",
                )
            )
    return items
