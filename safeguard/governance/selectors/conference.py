"""The family copy of a child protection conference record.

Built from the conference, who attended, who was invited, and the plan it made, ended
or reviewed — each a HeldRecord hanging from the conference — then passed through the
family filter, so anything withheld from the family is left out.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from safeguard.governance.selectors.family import for_family, withheld_for_family
from safeguard.governance.selectors.records import is_case_model
from safeguard.governance.selectors.rendering import HeldRecord, LabelCache, RecordRef, held_record

CONFERENCE_FIELDS = (
    "conference_type",
    "scheduled_for",
    "held_on",
    "chair",
    "quorate",
    "advocacy_offered",
    "advocacy_accepted",
    "outcome",
    "category",
    "cancelled_on",
    "cancellation_reason",
)
ATTENDANCE_FIELDS = ("name", "agency", "status")
INVITATION_FIELDS = ("invitee", "agency", "invited_on", "report_requested", "report_received_on")
PLAN_FIELDS = (
    "start_date",
    "initial_category",
    "latest_category",
    "visit_frequency_weeks",
    "lead_social_worker",
    "end_date",
    "end_reason",
)


@dataclasses.dataclass(frozen=True)
class FamilyCopy:
    child: Any
    conference: Any
    records: list[HeldRecord]

    def _of(self, label: str) -> list[HeldRecord]:
        return [r for r in self.records if r.ref.model_label == label]

    @property
    def main(self) -> HeldRecord | None:
        ref = RecordRef.of(self.conference)
        return next((r for r in self.records if r.ref == ref), None)

    @property
    def withheld_entirely(self) -> bool:
        return self.main is None

    @property
    def attendance(self) -> list[HeldRecord]:
        return self._of("protection.ConferenceAttendance")

    @property
    def invitations(self) -> list[HeldRecord]:
        return self._of("protection.ConferenceInvitation")

    @property
    def plans(self) -> list[HeldRecord]:
        return self._of("protection.CPPlan")


def conference_records(conference: Any) -> list[HeldRecord]:
    """The conference and what hangs from it, before any filtering."""
    labels = LabelCache(is_case_model)
    subject = conference.child_id
    main = held_record(conference, subject_id=subject, labels=labels, field_names=CONFERENCE_FIELDS)
    records = [main]
    for row in conference.attendance.all():
        records.append(
            held_record(
                row,
                subject_id=subject,
                labels=labels,
                field_names=ATTENDANCE_FIELDS,
                parent=main.ref,
            )
        )
    for row in conference.invitations.all():
        records.append(
            held_record(
                row,
                subject_id=subject,
                labels=labels,
                field_names=INVITATION_FIELDS,
                parent=main.ref,
            )
        )
    plans = {p.pk: p for p in (*conference.plans_started.all(), *conference.plans_ended.all())}
    if conference.plan_id is not None:
        plans[conference.plan_id] = conference.plan
    for plan in plans.values():
        records.append(
            held_record(
                plan, subject_id=subject, labels=labels, field_names=PLAN_FIELDS, parent=main.ref
            )
        )
    return records


def family_copy(conference: Any) -> FamilyCopy:
    """The conference record as the family may receive it."""
    child = conference.child
    withheld = withheld_for_family([child])
    return FamilyCopy(child, conference, for_family(conference_records(conference), withheld))


def conferences_of(child: Any) -> list[Any]:
    from safeguard.protection.models import Conference

    return list(Conference.objects.filter(child=child).order_by("-scheduled_for"))
