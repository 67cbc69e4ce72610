"""Forms for the child death review pages. They check what was typed; the services decide
what is allowed (a Joint Agency Response for an expected death, a panel before the
review meeting)."""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.core.codes import codelist
from safeguard.core.forms import DateField, GovukForm, VersionedForm
from safeguard.partnership.models import (
    AgeBand,
    DeathCategory,
    Expectation,
    ModifiableFactor,
    NotifyingAgency,
    PlaceOfDeath,
    ResidentArea,
)
from safeguard.partnership.selectors import child_deaths as selectors
from safeguard.people.models import Person

YES_NO = [("yes", "Yes"), ("no", "No")]


def _select(choices: Any, label: str, message: str, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", "Select one"), *choices],
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


def _radios(choices: Any, label: str, message: str, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


def _text(label: str, *, required: bool = False, max_length: int = 160, **kw: Any) -> Any:
    return forms.CharField(label=label, required=required, max_length=max_length, **kw)


def _notes(label: str, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": 4}), **kwargs
    )


class NotificationForm(GovukForm):
    first_name = _text("Child's first name", max_length=80)
    last_name = _text("Child's last name", max_length=80)
    date_of_birth = DateField(label="Date of birth")
    date_of_death = DateField(label="Date of death")
    sex = _radios(
        [(c, label) for c, label in codelist("gender").labels.items() if c != "0"],
        "Sex",
        "Select the child's sex",
    )
    ethnicity = _select(
        codelist("ethnicity").choices(), "Ethnicity", "Select the child's ethnicity"
    )
    resident_area = _radios(
        ResidentArea.choices, "Where did the child normally live?", "Select where the child lived"
    )
    notified_on = DateField(label="Date notified")
    notified_by = _select(NotifyingAgency.choices, "Notified by", "Select who notified")
    notifier_detail = _text("Name and post of the person who notified (optional)")
    place_of_death = _select(PlaceOfDeath.choices, "Place of death", "Select the place of death")
    expectation = _radios(
        Expectation.choices,
        "Was the death expected or unexpected?",
        "Select whether the death was expected",
        help_text="An unexpected death needs a Joint Agency Response.",
    )
    known_to_social_care = _radios(
        YES_NO,
        "Was the child known to children's social care?",
        "Select whether the child was known to children's social care",
    )
    person = _text(
        "Their LA person identifier (optional)",
        max_length=20,
        help_text="When the child had a social care record. The review does not appear on it.",
    )
    circumstances = _notes("Circumstances as notified (optional)")

    def clean_person(self) -> Person | None:
        identifier = self.cleaned_data.get("person", "").strip()
        if not identifier:
            return None
        person = Person.objects.filter(la_child_id=identifier).first()
        if person is None:
            raise forms.ValidationError(f"There is no person record with identifier {identifier}")
        return person


class JointAgencyResponseForm(VersionedForm):
    started_on = DateField(label="Date the response started")
    lead = _text(
        "Lead for the Joint Agency Response",
        required=True,
        help_text="Name, post and agency, for example the designated paediatrician or the "
        "police senior investigating officer.",
        error_messages={"required": "Enter who leads the Joint Agency Response"},
    )


class CoronerForm(VersionedForm):
    decision_on = DateField(label="Date of the coroner's decision")
    investigation = _radios(
        YES_NO,
        "Is the coroner investigating the death?",
        "Select whether the coroner is investigating",
    )
    post_mortem = _radios(
        YES_NO, "Did the coroner order a post-mortem?", "Select whether there is a post-mortem"
    )
    notice_on = DateField(
        label="Date the coroner's notice reached CDOP (if it has)",
        required=False,
        help_text="The coroner should notify within 3 working days of the decision.",
    )


class RegistrarForm(VersionedForm):
    registered_on = DateField(label="Date registered")
    particulars_on = DateField(
        label="Date the registrar's particulars arrived (if they have)",
        required=False,
        help_text="The registrar should send them within 7 days of registering the death.",
    )


class ReviewMeetingForm(VersionedForm):
    meeting_on = DateField(label="Date of the meeting")
    held = _radios(
        [("yes", "Yes, it was held"), ("no", "No, it is arranged for this date")],
        "Has the child death review meeting been held?",
        "Select whether the meeting was held",
    )


class PanelDateForm(VersionedForm):
    panel_on = DateField(label="Panel date")


class FactorsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class PanelReviewForm(VersionedForm):
    reviewed_on = DateField(label="Date of the panel's review")
    category = _radios(DeathCategory.choices, "Category of death", "Select the category of death")
    modifiable = _radios(
        YES_NO,
        "Did the panel identify modifiable factors?",
        "Select whether there were modifiable factors",
        help_text="Factors which may have contributed to the death and which might, by a "
        "locally or nationally achievable intervention, be modified to reduce the risk of "
        "future deaths.",
    )
    factors = FactorsField(
        queryset=ModifiableFactor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Which modifiable factors? (if any)",
        error_messages={"invalid_choice": "Choose factors from the list"},
    )
    learning = _notes("The panel's learning (optional)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["factors"].queryset = selectors.offered_factors()  # type: ignore[attr-defined]


STATUS_CHOICES = [("", "Open and reviewed"), ("open", "Awaiting review"), ("reviewed", "Reviewed")]


class DeathFilterForm(GovukForm):
    """The list's filters, from the query string (every field optional)."""

    text = _text("Reference or name", max_length=100)
    status = forms.ChoiceField(label="Status", choices=STATUS_CHOICES, required=False)
    resident_area = forms.ChoiceField(
        label="Area", choices=[("", "Any area"), *ResidentArea.choices], required=False
    )
    expectation = forms.ChoiceField(
        label="Expected",
        choices=[("", "Expected and unexpected"), *Expectation.choices],
        required=False,
    )
    age_band = forms.ChoiceField(
        label="Age", choices=[("", "Any age"), *AgeBand.choices], required=False
    )

    def filters(self) -> selectors.DeathFilters:
        if not self.is_valid():
            return selectors.DeathFilters()
        d = self.cleaned_data
        return selectors.DeathFilters(
            text=d["text"],
            status=d["status"],
            resident_area=d["resident_area"],
            expectation=d["expectation"],
            age_band=d["age_band"],
        )
