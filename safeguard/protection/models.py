"""Strategy discussions, section 47 enquiries, conferences, CP plans and core groups.

The CIN census ``Section47`` and ``ChildProtectionPlans`` groups (and ``DateOfInitialCPC``
in ``CINdetails``) are projections of these tables; see docs/data-model/protection.md.
"""

from __future__ import annotations

from django.db import models

from safeguard.core.codes import CodeField
from safeguard.core.models import BaseModel


class Agency(models.TextChoices):
    SOCIAL_CARE = "social_care", "Children's social care"
    POLICE = "police", "Police"
    GP = "gp", "Health: GP"
    HEALTH_VISITOR = "health_visitor", "Health: health visitor"
    SCHOOL_NURSE = "school_nurse", "Health: school nurse"
    MIDWIFERY = "midwifery", "Health: midwifery"
    HOSPITAL = "hospital", "Health: hospital or paediatrician"
    MENTAL_HEALTH = "mental_health", "Health: mental health (CAMHS or adult)"
    HEALTH_OTHER = "health_other", "Health: other"
    SCHOOL = "school", "School or early years setting"
    EDUCATION = "education", "Education services"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    YOUTH_JUSTICE = "youth_justice", "Youth justice service"
    ADULT_SOCIAL_CARE = "adult_social_care", "Adult social care"
    SUBSTANCE_MISUSE = "substance_misuse", "Substance misuse service"
    EARLY_HELP = "early_help", "Early help"
    OTHER_LA = "other_la", "Another local authority"
    VOLUNTARY = "voluntary", "Voluntary or community organisation"
    FAMILY = "family", "Parent, carer or family member"
    CHILD = "child", "The child or young person"
    ADVOCATE = "advocate", "Advocate"
    OTHER = "other", "Other"


HEALTH_AGENCIES = frozenset(
    {
        Agency.GP,
        Agency.HEALTH_VISITOR,
        Agency.SCHOOL_NURSE,
        Agency.MIDWIFERY,
        Agency.HOSPITAL,
        Agency.MENTAL_HEALTH,
        Agency.HEALTH_OTHER,
    }
)


class StrategyDiscussion(BaseModel):
    """A multi-agency strategy discussion (Working Together 2018: social care, police and
    health at minimum) deciding on section 47 enquiries and any criminal investigation.

    Whether it was quorate is derived from its attendees (see selectors.strategy_quorum).
    """

    episode = models.ForeignKey(
        "cin.CINEpisode", on_delete=models.PROTECT, related_name="strategy_discussions"
    )
    held_on = models.DateField()
    lead_worker = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="strategy_discussions_led",
    )
    information_shared = models.TextField(blank=True)
    s47_initiated = models.BooleanField(
        "section 47 enquiries initiated",
        help_text="This discussion started s47 enquiries: the initial conference is due "
        "15 working days from it.",
    )
    criminal_investigation = models.BooleanField("criminal investigation to be undertaken")
    shared_with_family = models.TextField(
        blank=True, help_text="What is shared with the family, and when."
    )
    withheld_from_family = models.TextField(
        blank=True,
        help_text="What is withheld from the family and why (e.g. it would jeopardise a police "
        "investigation).",
    )
    minutes_circulated_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("episode", "held_on")
        indexes = [models.Index(fields=["held_on"])]

    def __str__(self) -> str:
        return f"Strategy discussion on {self.held_on:%d/%m/%Y}"


class StrategyAttendee(BaseModel):
    """Someone who took part in a strategy discussion, by agency."""

    discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.CASCADE, related_name="attendees"
    )
    agency = models.CharField(max_length=30, choices=Agency.choices)
    name = models.CharField(max_length=160)
    role = models.CharField(max_length=120, blank=True)
    worker = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="strategy_discussions_attended",
    )

    class Meta:
        ordering = ("discussion", "agency", "name")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_agency_display()})"


class StrategyAction(BaseModel):
    """An action agreed at a strategy discussion: who, what, by when."""

    discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.CASCADE, related_name="actions"
    )
    agency = models.CharField(max_length=30, choices=Agency.choices)
    owner = models.CharField(max_length=160, help_text="Who will do it.")
    action = models.TextField()
    due_by = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("discussion", "due_by")

    def __str__(self) -> str:
        return f"{self.owner}: {self.action[:40]} by {self.due_by:%d/%m/%Y}"


