"""Reads for the record's section pages: relationships, plans, visits and change history.

Each section is a fixed number of queries for the child (related rows joined in), so a
child with a long history costs more rows, not more round trips.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import QuerySet
from django.urls import reverse

from safeguard.core.codes import codelist
from safeguard.people.models import Person
from safeguard.people.selectors import current_household, household_members, relationships_of


@dataclass(frozen=True)
class RelatedPerson:
    person: Person
    description: str
    parental_responsibility: bool
    started_on: dt.date | None
    ended_on: dt.date | None
    url: str


def _record_url(person: Person) -> str:
    return reverse("people:child_record", kwargs={"child_id": person.pk})


def relationships(child: Person) -> dict[str, Any]:
    """Relationships both ways (ended ones too) and the current household's members."""
    related = []
    for rel in relationships_of(child, active_only=False):
        label = rel.get_relationship_type_display().lower()
        if rel.person_id == child.pk:
            other = rel.related_to
            description = f"{child.first_name} is {label} to {other.first_name}"
        else:
            other = rel.person
            description = f"{other.first_name} is {label} to {child.first_name}"
        related.append(
            RelatedPerson(
                person=other,
                description=description,
                parental_responsibility=rel.has_parental_responsibility,
                started_on=rel.started_on,
                ended_on=rel.ended_on,
                url=_record_url(other),
            )
        )
    household = current_household(child)
    members = []
    if household is not None:
        for member in household_members(household):
            if member.person_id != child.pk:
                members.append({"member": member, "url": _record_url(member.person)})
    return {"related": related, "household": household, "members": members}


@dataclass(frozen=True)
class PlanRow:
    kind: str
    started_on: dt.date
    ended_on: dt.date | None
    detail: str


def plans(child: Person) -> list[PlanRow]:
    """CP, CIN, team around the family and care plans (periods of care), newest first."""
    from safeguard.care.models import PathwayPlanReview, PeriodOfCare
    from safeguard.cin.models import CINPlan
    from safeguard.earlyhelp.models import TeamAroundFamilyPlan
    from safeguard.protection.models import CPPlan

    abuse = codelist("category_of_abuse")
    rows = [
        PlanRow(
            "Child protection plan",
            plan.start_date,
            plan.end_date,
            f"Category: {abuse.label(plan.latest_category)}",
        )
        for plan in CPPlan.objects.filter(child=child)
    ]
    rows += [
        PlanRow(
            "Child in need plan",
            plan.start_date,
            plan.end_date,
            f"Lead worker: {plan.lead_worker}" if plan.lead_worker else "",
        )
        for plan in CINPlan.objects.filter(episode__child=child).select_related("lead_worker")
    ]
    rows += [
        PlanRow(
            "Team around the family plan",
            plan.started_on,
            plan.episode.closed_on,
            "",
        )
        for plan in TeamAroundFamilyPlan.objects.filter(episode__child=child).select_related(
            "episode"
        )
    ]
    care_plans = _care_plan_details(child)
    rows += [
        PlanRow(
            "Care plan (looked after)",
            period.started_on,
            period.ended_on,
            care_plans.get(period.pk, "No care plan recorded"),
        )
        for period in PeriodOfCare.objects.filter(child=child)
    ]
    latest_pathway = PathwayPlanReview.objects.filter(child=child).order_by("-reviewed_on").first()
    if latest_pathway is not None:
        rows.append(
            PlanRow(
                "Pathway plan",
                latest_pathway.reviewed_on,
                None,
                f"Last reviewed {latest_pathway.reviewed_on:%d/%m/%Y}",
            )
        )
    rows.sort(key=lambda row: row.started_on, reverse=True)
    return rows


def _care_plan_details(child: Person) -> dict[Any, str]:
    """Each period's latest care plan and permanence plan, as the plans page shows them
    (two queries whatever the number of periods)."""
    from safeguard.care.models import CarePlan, PermanencePlan

    plans = {p.period_id: p for p in CarePlan.objects.filter(child=child).order_by("agreed_on")}
    decided = {
        p.period_id: p for p in PermanencePlan.objects.filter(child=child).order_by("decided_on")
    }
    details: dict[Any, str] = {}
    for period_id in plans.keys() | decided.keys():
        plan, permanence = plans.get(period_id), decided.get(period_id)
        parts = [
            f"Last agreed {plan.agreed_on:%d/%m/%Y}" if plan else "No care plan recorded",
            f"permanence plan: {permanence.get_option_display()}" if permanence else "",
        ]
        details[period_id] = "; ".join(part for part in parts if part)
    return details


def visits(child: Person) -> list[Any]:
    from safeguard.cin.models import Visit

    return list(Visit.objects.filter(child=child).select_related("worker").order_by("-visit_date"))


#: Audit actions that are changes to the record (not views or sign-ins).
CHANGE_ACTIONS = ("create", "change", "delete")


def change_history(child: Person) -> QuerySet[Any]:
    """Who created, changed or deleted which of the child's records, newest first."""
    from safeguard.audit.selectors import events_about_child

    return events_about_child(child.pk).filter(action__in=CHANGE_ACTIONS)


def _what(model_label: str) -> str:
    try:
        return str(apps.get_model(model_label)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        return model_label


def describe_changes(entries: Iterable[Any]) -> list[dict[str, Any]]:
    """Rows for the history table: when, who, what happened to which kind of record."""
    return [
        {
            "at": entry.at,
            "who": entry.actor_username or "System",
            "role": entry.actor_role,
            "action": entry.get_action_display(),
            "what": _what(entry.model_label),
            "fields": ", ".join(name.replace("_", " ") for name in entry.changed_field_names),
        }
        for entry in entries
    ]
