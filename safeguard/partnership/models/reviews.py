"""Serious incidents, rapid reviews and local child safeguarding practice reviews.

When a local authority in the partnership learns that a child has died or been seriously
harmed and abuse or neglect is known or suspected, it **notifies** the national Child
Safeguarding Practice Review Panel and the safeguarding partners within 5 working days
(WT2018 ch.4, timescale ``serious_incident_notification``); the death of a looked-after
child is also notified to the Secretary of State and Ofsted. The partners hold a **rapid
review** and send it to the Panel within 15 working days of the notification
(``rapid_review``), deciding whether a **local child safeguarding practice review**
(CSPR) is needed, a national review should be recommended, or no further review. A local
CSPR has an independent reviewer (their conflicts of interest checked), asks agencies for
written information, and is published within 6 months of the decision
(``cspr_publication``), its final report sent to the Panel and the Secretary of State at
least 7 working days before publication (``cspr_copy_to_panel``).

The child is identified by initials or an agreed name only: these records never hold or
show a case number or person identifier, and link to no child's record. They are the
partnership business unit's only (``manage_practice_reviews``).
"""

from __future__ import annotations

from django.db import models

from safeguard.core.models import BaseModel

__all__ = [
    "ActionStatus",
    "IncidentType",
    "InformationRequest",
    "LearningProduct",
    "LearningTheme",
    "ProductKind",
    "ReviewAction",
    "ReviewArea",
    "ReviewDecision",
    "SeriousIncident",
]


class ReviewArea(models.TextChoices):
    """The partnership's two local authorities."""

    OURS = "ours", "This authority"
    NEIGHBOUR = "neighbour", "The neighbouring authority in the partnership"


class IncidentType(models.TextChoices):
    DEATH = "death", "Death of a child"
    SERIOUS_HARM = "serious_harm", "Serious harm to a child"


class ReviewDecision(models.TextChoices):
    """What the rapid review decided."""

    LOCAL_CSPR = "local_cspr", "Local child safeguarding practice review"
    NATIONAL = "national_review", "National review recommended to the Panel"
    NO_FURTHER = "no_further_review", "No further review"


