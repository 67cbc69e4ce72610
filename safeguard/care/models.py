"""Children in care, adoption and care leavers: the SSDA903 data spine.

Every SSDA903 file a local authority returns for these children is a projection of these
tables (``safeguard.care.selectors``): Episodes from ``LookedAfterEpisode``, Reviews from
``LookedAfterReview``, OC2 from ``OutcomesRecord`` plus ``HealthAssessment``, OC3 from
``CareLeaverContact``, AD1 from ``AdoptionDecision`` + ``AdoptionMatch`` + the last
episode, PlacedAdoption from ``AdoptionDecision``, PrevPerm from ``PreviousPermanence``.
Missing comes from ``safeguard.exploitation``; UASC and Header from ``people.Person``;
SocialWorker from ``workforce.Allocation``. Care plans and permanence plans (``CarePlan``,
``PermanencePlan``) are in no return; the care plan and permanence measures read them.
See docs/data-model/care.md.

Coded fields hold the DfE code; dates are the dates the return asks for, never derived
deadlines (the timescale registry computes those).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeguard.core.codes import CodeField
from safeguard.core.models import BaseModel

#: Placement types that are temporary (SSDA903 T0-T4): no provider (213), no placement
#: change reason either side (226), a period cannot start or end with one (380, 381).
TEMPORARY_PLACEMENTS = frozenset({"T0", "T1", "T2", "T3", "T4"})
#: Placed for adoption: with current foster carers (A3, A5) or not (A4, A6); with consent
#: (A3, A4) or with a placement order (A5, A6).
ADOPTION_PLACEMENTS = frozenset({"A3", "A4", "A5", "A6"})
ADOPTION_WITH_CURRENT_CARERS = frozenset({"A3", "A5"})
ADOPTION_WITH_PLACEMENT_ORDER = frozenset({"A5", "A6"})
FOSTER_PLACEMENTS = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
LONG_TERM_FOSTER_PLACEMENTS = frozenset({"U1", "U4"})
#: Legal statuses for agreed series of short breaks (respite), not "in care" in the usual
#: sense: excluded from care-leaver eligibility and the OC2 cohort.
SHORT_BREAK_LEGAL_STATUSES = frozenset({"V3", "V4"})
#: Legal statuses that mean a placement (D1 freeing) order is in force.
PLACEMENT_ORDER_LEGAL_STATUSES = frozenset({"E1", "D1"})
#: Reason episode ceased: adopted.
ADOPTED = frozenset({"E11", "E12"})
#: Reason episode ceased meaning the episode continues in a new one the same day.
CONTINUES = "X1"


class PeriodOfCare(BaseModel):
    """One continuous period of being looked after: RNE S to a REC other than X1.

    ``started_on`` is the first episode's DECOM; ``ended_on`` the last episode's DEC. Both
    are written only by the services that open and close the period, in the same
    transaction as the episode, so they cannot drift. The reason the period ended is the
    last episode's REC (not stored twice).
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="periods_of_care"
    )
    started_on = models.DateField("date became looked after")
    ended_on = models.DateField("date ceased to be looked after", null=True, blank=True)

    class Meta:
        verbose_name = "period of care"
        verbose_name_plural = "periods of care"
        ordering = ("child", "started_on")
        indexes = [models.Index(fields=["started_on"]), models.Index(fields=["ended_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(ended_on__isnull=True),
                name="care_one_open_period_per_child",
            ),
            models.UniqueConstraint(
                fields=["child", "started_on"], name="care_one_period_per_child_per_start"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="care_period_ends_on_or_after_start",
            ),
        ]

    def __str__(self) -> str:
        end = f"{self.ended_on:%d/%m/%Y}" if self.ended_on else "now"
        return f"{self.child} looked after {self.started_on:%d/%m/%Y} to {end}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class LookedAfterEpisode(BaseModel):
    """One SSDA903 Episodes row: a span with one legal status and one placement.

    A new episode starts whenever the legal status or the placement changes (RNE L, P, T,
    B, U); the previous one ends the same day with REC X1. The reason for a placement change
    (REASON_PLACE_CHANGE) sits on the episode that ended, as the DfE expects (rule 225).
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="looked_after_episodes"
    )
    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="episodes")
    started_on = models.DateField("date episode commenced", help_text="SSDA903 DECOM.")
    reason_new_episode = CodeField(codelist="reason_new_episode", help_text="SSDA903 RNE.")
    legal_status = CodeField(codelist="legal_status", help_text="SSDA903 LS.")
    category_of_need = CodeField(
        codelist="primary_need", help_text="SSDA903 CIN (N1-N8), constant within a period."
    )
    placement_type = CodeField(codelist="placement_type", help_text="SSDA903 PLACE.")
    placement_provider = CodeField(
        codelist="placement_provider",
        blank=True,
        help_text="SSDA903 PLACE_PROVIDER; blank for temporary placements (T0-T4).",
    )
    ended_on = models.DateField(
        "date episode ceased", null=True, blank=True, help_text="SSDA903 DEC."
    )
    reason_ceased = CodeField(
        codelist="reason_episode_ceased", blank=True, help_text="SSDA903 REC."
    )
    reason_placement_change = CodeField(
        codelist="reason_placement_change",
        max_length=8,
        blank=True,
        help_text="SSDA903 REASON_PLACE_CHANGE: why this placement ended (X1 episodes only).",
    )
    home_postcode = models.CharField(
        max_length=8, blank=True, help_text="SSDA903 HOME_POST: the home the child left."
    )
    placement_postcode = models.CharField(max_length=8, blank=True, help_text="SSDA903 PL_POST.")
    urn = models.CharField(
        "Ofsted URN", max_length=8, blank=True, help_text="SSDA903 URN of the provision."
    )
    carer_name = models.CharField(
        max_length=160, blank=True, help_text="Foster carers' names, or the home's name."
    )
    provider_name = models.CharField(
        max_length=160, blank=True, help_text="Agency or organisation providing the placement."
    )
    placement_la_code = models.CharField(
        "placement local authority",
        max_length=10,
        blank=True,
        help_text="Code of the local authority area the placement is in (in or out of area).",
    )
    is_registered = models.BooleanField(
        default=True,
        help_text="The provision is registered with Ofsted (unregistered placements are "
        "tracked until a registered place is found).",
    )
    distance_miles = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Distance from home to placement in miles, as supplied (blank for UASC "
        "and short breaks).",
    )

    class Meta:
        verbose_name = "looked-after episode"
        ordering = ("child", "started_on")
        indexes = [
            models.Index(fields=["started_on"]),
            models.Index(fields=["ended_on"]),
            models.Index(fields=["placement_type"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(ended_on__isnull=True),
                name="care_one_open_episode_per_child",
            ),
            models.UniqueConstraint(
                fields=["child", "started_on"], name="care_one_episode_per_child_per_start"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="care_episode_ends_on_or_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True, reason_ceased="")
                | (models.Q(ended_on__isnull=False) & ~models.Q(reason_ceased="")),
                name="care_episode_end_date_and_reason_together",
            ),
            models.CheckConstraint(
                condition=models.Q(reason_placement_change="") | models.Q(reason_ceased="X1"),
                name="care_episode_place_change_reason_only_on_x1",
            ),
            models.CheckConstraint(
                condition=models.Q(distance_miles__isnull=True) | models.Q(distance_miles__gte=0),
                name="care_episode_distance_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.child}: {self.legal_status}/{self.placement_type} from "
            f"{self.started_on:%d/%m/%Y}"
        )

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    @property
    def is_temporary(self) -> bool:
        return self.placement_type in TEMPORARY_PLACEMENTS

    @property
    def is_long_term(self) -> bool:
        """A long-term foster placement (U1, U4): statutory visits may be 3-monthly."""
        return self.placement_type in LONG_TERM_FOSTER_PLACEMENTS

    @property
    def provision(self) -> str:
        """In-house (PR1, the authority's own), external (PR2-PR5), parents (PR0) or ''."""
        if self.placement_provider == "PR1":
            return "in-house"
        if self.placement_provider == "PR0":
            return "parents"
        if self.placement_provider:
            return "external"
        return ""

    @property
    def is_out_of_area(self) -> bool | None:
        """Placed outside the authority's area; None when the placement's area is unknown."""
        if not self.placement_la_code:
            return None
        return self.placement_la_code != settings.SAFEGUARD_LA_CODE


class LookedAfterReview(BaseModel):
    """A statutory review of a looked-after child's care plan (SSDA903 Reviews)."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="looked_after_reviews"
    )
    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField("review date", help_text="SSDA903 REVIEW.")
    participation = CodeField(codelist="review_participation", help_text="SSDA903 REVIEW_CODE.")
    chaired_by = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="looked_after_reviews_chaired",
        help_text="The independent reviewing officer (blank only for imported history).",
    )
    notes = models.TextField(blank=True)

    class Meta:
        verbose_name = "looked-after review"
        ordering = ("child", "held_on")
        indexes = [models.Index(fields=["held_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "held_on"], name="care_one_review_per_child_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"Looked-after review for {self.child} on {self.held_on:%d/%m/%Y}"


class CarePlanOccasion(models.TextChoices):
    INITIAL = "initial", "First care plan"
    REVIEW = "review", "Reviewed at a looked-after review"
    REVISED = "revised", "Revised between reviews"


class CarePlan(BaseModel):
    """One agreed version of a looked-after child's care plan (Care Planning Regs 2010 r.4-6).

    The first plan is agreed before the child is placed or, if that is not practicable,
    within 10 working days of the placement starting (r.4(2)). The plan is then reviewed at
    every looked-after review; a review that confirms or amends it is recorded as a new
    version dated the day it was agreed, so the plan in force on any past day is the
    latest version agreed by then and no history is overwritten. A looked-after review on
    its own is not evidence that a written plan exists: OBA2-24 counts these rows.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_plans")
    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="care_plans")
    agreed_on = models.DateField(
        "plan agreed", help_text="The day this version of the plan was agreed (or re-agreed)."
    )
    occasion = models.CharField(max_length=10, choices=CarePlanOccasion.choices)
    agreed_by = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="care_plans_agreed",
        help_text="The manager who agreed the plan (blank only for imported history).",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ("child", "agreed_on")
        indexes = [models.Index(fields=["agreed_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "agreed_on"], name="care_one_care_plan_per_child_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"Care plan for {self.child} agreed {self.agreed_on:%d/%m/%Y}"


class PermanenceOption(models.TextChoices):
    """Local codes: no DfE return collects the plan (PrevPerm is about orders before care)."""

    RETURN_HOME = "return_home", "Return to parents or family (reunification)"
    SGO_CAO = "sgo_cao", "Special guardianship or child arrangements order"
    ADOPTION = "adoption", "Adoption"
    LONG_TERM_FOSTER = "long_term_foster", "Long-term foster care"
    RESIDENTIAL = "residential", "Long-term residential care"
    INDEPENDENCE = "independence", "Supported move to independence"


class PermanencePlan(BaseModel):
    """The permanence plan decided for a looked-after child.

    Statutory guidance expects the plan by the second looked-after review (about four
    months into care); SE-CLA-05 counts the children who have reached that review and
    have a plan. A changed plan (a twin-tracked return home becoming adoption) is a new
    row, so the plan in force on any day is the latest decided by then. The adoption
    route's own milestones (plan agreed, agency decision) stay on ``AdoptionDecision``.
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="permanence_plans"
    )
    period = models.ForeignKey(
        PeriodOfCare, on_delete=models.PROTECT, related_name="permanence_plans"
    )
    decided_on = models.DateField(
        "plan decided", help_text="Usually the day of a looked-after review."
    )
    option = models.CharField("permanence plan", max_length=20, choices=PermanenceOption.choices)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ("child", "decided_on")
        indexes = [models.Index(fields=["decided_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "decided_on"], name="care_one_permanence_plan_per_child_per_day"
            )
        ]

    def __str__(self) -> str:
        return (
            f"Permanence plan for {self.child}: {self.get_option_display()} "
            f"({self.decided_on:%d/%m/%Y})"
        )


class HealthAssessmentKind(models.TextChoices):
    INITIAL = "initial", "Initial health assessment"
    REVIEW = "review", "Review health assessment"
    DENTAL = "dental", "Dental check"
    SDQ = "sdq", "Strengths and Difficulties Questionnaire"


#: Kinds that count as the annual health assessment (OC2 HEALTH_ASSESSMENT).
HEALTH_ASSESSMENT_KINDS = frozenset({HealthAssessmentKind.INITIAL, HealthAssessmentKind.REVIEW})


class HealthAssessment(BaseModel):
    """A health assessment, dental check or SDQ for a looked-after child.

    Feeds OC2 HEALTH_ASSESSMENT (an initial or review assessment in the year), TEETH_CHECK
    (a dental check in the year) and SDQ_SCORE (the latest SDQ in the year), and the iha,
    rha and dental timescales.
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="health_assessments"
    )
    period = models.ForeignKey(
        PeriodOfCare, on_delete=models.PROTECT, related_name="health_assessments"
    )
    kind = models.CharField(max_length=10, choices=HealthAssessmentKind.choices)
    assessed_on = models.DateField()
    sdq_score = models.PositiveSmallIntegerField(
        "SDQ score", null=True, blank=True, help_text="Total difficulties score, 0-40."
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ("child", "assessed_on")
        indexes = [models.Index(fields=["child", "kind", "assessed_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["period"],
                condition=models.Q(kind="initial"),
                name="care_one_initial_health_assessment_per_period",
            ),
            models.UniqueConstraint(
                fields=["child", "kind", "assessed_on"],
                name="care_one_health_assessment_per_kind_per_day",
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="sdq") & models.Q(sdq_score__isnull=False))
                | (~models.Q(kind="sdq") & models.Q(sdq_score__isnull=True)),
                name="care_sdq_score_only_and_always_for_sdq",
            ),
            models.CheckConstraint(
                condition=models.Q(sdq_score__isnull=True) | models.Q(sdq_score__lte=40),
                name="care_sdq_score_at_most_40",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.child} on {self.assessed_on:%d/%m/%Y}"


class PersonalEducationPlan(BaseModel):
    """A personal education plan meeting (first within 20 school days, then termly)."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="personal_education_plans"
    )
    period = models.ForeignKey(
        PeriodOfCare, on_delete=models.PROTECT, related_name="personal_education_plans"
    )
    held_on = models.DateField()
    school_name = models.CharField(max_length=160, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        verbose_name = "personal education plan"
        ordering = ("child", "held_on")
        constraints = [
            models.UniqueConstraint(
                fields=["child", "held_on"], name="care_one_pep_per_child_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"PEP for {self.child} on {self.held_on:%d/%m/%Y}"


class OutcomesRecord(BaseModel):
    """The OC2 answers that cannot be derived from other records, for one year to 31 March.

    Stored: CONVICTED, HEALTH_CHECK, IMMUNISATIONS, SUBSTANCE_MISUSE, INTERVENTION_RECEIVED,
    INTERVENTION_OFFERED, SDQ_REASON (None = not answered). Derived, never stored:
    HEALTH_ASSESSMENT and TEETH_CHECK (from ``HealthAssessment`` rows in the year) and
    SDQ_SCORE (the latest SDQ in the year).
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="outcomes_records"
    )
    year_ending = models.DateField(help_text="31 March that closes the collection year.")
    convicted = models.BooleanField(
        null=True, blank=True, help_text="OC2 CONVICTED: convicted of an offence in the year."
    )
    health_check_up_to_date = models.BooleanField(
        null=True, blank=True, help_text="OC2 HEALTH_CHECK: development checks up to date (<5)."
    )
    immunisations_up_to_date = models.BooleanField(
        null=True, blank=True, help_text="OC2 IMMUNISATIONS."
    )
    substance_misuse = models.BooleanField(
        null=True, blank=True, help_text="OC2 SUBSTANCE_MISUSE: problem identified in the year."
    )
    intervention_received = models.BooleanField(
        null=True, blank=True, help_text="OC2 INTERVENTION_RECEIVED."
    )
    intervention_offered = models.BooleanField(
        null=True, blank=True, help_text="OC2 INTERVENTION_OFFERED (only if not received)."
    )
    sdq_reason = CodeField(
        codelist="sdq_reason", blank=True, help_text="OC2 SDQ_REASON: why no SDQ score."
    )

    class Meta:
        verbose_name = "outcomes record (OC2)"
        ordering = ("child", "year_ending")
        constraints = [
            models.UniqueConstraint(
                fields=["child", "year_ending"], name="care_one_outcomes_record_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"OC2 answers for {self.child}, year to {self.year_ending:%d/%m/%Y}"


class CareLeaverContact(BaseModel):
    """Contact with a care leaver: in touch, main activity, accommodation (SSDA903 OC3).

    The OC3 row for a birthday is the latest contact in the window from 3 months before to
    1 month after it. Staying put is derived: accommodation Z1/Z2 (with former foster
    carers).
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="care_leaver_contacts"
    )
    contact_on = models.DateField()
    in_touch = CodeField(codelist="care_leaver_in_touch", help_text="SSDA903 OC3 IN_TOUCH.")
    activity = CodeField(codelist="care_leaver_activity", help_text="SSDA903 OC3 ACTIV.")
    accommodation = CodeField(
        codelist="care_leaver_accommodation", help_text="SSDA903 OC3 ACCOM (with suitability)."
    )
    personal_adviser = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="care_leaver_contacts",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ("child", "contact_on")
        indexes = [models.Index(fields=["contact_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "contact_on"], name="care_one_care_leaver_contact_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"Care leaver contact with {self.child} on {self.contact_on:%d/%m/%Y}"

    @property
    def is_staying_put(self) -> bool:
        return self.accommodation in {"Z1", "Z2"}

    @property
    def accommodation_suitable(self) -> bool | None:
        """The ACCOM code's suitability digit: 1 suitable, 2 not; None when not known."""
        if self.accommodation.endswith("1"):
            return True
        if self.accommodation.endswith("2"):
            return False
        return None


class PathwayPlanReview(BaseModel):
    """A review of an eligible or former relevant young person's pathway plan (6-monthly)."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="pathway_plan_reviews"
    )
    reviewed_on = models.DateField()
    personal_adviser = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pathway_plan_reviews",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ("child", "reviewed_on")
        constraints = [
            models.UniqueConstraint(
                fields=["child", "reviewed_on"], name="care_one_pathway_review_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"Pathway plan review for {self.child} on {self.reviewed_on:%d/%m/%Y}"


class AdoptionDecision(BaseModel):
    """The agency decision that a child should be placed for adoption, and its reversal.

    One SSDA903 PlacedAdoption row: DATE_PLACED is the date of this decision (not the date
    the child moved in: that is the DECOM of the A3-A6 episode), DATE_PLACED_CEASED and
    REASON_PLACED_CEASED the decision that the child should no longer be placed. The same
    date is AD1 DATE_INT (rule 523).
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="adoption_decisions"
    )
    period = models.ForeignKey(
        PeriodOfCare, on_delete=models.PROTECT, related_name="adoption_decisions"
    )
    plan_agreed_on = models.DateField(
        "adoption plan agreed",
        null=True,
        blank=True,
        help_text="Date the care plan of adoption was agreed (usually at a review).",
    )
    decided_on = models.DateField(
        "should be placed for adoption",
        help_text="Agency decision maker's decision: PlacedAdoption DATE_PLACED, AD1 DATE_INT.",
    )
    decision_maker = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoption_decisions_made",
        help_text="The agency decision maker (blank only for imported history).",
    )
    reversed_on = models.DateField(
        "should no longer be placed for adoption",
        null=True,
        blank=True,
        help_text="PlacedAdoption DATE_PLACED_CEASED.",
    )
    reversal_reason = CodeField(
        codelist="reason_placed_for_adoption_ceased",
        blank=True,
        help_text="PlacedAdoption REASON_PLACED_CEASED.",
    )

    class Meta:
        ordering = ("child", "decided_on")
        constraints = [
            models.UniqueConstraint(
                fields=["period"],
                condition=models.Q(reversed_on__isnull=True),
                name="care_one_live_adoption_decision_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(reversed_on__isnull=True, reversal_reason="")
                | (models.Q(reversed_on__isnull=False) & ~models.Q(reversal_reason="")),
                name="care_adoption_reversal_date_and_reason_together",
            ),
            models.CheckConstraint(
                condition=models.Q(reversed_on__isnull=True)
                | models.Q(reversed_on__gte=models.F("decided_on")),
                name="care_adoption_reversal_on_or_after_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} should be placed for adoption ({self.decided_on:%d/%m/%Y})"

    @property
    def is_live(self) -> bool:
        return self.reversed_on is None


class AdoptionMatch(BaseModel):
    """The child matched with prospective adopters (AD1 DATE_MATCH and the adopters).

    ``ended_on`` is set when the match falls through (the adoption placement ends without
    an order, or the decision is reversed); AD1 uses the live match.
    """

    decision = models.ForeignKey(AdoptionDecision, on_delete=models.PROTECT, related_name="matches")
    matched_on = models.DateField(help_text="AD1 DATE_MATCH.")
    number_of_adopters = models.PositiveSmallIntegerField(help_text="AD1 NB_ADOPTR (1 or 2).")
    adopter_sex = CodeField(codelist="adopter_sex", help_text="AD1 SEX_ADOPTR.")
    adopter_legal_status = CodeField(codelist="adopter_legal_status", help_text="AD1 LS_ADOPTR.")
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "adoption matches"
        ordering = ("decision", "matched_on")
        constraints = [
            models.UniqueConstraint(
                fields=["decision"],
                condition=models.Q(ended_on__isnull=True),
                name="care_one_live_match_per_decision",
            ),
            models.CheckConstraint(
                condition=models.Q(number_of_adopters__in=[1, 2]),
                name="care_one_or_two_adopters",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("matched_on")),
                name="care_match_ends_on_or_after_match",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision.child} matched with adopters on {self.matched_on:%d/%m/%Y}"


class PreviousPermanence(BaseModel):
    """Whether the child had a permanence order before this period of care (PrevPerm)."""

    period = models.OneToOneField(
        PeriodOfCare, on_delete=models.PROTECT, related_name="previous_permanence"
    )
    option = CodeField(codelist="previous_permanence", help_text="SSDA903 PREV_PERM.")
    la_code = models.CharField(
        "arranged by local authority",
        max_length=10,
        blank=True,
        help_text="SSDA903 LA_PERM: the authority that arranged the order.",
    )
    order_date = models.DateField(null=True, blank=True, help_text="SSDA903 DATE_PERM.")

    class Meta:
        verbose_name = "previous permanence"
        verbose_name_plural = "previous permanence"

    def __str__(self) -> str:
        return f"Previous permanence {self.option} for {self.period.child}"


# Unregistered placements live in their own module; importing it registers the models.
from safeguard.care.models_unregistered import *  # noqa: E402, F403
