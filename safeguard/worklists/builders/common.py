"""What every item builder shares: making a WorkItem and the short names shown.

Each builder reads only ``CaseloadFacts`` (no queries) and yields the items of one kind
for one child; the registry key is the item's ``kind``. The start event and context are
those ``compute_due`` takes, so the explanation shown matches the date counted here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from django.utils import timezone

from safeguard.core import calendar
from safeguard.core.calendar import SchoolCalendar
from safeguard.worklists.facts import CaseloadFacts
from safeguard.worklists.items import (
    Rules,
    WorkItem,
    fast_due,
    state_of,
)

#: Short names for the page; the registry's own ``what`` is in the explanation.
WHAT: dict[str, str] = {
    "cin_visit": "CIN visit",
    "cp_visit": "Child protection visit",
    "lac_visit": "Statutory visit to a child in care",
    "assessment": "Single assessment to complete",
    "icpc": "Initial child protection conference",
    "section47_to_conference_request": "Request the initial conference",
    "core_group": "First core group meeting",
    "rcpc_first": "First review conference",
    "rcpc_next": "Review conference",
    "cp_plan_18": "Review before the CP plan ends at 18",
    "cin_review": "CIN plan review",
    "lac_review_first": "First looked-after review",
    "lac_review_second": "Second looked-after review",
    "lac_review_next": "Looked-after review",
    "iha": "Initial health assessment",
    "rha": "Review health assessment",
    "dental": "Dental check",
    "pep": "Personal education plan",
    "rhi": "Return home interview",
    "care_leaver_contact": "Keeping-in-touch contact",
    "pathway_plan": "Pathway plan review",
    "mace": "First MACE meeting",
    "mace_review": "MACE review",
    "mace_plan_action": "MACE plan action",
}

#: Ages at which a looked-after child has a PEP (early years to the end of Year 13).
PEP_AGES = range(3, 18)
#: A CP plan's 18th-birthday review shows from this many days before the birthday.
CP_18_LOOKAHEAD_DAYS = 183
#: Pathway plans are reviewed for eligible young people and care leavers under this age.
PATHWAY_PLAN_MAX_AGE = 21

TermsGetter = Callable[[], SchoolCalendar | None]
Builder = Callable[[Any, Any, CaseloadFacts, Rules, dt.date, TermsGetter], Iterator[WorkItem]]


def dmy(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def make_item(
    child: Any,
    worker: Any,
    rules: Rules,
    today: dt.date,
    key: str,
    start: dt.date | dt.datetime,
    *,
    detail: str,
    variant: str | None = None,
    context: Mapping[str, Any] | None = None,
    frequency: int | None = None,
    school: SchoolCalendar | None = None,
    url_name: str = "people:child_record",
    capability: str = "",
) -> WorkItem:
    context = dict(context or {})
    dob = context.get("dob")
    due = fast_due(rules[key], start, variant=variant, frequency=frequency, dob=dob, school=school)
    due_at = due if isinstance(due, dt.datetime) else None
    due_day = timezone.localtime(due).date() if isinstance(due, dt.datetime) else due
    return WorkItem(
        child=child,
        worker=worker,
        kind=key,
        what=WHAT.get(key, rules[key].what),
        due=due_day,
        state=state_of(due_day, today),
        days_overdue=max(0, (today - due_day).days),
        start=start,
        detail=detail,
        context=context,
        due_at=due_at,
        rule_what=rules[key].what,
        url_name=url_name,
        capability=capability,
    )


def is_care_leaver(child: Any, periods: list[dict[str, Any]], today: dt.date) -> bool:
    """Left care (no open period, one ended) and aged 16 to 25: see ``selectors``."""
    dob = child.date_of_birth
    if dob is None or not periods or any(p["ended_on"] is None for p in periods):
        return False
    return 16 <= calendar.age_on(dob, today) <= 25


def since(last: dt.date | None, floor: dt.date) -> dt.date:
    return last if last is not None and last >= floor else floor
