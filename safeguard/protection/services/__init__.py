"""Writes for strategy discussions, section 47 enquiries, conferences and CP plans.

Each service is one transaction with keyword-only arguments; it checks its invariants
before writing and raises ``ValidationError`` keyed by the field at fault, naming the
rule (CIN census rule numbers where there is one) and the values. Conferences are booked
by ``convene_*`` and their decisions recorded by ``record_conference_outcome``; the plan
services (``start_cp_plan``, ``change_cp_category``, ``end_cp_plan``) then act on a
decision and check that they match it.

The modules: ``section47`` (strategy discussions and section 47 enquiries),
``conferences`` (booking, cancelling and the outcome), ``conference_records``
(invitations, reports, attendance, minutes), ``plans`` (CP plans and core groups),
``checks`` (the checks registered with ``cin.hooks``) and ``common`` (what they share).
Every public name is importable from here.
"""

from safeguard.protection.services.checks import (
    check_cin_plan_start,
    check_episode_closure,
    check_visit,
)
from safeguard.protection.services.common import check_version
from safeguard.protection.services.conference_records import (
    AttendanceInput,
    InvitationInput,
    record_conference_attendance,
    record_conference_invitations,
    record_conference_minutes_sent,
    record_conference_report_received,
)
from safeguard.protection.services.conferences import (
    ADVOCACY_AGE,
    cancel_conference,
    convene_initial_conference,
    convene_review_conference,
    record_conference_outcome,
)
from safeguard.protection.services.plans import (
    change_cp_category,
    end_cp_plan,
    record_core_group_meeting,
    start_cp_plan,
)
from safeguard.protection.services.section47 import (
    ActionInput,
    AttendeeInput,
    hold_strategy_discussion,
    mark_icpc_not_required,
    record_section47_outcome,
    start_section47,
)

__all__ = [
    "ADVOCACY_AGE",
    "ActionInput",
    "AttendanceInput",
    "AttendeeInput",
    "InvitationInput",
    "cancel_conference",
    "change_cp_category",
    "check_cin_plan_start",
    "check_episode_closure",
    "check_version",
    "check_visit",
    "convene_initial_conference",
    "convene_review_conference",
    "end_cp_plan",
    "hold_strategy_discussion",
    "mark_icpc_not_required",
    "record_conference_attendance",
    "record_conference_invitations",
    "record_conference_minutes_sent",
    "record_conference_outcome",
    "record_conference_report_received",
    "record_core_group_meeting",
    "record_section47_outcome",
    "start_cp_plan",
    "start_section47",
]
