"""Complaints, compliments and family feedback (seed 004 §5.5 and §5.6).

A **complaint** about children's social care is resolved informally where it can be, or
taken through the statutory procedure: stage 1 local resolution, stage 2 investigation,
stage 3 review panel, after which the complainant may go to the Local Government and
Social Care Ombudsman. Each stage is its own record with its own dates (received, due,
answered) and outcome, linked to the record of the stage before (``previous``), so the
20 working day response (timescale ``complaint_response``) is measured stage by stage.
An informal complaint that is not resolved becomes a formal stage 1 complaint.

A **compliment** is thanks received about a team or a worker.

**Family feedback** is the parent survey (seed 004: clear information, able to talk,
listened to, involved, made a difference), collected at case closure and every six months
while a case is open, linked to the child and the episode it is about.
"""

from __future__ import annotations

from django.db import models

from safeguard.core.models import BaseModel
from safeguard.workforce.models import ServiceArea

__all__ = [
    "FEEDBACK_QUESTIONS",
    "NEXT_STAGE",
    "Agreement",
    "Complainant",
    "Complaint",
    "ComplaintCategory",
    "ComplaintKind",
    "ComplaintOutcome",
    "ComplaintStage",
    "Compliment",
    "FamilyFeedback",
    "FeedbackOccasion",
]


class ComplaintKind(models.TextChoices):
    FORMAL = "formal", "Formal"
    INFORMAL = "informal", "Informal"


class ComplaintStage(models.TextChoices):
    """The statutory children's complaints procedure, then the Ombudsman."""

    LOCAL_RESOLUTION = "stage_1", "Stage 1: local resolution"
    INVESTIGATION = "stage_2", "Stage 2: investigation"
    REVIEW_PANEL = "stage_3", "Stage 3: review panel"
    OMBUDSMAN = "ombudsman", "Referred to the Local Government and Social Care Ombudsman"


#: Where a stage escalates to (an informal complaint becomes a formal stage 1 one).
NEXT_STAGE: dict[str, str] = {
    ComplaintStage.LOCAL_RESOLUTION: ComplaintStage.INVESTIGATION,
    ComplaintStage.INVESTIGATION: ComplaintStage.REVIEW_PANEL,
    ComplaintStage.REVIEW_PANEL: ComplaintStage.OMBUDSMAN,
}


class Complainant(models.TextChoices):
    """Who complained, by their relationship to the child."""

    PARENT = "parent", "Parent"
    CARER = "carer", "Carer"
    YOUNG_PERSON = "young_person", "The young person"
    OTHER = "other", "Other"


class ComplaintCategory(models.TextChoices):
    COMMUNICATION = "communication", "Communication"
    DELAY = "delay", "Delay"
    DECISION = "decision", "A decision"
    STAFF_CONDUCT = "staff_conduct", "Staff conduct"
    QUALITY_OF_SERVICE = "quality_of_service", "Quality of service"
    OTHER = "other", "Other"


