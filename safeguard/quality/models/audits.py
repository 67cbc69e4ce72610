"""Case audits and dip samples: the quality assurance audit programme.

The QA service plans each month's programme: which child's case is audited, by whom
(a QA officer, a team manager or a service manager), and of what kind (a case audit,
a manager's dip sample, a multi-agency audit or a thematic audit). The auditor scores
the audit template's seven domains 1-10 (1 no evidence found, 10 good evidence found),
makes an overall judgement on the Ofsted grades, records strengths, areas for
development and practice themes, and sets actions for the allocated worker. QA then
moderates the audit: agrees or changes the grade, with a reason. An audit counts in the
quality measures (OBA3-02, OBA3-03) once moderated.

Multi-agency and thematic audits audit several cases together under one **audit group**,
which records its theme and the partner agencies that took part.

The service-wide judgement (OBA3-04) is a separate quarterly record: the estimated
Ofsted rating, 1 outstanding to 4 inadequate, with the rationale.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeguard.core.models import BaseModel

__all__ = [
    "DOMAIN_DESCRIPTIONS",
    "GRADE_NUMBERS",
    "AuditDomain",
    "AuditGroup",
    "AuditKind",
    "AuditParticipant",
    "CaseAudit",
    "CaseAuditAction",
    "DomainScore",
    "Grade",
    "PracticeTheme",
    "ServiceJudgement",
]


class AuditKind(models.TextChoices):
    CASE_AUDIT = "case_audit", "Case audit"
    DIP_SAMPLE = "dip_sample", "Manager dip sample"
    MULTI_AGENCY = "multi_agency", "Multi-agency audit"
    THEMATIC = "thematic", "Thematic audit"


#: Kinds that audit several cases under one group (theme, partner participants).
GROUPED_KINDS = frozenset({AuditKind.MULTI_AGENCY, AuditKind.THEMATIC})


class Grade(models.TextChoices):
    """The Ofsted judgements (inspection of local authority children's services)."""

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


#: Ofsted's own numbering: 1 outstanding ... 4 inadequate.
GRADE_NUMBERS: dict[str, int] = {
    Grade.OUTSTANDING: 1,
    Grade.GOOD: 2,
    Grade.REQUIRES_IMPROVEMENT: 3,
    Grade.INADEQUATE: 4,
}


#: The estimated Ofsted rating as OBA3-04 records it.
RATING_CHOICES = [
    (1, "1 Outstanding"),
    (2, "2 Good"),
    (3, "3 Requires improvement"),
    (4, "4 Inadequate"),
]


class AuditDomain(models.TextChoices):
    """The seven domains of the audit template, in the order the form asks them."""

    VOICE = "voice", "1. Voice and lived experience of the child"
    ASSESSMENT = "assessment", "2. Assessment and analysis of risk"
    PLANNING = "planning", "3. Planning and review"
    OVERSIGHT = "oversight", "4. Management oversight and supervision"
    MULTI_AGENCY = "multi_agency", "5. Multi-agency working"
    RECORDING = "recording", "6. Recording and chronology"
    IMPACT = "impact", "7. Impact and outcomes for the child"


DOMAIN_DESCRIPTIONS: dict[str, str] = {
    AuditDomain.VOICE: "The child was seen (alone where appropriate), their wishes and "
    "feelings are recorded in their words, and their daily life is understood.",
    AuditDomain.ASSESSMENT: "The assessment is current, uses history and all agencies' "
    "information, and analyses risk and protective factors (not only describes them).",
    AuditDomain.PLANNING: "The plan is SMART, addresses the risks assessed, is reviewed "
    "on time and the family know what must change.",
    AuditDomain.OVERSIGHT: "Management decisions are recorded with their rationale, "
    "supervision is regular and reflective, and drift is challenged.",
    AuditDomain.MULTI_AGENCY: "Partners contribute to assessment and planning, share "
    "information promptly and attend meetings.",
    AuditDomain.RECORDING: "Records are up to date, the chronology is kept, case notes "
    "are analytical and written for the child to read.",
    AuditDomain.IMPACT: "There is evidence the child's circumstances have improved as a "
    "result of the work.",
}


class PracticeTheme(BaseModel):
    """A theme auditors tag audits with (the maintained list; QA keeps it in the admin)."""

    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    active = models.BooleanField(default=True, help_text="Offered on the audit form.")

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class AuditGroup(BaseModel):
    """A multi-agency or thematic audit: several cases audited together."""

    reference = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=20, choices=AuditKind.choices)
    theme = models.CharField(max_length=160, help_text="What the audit looks at.")
    programme_month = models.DateField(help_text="First day of the programme month.")

    class Meta:
        ordering = ("-programme_month", "reference")

    def __str__(self) -> str:
        return f"{self.reference} {self.theme}"


