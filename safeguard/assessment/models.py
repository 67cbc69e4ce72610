"""Single assessments and the DfE factors identified (CIN census Assessments).

See docs/data-model/assessment.md for the CIN census element each field feeds.
"""

from __future__ import annotations

from django.db import models

from safeguard.core.codes import CodeField
from safeguard.core.models import BaseModel

#: CIN census factor "21": no factors identified; cannot be combined with others (8869).
NO_FACTORS_IDENTIFIED = "21"


class AssessmentOutcome(models.TextChoices):
    NFA = "nfa", "No further action"
    CIN_PLAN = "cin_plan", "Child in need plan"
    STRATEGY_DISCUSSION = "strategy", "Strategy discussion"
    EARLY_HELP = "early_help", "Step down to early help"
    LOOKED_AFTER = "looked_after", "Child to become looked after"
    OTHER = "other", "Other"


class Assessment(BaseModel):
    """A single (section 17 / section 47) assessment on a CIN episode."""

    episode = models.ForeignKey(
        "cin.CINEpisode", on_delete=models.PROTECT, related_name="assessments"
    )
    start_date = models.DateField(
        "actual start date", help_text="CIN census AssessmentActualStartDate."
    )
    internal_review_date = models.DateField(
        null=True, blank=True, help_text="CIN census AssessmentInternalReviewDate."
    )
    authorised_on = models.DateField(
        "completion (authorisation) date",
        null=True,
        blank=True,
        help_text="CIN census AssessmentAuthorisationDate: the day a manager authorised the "
        "completed assessment.",
    )
    authorised_by = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments_authorised",
    )
    worker = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
        help_text="The assessing social worker.",
    )
    child_seen = models.BooleanField(null=True, blank=True)
    seen_alone = models.BooleanField(null=True, blank=True)
    contributors = models.TextField(blank=True, help_text="Who contributed, by agency.")
    outcome = models.CharField(max_length=20, choices=AssessmentOutcome.choices, blank=True)
    late_reason = models.TextField(
        blank=True,
        help_text="Why the assessment took longer than 45 working days (the timescale "
        "registry decides when this is required).",
    )

    class Meta:
        ordering = ("episode", "start_date")
        indexes = [models.Index(fields=["start_date"]), models.Index(fields=["authorised_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["episode"],
                condition=models.Q(authorised_on__isnull=True),
                name="one_open_assessment_per_episode",
            ),
            models.CheckConstraint(
                condition=models.Q(authorised_on__isnull=True)
                | models.Q(authorised_on__gte=models.F("start_date")),
                name="assessment_completed_on_or_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(seen_alone=True) | models.Q(child_seen=True),
                name="assessment_seen_alone_implies_seen",
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment from {self.start_date:%d/%m/%Y}"

    @property
    def is_complete(self) -> bool:
        return self.authorised_on is not None


class AssessmentFactor(BaseModel):
    """One DfE factor identified at a completed assessment (CIN census AssessmentFactors)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="factors")
    code = CodeField(codelist="assessment_factor")

    class Meta:
        ordering = ("assessment", "code")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "code"], name="one_row_per_assessment_factor"
            )
        ]

    def __str__(self) -> str:
        return self.code
