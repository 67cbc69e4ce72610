"""The contact form: a new contact about children already known to the system."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms

from safeguard.core.codes import codelist
from safeguard.core.forms import DateField, GovukForm, VersionedForm
from safeguard.frontdoor import selectors
from safeguard.frontdoor.forms.fields import MomentForm, TimeField, area, text, yes_no
from safeguard.frontdoor.models import ContactChannel, ContactOutcome, PpnRating
from safeguard.people.models import Person

_LA_ID_SEPARATORS = re.compile(r"[\s,;]+")


class ContactForm(MomentForm):
    """A new contact about one or more children already known to the system."""

    moments = (("received_at", "Date the contact was received"),)
    field_order = (
        "children",
        "child_first_name",
        "child_last_name",
        "child_date_of_birth",
    )

    received_at = DateField(label="Date the contact was received")
    received_at_time = TimeField(label="Time the contact was received")
    source = forms.ChoiceField(
        label="Who made the contact (DfE referral source)",
        choices=lambda: [("", "Choose a source"), *codelist("referral_source").choices()],
        error_messages={"required": "Select who made the contact"},
    )
    channel = forms.ChoiceField(
        label="How the contact came in",
        choices=ContactChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the contact came in"},
    )
    ppn_rating = forms.ChoiceField(
        label="Police PPN colour rating",
        choices=[("", "Not a police PPN"), *PpnRating.choices],
        required=False,
        help_text="Police Public Protection Notices only (Blue, Red, Amber or Green)",
    )
    referrer_name = text("Name of the person who made the contact", max_length=160)
    referrer_agency = text("Their agency or relationship to the child", max_length=160)
    referrer_contact_details = text(
        "How to contact them for feedback", max_length=255, help_text="Phone or secure email"
    )
    concerns = area("What are the concerns?", "Enter what the referrer is worried about")
    consent_asked = yes_no(
        "Was the family asked for consent to share information?",
        "Select whether the family was asked for consent",
    )
    consent_given = yes_no("Did the family give consent?", "Select whether the family gave consent")
    consent_override_reason = area(
        "Reason for proceeding without consent",
        help_text="Only when consent was not asked or not given",
    )
    children = text(
        "LA child IDs of the children the contact is about",
        help_text="Separate several IDs with commas, for example C0001234, C0001235",
        max_length=400,
    )
    child_first_name = text("Or find one child by exact name: first name", max_length=80)
    child_last_name = text("Child's last name", max_length=80)
    child_date_of_birth = DateField(label="Child's date of birth", required=False)
    outcome = forms.ChoiceField(
        label="What happens next?",
        choices=[
            ("", "Pass to the MASH for screening and triage"),
            (ContactOutcome.INFORMATION_AND_ADVICE, "Close with information and advice"),
            (ContactOutcome.NO_FURTHER_ACTION, "Close with no further action"),
        ],
        widget=forms.RadioSelect,
        required=False,
        initial="",
    )
    advice_given = area("Advice given", help_text="Required when closing with advice")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.resolved_children: list[Person] = []

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        ids = [i for i in _LA_ID_SEPARATORS.split(data.get("children") or "") if i]
        first, last = data.get("child_first_name", ""), data.get("child_last_name", "")
        born = data.get("child_date_of_birth")
        by_name = bool(first or last or born)
        if not ids and not by_name:
            self.add_error(
                "children",
                "Enter the LA child ID of each child, or one child's exact name and date of birth",
            )
            return data
        if ids:
            found = selectors.children_by_la_ids(ids)
            missing = [i for i in ids if i not in found]
            if missing:
                self.add_error("children", f"No child has the LA child ID {', '.join(missing)}")
            self.resolved_children = [found[i] for i in dict.fromkeys(ids) if i in found]
        if by_name:
            self._add_child_by_name(first, last, born)
        return data

    def _add_child_by_name(self, first: str, last: str, born: dt.date | None) -> None:
        if not (first and last and born):
            field = "child_date_of_birth" if first and last else "child_first_name"
            self.add_error(
                field, "Enter the child's first name, last name and date of birth to find them"
            )
            return
        matches = selectors.children_by_name_and_birth(
            first_name=first, last_name=last, date_of_birth=born
        )
        if not matches:
            self.add_error(
                "child_first_name",
                f"No child called {first} {last} born on {born:%-d %B %Y}: check the spelling "
                "or enter their LA child ID",
            )
        elif len(matches) > 1:
            self.add_error(
                "child_first_name",
                f"More than one child is called {first} {last} and born on {born:%-d %B %Y}: "
                "enter their LA child ID instead",
            )
        elif matches[0] not in self.resolved_children:
            self.resolved_children.append(matches[0])


class CloseContactForm(MomentForm, VersionedForm):
    """Close a contact at the front door, without MASH triage (hidden version: the contact's)."""

    moments = (("outcome_at", "Date the contact was closed"),)

    outcome = forms.ChoiceField(
        label="Why is the contact closing?",
        choices=[
            (ContactOutcome.INFORMATION_AND_ADVICE, "Information and advice"),
            (ContactOutcome.NO_FURTHER_ACTION, "No further action"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the contact is closing"},
    )
    outcome_at = DateField(label="Date the contact was closed")
    outcome_at_time = TimeField(label="Time the contact was closed")
    advice_given = area("Advice given", help_text="Required for information and advice")


class AddChildForm(GovukForm):
    """Add a child (a sibling found during triage) to a contact, by LA child ID."""

    child = text(
        "LA child ID of the child to add",
        "Enter the LA child ID of the child to add",
        max_length=20,
    )

    def clean_child(self) -> Person:
        la_id = self.cleaned_data["child"].strip()
        found = selectors.children_by_la_ids([la_id]).get(la_id)
        if found is None:
            raise forms.ValidationError(f"No child has the LA child ID {la_id}")
        return found