class ActionStatus(models.TextChoices):
    """Stored status of an action; "overdue" is worked out from the due date."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"


class ProductKind(models.TextChoices):
    SEVEN_MINUTE = "seven_minute_briefing", "7-minute briefing"
    WEBINAR = "webinar", "Webinar"
    PRACTICE_GUIDANCE = "practice_guidance", "Practice guidance"
    NEWSLETTER = "newsletter", "Newsletter article"
    LEARNING_EVENT = "learning_event", "Lunchtime learning or practitioner event"
    SYNOPSIS = "synopsis", "Synopsis of learning"
    OTHER = "other", "Other"


class LearningTheme(BaseModel):
    """One entry of the business unit's maintained list of learning themes (retired
    with ``active`` so reviews that used it keep it)."""

    code = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(default=100)
    active = models.BooleanField(default=True, help_text="Offered when themes are chosen.")

    class Meta:
        ordering = ("order", "label")
        verbose_name = "practice review learning theme"

    def __str__(self) -> str:
        return self.label


class SeriousIncident(BaseModel):
    """One serious incident, from notification through rapid review to any local CSPR."""

    reference = models.CharField(
        max_length=20, unique=True, help_text="SI-year-number, given when it is recorded."
    )
    child_identifier = models.CharField(
        "child's initials or agreed name",
        max_length=40,
        help_text="Never a case number or person identifier.",
    )
    la_area = models.CharField("local authority area", max_length=12, choices=ReviewArea.choices)
    incident_type = models.CharField(max_length=14, choices=IncidentType.choices)
    looked_after = models.BooleanField("the child was looked after", default=False)
    incident_on = models.DateField("date of the incident", null=True, blank=True)
    aware_on = models.DateField("date the local authority became aware")
    summary = models.TextField("what happened", blank=True)
    # -- notification --
    panel_notified_on = models.DateField(
        "date notified to the national Panel", null=True, blank=True
    )
    partners_notified_on = models.DateField(
        "date notified to the safeguarding partners", null=True, blank=True
    )
    secretary_of_state_notified_on = models.DateField(
        "date notified to the Secretary of State", null=True, blank=True
    )
    ofsted_notified_on = models.DateField("date notified to Ofsted", null=True, blank=True)
    # -- rapid review --
    rapid_review_held_on = models.DateField("date the rapid review was held", null=True, blank=True)
    rapid_review_sent_on = models.DateField("date sent to the Panel", null=True, blank=True)
    rapid_review_facts = models.TextField("the facts", blank=True)
    immediate_actions = models.TextField("immediate actions", blank=True)
    decision = models.CharField(max_length=20, choices=ReviewDecision.choices, blank=True)
    decision_reasons = models.TextField("reasons for the decision", blank=True)
    # -- local child safeguarding practice review --
    cspr_decided_on = models.DateField("date the local CSPR was decided", null=True, blank=True)
    reviewer_name = models.CharField(max_length=120, blank=True)
    reviewer_organisation = models.CharField(max_length=160, blank=True)
    coi_declared = models.BooleanField(
        "conflict of interest declared", null=True, blank=True, help_text="Blank until checked."
    )
    coi_checked_on = models.DateField(
        "date of the conflict of interest check", null=True, blank=True
    )
    coi_outcome = models.TextField("outcome of the conflict of interest check", blank=True)
    planned_publication_on = models.DateField("planned publication date", null=True, blank=True)
    copy_sent_on = models.DateField(
        "date the final report went to the Panel and the Secretary of State",
        null=True,
        blank=True,
    )
    published_on = models.DateField("date published", null=True, blank=True)
    themes = models.ManyToManyField(LearningTheme, blank=True, related_name="incidents")

    class Meta:
        ordering = ("-aware_on", "-reference")
        verbose_name = "serious incident"
        indexes = [
            models.Index(fields=["aware_on"]),
            models.Index(fields=["rapid_review_held_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(incident_on__isnull=True)
                | models.Q(incident_on__lte=models.F("aware_on")),
                name="partnership_si_incident_before_aware",
            ),
            models.CheckConstraint(
                condition=models.Q(decision="") | models.Q(rapid_review_held_on__isnull=False),
                name="partnership_si_decision_at_rapid_review",
            ),
            models.CheckConstraint(
                condition=models.Q(cspr_decided_on__isnull=True) | models.Q(decision="local_cspr"),
                name="partnership_si_cspr_only_when_decided",
            ),
            models.CheckConstraint(
                condition=models.Q(published_on__isnull=True)
                | models.Q(cspr_decided_on__isnull=False),
                name="partnership_si_published_cspr",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.child_identifier}"

    @property
    def is_looked_after_death(self) -> bool:
        return self.looked_after and self.incident_type == IncidentType.DEATH


class InformationRequest(BaseModel):
    """A written request to an agency for information for a local CSPR."""

    incident = models.ForeignKey(
        SeriousIncident, on_delete=models.CASCADE, related_name="information_requests"
    )
    agency = models.CharField(max_length=160)
    sent_on = models.DateField()
    due_on = models.DateField()
    received_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("incident", "sent_on", "agency")
        verbose_name = "CSPR information request"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("sent_on")),
                name="partnership_inforequest_due_after_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.incident.reference}: {self.agency}"


class ReviewAction(BaseModel):
    """One action of the multi-agency action plan from a review, tracked to completion."""

    incident = models.ForeignKey(SeriousIncident, on_delete=models.CASCADE, related_name="actions")
    action = models.TextField()
    owner_agency = models.CharField("owner agency", max_length=160)
    due_on = models.DateField("due date")
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    completed_on = models.DateField(null=True, blank=True)
    evidence = models.TextField("evidence of completion", blank=True)

    class Meta:
        ordering = ("incident", "due_on", "created_at")
        verbose_name = "practice review action"
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(status="complete", completed_on__isnull=False) & ~models.Q(evidence="")
                )
                | (~models.Q(status="complete") & models.Q(completed_on__isnull=True)),
                name="partnership_reviewaction_complete_with_evidence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.incident.reference}: {self.action[:60]}"


class LearningProduct(BaseModel):
    """Something issued to share a review's learning (a 7-minute briefing, a webinar...)."""

    incident = models.ForeignKey(SeriousIncident, on_delete=models.CASCADE, related_name="products")
    kind = models.CharField(max_length=24, choices=ProductKind.choices)
    title = models.CharField(max_length=200)
    issued_on = models.DateField("date issued")
    audience = models.CharField(max_length=200)

    class Meta:
        ordering = ("incident", "issued_on")
        verbose_name = "learning product"

    def __str__(self) -> str:
        return f"{self.incident.reference}: {self.title}"
