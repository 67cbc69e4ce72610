"""Unregistered placements: the register, its independent visits and the issued reports.

A child aged 14-17 with very complex needs is sometimes placed where no Ofsted-registered
home could take them: a council property staffed by a commissioned agency, or rented
accommodation such as a holiday let (seed 000 §4.2). Each such placement must be agreed
by the Corporate Director, is reported weekly to the Executive Director, the manager of
the IRO service and the Corporate Parenting Officer, is notified to Ofsted monthly, is
visited monthly by an independent person on the lines of Regulation 44 of the Children's
Homes Regulations 2015 (§4.3), and is tracked until the child has a registered place.

``UnregisteredPlacement`` is one entry of the register. It points at the looked-after
episode the placement started with (the SSDA903 row whose ``is_registered`` is False), so
the register and the placement history cannot disagree about who was placed when. The
deadlines (weekly report, monthly Ofsted notification, monthly visit) are the timescale
registry's ``unregistered_weekly``, ``unregistered_ofsted`` and ``unregistered_visit``.

Imported at the end of ``safeguard.care.models`` so Django sees these as care's models.
"""

from __future__ import annotations

from django.db import models

from safeguard.core.models import BaseModel

__all__ = [
    "DocumentKind",
    "IndependentVisit",
    "IssuedDocument",
    "IssuedDocumentEntry",
    "Judgement",
    "NoRegisteredPlaceReason",
    "PrivateConversation",
    "ProgressStep",
    "ProgressUpdate",
    "UnregisteredEndReason",
    "UnregisteredPlacement",
    "UnregisteredSetting",
]


class NoRegisteredPlaceReason(models.TextChoices):
    """Why no registered place was available (the register's "why" column)."""

    NO_VACANCY = "no_vacancy", "No registered home had a vacancy that could meet the needs"
    NEEDS = "complex_needs", "Registered homes with vacancies could not meet the child's needs"
    DECLINED = "declined", "Registered providers approached declined to offer a place"
    EMERGENCY = "emergency", "Emergency: no registered place could be found the same day"
    DEPRIVATION_OF_LIBERTY = "dol", "Deprivation of liberty order and no registered secure place"
    OTHER = "other", "Another reason (explained below)"


class UnregisteredSetting(models.TextChoices):
    """What kind of accommodation the child is living in (seed 000 §4.2)."""

    COUNCIL_PROPERTY = "council_property", "Council property staffed by a commissioned agency"
    RENTED = "rented", "Rented accommodation (for example a holiday let)"
    AWAITING_REGISTRATION = "awaiting_registration", "Provider's home awaiting registration"
    OTHER = "other", "Other accommodation"


class UnregisteredEndReason(models.TextChoices):
    MOVED_REGISTERED = "moved_registered", "Moved to a registered placement"
    HOME_REGISTERED = "home_registered", "The home was registered with Ofsted"
    MOVED_UNREGISTERED = "moved_unregistered", "Moved to another unregistered placement"
    LEFT_CARE = "left_care", "Ceased to be looked after"


class ProgressStep(models.TextChoices):
    """Where the search for a registered place (or the home's registration) has got to."""

    SEARCHING = "searching", "Searching for a registered place"
    PLACE_IDENTIFIED = "place_identified", "A registered place has been identified"
    TRANSITION = "transition", "Moving to the registered place is being planned"
    APPLIED = "registration_applied", "The provider has applied to Ofsted for registration"
    INSPECTED = "registration_inspected", "Ofsted has visited for registration"
    NOT_VIABLE = "not_viable", "Registration is not viable: a new registered home is needed"


