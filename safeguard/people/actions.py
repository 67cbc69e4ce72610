"""The "Actions" panel on the child's record: the forms other parts of the product provide.

Data, not code: each action names its URL, the capability it needs, what must (``when``)
or must not (``unless``) be open for the child — facts from the record header: "in_care",
"cp_plan", "cin_open", "early_help", "missing", "assessment_open", "s47_outcome_due" — and,
for a step about one missing episode or one section 47 enquiry, the extra URL argument. An
action appears only when its URL name exists, the user holds the capability (and the one
the view itself declares) and the facts fit. A link that only makes sense when the child
has such records (``needs="unregistered_placements"``) appears only when they exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, resolve, reverse

from safeguard.access.backends import capabilities_of
from safeguard.access.decorators import declared_rule


@dataclass(frozen=True)
class Action:
    label: str
    url_name: str
    when: str = ""
    unless: str = ""
    capability: str = "record_casework"
    #: "missing_episode": also needs the child's open missing episode (``episode_id``);
    #: "rhi_episode": the latest return awaiting its interview (``episode_id``);
    #: "section47": the enquiry awaiting its outcome (``enquiry_id``);
    #: "unregistered_placements": the child has been on the unregistered placements register.
    needs: str = ""


@dataclass(frozen=True)
class ActionLink:
    label: str
    url: str


ACTIONS: tuple[Action, ...] = (
    Action("Start early help", "earlyhelp:start_early_help", unless="early_help"),
    Action(
        "Record the early help assessment",
        "earlyhelp:record_early_help_assessment",
        when="early_help",
    ),
    Action(
        "Appoint the lead professional", "earlyhelp:appoint_lead_professional", when="early_help"
    ),
    Action("Start the TAF plan", "earlyhelp:record_taf_plan", when="early_help"),
    Action("Record a TAF review", "earlyhelp:record_taf_review", when="early_help"),
    Action("Step up to children's social care", "earlyhelp:step_up", when="early_help"),
    Action("Close early help", "earlyhelp:close_early_help", when="early_help"),
    Action("Step down to early help", "earlyhelp:step_down", when="cin_open", unless="cp_plan"),
    Action(
        "Start an assessment",
        "assessment:start_assessment",
        when="cin_open",
        unless="assessment_open",
    ),
    Action("Complete the assessment", "assessment:complete_assessment", when="assessment_open"),
    Action(
        "Record a strategy discussion", "protection:record_strategy_discussion", when="cin_open"
    ),
    Action("Start a section 47 enquiry", "protection:start_section47", when="cin_open"),
    Action(
        "Record the section 47 outcome",
        "protection:record_section47_outcome",
        when="s47_outcome_due",
        needs="section47",
    ),
    Action("Record a visit", "cin:record_visit"),
    Action("Record a core group meeting", "protection:record_core_group", when="cp_plan"),
    Action("Change the category of abuse", "protection:change_cp_category", when="cp_plan"),
    Action("End the child protection plan", "protection:end_cp_plan", when="cp_plan"),
    Action(
        "Book a review conference",
        "protection:schedule_conference",
        when="cp_plan",
        capability="manage_conferences",
    ),
    Action("Start a CIN plan", "cin:start_cin_plan", when="cin_open"),
    Action("Record a CIN plan review", "cin:review_cin_plan", when="cin_open"),
    Action("End the CIN plan", "cin:end_cin_plan", when="cin_open"),
    Action("Close the CIN episode", "cin:close_episode", when="cin_open"),
    Action("Start care (period of care)", "care:start_care", unless="in_care"),
    Action("Change placement", "care:change_placement", when="in_care"),
    Action("End care", "care:end_care", when="in_care"),
    Action("Record a looked-after review", "care:record_review", when="in_care"),
    Action("Record a health assessment", "care:record_health_assessment", when="in_care"),
    Action("Record a PEP", "care:record_pep", when="in_care"),
    Action("Change legal status", "care:change_legal_status", when="in_care"),
    Action("Record a care leaver contact", "care:record_care_leaver_contact", when="care_leaver"),
    Action("Record a pathway plan review", "care:record_pathway_plan_review", when="care_leaver"),
    Action("Record a missing episode", "exploitation:record_missing_episode", unless="missing"),
    Action(
        "Record the return",
        "exploitation:record_return",
        when="missing",
        needs="missing_episode",
    ),
    Action(
        "Record the return home interview",
        "exploitation:record_rhi",
        when="rhi_due",
        needs="rhi_episode",
    ),
    Action(
        "See unregistered placements",
        "care:child_unregistered_placements",
        capability="open_child_record",
        needs="unregistered_placements",
    ),
)


def _has_unregistered_placements(child: Any) -> bool:
    """Whether the child has ever been on the unregistered placements register."""
    from safeguard.care.selectors_unregistered import placements_for_child

    return bool(placements_for_child(child))


def _declared_capability(url: str) -> str:
    """The capability the view itself requires ('' if it declares none we can read)."""
    rule = declared_rule(resolve(url).func) or ""
    return rule.split(".", 1)[1] if rule.startswith("access.") else ""


def available_actions(
    user: Any,
    child: Any,
    *,
    facts: frozenset[str] | set[str] = frozenset(),
    missing_episode: Any = None,
    rhi_episode: Any = None,
    section47: Any = None,
    actions: tuple[Action, ...] = ACTIONS,
) -> list[ActionLink]:
    """The actions this user may take on this child's record now."""
    capabilities = capabilities_of(user)
    links = []
    for action in actions:
        if action.capability not in capabilities:
            continue
        if (action.when and action.when not in facts) or (action.unless in facts):
            continue
        kwargs: dict[str, Any] = {"child_id": child.pk}
        if action.needs == "missing_episode":
            if missing_episode is None:
                continue
            kwargs["episode_id"] = missing_episode.pk
        elif action.needs == "rhi_episode":
            if rhi_episode is None:
                continue
            kwargs["episode_id"] = rhi_episode.pk
        elif action.needs == "section47":
            if section47 is None:
                continue
            kwargs["enquiry_id"] = section47.pk
        elif action.needs == "unregistered_placements" and not _has_unregistered_placements(child):
            continue
        try:
            url = reverse(action.url_name, kwargs=kwargs)
        except NoReverseMatch:
            continue
        declared = _declared_capability(url)
        if declared and declared not in capabilities:
            continue
        links.append(ActionLink(action.label, url))
    return links
