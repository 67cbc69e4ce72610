"""The partnership dataset (seed 001, "Multi-Agency Quality Assurance"): the ten basic
metrics, partners' quarterly exception reports and the partner experience survey.

The **ten basic metrics** are not stored: they are measures from the measure registry,
computed for the quarter (``selectors.dataset_metrics``). What is stored here is what the
partners write:

* an **exception report** per partner agency per financial quarter, the partnership's
  "qualitative exception reporting" for partners to escalate current risks, emerging
  priorities, resource challenges and workforce issues, each section with a RAG rating;
  a draft until the agency submits it (then it is the agency's word for that quarter);
* the **partner experience survey**: partner agencies' rating of their experience of
  children's services (OBA3-06, annual), entered by the partnership business unit.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeguard.core.models import BaseModel

__all__ = [
    "EXCEPTION_SECTIONS",
    "GOOD_OR_BETTER",
    "ExceptionReport",
    "PartnerSurveyResponse",
    "ReportStatus",
    "ReportingAgency",
    "SectionRag",
    "SurveyAgency",
    "SurveyRating",
]


class ReportingAgency(models.TextChoices):
    """The agencies that write an exception report each quarter: the five partner
    agencies a partner user belongs to (``access.roles.Agency``) and the local authority
    (written by the partnership business unit)."""

    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    LOCAL_AUTHORITY = "local_authority", "Local authority (children's services)"


class SectionRag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


#: The four sections of an exception report: (field, heading, what the agency writes).
EXCEPTION_SECTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "risks",
        "Current risks",
        "Risks to children your agency sees now, and how they are being managed.",
    ),
    (
        "emerging_priorities",
        "Emerging priorities",
        "New or growing issues the partnership should know about or look into.",
    ),
    (
        "resources",
        "Resources",
        "Resource challenges (capacity, funding, services) and the support needed.",
    ),
    (
        "workforce",
        "Workforce",
        "Recruitment, retention, sickness, training and partnership working.",
    ),
)


class ExceptionReport(BaseModel):
    """One agency's exception report for one financial quarter (``quarter``: "2025-Q2")."""

    agency = models.CharField(max_length=20, choices=ReportingAgency.choices)
    quarter = models.CharField(max_length=7, help_text='The financial quarter, e.g. "2025-Q2".')
    risks = models.TextField(blank=True)
    risks_rag = models.CharField(max_length=5, choices=SectionRag.choices, blank=True)
    emerging_priorities = models.TextField(blank=True)
    emerging_priorities_rag = models.CharField(max_length=5, choices=SectionRag.choices, blank=True)
    resources = models.TextField(blank=True)
    resources_rag = models.CharField(max_length=5, choices=SectionRag.choices, blank=True)
    workforce = models.TextField(blank=True)
    workforce_rag = models.CharField(max_length=5, choices=SectionRag.choices, blank=True)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: The submitter's name as it was when they submitted (a user may later leave).
    submitted_by_name = models.CharField(max_length=160, blank=True)
    submitted_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("-quarter", "agency")
        constraints = [
            models.UniqueConstraint(
                fields=("agency", "quarter"), name="partnership_exception_report_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_agency_display()} exception report {self.quarter}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ReportStatus.SUBMITTED


class SurveyAgency(models.TextChoices):
    """Who answered the partner survey (the partners, not the local authority)."""

    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    VOLUNTARY = "voluntary", "Voluntary and community sector"
    OTHER = "other", "Other"


class SurveyRating(models.TextChoices):
    EXCELLENT = "excellent", "Excellent"
    GOOD = "good", "Good"
    ADEQUATE = "adequate", "Adequate"
    POOR = "poor", "Poor"


#: The ratings OBA3-06 counts as "good or better".
GOOD_OR_BETTER: frozenset[str] = frozenset({SurveyRating.EXCELLENT, SurveyRating.GOOD})


class PartnerSurveyResponse(BaseModel):
    """A partner's answer to "How would you rate your experience of children's services?"."""

    agency = models.CharField(max_length=20, choices=SurveyAgency.choices)
    responded_on = models.DateField()
    rating = models.CharField(max_length=10, choices=SurveyRating.choices)
    comments = models.TextField(blank=True)

    class Meta:
        ordering = ("-responded_on", "agency")
        indexes = [models.Index(fields=("responded_on",), name="partnership_survey_on")]

    def __str__(self) -> str:
        return f"{self.get_agency_display()} {self.responded_on:%d/%m/%Y}: {self.rating}"