class Section47Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", "Concerns substantiated"
    NOT_SUBSTANTIATED = "not_substantiated", "Concerns not substantiated"


class Section47Enquiry(BaseModel):
    """A section 47 enquiry (CIN census Section47)."""

    episode = models.ForeignKey(
        "cin.CINEpisode", on_delete=models.PROTECT, related_name="section47_enquiries"
    )
    strategy_discussion = models.ForeignKey(
        StrategyDiscussion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="section47_enquiries",
        help_text="The strategy discussion that initiated the enquiry (empty only for "
        "imported history).",
    )
    start_date = models.DateField("actual start date", help_text="CIN census S47ActualStartDate.")
    lead_worker = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="section47_enquiries_led",
    )
    outcome = models.CharField(max_length=20, choices=Section47Outcome.choices, blank=True)
    outcome_date = models.DateField(null=True, blank=True)
    conference_requested_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the social worker asked the conference service for an initial conference.",
    )
    icpc_not_required = models.BooleanField(
        "initial conference not required", default=False, help_text="CIN census ICPCnotRequired."
    )
    icpc_not_required_reason = models.TextField(blank=True)

    class Meta:
        verbose_name = "section 47 enquiry"
        verbose_name_plural = "section 47 enquiries"
        ordering = ("episode", "start_date")
        indexes = [models.Index(fields=["start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome_date__isnull=True)
                | models.Q(outcome_date__gte=models.F("start_date")),
                name="s47_outcome_on_or_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"Section 47 enquiry from {self.start_date:%d/%m/%Y}"


class ConferenceType(models.TextChoices):
    INITIAL = "initial", "Initial"
    REVIEW = "review", "Review"
    TRANSFER_IN = "transfer_in", "Transfer-in"
    PRE_BIRTH = "pre_birth", "Pre-birth"


#: Conference types that can start a CP plan (the CIN census DateOfInitialCPC).
INITIAL_CONFERENCE_TYPES = frozenset(
    {ConferenceType.INITIAL, ConferenceType.TRANSFER_IN, ConferenceType.PRE_BIRTH}
)


class ConferenceOutcome(models.TextChoices):
    PLAN = "plan", "Child protection plan (made or continued)"
    NO_PLAN = "no_plan", "No child protection plan (not made, or ended)"


class Conference(BaseModel):
    """A child protection conference for one child (the CIN census counts per child).

    Booked by ``convene_*`` (``scheduled_for``); ``held_on`` and the decisions are recorded
    once it has taken place. Siblings conferenced together share a ``group_reference``.
    """

    episode = models.ForeignKey(
        "cin.CINEpisode", on_delete=models.PROTECT, related_name="conferences"
    )
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="cp_conferences"
    )
    conference_type = models.CharField(max_length=20, choices=ConferenceType.choices)
    section47 = models.ForeignKey(
        Section47Enquiry,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferences",
        help_text="The substantiated enquiry an initial conference follows.",
    )
    plan = models.ForeignKey(
        "CPPlan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_conferences",
        help_text="The CP plan a review conference reviews.",
    )
    scheduled_for = models.DateField(help_text="The date booked.")
    held_on = models.DateField(
        null=True,
        blank=True,
        help_text="CIN census DateOfInitialCPC (initial types) or CPPreviewDate (reviews).",
    )
    chair = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferences_chaired",
    )
    start_time = models.TimeField(null=True, blank=True, help_text="The time booked.")
    room = models.CharField(max_length=120, blank=True)
    group_reference = models.CharField(
        max_length=40,
        blank=True,
        help_text="Same value for siblings conferenced together (counts conferences, not "
        "children).",
    )
    quorate = models.BooleanField(null=True, blank=True)
    advocacy_offered = models.BooleanField(
        null=True, blank=True, help_text="Children aged 8 or over are referred unless they opt out."
    )
    advocacy_accepted = models.BooleanField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=ConferenceOutcome.choices, blank=True)
    category = CodeField("category of abuse decided", codelist="category_of_abuse", blank=True)
    minutes_sent_on = models.DateField(
        null=True, blank=True, help_text="Minutes sent to the family (secure email)."
    )
    cancelled_on = models.DateField(null=True, blank=True)
    cancellation_reason = models.TextField(blank=True)

    class Meta:
        ordering = ("child", "scheduled_for")
        indexes = [
            models.Index(fields=["conference_type", "held_on"]),
            models.Index(fields=["scheduled_for"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["section47"],
                condition=models.Q(section47__isnull=False, cancelled_on__isnull=True),
                name="one_initial_conference_per_s47",
            ),
            models.CheckConstraint(
                condition=~models.Q(advocacy_accepted=True) | models.Q(advocacy_offered=True),
                name="conference_advocacy_accepted_implies_offered",
            ),
        ]

    def __str__(self) -> str:
        when = self.held_on or self.scheduled_for
        return (
            f"{self.get_conference_type_display()} conference for {self.child} on {when:%d/%m/%Y}"
        )


class ConferenceInvitation(BaseModel):
    """An invitation to a conference and the agency report asked of the invitee."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="invitations")
    agency = models.CharField(max_length=30, choices=Agency.choices)
    invitee = models.CharField(max_length=160)
    invited_on = models.DateField()
    report_requested = models.BooleanField(default=False)
    report_received_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("conference", "agency", "invitee")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "agency", "invitee"], name="one_invitation_per_invitee"
            )
        ]

    def __str__(self) -> str:
        return f"{self.invitee} ({self.get_agency_display()})"


class AttendanceStatus(models.TextChoices):
    ATTENDED = "attended", "Attended"
    APOLOGIES = "apologies", "Sent apologies"
    DID_NOT_ATTEND = "dna", "Did not attend"


class ConferenceAttendance(BaseModel):
    """Who attended a conference, by agency (quoracy is judged from this)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="attendance")
    agency = models.CharField(max_length=30, choices=Agency.choices)
    name = models.CharField(max_length=160)
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices)

    class Meta:
        verbose_name_plural = "conference attendance"
        ordering = ("conference", "agency", "name")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "agency", "name"], name="one_attendance_row_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_agency_display()}): {self.get_status_display()}"


