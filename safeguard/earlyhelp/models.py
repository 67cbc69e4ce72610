"""Early help: requests, early help assessments, Team Around the Family plans, step up/down.

Early help is not in the CIN census. Stepping up opens a referral (``cin.CINEpisode``,
ReferralSource 5D "early help"); stepping down closes a CIN episode and starts an early
help episode. See docs/data-model/earlyhelp.md.
"""

from __future__ import annotations

from django.db import models

from safeguard.core.codes import CodeField
from safeguard.core.models import BaseModel

#: DfE referral source for a referral stepped up from early help.
EARLY_HELP_SOURCE = "5D"
#: DfE referral source for early help requested by children's social care (step down).
SOCIAL_CARE_SOURCE = "5A"


class LeadProfessionalAgency(models.TextChoices):
    LA_EARLY_HELP = "la_early_help", "Local authority early help"
    SCHOOL = "school", "School or college"
    EARLY_YEARS = "early_years", "Early years setting"
    HEALTH = "health", "Health"
    HOUSING = "housing", "Housing"
    POLICE = "police", "Police"
    YOS = "yos", "Youth offending service"
    VOLUNTARY = "voluntary", "Voluntary or community sector"
    OTHER = "other", "Other"


class EarlyHelpClosureReason(models.TextChoices):
    NEEDS_MET = "needs_met", "Needs met"
    STEPPED_UP = "stepped_up", "Stepped up to children's social care"
    DISENGAGED = "disengaged", "Family disengaged or withdrew consent"
    MOVED = "moved", "Moved out of the area"
    OTHER = "other", "Other"


class EarlyHelpEpisode(BaseModel):
    """One period of early help for a child: request to closure.

    A child has at most one open episode. ``mash_decision`` links an episode started by a
    MASH decision; ``stepped_down_from`` the CIN episode it followed; ``stepped_up_to`` the
    referral it was closed into.
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="early_help_episodes"
    )
    requested_on = models.DateField()
    request_source = CodeField(
        codelist="referral_source", help_text="Who asked for early help (DfE referral source)."
    )
    request_details = models.TextField(blank=True, help_text="What help was asked for and why.")
    mash_decision = models.OneToOneField(
        "frontdoor.MashDecision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="early_help_episode",
        help_text="The MASH decision that started this episode.",
    )
    stepped_down_from = models.OneToOneField(
        "cin.CINEpisode",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stepped_down_to",
        help_text="The CIN episode closed into this early help episode.",
    )
    assessment_started_on = models.DateField(
        "early help assessment started on",
        null=True,
        blank=True,
        help_text="Ofsted Annex A list 2: early help assessment start date.",
    )
    assessment_agency = models.CharField(
        "organisation completing the assessment",
        max_length=20,
        choices=LeadProfessionalAgency.choices,
        blank=True,
        help_text="Ofsted Annex A list 2: the organisation completing the assessment.",
    )
    assessment_completed_on = models.DateField(
        "early help assessment completed on",
        null=True,
        blank=True,
        help_text="Ofsted Annex A list 2: early help assessment completion date.",
    )
    lead_professional_name = models.CharField(max_length=160, blank=True)
    lead_professional_agency = models.CharField(
        max_length=20, choices=LeadProfessionalAgency.choices, blank=True
    )
    lead_professional_role = models.CharField(
        max_length=120, blank=True, help_text="E.g. family worker, designated safeguarding lead."
    )
    lead_professional_worker = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="early_help_episodes_led",
        help_text="When the lead professional is one of the authority's own staff.",
    )
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(
        max_length=20, choices=EarlyHelpClosureReason.choices, blank=True
    )
    closure_notes = models.TextField(blank=True)
    stepped_up_to = models.OneToOneField(
        "cin.CINEpisode",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stepped_up_from",
        help_text="The referral this episode was stepped up into.",
    )

    class Meta:
        verbose_name = "early help episode"
        ordering = ("child", "requested_on")
        indexes = [
            models.Index(fields=["requested_on"]),
            models.Index(fields=["closed_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(closed_on__isnull=True),
                name="one_open_early_help_episode_per_child",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("requested_on")),
                name="early_help_closed_on_or_after_request",
            ),
            models.CheckConstraint(
                condition=models.Q(assessment_started_on__isnull=True)
                | models.Q(assessment_started_on__gte=models.F("requested_on")),
                name="early_help_assessment_starts_on_or_after_request",
            ),
            models.CheckConstraint(
                condition=models.Q(assessment_completed_on__isnull=True)
                | models.Q(assessment_completed_on__gte=models.F("assessment_started_on")),
                name="early_help_assessment_completed_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True, closure_reason="")
                | (models.Q(closed_on__isnull=False) & ~models.Q(closure_reason="")),
                name="early_help_closure_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(stepped_up_to__isnull=True)
                | models.Q(closure_reason=EarlyHelpClosureReason.STEPPED_UP),
                name="early_help_step_up_closes_as_stepped_up",
            ),
        ]

    def __str__(self) -> str:
        return f"Early help for {self.child} from {self.requested_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class TeamAroundFamilyPlan(BaseModel):
    """The SMART Team Around the Family plan agreed after the early help assessment."""

    episode = models.OneToOneField(
        EarlyHelpEpisode, on_delete=models.PROTECT, related_name="taf_plan"
    )
    started_on = models.DateField()
    outcomes = models.TextField(help_text="Specific, measurable outcomes, who does what by when.")
    members = models.TextField(blank=True, help_text="The agencies and people in the team.")

    class Meta:
        verbose_name = "Team Around the Family plan"
        ordering = ("started_on",)

    def __str__(self) -> str:
        return f"TAF plan for {self.episode.child} from {self.started_on:%d/%m/%Y}"


class TafReview(BaseModel):
    """A Team Around the Family review of progress against the plan."""

    plan = models.ForeignKey(TeamAroundFamilyPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    progress = models.TextField()
    attendees = models.TextField(blank=True)

    class Meta:
        verbose_name = "TAF review"
        ordering = ("plan", "held_on")

    def __str__(self) -> str:
        return f"TAF review on {self.held_on:%d/%m/%Y}"
