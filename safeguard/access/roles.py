"""The catalogue of roles and capabilities: the one place the policy is written down.

A data migration loads it into ``access.Role`` / ``access.Capability`` so administrators
can see it, and ``safeguard sync_roles`` re-applies it after a change here. The
assignments follow least privilege, as a Caldicott Guardian would sign them off:

* only case-holding and case-overseeing roles open children's records, and object rules
  (``safeguard.access.rules``) still decide *which* children;
* break-glass is for statutory social-care practitioners and the LADO, never for partner
  agencies, analysts, business support or administrators;
* analysts and the partnership business unit see pseudonymised data only;
* system administrators manage users and roles but hold no capability that opens a child.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CapabilitySpec:
    code: str
    name: str
    description: str


@dataclass(frozen=True)
class RoleSpec:
    code: str
    name: str
    description: str
    capabilities: frozenset[str]
    is_partner: bool = False


CAPABILITIES: tuple[CapabilitySpec, ...] = (
    CapabilitySpec(
        "open_child_record",
        "Open children's records",
        "Open a child's record; object rules still decide which children.",
    ),
    CapabilitySpec(
        "break_glass",
        "Break glass",
        "Open a record outside one's rules by giving a reason; flagged and the manager is told.",
    ),
    CapabilitySpec(
        "grant_restricted_access",
        "Manage restricted records",
        "Restrict a record and grant or revoke named people's access to it.",
    ),
    CapabilitySpec(
        "view_record_access_log",
        "See who has viewed a record",
        "See the list of people who opened a child's record.",
    ),
    CapabilitySpec(
        "view_access_reports",
        "See access reports",
        "Access report per user and per child, from the audit log.",
    ),
    CapabilitySpec(
        "verify_audit_log", "Check the audit log", "Run and see the audit log's hash-chain check."
    ),
    CapabilitySpec(
        "record_disclosure",
        "Record a disclosure",
        "Record information shared with a partner agency or a family in the sharing log.",
    ),
    CapabilitySpec(
        "view_sharing_history",
        "See sharing history",
        "See what has been shared about a child, with whom, when and why.",
    ),
    CapabilitySpec(
        "mark_withheld",
        "Withhold from family",
        "Mark an item 'withhold from family' so family-facing outputs leave it out.",
    ),
    CapabilitySpec(
        "manage_sharing_agreements",
        "Manage sharing agreements",
        "Create and end information-sharing agreements with partner agencies.",
    ),
    CapabilitySpec(
        "manage_subject_access",
        "Manage subject access requests",
        "Create subject access requests and export what is held about a person.",
    ),
    CapabilitySpec(
        "review_redactions",
        "Review redactions",
        "Review third-party information before a subject access export is released.",
    ),
    CapabilitySpec(
        "manage_retention",
        "Manage retention",
        "Set retention rules and see records due for review or destruction.",
    ),
    CapabilitySpec(
        "approve_destruction",
        "Approve destruction",
        "Approve (as a second person) the destruction of records due for it.",
    ),
    CapabilitySpec(
        "view_pseudonymised_data",
        "See pseudonymised data",
        "Analysts' views where children are identified by pseudonyms only.",
    ),
    CapabilitySpec(
        "view_performance",
        "See performance reports",
        "Scorecards and reports with their figures; a drill-down shows names only to "
        "holders of open_child_record, and pseudonyms to everyone else.",
    ),
    CapabilitySpec(
        "write_performance_commentary",
        "Write performance commentary",
        "Lead officers: enter or change an outcome indicator's commentary for a quarter.",
    ),
    CapabilitySpec(
        "view_returns",
        "See statutory return validation",
        "The year-round validation of the CIN census and SSDA903 against the DfE rules, "
        "by rule; children are named only to holders of open_child_record.",
    ),
    CapabilitySpec(
        "export_returns",
        "Download statutory returns",
        "Download the CIN census XML, the SSDA903 files and Ofsted's Annex A lists (each "
        "download is audited as a disclosure of every child in it).",
    ),
    CapabilitySpec(
        "view_caseload",
        "See one's own work",
        "The 'My work' page: one's caseload with every statutory item due or overdue.",
    ),
    CapabilitySpec(
        "search_people",
        "Search for people",
        "Find a person by name, date of birth or identifier (opening still follows the rules).",
    ),
    CapabilitySpec(
        "record_contact",
        "Record a contact",
        "Record a contact at the front door, and create a person after the duplicate check.",
    ),
    CapabilitySpec(
        "make_mash_decision",
        "Make MASH decisions",
        "Work the MASH queue: triage, partner checks and the decision on a contact.",
    ),
    CapabilitySpec(
        "record_casework",
        "Record casework",
        "Record the steps of a child's journey (assessments, plans, visits, reviews, care).",
    ),
    CapabilitySpec(
        "manage_team",
        "Manage a team",
        "The team page: caseloads, allocation and re-allocation, case closure sign-off.",
    ),
    CapabilitySpec(
        "manage_conferences",
        "Arrange conferences",
        "Conference requests, scheduling, invitations, agency reports, minutes sent.",
    ),
    CapabilitySpec(
        "chair_conferences",
        "Chair conferences and reviews",
        "Record conference and review outcomes, midway reviews and escalations.",
    ),
    CapabilitySpec("view_capabilities", "See roles and capabilities", "See which role holds what."),
    CapabilitySpec("manage_users", "Manage users", "Create users and give them roles."),
    CapabilitySpec(
        "view_notifications", "See notifications", "See one's own in-app notifications."
    ),
    # -- unregistered placements (care) --
    CapabilitySpec(
        "view_unregistered_placements",
        "See the unregistered placements register",
        "The register of children in unregistered placements, its issued weekly and Ofsted "
        "reports and the Corporate Parenting Board page (each entry opened is audited).",
    ),
    CapabilitySpec(
        "manage_unregistered_placements",
        "Keep the unregistered placements register",
        "Add a placement to the register; record the Corporate Director's approval, why no "
        "registered place was found, progress towards one, and the end of the placement.",
    ),
    CapabilitySpec(
        "record_independent_visits",
        "Record independent visits",
        "Record the monthly Regulation 44-style visit to an unregistered placement.",
    ),
    # -- end unregistered placements --
    # -- LADO (partnership) --
    CapabilitySpec(
        "manage_lado_cases",
        "Manage LADO cases",
        "Record and work allegations against people who work with children (contact, "
        "referral, meetings, outcome, DBS decision, closure); see every LADO case.",
    ),
    CapabilitySpec(
        "view_lado_report",
        "See the LADO quarterly report",
        "The LADO's quarterly figures (contacts, referrals, conversion, by role and "
        "source, outcomes): counts only, no case or name.",
    ),
    # -- end LADO --
    # -- fostering (issue 8) --
    CapabilitySpec(
        "manage_fostering",
        "Work fostering enquiries and carer households",
        "Record foster carer enquiries, assessments, panel and ADM decisions; keep carer "
        "households' terms of approval, vacancies, annual reviews and de-registration.",
    ),
    CapabilitySpec(
        "view_fostering_report",
        "See the fostering sufficiency report",
        "Enquiries, assessments, approvals, conversion, months to approval, households and "
        "vacancies by type, reviews overdue: counts only, no names.",
    ),
    # -- end fostering --
    # -- exploitation intelligence (issue 8) --
    CapabilitySpec(
        "view_exploitation_intelligence",
        "See the CAROLE tactical group and its intelligence",
        "The high-risk exploitation cohort, operational impact and tactical group meetings, "
        "and intelligence records on persons of concern and locations (every page audited).",
    ),
    CapabilitySpec(
        "manage_exploitation_intelligence",
        "Record CAROLE tactical group business and intelligence",
        "Record operational impact and tactical group meetings, and record, edit and review "
        "intelligence records on persons of concern and locations.",
    ),
    # -- end exploitation intelligence --
    # -- partnership (issue 9) --
    CapabilitySpec(
        "manage_practice_reviews",
        "Run serious incident notifications and practice reviews",
        "Serious incident notifications, rapid reviews, local child safeguarding practice "
        "reviews, learning themes, multi-agency action plans and learning products.",
    ),
    CapabilitySpec(
        "manage_child_deaths",
        "Run child death reviews",
        "Child death notifications, Joint Agency Responses, review meetings, the CDOP panel, "
        "modifiable factors, the National Child Mortality Database export and statistics.",
    ),
    CapabilitySpec(
        "manage_training",
        "Run multi-agency training",
        "Courses, bookings by agency, attendance, waiting lists, evaluations and the "
        "quarterly training table.",
    ),
    CapabilitySpec(
        "manage_partnership_dataset",
        "Keep the partnership dataset",
        "The ten basic metrics page, partners' quarterly exception reports and the partner "
        "experience survey.",
    ),
    CapabilitySpec(
        "submit_exception_report",
        "Write one's agency's exception report",
        "Write the quarterly exception report (risks, emerging priorities, resources, "
        "workforce) for one's own partner agency.",
    ),
    # -- end partnership --
    # -- quality assurance (issue 9) --
    CapabilitySpec(
        "manage_case_audits",
        "Run the case audit programme",
        "Plan audits and dip samples, moderate completed audits, track practice themes and "
        "actions, and record the service-wide judgement.",
    ),
    CapabilitySpec(
        "conduct_case_audits",
        "Audit cases",
        "Complete the case audits and dip samples assigned to one (the audited child's "
        "record opens while the audit is in hand).",
    ),
    CapabilitySpec(
        "view_quality_report",
        "See quality assurance reports",
        "Audit, supervision, practice meeting, complaints and feedback reports: counts and "
        "references, no child's name.",
    ),
    CapabilitySpec(
        "manage_practice_meetings",
        "Run practice meetings",
        "The mandatory QA meeting and the Diagonal Slice: invitations, apologies, attendance.",
    ),
    CapabilitySpec(
        "record_supervision",
        "Record supervision",
        "Record the case supervision of the workers one manages, with the management "
        "direction on each child discussed.",
    ),
    CapabilitySpec(
        "manage_complaints",
        "Handle complaints, compliments and feedback",
        "Record and answer complaints, record compliments and family feedback surveys.",
    ),
    # -- end quality assurance --
)

CAPABILITY_CODES: frozenset[str] = frozenset(c.code for c in CAPABILITIES)

#: Every practitioner who shares information and must see what was shared before.
_SHARING = {"record_disclosure", "view_sharing_history"}
_PRACTITIONER = {"open_child_record", "view_notifications", "search_people", *_SHARING}
#: Case holders: their own work list, and the forms for each step of a child's journey.
_CASEWORK = {"view_caseload", "record_casework"}
#: Unregistered placements: managers keep the register; IROs see it and visit.
_UNREGISTERED_MANAGER = ("view_unregistered_placements", "manage_unregistered_placements")


def _caps(*codes: str | Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for code in codes:
        out.update([code] if isinstance(code, str) else code)
    unknown = out - CAPABILITY_CODES
    if unknown:
        raise ValueError(f"Unknown capabilities in the role catalogue: {sorted(unknown)}")
    return frozenset(out)


ROLES: tuple[RoleSpec, ...] = (
    RoleSpec(
        "social_worker",
        "Social worker",
        "Holds a caseload; opens the children allocated to them or their team.",
        _caps(_PRACTITIONER, _CASEWORK, "record_contact", "break_glass", "mark_withheld"),
    ),
    RoleSpec(
        "consultant_social_worker",
        "Consultant social worker",
        "Senior practitioner; the children allocated to them or their team.",
        _caps(_PRACTITIONER, _CASEWORK, "record_contact", "break_glass", "mark_withheld"),
    ),
    RoleSpec(
        "team_manager",
        "Team manager",
        "Manages a team; its children, who has viewed them, redaction review.",
        _caps(
            _PRACTITIONER,
            _CASEWORK,
            "record_contact",
            "make_mash_decision",
            "manage_team",
            "break_glass",
            "mark_withheld",
            "view_record_access_log",
            "review_redactions",
            "view_capabilities",
            "view_performance",
            "view_returns",
            *_UNREGISTERED_MANAGER,
            "manage_fostering",  # fostering
            "view_fostering_report",  # fostering
            "conduct_case_audits",  # quality assurance
            "view_quality_report",  # quality assurance
            "record_supervision",  # quality assurance
        ),
    ),
    RoleSpec(
        "service_manager",
        "Service manager",
        "Accountable for a service area; restricted records, access reports, governance.",
        _caps(
            _PRACTITIONER,
            "record_casework",
            "manage_team",
            "break_glass",
            "mark_withheld",
            "grant_restricted_access",
            "view_record_access_log",
            "view_access_reports",
            "verify_audit_log",
            "manage_sharing_agreements",
            "manage_subject_access",
            "review_redactions",
            "manage_retention",
            "approve_destruction",
            "view_capabilities",
            "view_performance",
            "write_performance_commentary",
            "view_returns",
            "export_returns",
            *_UNREGISTERED_MANAGER,
            "record_independent_visits",
            "view_lado_report",  # LADO
            "manage_fostering",  # fostering
            "view_fostering_report",  # fostering
            "view_exploitation_intelligence",  # exploitation intelligence
            "manage_exploitation_intelligence",  # exploitation intelligence
            "manage_case_audits",  # quality assurance: plans, moderates, the judgement
            "conduct_case_audits",  # quality assurance
            "view_quality_report",  # quality assurance
            "record_supervision",  # quality assurance
        ),
    ),
    RoleSpec(
        "mash_officer",
        "MASH officer",
        "Screens contacts at the front door; the children on the MASH queue.",
        _caps(
            _PRACTITIONER,
            "view_caseload",
            "record_contact",
            "make_mash_decision",
            "break_glass",
            "mark_withheld",
        ),
    ),
    RoleSpec(
        "early_help_worker",
        "Early help worker",
        "Leads early help; the children in open early help led by them or their team.",
        _caps(_PRACTITIONER, _CASEWORK),
    ),
    RoleSpec(
        "conference_support",
        "Conference business support",
        "Arranges conferences and sends minutes; the children on that work queue.",
        _caps(_PRACTITIONER, "manage_conferences"),
    ),
    RoleSpec(
        "cp_chair_iro",
        "Child protection chair / IRO",
        "Chairs conferences and looked-after reviews; the children they chair for.",
        _caps(
            _PRACTITIONER,
            "chair_conferences",
            "break_glass",
            "mark_withheld",
            "view_unregistered_placements",
            "record_independent_visits",
        ),
    ),
    RoleSpec(
        "lado",
        "LADO",
        "Allegations against adults who work with children; no children by default, "
        "a child's record only by breaking glass with a reason (found by searching).",
        _caps(
            "open_child_record",
            "break_glass",
            "search_people",
            "view_notifications",
            "manage_lado_cases",  # LADO
            "view_lado_report",  # LADO
        ),
    ),
    RoleSpec(
        "partnership_business_unit",
        "Partnership business unit",
        "Runs the safeguarding partnership; sharing agreements and pseudonymised data.",
        _caps(
            "manage_sharing_agreements",
            "view_pseudonymised_data",
            "view_performance",
            "view_notifications",
            "view_lado_report",  # LADO
            "manage_practice_reviews",  # partnership
            "manage_child_deaths",  # partnership
            "manage_training",  # partnership
            "manage_partnership_dataset",  # partnership
        ),
    ),
    RoleSpec(
        "quality_assurance",
        "Quality assurance officer",
        "Runs case audits, practice meetings, complaints and feedback; opens a child's record "
        "only while auditing it.",
        _caps(
            "open_child_record",
            "search_people",
            "view_notifications",
            "manage_case_audits",
            "conduct_case_audits",
            "view_quality_report",
            "manage_practice_meetings",
            "manage_complaints",
            "view_performance",
        ),
    ),
    RoleSpec(
        "performance_analyst",
        "Performance analyst",
        "Performance and returns; pseudonymised views only, no identifiable child record.",
        _caps(
            "view_pseudonymised_data",
            "view_performance",
            "view_returns",
            "export_returns",
            "view_notifications",
            "view_fostering_report",  # fostering
            "view_quality_report",  # quality assurance
        ),
    ),
    RoleSpec(
        "partner_agency",
        "Partner agency user",
        "Police, health, education, probation or housing; only what was shared with "
        "their agency under a sharing agreement.",
        _caps("open_child_record", "view_notifications", "submit_exception_report"),
        is_partner=True,
    ),
    RoleSpec(
        "system_administrator",
        "System administrator",
        "Manages users and roles and checks the audit log; opens no child's record.",
        _caps("manage_users", "view_capabilities", "verify_audit_log", "view_notifications"),
    ),
)

ROLE_CODES: frozenset[str] = frozenset(r.code for r in ROLES)
ROLES_BY_CODE: dict[str, RoleSpec] = {r.code: r for r in ROLES}

#: The role a member of staff normally has, from their post (``workforce.WorkerRole``).
WORKER_ROLE_TO_ROLE: dict[str, str] = {
    "social_worker": "social_worker",
    "consultant_sw": "consultant_social_worker",
    "team_manager": "team_manager",
    "service_manager": "service_manager",
    "mash_officer": "mash_officer",
    "early_help_worker": "early_help_worker",
    "personal_adviser": "social_worker",
    "cp_chair": "cp_chair_iro",
    "business_support": "conference_support",
    "lado": "lado",
    "analyst": "performance_analyst",
    "partnership": "partnership_business_unit",
    "qa_officer": "quality_assurance",
}


class Agency:
    """Partner agencies a partner user may belong to (``User.agency``)."""

    POLICE = "police"
    HEALTH = "health"
    EDUCATION = "education"
    PROBATION = "probation"
    HOUSING = "housing"

    CHOICES: tuple[tuple[str, str], ...] = (
        (POLICE, "Police"),
        (HEALTH, "Health"),
        (EDUCATION, "Education"),
        (PROBATION, "Probation"),
        (HOUSING, "Housing"),
    )
    CODES: tuple[str, ...] = tuple(code for code, _ in CHOICES)


def apply_catalogue(role_model: Any, capability_model: Any) -> tuple[int, int]:
    """Make the tables match the catalogue (models passed in so migrations can use it).

    Capabilities and roles not in the catalogue are left alone but lose nothing; each
    catalogue role gets exactly its catalogue capabilities. Returns (roles, capabilities).
    """
    capabilities = {}
    for spec in CAPABILITIES:
        capability, _ = capability_model.objects.update_or_create(
            code=spec.code, defaults={"name": spec.name, "description": spec.description}
        )
        capabilities[spec.code] = capability
    for role_spec in ROLES:
        role, _ = role_model.objects.update_or_create(
            code=role_spec.code,
            defaults={
                "name": role_spec.name,
                "description": role_spec.description,
                "is_partner": role_spec.is_partner,
            },
        )
        role.capabilities.set([capabilities[c] for c in sorted(role_spec.capabilities)])
    return len(ROLES), len(CAPABILITIES)
