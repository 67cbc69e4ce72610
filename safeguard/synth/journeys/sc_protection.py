"""Strategy discussions, s47 enquiries, conferences and CP plans for the journeys."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from safeguard.cin.models import CINEpisode
from safeguard.core.calendar import add_months, add_working_days, previous_working_day
from safeguard.people.models import Person
from safeguard.protection.models import (
    Agency,
    AttendanceStatus,
    Conference,
    ConferenceAttendance,
    ConferenceInvitation,
    ConferenceOutcome,
    ConferenceType,
    CoreGroupMeeting,
    CPPlan,
    CPPlanEndReason,
    Section47Enquiry,
    Section47Outcome,
    StrategyAttendee,
    StrategyDiscussion,
)
from safeguard.protection.selectors import NOT_PARTNERS
from safeguard.synth.context import SynthContext
from safeguard.synth.families import FamilyFactory
from safeguard.synth.journeys.sc_util import visits
from safeguard.synth.workforce import pick_worker
from safeguard.synth.writer import build
from safeguard.workforce.models import ServiceArea, WorkerRole

if TYPE_CHECKING:
    from safeguard.synth.journeys.sc_journey import JourneyPlanner

STREAM = "social_care_protection"
S47_INITIATED = 0.96
SUBSTANTIATED = 0.64
ICPC_NOT_REQUIRED = 0.06
#: The reason the service records when concerns are not substantiated.
NOT_SUBSTANTIATED = "Concerns not substantiated."
#: ICPC within 15 working days of the strategy discussion (seed 81% in 2020).
ICPC_ON_TIME = 0.81
ICPC_PLAN = 0.80
CATEGORIES = (("NEG", 0.55), ("EMO", 0.27), ("PHY", 0.09), ("SAB", 0.05), ("MUL", 0.04))
#: The plan ends at review conference k (1 = 3 months, then every 6 months); seed 000:
#: 2.1% of open plans had lasted 2 years or more.
ENDS_AT_REVIEW = (
    (1, 0.38),
    (2, 0.469),
    (3, 0.10),
    (4, 0.02),
    (5, 0.018),
    (6, 0.009),
    (7, 0.004),
)
#: First review conferences held a few weeks after the 3-month mark (seed 004: 23% of
#: plans end under 3 months, 17% at 3-6 months).
FIRST_REVIEW_LATE = 0.35
FREQUENCY = ((1, 0.10), (2, 0.55), (4, 0.35))
STEP_DOWN = 0.70
#: Families on a plan whose children come into care during it, and of those the share
#: whose plan runs on alongside care until the next review conference (the rest end the
#: day the child becomes looked after).
INTO_CARE = 0.14
PLAN_ALONGSIDE_CARE = 0.75
#: CP visits: the child seen at most (seed 003: CP visits on time 80-83%), a few late.
CP_VISIT_SEEN = 0.85
CP_VISIT_LATE = 0.06
#: Conference quoracy (seed 003: 85% / 77%): every invited partner agency attends, or
#: the listed partners stay away (police, health, education); the family usually attends.
QUORATE = 0.81
ABSENT_PARTNERS = (("police", 0.45), ("health", 0.35), ("education", 0.20))
FAMILY_ATTENDS = 0.9
#: Advocacy for children aged 8 or over (seed 003: 38% offered, 0-4% advocate attended):
#: offered, then accepted, then the advocate attends (otherwise sends the child's views).
ADVOCACY_AGE = 8
ADVOCACY_OFFERED = 0.42
ADVOCACY_ACCEPTED = 0.35
ADVOCATE_ATTENDS = 0.2


@dataclass
class ProtectionResult:
    #: When the assessment alongside the enquiry is completed (strategy route): the
    #: enquiry's outcome, or the initial conference when one is held.
    assessment_done: dt.date
    ended_on: dt.date | None
    step_down: bool
    #: Set when the child came into care during the plan (``ended_on`` is then the later
    #: of the stay's end and the plan's, None while either is open) with the CIN closure
    #: reason the stay's ending gives.
    into_care: bool = False
    care_closure: str = ""
    #: Set when the assessment is completed at the initial conference: the enquiry's
    #: outcome, the day its authoriser was drawn for before, so the stream's draws (and
    #: every later journey) stay as they were.
    drawn_on: dt.date | None = None


class ProtectionWriter:
    def __init__(self, ctx: SynthContext, planner: JourneyPlanner) -> None:
        from safeguard.synth.draws import weighted
        from safeguard.synth.journeys.sc_journey import new_group_reference

        self.ctx = ctx
        self.planner = planner
        self.rng = ctx.stream(STREAM)
        self.end = ctx.settings.end
        self.weighted = weighted
        self.group_reference = new_group_reference
        self.families = FamilyFactory.of(ctx)

    def draw(self, day: dt.date, children: list[Person]) -> dict[str, Any]:
        rng, w = self.rng, self.weighted
        repeat = any(self.ctx.timeline(c.id).cp_plan_count for c in children)
        icpc_wd = (
            int(rng.integers(8, 16)) if rng.random() < ICPC_ON_TIME else int(rng.integers(16, 31))
        )
        return {
            "sd_lag": int(rng.choice(3, p=(0.6, 0.3, 0.1))),
            "s47": bool(rng.random() < S47_INITIATED),
            # The enquiry concludes before the conference it asks for.
            "s47_wd": int(rng.integers(4, icpc_wd - 1)),
            "substantiated": bool(rng.random() < (SUBSTANTIATED + (0.1 if repeat else 0.0))),
            "icpc_wd": icpc_wd,
            "icpc_not_required": bool(rng.random() < ICPC_NOT_REQUIRED),
            "plan": bool(rng.random() < ICPC_PLAN),
            "category": str(w(rng, CATEGORIES)),
            "reviews": int(w(rng, ENDS_AT_REVIEW)),
            "frequency": int(w(rng, FREQUENCY)),
            "step_down": bool(rng.random() < STEP_DOWN),
            "cin_if_no_plan": bool(rng.random() < 0.5),
            "group": self.group_reference(self.ctx),
            # Siblings share their review conferences (the same days) and meetings.
            # Days before the due date (negative: after it), the first sometimes late.
            "review_days": [
                -int(rng.integers(1, 22))
                if k == 0 and rng.random() < FIRST_REVIEW_LATE
                else int(rng.integers(0, 8))
                for k in range(len(ENDS_AT_REVIEW))
            ],
            "meetings": {},
            "into_care": bool(rng.random() < INTO_CARE),
            "care_at": float(rng.random()),
            "alongside": bool(rng.random() < PLAN_ALONGSIDE_CARE),
        }

    def _add(self, obj: Any, day: dt.date, hour: int = 10) -> Any:
        obj.id = self.ctx.new_id(STREAM)
        return self.ctx.writer.add(obj, id=obj.id, at=self.ctx.at(day, hour))

    def run(
        self, p: dict[str, Any], episode: CINEpisode, child: Person, day: dt.date
    ) -> ProtectionResult:
        _ctx, rng, end = self.ctx, self.rng, self.end
        held = add_working_days(day, p["sd_lag"]) if p["sd_lag"] else day
        if held > end:
            held = end
        social_worker = self.planner.alloc.current(child, held)
        sd = self._add(
            build(
                StrategyDiscussion,
                episode=episode,
                held_on=held,
                lead_worker=social_worker,
                information_shared="Police, health and school information shared.",
                s47_initiated=p["s47"],
                criminal_investigation=bool(rng.random() < 0.3),
                minutes_circulated_on=held if held < end else None,
            ),
            held,
        )
        for agency, name in (
            (Agency.SOCIAL_CARE, "Social worker"),
            (Agency.POLICE, "DS, public protection"),
            (Agency.HEALTH_VISITOR if rng.random() < 0.5 else Agency.GP, "Health safeguarding"),
        ):
            self._add(
                build(
                    StrategyAttendee,
                    discussion=sd,
                    agency=agency,
                    name=name,
                    worker=social_worker if agency == Agency.SOCIAL_CARE else None,
                ),
                held,
            )
        outcome_day = add_working_days(held, p["s47_wd"])
        if not p["s47"]:
            return ProtectionResult(min(outcome_day, end), outcome_day, p["cin_if_no_plan"])
        s47_done = outcome_day <= end
        substantiated = p["substantiated"]
        needs_icpc = substantiated and not p["icpc_not_required"]
        # As the service records an outcome: concerns not substantiated need no conference,
        # so the enquiry is complete (ICPCnotRequired) without one.
        not_required = s47_done and not needs_icpc
        s47 = self._add(
            build(
                Section47Enquiry,
                episode=episode,
                strategy_discussion=sd,
                start_date=held,
                lead_worker=social_worker,
                outcome=(
                    Section47Outcome.SUBSTANTIATED
                    if substantiated
                    else Section47Outcome.NOT_SUBSTANTIATED
                )
                if s47_done
                else "",
                outcome_date=outcome_day if s47_done else None,
                conference_requested_on=outcome_day if s47_done and needs_icpc else None,
                icpc_not_required=not_required,
                icpc_not_required_reason=(
                    ("Risks managed under a CIN plan." if substantiated else NOT_SUBSTANTIATED)
                    if not_required
                    else ""
                ),
            ),
            held,
        )
        if not s47_done:
            return ProtectionResult(end + dt.timedelta(days=1), None, False)
        if not needs_icpc:
            return ProtectionResult(outcome_day, outcome_day, p["cin_if_no_plan"])
        icpc_day = max(add_working_days(held, p["icpc_wd"]), add_working_days(outcome_day, 1))
        icpc = self._conference(
            episode,
            child,
            ConferenceType.INITIAL,
            icpc_day,
            p,
            s47=s47,
            outcome=ConferenceOutcome.PLAN if p["plan"] else ConferenceOutcome.NO_PLAN,
        )
        if icpc_day > end:
            return ProtectionResult(outcome_day, None, False)
        # The assessment alongside the enquiry is completed at the initial conference it
        # informs, so the census has both in the conference's year (2991Q).
        if not p["plan"]:
            return ProtectionResult(icpc_day, icpc_day, p["cin_if_no_plan"], drawn_on=outcome_day)
        ended, entry = self._cp_plan(p, episode, child, icpc, icpc_day)
        if entry is None:
            return ProtectionResult(icpc_day, ended, p["step_down"], drawn_on=outcome_day)
        # Looked after from ``entry``: the CIN episode runs on until the child leaves care.
        from safeguard.synth.journeys.care import CareFromPlans

        self.planner.alloc.close(child, entry)
        stay = CareFromPlans.of(self.ctx).enter(child, entry)
        # A short stay can end before a plan running alongside it does.
        closes = None if stay.exit is None or ended is None else max(stay.exit, ended)
        return ProtectionResult(
            icpc_day,
            closes,
            False,
            into_care=True,
            care_closure=CareFromPlans.closure_reason(stay),
            drawn_on=outcome_day,
        )

    def _meeting(self, p: dict[str, Any], day: dt.date) -> dict[str, bool]:
        """Who came to the family's meeting on ``day``: drawn once, shared by siblings."""
        meetings: dict[dt.date, dict[str, bool]] = p["meetings"]
        if day not in meetings:
            rng = self.rng
            went = {"police": True, "health": True, "education": True}
            if rng.random() >= QUORATE:
                went[str(self.weighted(rng, ABSENT_PARTNERS))] = False
                if rng.random() < 0.25:
                    went[str(self.weighted(rng, ABSENT_PARTNERS))] = False
            went["family"] = bool(rng.random() < FAMILY_ATTENDS)
            meetings[day] = went
        return meetings[day]

    def _conference(
        self,
        episode: CINEpisode,
        child: Person,
        kind: str,
        day: dt.date,
        p: dict[str, Any],
        *,
        s47: Section47Enquiry | None = None,
        plan: CPPlan | None = None,
        outcome: str = "",
        category: str = "",
    ) -> Conference:
        ctx, rng = self.ctx, self.rng
        held = day <= self.end
        booked_on = min(day - dt.timedelta(days=14), self.end)
        chair = pick_worker(
            ctx,
            role=WorkerRole.CONFERENCE_CHAIR,
            on=min(day, self.end),
            stream=STREAM,
            team_area=ServiceArea.QUALITY_ASSURANCE,
        )
        age = None if child.date_of_birth is None else (day - child.date_of_birth).days // 365
        meeting = self._meeting(p, day)
        attended = {
            Agency.SOCIAL_CARE: True,
            Agency.POLICE: meeting["police"],
            Agency.HEALTH_VISITOR if (age or 0) < 5 else Agency.SCHOOL_NURSE: meeting["health"],
            Agency.SCHOOL if (age or 0) >= 4 else Agency.GP: meeting["education"],
            Agency.FAMILY: meeting["family"],
        }
        # Quorate: every partner agency invited attended (protection.selectors).
        quorate = all(went for agency, went in attended.items() if agency not in NOT_PARTNERS)
        offered = age is not None and age >= ADVOCACY_AGE and rng.random() < ADVOCACY_OFFERED
        accepted = offered and rng.random() < ADVOCACY_ACCEPTED
        if accepted:
            attended[Agency.ADVOCATE] = bool(rng.random() < ADVOCATE_ATTENDS)
        conf = self._add(
            build(
                Conference,
                episode=episode,
                child=child,
                conference_type=kind,
                section47=s47,
                plan=plan,
                scheduled_for=day,
                held_on=day if held else None,
                chair=chair,
                room="Conference room " + "ABC"[int(rng.integers(0, 3))],
                group_reference=p["group"],
                quorate=quorate if held else None,
                advocacy_offered=offered if held else None,
                advocacy_accepted=accepted if held else None,
                outcome=outcome if held else "",
                category=category or (p["category"] if held and outcome == "plan" else ""),
                minutes_sent_on=min(add_working_days(day, 15), self.end)
                if held and add_working_days(day, 15) <= self.end
                else None,
            ),
            booked_on,
        )
        for agency, went in attended.items():
            label = Agency(agency).label
            reports = agency not in (Agency.FAMILY, Agency.ADVOCATE)
            self._add(
                build(
                    ConferenceInvitation,
                    conference=conf,
                    agency=agency,
                    invitee=label,
                    invited_on=booked_on,
                    report_requested=reports,
                    report_received_on=(day - dt.timedelta(days=2))
                    if held and reports and rng.random() < 0.7
                    else None,
                ),
                booked_on,
            )
            if held:
                status = (
                    AttendanceStatus.ATTENDED
                    if went
                    else (
                        AttendanceStatus.APOLOGIES
                        if rng.random() < 0.7
                        else AttendanceStatus.DID_NOT_ATTEND
                    )
                )
                self._add(
                    build(
                        ConferenceAttendance,
                        conference=conf,
                        agency=agency,
                        name=label,
                        status=status,
                    ),
                    day,
                )
        return conf

    def _cp_plan(
        self,
        p: dict[str, Any],
        episode: CINEpisode,
        child: Person,
        icpc: Conference,
        start: dt.date,
    ) -> tuple[dt.date | None, dt.date | None]:
        """Write the plan and its reviews, core groups and visits; return when it ended
        (None if open) and the day the child came into care during it (None if not)."""
        ctx, rng, end = self.ctx, self.rng, self.end
        tl = ctx.timeline(child.id)
        alloc = self.planner.alloc
        alloc.start(child, ServiceArea.CHILDREN_IN_NEED, start)
        lead = alloc.current(child, start)
        plan = build(
            CPPlan,
            episode=episode,
            child=child,
            initial_conference=icpc,
            start_date=start,
            initial_category=p["category"],
            latest_category=p["category"],
            visit_frequency_weeks=p["frequency"],
            lead_social_worker=lead,
        )
        plan.id = ctx.new_id(STREAM)
        tl.cp_plan_count += 1
        # Review conferences: 3 months, then 6-monthly; the plan ends at review k.
        reviews: list[dt.date] = []
        months = 3
        for k in range(p["reviews"]):
            offset = dt.timedelta(days=p["review_days"][k])
            reviews.append(previous_working_day(add_months(start, months) - offset))
            months += 6
        eighteen = None
        if child.date_of_birth is not None:
            eighteen = add_months(child.date_of_birth, 216)
        entry = self._care_entry(p, child, start, reviews[-1])
        ends_in_care = False
        if entry is not None:
            later = [day for day in reviews if day >= entry + dt.timedelta(days=10)]
            if p["alongside"] and later:
                reviews = reviews[: reviews.index(later[0]) + 1]
            else:
                reviews = [day for day in reviews if day < entry]
                ends_in_care = True
        ended: dt.date | None = None
        for k, day in enumerate(reviews, start=1):
            if eighteen is not None and day >= eighteen:
                ended = eighteen
                plan.end_date, plan.end_reason = eighteen, CPPlanEndReason.TURNED_18
                break
            final = k == len(reviews) and not ends_in_care
            conf = self._conference(
                episode,
                child,
                ConferenceType.REVIEW,
                day,
                p,
                plan=plan,
                outcome=ConferenceOutcome.NO_PLAN if final else ConferenceOutcome.PLAN,
                category=p["category"] if not final else "",
            )
            if day > end:
                break
            if final:
                ended = day
                plan.end_date, plan.end_reason, plan.end_conference = (
                    day,
                    CPPlanEndReason.LOOKED_AFTER
                    if entry is not None
                    else CPPlanEndReason.NO_LONGER_AT_RISK,
                    conf,
                )
        else:
            if ends_in_care:
                assert entry is not None
                ended = entry
                plan.end_date, plan.end_reason = entry, CPPlanEndReason.LOOKED_AFTER
        if ended is not None and ended > end:
            ended = None
            plan.end_date, plan.end_reason, plan.end_conference = None, "", None
        if ended is not None:
            tl.last_cp_plan_end = ended
        self.ctx.writer.add(plan, id=plan.id, at=ctx.at(start, 15))
        last = min(ended or end, end)
        # Core groups: first within 10 working days (mostly), then about six-weekly.
        first_wd = int(rng.integers(3, 11)) if rng.random() < 0.86 else int(rng.integers(11, 16))
        meeting = add_working_days(start, first_wd)
        while meeting <= last:
            self._add(
                build(CoreGroupMeeting, plan=plan, held_on=meeting, attendees="Core group"), meeting
            )
            meeting = add_working_days(meeting, 30)
        visits(
            ctx,
            rng,
            child,
            episode,
            "cp",
            start,
            last,
            p["frequency"],
            lead,
            alloc,
            not_alone_young=0.5,
            not_alone_older=0.12,
            seen=CP_VISIT_SEEN,
            late=CP_VISIT_LATE,
        )
        if entry is not None and (eighteen is None or entry < eighteen):
            return ended, entry
        return ended, None

    def _care_entry(
        self, p: dict[str, Any], child: Person, start: dt.date, planned_end: dt.date
    ) -> dt.date | None:
        """The day the child comes into care during the plan, if the family's does and it
        falls inside the history, before the child turns 17 (children referred before
        their birth stay home, once born too)."""
        born = child.date_of_birth
        if not p["into_care"] or born is None or child.id in self.families.expected_babies:
            return None
        span = max(1, (planned_end - start).days - 14)
        entry = start + dt.timedelta(days=14 + int(p["care_at"] * span))
        if entry > self.end or entry < born or entry >= add_months(born, 204):
            return None
        return entry
