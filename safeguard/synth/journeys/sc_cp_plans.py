"""Child protection plans for the journeys: the plan, its review conferences, core
groups and visits, and coming into care during it. Part of
``sc_protection.ProtectionWriter``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from safeguard.cin.models import CINEpisode
from safeguard.core.calendar import add_months, add_working_days, previous_working_day
from safeguard.people.models import Person
from safeguard.protection.models import (
    Conference,
    ConferenceOutcome,
    ConferenceType,
    CoreGroupMeeting,
    CPPlan,
    CPPlanEndReason,
)
from safeguard.synth.journeys.sc_util import visits
from safeguard.synth.writer import build
from safeguard.workforce.models import ServiceArea

if TYPE_CHECKING:
    pass

from safeguard.synth.journeys.sc_conferences import ConferenceWriter
from safeguard.synth.journeys.sc_protection_base import STREAM

#: CP visits: the child seen at most (seed 003: CP visits on time 80-83%), a few late.
CP_VISIT_SEEN = 0.85
CP_VISIT_LATE = 0.06


class CPPlanWriter(ConferenceWriter):
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
