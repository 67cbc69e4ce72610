"""Teams, workers, case allocation and the establishment (funded posts).

Allocation is a dated history because the SSDA903 social worker file and caseload
measures both need who held a child's case on any day; funded posts are dated for the
same reason: the vacancy rate on any past day needs the establishment of that day.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from safeguard.core.codes import CodeField
from safeguard.core.models import BaseModel


class ServiceArea(models.TextChoices):
    MASH = "mash", "MASH and front door"
    EARLY_HELP = "early_help", "Early help"
    ASSESSMENT = "assessment", "Assessment"
    CHILDREN_IN_NEED = "cin", "Children in need and child protection"
    CHILDREN_IN_CARE = "cic", "Children in care"
    CARE_LEAVERS = "care_leavers", "Care leavers"
    DISABILITY = "disability", "Children with disabilities"
    QUALITY_ASSURANCE = "qa", "Quality assurance (conference chairs and IROs)"
    BUSINESS_SUPPORT = "business_support", "Business support"
    PARTNERSHIP = "partnership", "Safeguarding partnership"
    PERFORMANCE = "performance", "Performance and intelligence"


class Team(BaseModel):
    name = models.CharField(max_length=120, unique=True)
    service_area = models.CharField(max_length=20, choices=ServiceArea.choices)
    locality = models.CharField(max_length=80, blank=True)
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class WorkerRole(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    CONSULTANT_SOCIAL_WORKER = "consultant_sw", "Consultant social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    SERVICE_MANAGER = "service_manager", "Service manager"
    MASH_OFFICER = "mash_officer", "MASH officer"
    EARLY_HELP_WORKER = "early_help_worker", "Early help worker"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"
    CONFERENCE_CHAIR = "cp_chair", "CP conference chair / IRO"
    BUSINESS_SUPPORT = "business_support", "Conference business support"
    LADO = "lado", "LADO"
    ANALYST = "analyst", "Performance analyst"
    PARTNERSHIP = "partnership", "Partnership business unit"
    QA_OFFICER = "qa_officer", "Quality assurance officer"


class Worker(BaseModel):
    """A member of staff who holds cases or chairs meetings (not necessarily a user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="worker",
    )
    staff_id = models.CharField(
        max_length=20, unique=True, help_text="Staff identifier, used as SW_ID in the SSDA903."
    )
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    role = models.CharField(max_length=30, choices=WorkerRole.choices)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="workers"
    )
    manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    is_agency = models.BooleanField(default=False)
    is_qualified_social_worker = models.BooleanField(default=True)
    fte = models.DecimalField(max_digits=3, decimal_places=2, default=1)
    started_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("last_name", "first_name")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Allocation(BaseModel):
    """Who holds a child's case, from when to when (SSDA903 SocialWorker episodes).

    ``ended_on`` is the handover date: the next worker's ``started_on`` (SSDA903 SW_DEC of
    one episode equals SW_DECOM of the next), so a child has one worker on any day and the
    case counts to the worker it was handed to on the day of handover. ``start_reason`` is
    the SSDA903 SW_REASON of this episode (why the child's social worker changed to this
    worker); ``end_reason`` is why this allocation ended (the next episode's SW_REASON).
    """

    child = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="allocations")
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="allocations")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    start_reason = CodeField(
        codelist="social_worker_change_reason",
        blank=True,
        help_text="Why the child's social worker changed to this worker (SSDA903 SW_REASON).",
    )
    end_reason = CodeField(codelist="social_worker_change_reason", blank=True)

    class Meta:
        ordering = ("child", "started_on")
        indexes = [
            models.Index(fields=["worker", "ended_on"]),
            models.Index(fields=["child", "ended_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_allocation_per_child",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="allocation_ends_on_or_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker} → {self.child} from {self.started_on:%d/%m/%Y}"


class FundedPost(BaseModel):
    """Posts the authority funds for one role in one team, in FTE: the establishment.

    One row may hold one post (``fte`` 1.0) or a team's whole complement of a role
    (``fte`` 11.0 for eleven full-time social worker posts); a change to the establishment
    ends the row (``ended_on``) and starts another, so the establishment on any past day
    can be read back. Funded from ``started_on``; ``ended_on`` is the day the posts were
    deleted, so (like a worker's ``left_on`` in the measures) they are not funded at the
    end of that day.

    Vacancies are not stored: the vacant FTE of a team on a day is its funded FTE of a role
    minus the FTE of **permanent** qualified staff of that role in post (never below 0).
    Agency locums cover vacancies; they do not fill them: a post covered by an agency
    worker is still vacant, as the DfE children's social work workforce census counts it,
    so the vacancy rate (OBA2-05) and the agency rate (OBA2-06) are read side by side.
    """

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="funded_posts")
    role = models.CharField(max_length=30, choices=WorkerRole.choices)
    fte = models.DecimalField(
        "funded FTE",
        max_digits=5,
        decimal_places=2,
        help_text="Full-time equivalent funded, e.g. 11.00 for eleven full-time posts.",
    )
    started_on = models.DateField("funded from")
    ended_on = models.DateField(
        "funding ended",
        null=True,
        blank=True,
        help_text="The day the posts were deleted from the establishment (blank: still funded).",
    )
    notes = models.CharField(
        max_length=200, blank=True, help_text="Budget reference or why the establishment changed."
    )

    class Meta:
        verbose_name = "funded post"
        ordering = ("team", "role", "started_on")
        indexes = [models.Index(fields=["role", "started_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fte__gt=0), name="funded_post_fte_above_zero"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gt=models.F("started_on")),
                name="funded_post_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["team", "role", "started_on"],
                name="funded_post_one_row_per_team_role_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team}: {self.fte} FTE {self.get_role_display().lower()}"

    def is_funded_on(self, day: dt.date) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on > day)
