"""``children_visible_to`` (one query, for lists) agrees with ``child_access`` (one child).

Hypothesis builds small random authorities — teams, workers of every case-holding role,
children with allocations, early help, MASH contacts, conferences, looked-after reviews,
restrictions, grants and break-glass, live or lapsed — and checks the two answers match
for every user and child.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeguard.access.models import AccessGrant, BreakGlassAccess, RestrictedRecord
from safeguard.access.selectors import child_access, children_visible_to
from safeguard.access.testing.world import allocate, make_child, make_user
from safeguard.core import clock

ROLES = (
    "social_worker", "consultant_social_worker", "team_manager", "service_manager",
    "mash_officer", "early_help_worker", "conference_support", "cp_chair_iro", "lado",
    "quality_assurance",
)  # fmt: skip
AREAS = ("cin", "cic", "early_help")

workers_st = st.lists(
    st.tuples(
        st.sampled_from(ROLES),
        st.integers(0, 2),  # team
        st.one_of(st.none(), st.integers(0, 4)),  # manager (index into workers)
        st.sampled_from([False, False, False, True]),  # has left today
    ),
    min_size=1,
    max_size=5,
)
maybe_worker = st.one_of(st.none(), st.integers(0, 4))
children_st = st.lists(
    st.fixed_dictionaries(
        {
            "allocated": maybe_worker,
            "allocation_ended": st.booleans(),
            "early_help": maybe_worker,
            "early_help_closed": st.booleans(),
            "contact": st.sampled_from(["none", "waiting", "triage", "recent", "old"]),
            "conference_chair": maybe_worker,
            "conference": st.sampled_from(["upcoming", "recent", "old", "cancelled", "minuted"]),
            "review_chair": maybe_worker,
            "in_care": st.booleans(),
            "restricted": st.booleans(),
            "grant": maybe_worker,
            "grant_live": st.booleans(),
            "break_glass": maybe_worker,
            "break_glass_live": st.booleans(),
            "auditor": maybe_worker,
            "audit": st.sampled_from(["planned", "recent", "old", "cancelled"]),
        }
    ),
    min_size=1,
    max_size=4,
)


def _pick(workers, index):
    return None if index is None or not workers else workers[index % len(workers)]


def build(worker_specs, child_specs):
    from safeguard.care.models import LookedAfterReview, PeriodOfCare
    from safeguard.cin.models import CINEpisode
    from safeguard.earlyhelp.models import EarlyHelpEpisode
    from safeguard.frontdoor.models import Contact, ContactChild, MashTriage
    from safeguard.protection.models import Conference
    from safeguard.workforce.models import Team, Worker

    today, now = clock.today(), clock.now()
    teams = [
        Team.objects.create(name=f"T{uuid.uuid4().hex[:8]}", service_area=AREAS[i])
        for i in range(3)
    ]
    workers, users = [], []
    for role, team, manager, left in worker_specs:
        user = make_user(f"p{uuid.uuid4().hex[:10]}", role)
        worker = Worker.objects.create(
            user=user, staff_id=uuid.uuid4().hex[:12], first_name="P", last_name="W",
            role="social_worker", team=teams[team], manager=_pick(workers, manager),
            started_on=dt.date(2015, 1, 1), left_on=today if left else None,
        )  # fmt: skip
        workers.append(worker)
        users.append(user)
    granter = make_user(f"g{uuid.uuid4().hex[:10]}", "service_manager")
    children = []
    for spec in child_specs:
        child = make_child()
        children.append(child)
        if (w := _pick(workers, spec["allocated"])) is not None:
            a = allocate(child, w, since=today - dt.timedelta(days=50))
            if spec["allocation_ended"]:
                a.ended_on = today - dt.timedelta(days=1)
                a.save()
        if (w := _pick(workers, spec["early_help"])) is not None:
            closed = spec["early_help_closed"]
            EarlyHelpEpisode.objects.create(
                child=child, requested_on=today - dt.timedelta(days=10), request_source="2A",
                lead_professional_worker=w, closed_on=today if closed else None,
                closure_reason="needs_met" if closed else "",
            )  # fmt: skip
        if spec["contact"] != "none":
            days = {"waiting": 0, "triage": 0, "recent": 3, "old": 90}[spec["contact"]]
            received = now - dt.timedelta(days=days + 1)
            contact = Contact.objects.create(
                received_at=received, source="2A", channel="email", concerns="c",
                consent_asked=False, consent_given=False,
                outcome="" if spec["contact"] == "waiting" else "mash",
                outcome_at=None if spec["contact"] == "waiting" else received,
            )  # fmt: skip
            ContactChild.objects.create(contact=contact, child=child)
            if spec["contact"] != "waiting":
                MashTriage.objects.create(
                    contact=contact, priority="red", started_at=received, started_by=workers[0],
                    decided_at=None if spec["contact"] == "triage" else received,
                )  # fmt: skip
        chair = _pick(workers, spec["conference_chair"])
        if chair is not None:
            kind = spec["conference"]
            episode = CINEpisode.objects.create(
                child=child, referral_date=today - dt.timedelta(days=400), referral_source="2A"
            )
            held = {"recent": 10, "old": 300, "minuted": 5}.get(kind)
            Conference.objects.create(
                episode=episode, child=child, conference_type="review", chair=chair,
                scheduled_for=today + dt.timedelta(days=2) if held is None
                else today - dt.timedelta(days=held),
                held_on=None if held is None else today - dt.timedelta(days=held),
                cancelled_on=today if kind == "cancelled" else None,
                minutes_sent_on=today if kind == "minuted" else None,
            )  # fmt: skip
        if (w := _pick(workers, spec["review_chair"])) is not None:
            period = PeriodOfCare.objects.create(
                child=child, started_on=today - dt.timedelta(days=100),
                ended_on=None if spec["in_care"] else today,
            )  # fmt: skip
            LookedAfterReview.objects.create(
                child=child, period=period, held_on=today - dt.timedelta(days=5),
                participation="PN1", chaired_by=w,
            )  # fmt: skip
        if spec["restricted"]:
            RestrictedRecord.objects.create(
                child=child, reason_category="adoption", restricted_by=granter
            )
        if (w := _pick(workers, spec["grant"])) is not None:
            live = spec["grant_live"]
            AccessGrant.objects.create(
                user=w.user, child=child, granted_by=granter, reason="r",
                starts_at=now - dt.timedelta(days=5),
                ends_at=now + dt.timedelta(days=1) if live else now - dt.timedelta(days=1),
            )  # fmt: skip
        if (w := _pick(workers, spec["break_glass"])) is not None:
            live = spec["break_glass_live"]
            BreakGlassAccess.objects.create(
                user=w.user, child=child, reason="r" * 25,
                at=now - dt.timedelta(hours=2 if live else 20),
                expires_at=now + dt.timedelta(hours=6) if live else now - dt.timedelta(hours=12),
            )  # fmt: skip
        if (w := _pick(workers, spec["auditor"])) is not None:
            from safeguard.quality.models import CaseAudit

            done = {"recent": 10, "old": 45}.get(spec["audit"])
            CaseAudit.objects.create(
                reference=f"CA-{uuid.uuid4().hex[:12]}", kind="case_audit", child=child,
                auditor=w, programme_month=today.replace(day=1), due_on=today,
                completed_on=None if done is None else today - dt.timedelta(days=done),
                cancelled_on=today if spec["audit"] == "cancelled" else None,
            )  # fmt: skip
    return users, children


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(worker_specs=workers_st, child_specs=children_st)
def test_the_list_and_the_single_record_answers_agree(worker_specs, child_specs):
    with transaction.atomic():
        users, children = build(worker_specs, child_specs)
        for user in users:
            visible = set(children_visible_to(user).filter(pk__in=[c.pk for c in children]))
            opened = {c for c in children if child_access(user, c).allowed}
            assert visible == opened, (user.role.code, worker_specs, child_specs)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_list_is_one_query(world, django_assert_num_queries):
    user = world.users["service_manager"]
    queryset = children_visible_to(user)  # reads the role and worker once, before the list
    with django_assert_num_queries(1):
        assert world.child_allocated in list(queryset)
