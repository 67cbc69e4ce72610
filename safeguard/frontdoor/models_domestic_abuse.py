"""Domestic abuse at the front door: PPN consultations and the HRDA meetings.

A police PPN (a ``Contact`` on the ``police_ppn`` channel, with its Blue/Red/Amber/Green
rating) is discussed in the PPN consultation model (police, early help and social care)
and given a consultation outcome. A high-risk outcome opens an ``HrdaCase`` that is
listed at the next High-Risk Domestic Abuse daily meeting (Monday, Tuesday, Thursday,
Friday). A case whose risk has not reduced is listed at the monthly HRDA Plus meeting.
HRDA sits here, beside PPN triage, because its list is fed by the triaged notices.
"""

from __future__ import annotations

from django.db import models

from safeguard.core.models import BaseModel


class PpnConsultationOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    INFORMATION_SHARED = "information_shared", "Information shared with universal services"
    EARLY_HELP = "early_help", "Early help"
    MASH_TRIAGE = "mash", "MASH triage"
    HRDA = "hrda", "High risk: list at the HRDA daily meeting"


class PpnConsultation(BaseModel):
    """The consultation outcome agreed on one police PPN (one per PPN)."""

    contact = models.OneToOneField(
        "frontdoor.Contact", on_delete=models.PROTECT, related_name="ppn_consultation"
    )
    consulted_at = models.DateTimeField()
    consulted_by = models.ForeignKey(
        "workforce.Worker", on_delete=models.PROTECT, related_name="ppn_consultations"
    )
    outcome = models.CharField(max_length=20, choices=PpnConsultationOutcome.choices)
    notes = models.TextField(blank=True)

    class Meta:
        verbose_name = "PPN consultation"
        ordering = ("consulted_at",)
        indexes = [models.Index(fields=["consulted_at"])]

    def __str__(self) -> str:
        return f"PPN consultation: {self.get_outcome_display()}"


class HrdaMeetingKind(models.TextChoices):
    DAILY = "daily", "HRDA daily meeting"
    PLUS = "plus", "HRDA Plus (monthly)"


class HrdaMeeting(BaseModel):
    """One HRDA daily meeting or monthly HRDA Plus meeting."""

    kind = models.CharField(max_length=10, choices=HrdaMeetingKind.choices)
    held_on = models.DateField()
    chair = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hrda_meetings_chaired",
    )

    class Meta:
        verbose_name = "HRDA meeting"
        ordering = ("held_on", "kind")
        constraints = [
            models.UniqueConstraint(fields=["kind", "held_on"], name="one_hrda_meeting_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%d/%m/%Y}"


class HrdaCase(BaseModel):
    """A high-risk domestic abuse case, opened from a PPN; the children are the PPN's."""

    contact = models.OneToOneField(
        "frontdoor.Contact", on_delete=models.PROTECT, related_name="hrda_case"
    )
    opened_at = models.DateTimeField()
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "HRDA case"
        ordering = ("opened_at",)

    def __str__(self) -> str:
        return f"HRDA case from {self.contact}"


class HrdaListing(BaseModel):
    """A case on a meeting's list, and whether the meeting judged its risk reduced."""

    meeting = models.ForeignKey(HrdaMeeting, on_delete=models.PROTECT, related_name="listings")
    case = models.ForeignKey(HrdaCase, on_delete=models.PROTECT, related_name="listings")
    risk_reduced = models.BooleanField(
        null=True, blank=True, help_text="Blank until the meeting has discussed the case."
    )

    class Meta:
        verbose_name = "HRDA listing"
        ordering = ("meeting", "created_at")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "case"], name="one_hrda_listing_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.case} at {self.meeting}"


class HrdaAction(BaseModel):
    """An action agreed for a case at a meeting: what, by which agency, by when."""

    listing = models.ForeignKey(HrdaListing, on_delete=models.CASCADE, related_name="actions")
    action = models.TextField()
    agency = models.CharField(max_length=160)
    due_on = models.DateField()
    recorded_by = models.ForeignKey(
        "workforce.Worker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "HRDA action"
        ordering = ("listing", "due_on")

    def __str__(self) -> str:
        return f"HRDA action for {self.agency}"