class ComplaintOutcome(models.TextChoices):
    JUSTIFIED = "justified", "Justified"
    PARTLY_JUSTIFIED = "partly_justified", "Partly justified"
    NOT_JUSTIFIED = "not_justified", "Not justified"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Complaint(BaseModel):
    """One stage of one complaint: received, due, answered, with its outcome."""

    reference = models.CharField(max_length=20, unique=True, help_text="CMP-year-number.")
    kind = models.CharField(max_length=10, choices=ComplaintKind.choices)
    stage = models.CharField(max_length=10, choices=ComplaintStage.choices)
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="escalation",
        help_text="The earlier stage this one escalates.",
    )
    received_on = models.DateField()
    complainant_name = models.CharField(max_length=160)
    complainant_relationship = models.CharField(max_length=20, choices=Complainant.choices)
    child = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        help_text="The child the complaint is about, when it is about one.",
    )
    team = models.ForeignKey(
        "workforce.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    service_area = models.CharField(max_length=20, choices=ServiceArea.choices, blank=True)
    category = models.CharField(max_length=24, choices=ComplaintCategory.choices)
    summary = models.TextField(help_text="What the complaint is about.")
    response_due_on = models.DateField(
        null=True, blank=True, help_text="Timescale complaint_response (none at the Ombudsman)."
    )
    responded_on = models.DateField(null=True, blank=True)
    response_summary = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=ComplaintOutcome.choices, blank=True)
    learning_points = models.TextField(blank=True)

    class Meta:
        ordering = ("-received_on", "reference")
        indexes = [
            models.Index(fields=["received_on"]),
            models.Index(fields=["responded_on"]),
            models.Index(fields=["child", "received_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="quality_complaint_responded_after_received",
                condition=models.Q(responded_on__isnull=True)
                | models.Q(responded_on__gte=models.F("received_on")),
            ),
            models.CheckConstraint(
                name="quality_complaint_informal_at_stage_1",
                condition=~models.Q(kind="informal") | models.Q(stage="stage_1"),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def within_timescale(self) -> bool | None:
        """Answered within 20 working days (None while open or with no due date)."""
        if self.responded_on is None or self.response_due_on is None:
            return None
        return self.responded_on <= self.response_due_on


class Compliment(BaseModel):
    """Thanks received about a team or a worker."""

    received_on = models.DateField()
    received_from = models.CharField("from", max_length=160)
    team = models.ForeignKey(
        "workforce.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="compliments",
    )
    worker = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="compliments",
    )
    summary = models.TextField()

    class Meta:
        ordering = ("-received_on", "-created_at")
        indexes = [models.Index(fields=["received_on"])]

    def __str__(self) -> str:
        return f"Compliment {self.received_on:%d/%m/%Y} from {self.received_from}"


class FeedbackOccasion(models.TextChoices):
    CLOSURE = "closure", "At case closure"
    SIX_MONTHLY = "six_monthly", "Six-monthly, while the case is open"


class Agreement(models.TextChoices):
    AGREE = "agree", "Agree"
    NEITHER = "neither", "Neither agree nor disagree"
    DISAGREE = "disagree", "Disagree"


#: The parent survey's questions (seed 004), in the order the form asks them.
FEEDBACK_QUESTIONS: dict[str, str] = {
    "clear_information": "I was given clear information",
    "able_to_talk": "I felt able to talk",
    "listened_to": "I felt listened to",
    "involved": "I was involved in the decisions",
    "made_difference": "The service made a difference",
}


def _answer(question: str) -> models.CharField:
    return models.CharField(
        FEEDBACK_QUESTIONS[question],
        max_length=10,
        choices=Agreement.choices,
        blank=True,
        help_text="Blank: not answered.",
    )


class FamilyFeedback(BaseModel):
    """One family's answers to the survey, at closure or six-monthly."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="family_feedback"
    )
    episode = models.ForeignKey(
        "cin.CINEpisode",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="family_feedback",
        help_text="The child in need episode (CIN and child protection work).",
    )
    period_of_care = models.ForeignKey(
        "care.PeriodOfCare",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="family_feedback",
        help_text="The period of care, for a child looked after.",
    )
    occasion = models.CharField(max_length=12, choices=FeedbackOccasion.choices)
    received_on = models.DateField()
    respondent = models.CharField(max_length=20, choices=Complainant.choices)
    clear_information = _answer("clear_information")
    able_to_talk = _answer("able_to_talk")
    listened_to = _answer("listened_to")
    involved = _answer("involved")
    made_difference = _answer("made_difference")
    comments = models.TextField(blank=True)

    class Meta:
        verbose_name = "family feedback response"
        ordering = ("-received_on", "-created_at")
        indexes = [
            models.Index(fields=["received_on"]),
            models.Index(fields=["child", "received_on"]),
        ]

    def __str__(self) -> str:
        return f"Feedback {self.received_on:%d/%m/%Y} ({self.get_occasion_display()})"
