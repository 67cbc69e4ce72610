"""Forms for CIN plans, reviews, visits and closing a CIN episode.

They check only the shape of the answers; ``safeguard.cin.services`` decides whether the
step is allowed and its errors come back on the fields named here (the service's names).
"""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.cin.models import CINPlanEndReason, VisitLocation, VisitType
from safeguard.cin.pages import (
    CaseworkEditForm,
    CaseworkForm,
    choice_field,
    text_field,
    worker_field,
    yes_no_field,
)
from safeguard.core.codes import codelist
from safeguard.core.forms import DateField

#: Visits recorded from the casework pages (care leaver contact belongs to the care app).
VISIT_TYPES = [(value, label) for value, label in VisitType.choices if value != "care_leaver"]


class StartCINPlanForm(CaseworkForm):
    start_date = DateField(label="Start date of the CIN plan")
    lead_worker = worker_field("Lead worker for the plan (optional)")


class ReviewCINPlanForm(CaseworkForm):
    held_on = DateField(label="Date of the review")
    chaired_by = worker_field("Who chaired the review (optional)")
    attendees = text_field("Who took part", help_text="Name each person and their agency.")
    progress = text_field(
        "Progress against the plan's outcomes",
        required_message="Enter the progress against the plan's outcomes",
    )


class EndCINPlanForm(CaseworkEditForm):
    end_date = DateField(label="End date of the CIN plan")
    end_reason = choice_field(
        "Why is the plan ending?",
        CINPlanEndReason.choices,
        required_message="Select why the plan is ending",
        radios=True,
    )


class VisitForm(CaseworkForm):
    visit_date = DateField(label="Date of the visit")
    visit_type = choice_field(
        "Type of visit", VISIT_TYPES, required_message="Select the type of visit", radios=True
    )
    worker = worker_field("Who visited", required_message="Select who made the visit")
    child_seen = yes_no_field(
        "Was the child seen?", required_message="Select whether the child was seen"
    )
    seen_alone = yes_no_field(
        "Was the child seen alone?",
        required_message="Select whether the child was seen alone",
        help_text="Seen alone means without their parents or carers present.",
    )
    location = choice_field(
        "Where did the visit take place?",
        VisitLocation.choices,
        required_message="Select where the visit took place",
    )
    notes = text_field("Notes of the visit (optional)", rows=8)


class CloseEpisodeForm(CaseworkEditForm):
    closure_date = DateField(label="Closure date")
    reason_for_closure = choice_field(
        "Reason for closure",
        codelist("reason_for_closure").choices(),
        required_message="Select the reason for closure",
    )
    referral_nfa = forms.BooleanField(
        label="The referral is closed with no further action (no sign-off needed)",
        required=False,
    )
    closed_hard_to_engage = forms.BooleanField(
        label="Closed because the family would not engage (needs a service manager's sign-off)",
        required=False,
    )
    closure_summary = text_field(
        "Closure summary",
        help_text="The evidence of improvement, or the other reason for closing the case.",
    )
    closure_signed_off_by = worker_field("Manager signing off the closure", managers=True)
    closure_signed_off_on = DateField(
        label="Date the manager signed off",
        required=False,
        help_text="Leave blank if it is the closure date.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "closure_signed_off_by"
        ].help_text = (
            "A team manager or service manager; a 'hard to engage' closure needs a service manager."
        )
