"""Child protection conferences for the journeys: who attends (quoracy, the family,
advocacy) and the conference records. Part of ``sc_protection.ProtectionWriter``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from safeguard.cin.models import CINEpisode
from safeguard.core.calendar import add_working_days
from safeguard.people.models import Person
from safeguard.protection.models import (
    Agency,
    AttendanceStatus,
    Conference,
    ConferenceAttendance,
    ConferenceInvitation,
    CPPlan,
    Section47Enquiry,
)
from safeguard.protection.selectors import NOT_PARTNERS
from safeguard.synth.workforce import pick_worker
from safeguard.synth.writer import build
from safeguard.workforce.models import ServiceArea, WorkerRole

if TYPE_CHECKING:
    pass

from safeguard.synth.journeys.sc_protection_base import STREAM, ProtectionBase

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


class ConferenceWriter(ProtectionBase):
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
