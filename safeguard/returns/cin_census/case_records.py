"""Import one child's CIN episodes and everything under them from a census file.

The services refuse history by design (an episode must be open to take an assessment, a
closure needs a manager's sign-off, a plan starts from a conference recorded here), so
the import writes the models directly, and checks here the invariants those services and
the database keep: episodes that do not overlap, dates in order, one open assessment, CIN
plan and CP plan at a time. A child whose records break one is rejected whole.

Records are matched as the brief of the import says: an episode by its referral date, an
assessment, CIN plan, section 47 enquiry or CP plan by its start date within the episode,
a conference by its date; a matched record is updated only where the file differs, so a
second import of the same file writes nothing. Nothing the file does not mention is
deleted: a census covers one year, and earlier history stays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import Any

from safeguard.assessment.models import Assessment, AssessmentFactor
from safeguard.cin.models import CINEpisode, CINPlan
from safeguard.people.models import Person
from safeguard.protection.models import (
    INITIAL_CONFERENCE_TYPES,
    Conference,
    ConferenceOutcome,
    ConferenceType,
    CPPlan,
    Section47Enquiry,
    Section47Outcome,
)
from safeguard.returns.cin_census.held import Held
from safeguard.returns.cin_census.import_rows import (
    ChildRejected,
    ChildRows,
    Counts,
    Rows,
    create,
    sync,
)
from safeguard.returns.cin_census.values import RowValues


class EpisodeImport:
    """One child's episodes: read the file's rows, check them, write what differs."""

    def __init__(
        self, file: str, person: Person, rows: ChildRows, counts: Counts, held: Held
    ) -> None:
        self.file = file
        self.held = held
        self.person = person
        self.rows = rows
        self.counts = counts

    def values(self, row: Mapping[str, Any]) -> RowValues:
        return RowValues(self.file, row)

    def run(self) -> None:
        held = {e.referral_date: e for e in self.held.episodes[self.person.pk]}
        for row in self.rows.episodes:
            self.episode(row, held)
        self.check_no_overlap(held.values())

    def episode(self, row: Mapping[str, Any], held: dict[dt.date, CINEpisode]) -> CINEpisode:
        v = self.values(row)
        referral = v.required_date("CINreferralDate")
        closure = v.date("CINclosureDate")
        if closure is not None and closure < referral:
            raise ChildRejected(
                f"CIN closure date {closure} is before the referral date {referral} (8630)", v.line
            )
        values = {
            "referral_source": v.code("ReferralSource", required=True),
            "primary_need": v.code("PrimaryNeedCode"),
            "referral_nfa": v.yes_no("ReferralNFA"),
            "closure_date": closure,
            "reason_for_closure": v.code("ReasonForClosure") if closure else "",
        }
        episode = held.get(referral)
        if episode is None:
            episode = create(
                CINEpisode,
                {"child": self.person, "referral_date": referral, **values},
                self.counts,
                "CIN episodes",
            )
            held[referral] = episode
            self.held.episodes[self.person.pk].append(episode)
        else:
            sync(episode, values, self.counts, "CIN episodes")
        number = str(row["CINdetailsID"])
        self.assessments(episode, number)
        self.cin_plans(episode, number)
        self.section47s(episode, number)
        self.unlinked_initial_conference(episode, v.date("DateOfInitialCPC"))
        self.cp_plans(episode, number)
        return episode

    def check_no_overlap(self, episodes: Iterable[CINEpisode]) -> None:
        ordered = sorted(episodes, key=lambda e: e.referral_date)
        for earlier, later in pairwise(ordered):
            if earlier.closure_date is None or earlier.closure_date > later.referral_date:
                raise ChildRejected(
                    f"the CIN episode referred on {later.referral_date} overlaps the one "
                    f"referred on {earlier.referral_date} (8815, 8820)"
                )

    def assessments(self, episode: CINEpisode, number: str) -> None:
        listed = self.held.assessments[episode.pk]
        held = {a.start_date: a for a in listed}
        for row in self.rows.assessments.get(number, []):
            v = self.values(row)
            start = v.required_date("AssessmentActualStartDate")
            authorised = v.date("AssessmentAuthorisationDate")
            if authorised is not None and authorised < start:
                raise ChildRejected(
                    f"assessment authorised on {authorised}, before its start {start} (8608)",
                    v.line,
                )
            values = {
                "internal_review_date": v.date("AssessmentInternalReviewDate"),
                "authorised_on": authorised,
            }
            factors = {
                self.values(f).code("AssessmentFactors", required=True)
                for f in self.rows.factors.get((number, str(row["AssessmentID"])), [])
            }
            assessment = held.get(start)
            if assessment is None:
                assessment = create(
                    Assessment,
                    {"episode": episode, "start_date": start, **values},
                    self.counts,
                    "assessments",
                )
                held[start] = assessment
                listed.append(assessment)
                self.set_factors(assessment, factors)
                continue
            changed = sync(assessment, values, Counts(), "assessments")
            changed = self.set_factors(assessment, factors) or changed
            self.counts.note("updated" if changed else "unchanged", "assessments")
        if sum(1 for a in held.values() if a.authorised_on is None) > 1:
            raise ChildRejected(
                f"two open assessments on the episode referred on {episode.referral_date} (8896)"
            )

    def set_factors(self, assessment: Assessment, codes: set[str]) -> bool:
        held = self.held.factors[assessment.pk]
        if held == codes:
            return False
        AssessmentFactor.objects.filter(assessment=assessment).exclude(code__in=codes).delete()
        for code in sorted(codes - held):
            AssessmentFactor.objects.create(assessment=assessment, code=code)
        self.held.factors[assessment.pk] = set(codes)
        return True

    def cin_plans(self, episode: CINEpisode, number: str) -> None:
        listed = self.held.cin_plans[episode.pk]
        held = {p.start_date: p for p in listed}
        for row in self.rows.cin_plans.get(number, []):
            v = self.values(row)
            start = v.required_date("CINPlanStartDate")
            end = v.date("CINPlanEndDate")
            if end is not None and end < start:
                raise ChildRejected(
                    f"CIN plan ends on {end}, before its start {start} (4011)", v.line
                )
            plan = held.get(start)
            if plan is None:
                held[start] = create(
                    CINPlan,
                    {"episode": episode, "start_date": start, "end_date": end},
                    self.counts,
                    "CIN plans",
                )
                listed.append(held[start])
            else:
                sync(plan, {"end_date": end}, self.counts, "CIN plans")
        if sum(1 for p in held.values() if p.end_date is None) > 1:
            raise ChildRejected(
                f"two open CIN plans on the episode referred on {episode.referral_date} (4004)"
            )

    def section47s(self, episode: CINEpisode, number: str) -> None:
        listed = self.held.section47s[episode.pk]
        held = {s.start_date: s for s in listed}
        plan_starts = {
            self.values(p).date("CPPstartDate"): p for p in self.rows.cp_plans.get(number, [])
        }
        for row in self.rows.section47s.get(number, []):
            v = self.values(row)
            start = v.required_date("S47ActualStartDate")
            not_required = v.yes_no("ICPCnotRequired")
            icpc = v.date("DateOfInitialCPC")
            s47 = held.get(start)
            if s47 is None:
                outcome = (
                    Section47Outcome.SUBSTANTIATED
                    if icpc
                    else (Section47Outcome.NOT_SUBSTANTIATED if not_required else "")
                )
                s47 = create(
                    Section47Enquiry,
                    {
                        "episode": episode,
                        "start_date": start,
                        "icpc_not_required": not_required,
                        "outcome": outcome,
                    },
                    self.counts,
                    "section 47 enquiries",
                )
                held[start] = s47
                listed.append(s47)
            else:
                sync(s47, {"icpc_not_required": not_required}, self.counts, "section 47 enquiries")
            if icpc is not None:
                plan = plan_starts.get(icpc)
                self.initial_conference(
                    episode,
                    icpc,
                    section47=s47,
                    category=self.values(plan).code("InitialCategoryOfAbuse") if plan else "",
                )

    def initial_conference(
        self, episode: CINEpisode, held_on: dt.date, *, section47: Section47Enquiry, category: str
    ) -> None:
        found = next(
            (c for c in self.held.conferences[episode.pk] if c.section47_id == section47.pk), None
        )
        if found is not None:
            sync(found, {"held_on": held_on}, self.counts, "initial conferences")
            return
        self._new_conference(
            episode, ConferenceType.INITIAL, held_on, section47=section47, category=category
        )

    def unlinked_initial_conference(self, episode: CINEpisode, held_on: dt.date | None) -> None:
        """A transfer-in (or pre-birth) conference: no enquiry here led to it."""
        if held_on is None:
            return
        found = any(
            c.section47_id is None
            and c.conference_type in INITIAL_CONFERENCE_TYPES
            and c.held_on == held_on
            for c in self.held.conferences[episode.pk]
        )
        if found:
            self.counts.note("unchanged", "initial conferences")
            return
        unborn = self.person.date_of_birth is None or self.person.date_of_birth > held_on
        kind = ConferenceType.PRE_BIRTH if unborn else ConferenceType.TRANSFER_IN
        self._new_conference(episode, kind, held_on, section47=None, category="")

    def _new_conference(
        self,
        episode: CINEpisode,
        kind: str,
        held_on: dt.date,
        *,
        section47: Section47Enquiry | None,
        category: str,
        plan: CPPlan | None = None,
        record: str = "initial conferences",
    ) -> Conference:
        outcome = ConferenceOutcome.PLAN if category or plan else ConferenceOutcome.NO_PLAN
        conference: Conference = create(
            Conference,
            {
                "episode": episode,
                "child": self.person,
                "conference_type": kind,
                "section47": section47,
                "plan": plan,
                "scheduled_for": held_on,
                "held_on": held_on,
                "outcome": outcome,
                "category": category,
            },
            self.counts,
            record,
        )
        self.held.conferences[episode.pk].append(conference)
        return conference

    def cp_plans(self, episode: CINEpisode, number: str) -> None:
        listed = self.held.cp_plans[self.person.pk]
        held = {p.start_date: p for p in listed if p.episode_id == episode.pk}
        for row in self.rows.cp_plans.get(number, []):
            v = self.values(row)
            start = v.required_date("CPPstartDate")
            end = v.date("CPPendDate")
            if end is not None and end <= start:
                raise ChildRejected(
                    f"CP plan ends on {end}, not after its start {start} (8840)", v.line
                )
            values = {
                "end_date": end,
                "initial_category": v.code("InitialCategoryOfAbuse", required=True),
                "latest_category": v.code("LatestCategoryOfAbuse", required=True),
            }
            plan = held.get(start)
            if plan is None:
                used = {p.initial_conference_id for p in listed}
                conference = next(
                    (
                        c
                        for c in self.held.conferences[episode.pk]
                        if c.conference_type in INITIAL_CONFERENCE_TYPES
                        and c.held_on == start
                        and c.pk not in used
                    ),
                    None,
                )
                plan = create(
                    CPPlan,
                    {
                        "episode": episode,
                        "child": self.person,
                        "start_date": start,
                        "initial_conference": conference,
                        **values,
                    },
                    self.counts,
                    "CP plans",
                )
                held[start] = plan
                listed.append(plan)
            else:
                sync(plan, values, self.counts, "CP plans")
            self.reviews(episode, plan, self.rows.reviews.get((number, str(row["CPPID"])), []))
        if sum(1 for p in listed if p.end_date is None) > 1:
            raise ChildRejected("more than one open CP plan (8935)")

    def reviews(self, episode: CINEpisode, plan: CPPlan, rows: Rows) -> None:
        held = {
            c.held_on
            for c in self.held.conferences[episode.pk]
            if c.plan_id == plan.pk and c.conference_type == ConferenceType.REVIEW
        }
        for row in rows:
            day = self.values(row).required_date("CPPreviewDate")
            if day in held:
                self.counts.note("unchanged", "CP plan reviews")
                continue
            held.add(day)
            self._new_conference(
                episode,
                ConferenceType.REVIEW,
                day,
                section47=None,
                category="",
                plan=plan,
                record="CP plan reviews",
            )
