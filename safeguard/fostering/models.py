"""Fostering sufficiency (seed 003, OBA2-28/29): from enquiry to approved carer household.

An enquiry may progress to an assessment (stage 1 and stage 2, by an assessing worker),
the fostering panel recommends and the Agency Decision Maker (ADM) decides. Approval
creates a carer household with its terms of approval (type, age band, number of
children) and vacancies; the household is reviewed yearly (timescale
``foster_carer_review``) until de-registration. Foster carers are adults: they are named
on the household, not held as ``people.Person`` records.
"""

from __future__ import annotations

from django.db import models

from safeguard.core.models import BaseModel


class EnquirySource(models.TextChoices):
    WEBSITE = "website", "Website"
    PHONE = "phone", "Telephone"
    EVENT = "event", "Recruitment event"
    WORD_OF_MOUTH = "word_of_mouth", "Word of mouth or existing carer"
    CAMPAIGN = "campaign", "Advertising campaign"
    SOCIAL_WORKER = "social_worker", "Child's social worker (connected person)"


class EnquiryOutcome(models.TextChoices):
    OPEN = "open", "Open: initial contact"
    ASSESSMENT = "assessment", "Progressed to assessment"
    WITHDRAWN = "withdrawn", "Withdrawn by the enquirer"
    NOT_PROGRESSED = "not_progressed", "Not progressed by the service"


class ApprovalType(models.TextChoices):
    SHORT_TERM = "short_term", "Short term"
    LONG_TERM = "long_term", "Long term"
    RESPITE = "respite", "Respite (short breaks)"
    CONNECTED_PERSON = "connected_person", "Connected person (family and friends)"
    EMERGENCY = "emergency", "Emergency"


class PanelRecommendation(models.TextChoices):
    APPROVE = "approve", "Recommended for approval"
    NOT_APPROVE = "not_approve", "Not recommended for approval"
    DEFER = "defer", "Deferred for more information"


class FosteringEnquiry(BaseModel):
    """Someone asks about becoming a foster carer (the OBA2-28 denominator)."""

    received_on = models.DateField()
    enquirer_name = models.CharField(max_length=160)
    source = models.CharField(max_length=20, choices=EnquirySource.choices)
    outcome = models.CharField(
        max_length=20, choices=EnquiryOutcome.choices, default=EnquiryOutcome.OPEN
    )
    outcome_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ("-received_on", "enquirer_name")
        indexes = [models.Index(fields=["received_on"]), models.Index(fields=["outcome"])]
        verbose_name_plural = "fostering enquiries"

    def __str__(self) -> str:
        return f"{self.enquirer_name} (enquiry {self.received_on:%d/%m/%Y})"


class FosteringAssessment(BaseModel):
    """The assessment of an enquirer as a foster carer, to panel and the ADM's decision."""

    enquiry = models.OneToOneField(
        FosteringEnquiry, on_delete=models.PROTECT, related_name="assessment"
    )
    assessing_worker = models.ForeignKey(
        "workforce.Worker", on_delete=models.PROTECT, related_name="fostering_assessments"
    )
    stage_one_started_on = models.DateField()
    stage_one_completed_on = models.DateField(null=True, blank=True)
    stage_two_started_on = models.DateField(null=True, blank=True)
    stage_two_completed_on = models.DateField(null=True, blank=True)
    panel_on = models.DateField(null=True, blank=True)
    panel_recommendation = models.CharField(
        max_length=20, choices=PanelRecommendation.choices, blank=True
    )
    decided_on = models.DateField(
        null=True, blank=True, help_text="The Agency Decision Maker's decision."
    )
    approved = models.BooleanField(null=True, blank=True)
    ended_on = models.DateField(
        null=True, blank=True, help_text="Withdrawn or stopped before a decision."
    )

    class Meta:
        ordering = ("-stage_one_started_on",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decided_on__isnull=True, approved__isnull=True)
                | models.Q(decided_on__isnull=False, approved__isnull=False),
                name="fostering_decision_has_date_and_result",
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment of {self.enquiry.enquirer_name}"

    @property
    def stage(self) -> str:
        """Where the assessment is, in the fostering team's words."""
        if self.decided_on is not None:
            return "Approved" if self.approved else "Not approved"
        if self.ended_on is not None:
            return "Ended before a decision"
        if self.panel_on is not None:
            return "Awaiting the decision"
        if self.stage_two_started_on is not None:
            return "Stage 2"
        return "Stage 1"


class FosterHousehold(BaseModel):
    """An approved foster carer household and its terms of approval."""

    assessment = models.OneToOneField(
        FosteringAssessment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="household",
    )
    name = models.CharField(max_length=160, help_text="For example: Mr and Mrs Lane")
    carer_names = models.CharField(max_length=300, help_text="The adults approved as carers.")
    approved_on = models.DateField()
    approval_type = models.CharField(max_length=20, choices=ApprovalType.choices)
    age_from = models.PositiveSmallIntegerField(default=0)
    age_to = models.PositiveSmallIntegerField(default=17)
    children_approved = models.PositiveSmallIntegerField(default=1)
    vacancies = models.PositiveSmallIntegerField(default=0)
    deregistered_on = models.DateField(null=True, blank=True)
    deregistration_reason = models.TextField(blank=True)

    class Meta:
        ordering = ("name",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(age_from__lte=models.F("age_to")),
                name="fostering_age_band_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(vacancies__lte=models.F("children_approved")),
                name="fostering_vacancies_within_approval",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.deregistered_on is None


class FosterCarerReview(BaseModel):
    """The annual review of a household's approval (Fostering Services Regulations r.28)."""

    household = models.ForeignKey(FosterHousehold, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField()
    approval_continues = models.BooleanField(default=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ("household", "-held_on")

    def __str__(self) -> str:
        return f"Review of {self.household} on {self.held_on:%d/%m/%Y}"
