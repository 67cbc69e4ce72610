"""Children-in-need episodes: referral to closure (CIN census CINdetails), CIN plans, visits.

The CIN census ``CINdetails`` group is a projection of ``CINEpisode`` with its CIN plans
(``CINPlanDates``) here, its assessments (``assessment`` app) and its section 47 enquiries
and child protection plans (``protection`` app). See docs/data-model/cin.md.
"""

from __future__ import annotations

from django.db import models

from safeguard.core.codes import CodeField
from safeguard.core.models import BaseModel


class CINEpisode(BaseModel):
    """One referral to children's social care and everything until its closure.

    CIN census CINdetails is a projection of this row and its assessments, CIN plans,
    section 47 enquiries and CP plans.
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="cin_episodes"
    )
    referral_date = models.DateField("CIN referral date")
    referral_source = CodeField(codelist="referral_source")
    primary_need = CodeField(codelist="primary_need", blank=True)
    referral_nfa = models.BooleanField(
        "referral: no further action", default=False, help_text="CIN census ReferralNFA."
    )
    closure_date = models.DateField("CIN closure date", null=True, blank=True)
    reason_for_closure = CodeField(codelist="reason_for_closure", blank=True)
    is_re_referral = models.BooleanField(
        default=False, help_text="Referral within 12 months of a previous referral."
    )
    closure_summary = models.TextField(
        blank=True, help_text="Evidence of improvement (or other reason) supporting closure."
    )
    closure_signed_off_by = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cin_closures_signed_off",
        help_text="Manager who signed off the closure.",
    )
    closure_signed_off_on = models.DateField(null=True, blank=True)
    closed_hard_to_engage = models.BooleanField(
        "closed as hard to engage",
        default=False,
        help_text="Closed because the family would not engage: needs a service manager's sign-off.",
    )

    class Meta:
        verbose_name = "CIN episode"
        ordering = ("child", "referral_date")
        indexes = [
            models.Index(fields=["referral_date"]),
            models.Index(fields=["closure_date"]),
        ]

    def __str__(self) -> str:
        return f"CIN episode for {self.child} from {self.referral_date:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.closure_date is None


class CINPlanEndReason(models.TextChoices):
    STEPPED_UP_TO_CP = "cp_plan", "Child protection plan started"
    LOOKED_AFTER = "looked_after", "Child became looked after"
    NEEDS_MET = "needs_met", "Needs met: no longer a child in need"
    STEPPED_DOWN = "early_help", "Stepped down to early help or universal services"
    MOVED = "moved", "Moved to another local authority"
    CASE_CLOSED = "case_closed", "Case closed"
    OTHER = "other", "Other"


class CINPlan(BaseModel):
    """A child in need plan (CIN census CINPlanDates)."""

    episode = models.ForeignKey(CINEpisode, on_delete=models.PROTECT, related_name="cin_plans")
    start_date = models.DateField("CIN plan start date", help_text="CIN census CINPlanStartDate.")
    end_date = models.DateField(
        "CIN plan end date", null=True, blank=True, help_text="CIN census CINPlanEndDate."
    )
    end_reason = models.CharField(max_length=20, choices=CINPlanEndReason.choices, blank=True)
    lead_worker = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cin_plans_led",
    )

    class Meta:
        verbose_name = "CIN plan"
        ordering = ("episode", "start_date")
        constraints = [
            models.UniqueConstraint(
                fields=["episode"],
                condition=models.Q(end_date__isnull=True),
                name="one_open_cin_plan_per_episode",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="cin_plan_ends_on_or_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"CIN plan for {self.episode.child} from {self.start_date:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class CINPlanReview(BaseModel):
    """A review of a CIN plan (12-weekly on the local CIN pathway)."""

    plan = models.ForeignKey(CINPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    chaired_by = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cin_reviews_chaired",
    )
    attendees = models.TextField(blank=True, help_text="Who took part, by agency.")
    progress = models.TextField(blank=True, help_text="Progress against the plan's outcomes.")

    class Meta:
        verbose_name = "CIN plan review"
        ordering = ("plan", "held_on")

    def __str__(self) -> str:
        return f"CIN plan review on {self.held_on:%d/%m/%Y}"


class VisitType(models.TextChoices):
    CIN = "cin", "Child in need visit"
    CP = "cp", "Child protection visit"
    LOOKED_AFTER = "looked_after", "Looked-after child visit"
    CARE_LEAVER = "care_leaver", "Care leaver contact"
    OTHER = "other", "Other visit"


#: Visit types that belong to a CIN episode (the episode must be open on the visit date).
EPISODE_VISIT_TYPES = frozenset({VisitType.CIN, VisitType.CP})


class VisitLocation(models.TextChoices):
    HOME = "home", "Child's home"
    PLACEMENT = "placement", "Placement"
    SCHOOL = "school", "School or nursery"
    OFFICE = "office", "Office or contact centre"
    HEALTH = "health", "Hospital or health setting"
    COMMUNITY = "community", "Community"
    VIRTUAL = "virtual", "Virtual (video call)"
    OTHER = "other", "Other"


class Visit(BaseModel):
    """A statutory or other visit to a child by a worker.

    General on purpose: CIN and CP visits belong to a CIN episode; looked-after and care
    leaver visits are reused by the care app and need no CIN episode.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="visits")
    episode = models.ForeignKey(
        CINEpisode, null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    visit_date = models.DateField()
    visit_type = models.CharField(max_length=20, choices=VisitType.choices)
    worker = models.ForeignKey("workforce.Worker", on_delete=models.PROTECT, related_name="visits")
    child_seen = models.BooleanField()
    seen_alone = models.BooleanField()
    location = models.CharField(max_length=20, choices=VisitLocation.choices)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ("child", "visit_date")
        indexes = [models.Index(fields=["child", "visit_type", "visit_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seen_alone=False) | models.Q(child_seen=True),
                name="visit_seen_alone_implies_seen",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_visit_type_display()} to {self.child} on {self.visit_date:%d/%m/%Y}"