class AuditParticipant(BaseModel):
    """A partner agency's participant in a multi-agency or thematic audit."""

    group = models.ForeignKey(AuditGroup, on_delete=models.CASCADE, related_name="participants")
    agency = models.CharField(max_length=80, help_text="For example police, health, school.")
    name = models.CharField(max_length=160)
    role_title = models.CharField("role", max_length=160, blank=True)

    class Meta:
        ordering = ("group", "agency", "name")

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"


class CaseAudit(BaseModel):
    """One audit of one child's case, from planned to moderated."""

    reference = models.CharField(max_length=20, unique=True, help_text="CA-year-number.")
    kind = models.CharField(max_length=20, choices=AuditKind.choices)
    group = models.ForeignKey(
        AuditGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="audits"
    )
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="case_audits")
    auditor = models.ForeignKey(
        "workforce.Worker", on_delete=models.PROTECT, related_name="audits_to_complete"
    )
    practitioner = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audits_of_their_work",
        help_text="The allocated worker whose work is audited (when the audit was planned).",
    )
    programme_month = models.DateField(help_text="First day of the programme month.")
    due_on = models.DateField()
    # The auditor's findings.
    completed_on = models.DateField(null=True, blank=True)
    grade = models.CharField(max_length=24, choices=Grade.choices, blank=True)
    strengths = models.TextField(blank=True)
    areas_for_development = models.TextField(blank=True)
    themes = models.ManyToManyField(PracticeTheme, blank=True, related_name="audits")
    # Moderation by QA.
    moderated_on = models.DateField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_grade = models.CharField(max_length=24, choices=Grade.choices, blank=True)
    moderation_reason = models.TextField(blank=True)
    cancelled_on = models.DateField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)

    class Meta:
        ordering = ("-programme_month", "due_on", "reference")
        indexes = [
            models.Index(fields=["auditor", "completed_on"]),
            models.Index(fields=["child", "completed_on"]),
            models.Index(fields=["completed_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="quality_audit_moderated_after_completed",
                condition=models.Q(moderated_on__isnull=True)
                | models.Q(completed_on__isnull=False, moderated_on__gte=models.F("completed_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def final_grade(self) -> str:
        """The moderated grade, or the auditor's until moderation."""
        return self.moderated_grade or self.grade


class DomainScore(BaseModel):
    """One domain's score (1-10) with the evidence the auditor found."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="scores")
    domain = models.CharField(max_length=20, choices=AuditDomain.choices)
    score = models.PositiveSmallIntegerField()
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ("audit", "domain")
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "domain"], name="quality_score_one_per_domain"
            ),
            models.CheckConstraint(
                name="quality_score_1_to_10", condition=models.Q(score__gte=1, score__lte=10)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.audit} {self.domain} {self.score}"


class CaseAuditAction(BaseModel):
    """An action the auditor set for a worker, tracked to completion."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="actions")
    action = models.TextField()
    worker = models.ForeignKey(
        "workforce.Worker", on_delete=models.PROTECT, related_name="audit_actions"
    )
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    completion_note = models.TextField(blank=True)

    class Meta:
        ordering = ("due_on", "created_at")
        indexes = [models.Index(fields=["worker", "completed_on"])]

    def __str__(self) -> str:
        return f"{self.audit}: {self.action[:40]}"


class ServiceJudgement(BaseModel):
    """The quarterly service-wide judgement: the estimated Ofsted rating (OBA3-04)."""

    quarter_start = models.DateField(unique=True, help_text="First day of the financial quarter.")
    rating = models.PositiveSmallIntegerField(choices=RATING_CHOICES)
    rationale = models.TextField()
    recorded_on = models.DateField()

    class Meta:
        ordering = ("-quarter_start",)
        constraints = [
            models.CheckConstraint(
                name="quality_judgement_1_to_4", condition=models.Q(rating__gte=1, rating__lte=4)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quarter_start}: {self.rating}"