class UnregisteredPlacement(BaseModel):
    """One entry of the register: a child living in a placement no one registered.

    ``started_on`` is the day the child moved in: the episode's start, unless the episode
    began with a change of legal status only (the placement itself started earlier).
    Approval by the Corporate Director is due by the day the child moves in; an approval
    recorded later is kept with its date and counts as late (measure UP-01).
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="unregistered_placements"
    )
    episode = models.OneToOneField(
        "care.LookedAfterEpisode",
        on_delete=models.PROTECT,
        related_name="unregistered_placement",
        help_text="The looked-after episode (placement) the child started this placement with.",
    )
    started_on = models.DateField("date placed")
    address = models.TextField(help_text="The full address the child is living at.")
    provider = models.CharField(
        max_length=160, help_text="Who provides the care and staffing (agency or organisation)."
    )
    setting = models.CharField(max_length=30, choices=UnregisteredSetting.choices)
    reason = models.CharField(
        "why there is no registered place", max_length=20, choices=NoRegisteredPlaceReason.choices
    )
    reason_detail = models.TextField(
        "search for a registered place",
        help_text="Which registered homes were approached and why none could offer a place.",
    )
    approved_on = models.DateField("approved by the Corporate Director on", null=True, blank=True)
    approved_by = models.CharField(
        "Corporate Director", max_length=160, blank=True, help_text="Name of the approver."
    )
    approval_note = models.TextField(blank=True)
    ended_on = models.DateField("placement ended", null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=UnregisteredEndReason.choices, blank=True)
    end_note = models.TextField(blank=True)

    class Meta:
        verbose_name = "unregistered placement"
        ordering = ("started_on", "child")
        indexes = [models.Index(fields=["started_on"]), models.Index(fields=["ended_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True, end_reason="")
                | (models.Q(ended_on__isnull=False) & ~models.Q(end_reason="")),
                name="care_unregistered_end_date_and_reason_together",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="care_unregistered_ends_on_or_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(approved_on__isnull=True, approved_by="")
                | (models.Q(approved_on__isnull=False) & ~models.Q(approved_by="")),
                name="care_unregistered_approval_date_and_name_together",
            ),
        ]

    def __str__(self) -> str:
        return f"Unregistered placement of {self.child} from {self.started_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    @property
    def is_approved(self) -> bool:
        return self.approved_on is not None

    @property
    def approved_in_time(self) -> bool:
        """Agreed by the Corporate Director by the registry's deadline (the day the child
        moved in, unless a local rule says otherwise)."""
        from safeguard.core.timescales import compute_due

        if self.approved_on is None:
            return False
        return self.approved_on <= compute_due("unregistered_approval", self.started_on).due_date


class ProgressUpdate(BaseModel):
    """Progress towards a registered place, or towards the home being registered."""

    placement = models.ForeignKey(
        UnregisteredPlacement, on_delete=models.PROTECT, related_name="progress_updates"
    )
    recorded_on = models.DateField()
    step = models.CharField(max_length=30, choices=ProgressStep.choices)
    note = models.TextField()

    class Meta:
        ordering = ("placement", "recorded_on", "created_at")
        indexes = [models.Index(fields=["placement", "recorded_on"])]

    def __str__(self) -> str:
        return f"{self.get_step_display()} ({self.recorded_on:%d/%m/%Y})"


class PrivateConversation(models.TextChoices):
    SPOKEN = "spoken", "Spoken to in private"
    DECLINED = "declined", "Offered, but declined"
    UNAVAILABLE = "unavailable", "Not available at the visit"


class Judgement(models.TextChoices):
    GOOD = "good", "Good"
    ADEQUATE = "adequate", "Adequate"
    INADEQUATE = "inadequate", "Inadequate: action needed"


class IndependentVisit(BaseModel):
    """A monthly independent visit on the lines of Regulation 44 (seed 000 §4.3).

    The visitor gives the child and the staff the chance to talk in private, checks the
    physical condition of the home, reads the daily log and the complaints, sanctions and
    restraint records, and forms an opinion of the standard of care.
    """

    placement = models.ForeignKey(
        UnregisteredPlacement, on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField()
    visitor = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="independent_visits",
        help_text="The independent person who visited (a CP chair or the residential "
        "services manager).",
    )
    child_spoken_to = models.CharField(
        "the child", max_length=12, choices=PrivateConversation.choices
    )
    staff_spoken_to = models.CharField(
        "the staff", max_length=12, choices=PrivateConversation.choices
    )
    physical_condition = models.CharField(max_length=12, choices=Judgement.choices)
    daily_log_checked = models.BooleanField(default=False)
    complaints_checked = models.BooleanField("complaints record checked", default=False)
    sanctions_checked = models.BooleanField("sanctions record checked", default=False)
    restraint_checked = models.BooleanField("restraint record checked", default=False)
    records_note = models.TextField("what the records show", blank=True)
    standard_of_care = models.CharField(max_length=12, choices=Judgement.choices)
    opinion = models.TextField("opinion on the standard of care")
    actions = models.TextField("actions agreed", blank=True)

    class Meta:
        ordering = ("placement", "visited_on")
        indexes = [models.Index(fields=["visited_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "visited_on"], name="care_one_independent_visit_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"Independent visit on {self.visited_on:%d/%m/%Y}"

    @property
    def all_records_checked(self) -> bool:
        return all(
            (
                self.daily_log_checked,
                self.complaints_checked,
                self.sanctions_checked,
                self.restraint_checked,
            )
        )


class DocumentKind(models.TextChoices):
    WEEKLY = "weekly", "Weekly report on unregistered placements"
    OFSTED = "ofsted", "Monthly notification to Ofsted"


class IssuedDocument(BaseModel):
    """A report as it was issued: kept unchanged, with the placements it covered.

    One per kind and period (the ISO week, or the calendar month): issuing again for a
    period that has its document is a no-op, so the scheduled command can run as often as
    wanted. ``html`` is the issued content; ``csv`` the same rows for a spreadsheet; ``pdf``
    the file produced at issue (documents written by the generator keep no PDF and are
    drawn from ``html`` on download).
    """

    kind = models.CharField(max_length=10, choices=DocumentKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    as_at = models.DateField(help_text="The day whose register the document reports.")
    issued_at = models.DateTimeField()
    recipients = models.CharField(max_length=300)
    placement_count = models.PositiveIntegerField()
    html = models.TextField()
    csv = models.TextField()
    pdf = models.BinaryField(blank=True, default=b"")

    class Meta:
        verbose_name = "issued unregistered placements document"
        ordering = ("-period_start", "kind")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "period_start"], name="care_one_issued_document_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="care_issued_document_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.period_start:%d/%m/%Y}"


class IssuedDocumentEntry(BaseModel):
    """One placement named in an issued document: the report each deadline counts from."""

    document = models.ForeignKey(IssuedDocument, on_delete=models.PROTECT, related_name="entries")
    placement = models.ForeignKey(
        UnregisteredPlacement, on_delete=models.PROTECT, related_name="document_entries"
    )

    class Meta:
        verbose_name = "placement in an issued document"
        ordering = ("document", "placement")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "placement"], name="care_issued_document_names_each_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.placement} in {self.document}"
