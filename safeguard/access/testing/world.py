"""A small authority for access tests: one user per role, and children each role may or may not see.

Teams: "Team A" (children in need, the social worker's, consultant's and team manager's
team), "Team B" (children in care, another worker's), and one team per other service.
The service manager manages Team A's manager and sits in the children-in-need service
area, so Team B is outside their area.

Children:
* ``child_allocated`` — allocated to the social worker (Team A);
* ``child_other_team`` — allocated to a Team B worker: nobody's rule but break-glass;
* ``child_restricted`` — allocated to the social worker, restricted (adoption);
* ``child_shared_police`` — allocated in Team B; disclosed to the police under an
  agreement (when the governance app provides the services);
* ``child_mash`` — on a contact awaiting MASH triage;
* ``child_early_help`` — in open early help led by the early help worker;
* ``child_conference`` — has an initial conference, chaired by the CP chair, booked.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from safeguard.access.models import Capability, Role, User
from safeguard.access.roles import ROLES, Agency, apply_catalogue
from safeguard.core import clock

_ids = itertools.count(1)

#: Staff roles and the team each sits in.
STAFF_TEAMS: dict[str, str] = {
    "social_worker": "team_a",
    "consultant_social_worker": "team_a",
    "team_manager": "team_a",
    "service_manager": "cin_management",
    "mash_officer": "mash",
    "early_help_worker": "early_help",
    "conference_support": "business_support",
    "cp_chair_iro": "quality_assurance",
    "lado": "quality_assurance",
    "partnership_business_unit": "partnership",
    "quality_assurance": "quality_assurance",
    "performance_analyst": "performance",
}
TEAMS: dict[str, tuple[str, str]] = {
    "team_a": ("Team A", "cin"),
    "team_b": ("Team B", "cic"),
    "cin_management": ("Children in need management", "cin"),
    "mash": ("MASH", "mash"),
    "early_help": ("Early help", "early_help"),
    "business_support": ("Conference business support", "business_support"),
    "quality_assurance": ("Safeguarding and quality assurance", "qa"),
    "partnership": ("Safeguarding partnership", "partnership"),
    "performance": ("Performance and intelligence", "performance"),
}


@dataclass
class World:
    users: dict[str, User]
    teams: dict[str, Any]
    workers: dict[str, Any]
    child_allocated: Any
    child_other_team: Any
    child_restricted: Any
    child_shared_police: Any
    child_mash: Any
    child_early_help: Any
    child_conference: Any
    shared_with_police: bool = False
    extras: dict[str, Any] = field(default_factory=dict)

    def user(self, principal: str) -> User | None:
        return None if principal == "anonymous" else self.users[principal]


def make_user(username: str, role_code: str | None, *, agency: str = "", **extra: Any) -> User:
    """A user with the role; no usable password (tests sign in with ``sign_in``), which
    also keeps tests fast: Argon2 is slow on purpose."""
    from safeguard.access.services import assign_role

    user = User.objects.create_user(username, password=None, first_name=username, **extra)
    if role_code is not None:
        assign_role(user=user, role_code=role_code, agency=agency)
    return user


def make_child(**overrides: Any) -> Any:
    from safeguard.people.models import Person

    n = next(_ids)
    values: dict[str, Any] = {
        "la_child_id": f"W{n:07d}",
        "first_name": "World",
        "last_name": f"Child{n}",
        "date_of_birth": dt.date(2014, 3, 9),
        "gender": "1",
        "ethnicity": "WBRI",
    }
    values.update(overrides)
    return Person.objects.create(**values)


def allocate(child: Any, worker: Any, *, since: dt.date | None = None) -> Any:
    from safeguard.workforce.models import Allocation

    return Allocation.objects.create(
        child=child,
        worker=worker,
        started_on=since or clock.today() - dt.timedelta(days=60),
        start_reason="FCONTA",
    )


def _worker(role: str, team: Any, user: User | None, manager: Any = None) -> Any:
    from safeguard.workforce.models import Worker

    worker_role = {
        "consultant_social_worker": "consultant_sw",
        "cp_chair_iro": "cp_chair",
        "conference_support": "business_support",
        "performance_analyst": "analyst",
        "partnership_business_unit": "partnership",
        "quality_assurance": "qa_officer",
    }.get(role, role)
    n = next(_ids)
    return Worker.objects.create(
        user=user,
        staff_id=f"WS{n:05d}",
        first_name=role.replace("_", " ").title(),
        last_name=f"Worker{n}",
        role=worker_role,
        team=team,
        manager=manager,
        started_on=dt.date(2015, 1, 5),
    )


def _on_mash_queue(child: Any, mash_worker: Any) -> None:
    from safeguard.frontdoor.models import Contact, ContactChild, MashTriage

    contact = Contact.objects.create(
        received_at=clock.now() - dt.timedelta(days=1),
        source="2A",
        channel="professional_line",
        concerns="Bruising noticed at school.",
        consent_asked=True,
        consent_given=True,
        outcome="mash",
        outcome_at=clock.now() - dt.timedelta(hours=20),
    )
    ContactChild.objects.create(contact=contact, child=child)
    MashTriage.objects.create(
        contact=contact,
        priority="amber",
        started_at=clock.now() - dt.timedelta(hours=20),
        started_by=mash_worker,
    )


def _early_help(child: Any, lead: Any) -> None:
    from safeguard.earlyhelp.models import EarlyHelpEpisode

    EarlyHelpEpisode.objects.create(
        child=child,
        requested_on=clock.today() - dt.timedelta(days=30),
        request_source="2A",
        lead_professional_worker=lead,
    )


def _conference(child: Any, chair: Any) -> None:
    from safeguard.cin.models import CINEpisode
    from safeguard.protection.models import Conference

    episode = CINEpisode.objects.create(
        child=child, referral_date=clock.today() - dt.timedelta(days=40), referral_source="2A"
    )
    Conference.objects.create(
        episode=episode,
        child=child,
        conference_type="initial",
        scheduled_for=clock.today() + dt.timedelta(days=5),
        chair=chair,
    )


def _share_with_police(world: World) -> bool:
    """Disclose something about ``child_shared_police`` to the police under an agreement."""
    from safeguard.access.testing.sharing import share_with_agency

    return share_with_agency(
        child=world.child_shared_police,
        agency=Agency.POLICE,
        by=world.users["service_manager"],
    )


@transaction.atomic
def build_world() -> World:
    apply_catalogue(Role, Capability)
    teams = {key: _team(name, area) for key, (name, area) in TEAMS.items()}
    users: dict[str, User] = {}
    workers: dict[str, Any] = {}
    order = ["service_manager", "team_manager"] + [
        r for r in STAFF_TEAMS if r not in {"service_manager", "team_manager"}
    ]
    for role in order:
        users[role] = make_user(f"matrix.{role}", role)
        manager = {
            "team_manager": workers.get("service_manager"),
            "social_worker": workers.get("team_manager"),
            "consultant_social_worker": workers.get("team_manager"),
        }.get(role)
        workers[role] = _worker(role, teams[STAFF_TEAMS[role]], users[role], manager)
    users["system_administrator"] = make_user(
        "matrix.system_administrator", "system_administrator", is_staff=True, is_superuser=True
    )
    for agency in Agency.CODES:
        users[f"partner_{agency}"] = make_user(
            f"matrix.partner_{agency}", "partner_agency", agency=agency
        )
    users["partner_agency"] = users["partner_police"]
    workers["team_b"] = _worker("social_worker", teams["team_b"], None)

    child_allocated = make_child(first_name="Alex")
    allocate(child_allocated, workers["social_worker"])
    child_other_team = make_child(first_name="Blair")
    allocate(child_other_team, workers["team_b"])
    child_restricted = make_child(first_name="Casey")
    allocate(child_restricted, workers["social_worker"])
    child_shared_police = make_child(first_name="Dana")
    allocate(child_shared_police, workers["team_b"])
    child_mash = make_child(first_name="Ellis")
    _on_mash_queue(child_mash, workers["mash_officer"])
    child_early_help = make_child(first_name="Frankie")
    _early_help(child_early_help, workers["early_help_worker"])
    child_conference = make_child(first_name="Gray")
    allocate(child_conference, workers["team_b"])
    _conference(child_conference, workers["cp_chair_iro"])

    from safeguard.access.services import restrict_record

    restrict_record(
        child=child_restricted,
        reason_category="adoption",
        note="Placed for adoption.",
        restricted_by=users["service_manager"],
    )
    world = World(
        users=users,
        teams=teams,
        workers=workers,
        child_allocated=child_allocated,
        child_other_team=child_other_team,
        child_restricted=child_restricted,
        child_shared_police=child_shared_police,
        child_mash=child_mash,
        child_early_help=child_early_help,
        child_conference=child_conference,
    )
    world.shared_with_police = _share_with_police(world)
    return world


def _team(name: str, area: str) -> Any:
    from safeguard.workforce.models import Team

    return Team.objects.create(name=name, service_area=area)


#: Every role in the catalogue has a user in the world (checked by the matrix test).
ROLE_CODES = tuple(r.code for r in ROLES)