class CPPlanEndReason(models.TextChoices):
    NO_LONGER_AT_RISK = "no_longer_at_risk", "No longer at risk of significant harm"
    MOVED_LA = "moved_la", "Moved to another local authority (after its conference)"
    TURNED_18 = "turned_18", "Reached 18"
    DIED = "died", "Died"
    LEFT_UK = "left_uk", "Left the UK"
    LOOKED_AFTER = "looked_after", "Became looked after"
    OTHER = "other", "Other"


#: End reasons that are a review conference's decision (the others are facts: a move, an
#: 18th birthday, a death, leaving the UK).
CONFERENCE_END_REASONS = frozenset(
    {CPPlanEndReason.NO_LONGER_AT_RISK, CPPlanEndReason.LOOKED_AFTER, CPPlanEndReason.OTHER}
)


class VisitFrequency(models.IntegerChoices):
    WEEKLY = 1, "Weekly"
    FORTNIGHTLY = 2, "Fortnightly"
    FOUR_WEEKLY = 4, "Four-weekly"


class CPPlan(BaseModel):
    """A child protection plan (CIN census ChildProtectionPlans)."""

    episode = models.ForeignKey("cin.CINEpisode", on_delete=models.PROTECT, related_name="cp_plans")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cp_plans")
    initial_conference = models.ForeignKey(
        Conference,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans_started",
        help_text="The initial (or transfer-in / pre-birth) conference that made the plan.",
    )
    start_date = models.DateField("CP plan start date", help_text="CIN census CPPstartDate.")
    end_date = models.DateField(
        "CP plan end date", null=True, blank=True, help_text="CIN census CPPendDate."
    )
    initial_category = CodeField(
        "initial category of abuse",
        codelist="category_of_abuse",
        help_text="CIN census InitialCategoryOfAbuse.",
    )
    latest_category = CodeField(
        "latest category of abuse",
        codelist="category_of_abuse",
        help_text="CIN census LatestCategoryOfAbuse.",
    )
    end_reason = models.CharField(max_length=20, choices=CPPlanEndReason.choices, blank=True)
    end_conference = models.ForeignKey(
        Conference,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans_ended",
    )
    end_note = models.TextField(blank=True, help_text="E.g. the receiving local authority.")
    visit_frequency_weeks = models.PositiveSmallIntegerField(
        choices=VisitFrequency.choices,
        default=VisitFrequency.FOUR_WEEKLY,
        help_text="Statutory visits: set by the conference.",
    )
    lead_social_worker = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cp_plans_led",
    )

    class Meta:
        verbose_name = "CP plan"
        ordering = ("child", "start_date")
        indexes = [models.Index(fields=["start_date"]), models.Index(fields=["end_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(end_date__isnull=True),
                name="one_open_cp_plan_per_child",
            ),
            models.UniqueConstraint(
                fields=["initial_conference"],
                condition=models.Q(initial_conference__isnull=False),
                name="one_cp_plan_per_initial_conference",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gt=models.F("start_date")),
                name="cp_plan_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"CP plan for {self.child} from {self.start_date:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class CPPlanCategoryChange(BaseModel):
    """A change of the plan's category of abuse (the history behind LatestCategoryOfAbuse)."""

    plan = models.ForeignKey(CPPlan, on_delete=models.CASCADE, related_name="category_changes")
    changed_on = models.DateField()
    from_category = CodeField(codelist="category_of_abuse")
    to_category = CodeField(codelist="category_of_abuse")
    conference = models.ForeignKey(
        Conference,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="category_changes",
    )

    class Meta:
        verbose_name = "CP plan category change"
        ordering = ("plan", "changed_on", "created_at")

    def __str__(self) -> str:
        return f"{self.from_category} → {self.to_category} on {self.changed_on:%d/%m/%Y}"


class CoreGroupMeeting(BaseModel):
    """A core group meeting for a CP plan (first due 10 working days after the ICPC)."""

    plan = models.ForeignKey(CPPlan, on_delete=models.CASCADE, related_name="core_group_meetings")
    held_on = models.DateField()
    attendees = models.TextField(blank=True, help_text="Who took part, by agency.")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ("plan", "held_on")

    def __str__(self) -> str:
        return f"Core group on {self.held_on:%d/%m/%Y}"


class MidwayReview(BaseModel):
    """The chair's midway review of a CP plan between two conferences (local practice).

    ``due_on`` is set when it is recorded (halfway to the next review conference, see
    selectors.midway_review_due); ``held_on`` stays empty until it takes place.
    """

    plan = models.ForeignKey(CPPlan, on_delete=models.CASCADE, related_name="midway_reviews")
    due_on = models.DateField()
    held_on = models.DateField(null=True, blank=True)
    chair = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="midway_reviews",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ("plan", "due_on")

    def __str__(self) -> str:
        return f"Midway review due {self.due_on:%d/%m/%Y}"


class EscalationStage(models.TextChoices):
    INFORMAL = "informal", "Stage 1: informal (chair and team manager)"
    SERVICE_MANAGER = "service_manager", "Stage 2: service manager"
    HEAD_OF_SERVICE = "head_of_service", "Stage 3: head of service"


class EscalationStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved"


class Escalation(BaseModel):
    """A chair's or IRO's escalation (dispute resolution) about a child, tracked centrally."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="escalations")
    raised_on = models.DateField()
    raised_by = models.ForeignKey(
        "workforce.Worker", on_delete=models.PROTECT, related_name="escalations_raised"
    )
    about = models.TextField(help_text="What the concern is, and what is asked for.")
    stage = models.CharField(
        max_length=20, choices=EscalationStage.choices, default=EscalationStage.INFORMAL
    )
    status = models.CharField(
        max_length=10, choices=EscalationStatus.choices, default=EscalationStatus.OPEN
    )
    resolved_on = models.DateField(null=True, blank=True)
    resolution = models.TextField(blank=True)

    class Meta:
        ordering = ("child", "raised_on")
        indexes = [models.Index(fields=["status", "raised_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open", resolved_on__isnull=True)
                | models.Q(status="resolved", resolved_on__isnull=False),
                name="escalation_resolved_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"Escalation raised {self.raised_on:%d/%m/%Y} ({self.get_status_display()})"
