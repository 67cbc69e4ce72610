"""Forms for practice meetings: shape only (the services hold the rules)."""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.core.forms import DateField, GovukForm
from safeguard.quality.models import Invitation, MeetingKind
from safeguard.workforce.models import Team, Worker


class ScheduleMeetingForm(GovukForm):
    kind = forms.ChoiceField(
        label="Kind of meeting",
        choices=MeetingKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of meeting"},
    )
    held_on = DateField(label="Date of the meeting")
    title = forms.CharField(
        label="Title or theme",
        max_length=160,
        error_messages={"required": "Enter the title or theme of the meeting"},
    )


class InviteForm(GovukForm):
    team = forms.ModelChoiceField(
        label="Invite a team (everyone in post in it on the day)",
        queryset=Team.objects.none(),
        required=False,
        empty_label="No team",
    )
    workers = forms.ModelMultipleChoiceField(
        label="Or invite people one by one",
        queryset=Worker.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, teams: Any, workers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["workers"].queryset = workers  # type: ignore[attr-defined]
        self.fields["workers"].label_from_instance = (  # type: ignore[attr-defined]
            lambda w: (
                f"{w.first_name} {w.last_name} ({w.get_role_display()}"
                + (f", {w.team.name})" if w.team_id else ")")
            )
        )


class ApologiesForm(GovukForm):
    invitation = forms.ModelChoiceField(
        label="Who sent apologies?",
        queryset=Invitation.objects.none(),
        error_messages={"required": "Select who sent apologies"},
    )
    received_on = DateField(label="Date the apologies were received")

    def __init__(self, *args: Any, invitations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["invitation"].queryset = invitations  # type: ignore[attr-defined]
        self.fields["invitation"].label_from_instance = lambda i: str(i.worker)  # type: ignore[attr-defined]


class AttendanceForm(GovukForm):
    attended = forms.ModelMultipleChoiceField(
        label="Who attended?",
        help_text="Anyone not ticked who sent no apologies did not attend.",
        queryset=Invitation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, invitations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["attended"]
        field.queryset = invitations  # type: ignore[attr-defined]
        field.label_from_instance = lambda i: (  # type: ignore[attr-defined]
            f"{i.worker}" + (f" (apologies {i.apologies_on:%d/%m/%Y})" if i.apologies_on else "")
        )
