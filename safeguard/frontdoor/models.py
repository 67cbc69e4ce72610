"""The front door: contacts, police PPNs, MASH triage, partner checks and decisions per child.

Contacts are not in the CIN census. A MASH decision of "assessment" or "strategy
discussion" opens a referral (``cin.CINEpisode``) whose ReferralDate and ReferralSource
come from the contact; a decision of "early help" starts an early help episode. See
docs/data-model/frontdoor.md for what each field feeds.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from safeguard.core.codes import CodeField
from safeguard.core.models import BaseModel


class ContactChannel(models.TextChoices):
    PROFESSIONAL_LINE = "professional_line", "Professional line"
    PUBLIC_LINE = "public_line", "Public line"
    POLICE_PPN = "police_ppn", "Police Public Protection Notice (PPN)"
    EMAIL = "email", "Email"
    ONLINE_PORTAL = "online_portal", "Online portal"
    PHONE = "phone", "Phone (other)"
    OTHER = "other", "Other"


class PpnRating(models.TextChoices):
    """The police colour rating of a PPN (Dorset "BRAG" prioritisation, from July 2020)."""

    BLUE = "blue", "Blue"
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class ContactOutcome(models.TextChoices):
    INFORMATION_AND_ADVICE = "information_advice", "Information and advice (closed at contact)"
    NO_FURTHER_ACTION = "nfa", "No further action (closed at contact)"
    MASH_TRIAGE = "mash", "Progressed to MASH triage"


#: Outcomes that close a contact without MASH triage.
CLOSED_AT_CONTACT = frozenset(
    {ContactOutcome.INFORMATION_AND_ADVICE, ContactOutcome.NO_FURTHER_ACTION}
)

#: DfE referral source for the police (a police PPN always comes from the police).
POLICE_SOURCE = "6"


class Contact(BaseModel):
    """Anything that reaches the front door about one or more children.

    Not in the CIN census; counted by source and channel, and converted to referrals by
    MASH decisions (contact-to-referral conversion).
    """

    received_at = models.DateTimeField(help_text="When the front door received the contact.")
    source = CodeField(
        codelist="referral_source",
        help_text="Who made the contact, as a DfE referral source; becomes the CIN census "
        "ReferralSource if a referral opens.",
    )
    channel = models.CharField(max_length=20, choices=ContactChannel.choices)
    referrer_name = models.CharField(max_length=160, blank=True)
    referrer_agency = models.CharField(max_length=160, blank=True)
    referrer_contact_details = models.CharField(
        max_length=255, blank=True, help_text="Phone or secure email for feedback."
    )
    concerns = models.TextField(help_text="What the referrer is worried about.")
    consent_asked = models.BooleanField(
        "consent asked", help_text="Was the family asked for consent to share information?"
    )
    consent_given = models.BooleanField("consent given")
    consent_override_reason = models.TextField(
        "reason for proceeding without consent",
        blank=True,
        help_text="Why information is shared without consent (required before MASH checks "
        "when consent was not given).",
    )
    ppn_rating = models.CharField(
        "PPN colour rating",
        max_length=10,
        choices=PpnRating.choices,
        blank=True,
        help_text="Police PPNs only.",
    )
    advice_given = models.TextField(blank=True)
    outcome = models.CharField(
        max_length=20,
        choices=ContactOutcome.choices,
        blank=True,
        help_text="Blank while the contact awaits screening.",
    )
    outcome_at = models.DateTimeField(
        null=True, blank=True, help_text="When the contact was closed or passed to MASH."
    )
    recorded_by = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contacts_recorded",
    )

    class Meta:
        ordering = ("received_at",)
        indexes = [
            models.Index(fields=["received_at"]),
            models.Index(fields=["outcome", "received_at"]),
            models.Index(fields=["source"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent_given=False) | models.Q(consent_asked=True),
                name="contact_consent_given_implies_asked",
            ),
            models.CheckConstraint(
                condition=models.Q(ppn_rating="") | models.Q(channel=ContactChannel.POLICE_PPN),
                name="contact_ppn_rating_only_on_ppn",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="", outcome_at__isnull=True)
                | (~models.Q(outcome="") & models.Q(outcome_at__gte=models.F("received_at"))),
                name="contact_outcome_has_time_after_receipt",
            ),
        ]

    def __str__(self) -> str:
        received = timezone.localtime(self.received_at)
        return f"Contact by {self.get_channel_display().lower()} on {received:%d/%m/%Y}"

    @property
    def is_police_ppn(self) -> bool:
        return self.channel == ContactChannel.POLICE_PPN


class ContactChild(BaseModel):
    """A child a contact is about (a contact can concern several children of a family)."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="contact_children")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="contacts")

    class Meta:
        verbose_name = "child on a contact"
        verbose_name_plural = "children on contacts"
        constraints = [
            models.UniqueConstraint(fields=["contact", "child"], name="one_row_per_contact_child")
        ]

    def __str__(self) -> str:
        return f"{self.child} on {self.contact}"


class MashPriority(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class MashTriage(BaseModel):
    """Multi-agency triage of one contact: priority, partner checks and decisions per child.

    ``decided_at`` is set when the last child on the contact has a decision.
    """

    contact = models.OneToOneField(Contact, on_delete=models.PROTECT, related_name="triage")
    priority = models.CharField("RAG priority", max_length=10, choices=MashPriority.choices)
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(
        "workforce.Worker", on_delete=models.PROTECT, related_name="mash_triages_started"
    )
    decided_at = models.DateTimeField(
        null=True, blank=True, help_text="When the last child on the contact had a decision."
    )
    decided_by = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mash_triages_decided",
    )

    class Meta:
        verbose_name = "MASH triage"
        ordering = ("started_at",)
        indexes = [models.Index(fields=["decided_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decided_at__isnull=True)
                | models.Q(decided_at__gte=models.F("started_at")),
                name="mash_triage_decided_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"MASH triage of {self.contact}"


class PartnerAgency(models.TextChoices):
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    YOS = "yos", "Youth offending service"
    ADULT_SERVICES = "adult_services", "Adult services"
    SUBSTANCE_MISUSE = "substance_misuse", "Alcohol and substance misuse services"


class PartnerCheck(BaseModel):
    """Information requested from a partner agency during MASH triage, and its answer."""

    triage = models.ForeignKey(MashTriage, on_delete=models.CASCADE, related_name="partner_checks")
    agency = models.CharField(max_length=20, choices=PartnerAgency.choices)
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partner_checks_requested",
    )
    information_requested = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.CharField(
        max_length=160, blank=True, help_text="The partner practitioner who answered."
    )
    answer = models.TextField(blank=True)

    class Meta:
        ordering = ("triage", "requested_at")
        constraints = [
            models.UniqueConstraint(
                fields=["triage", "agency"],
                condition=models.Q(answered_at__isnull=True),
                name="one_outstanding_check_per_agency",
            ),
            models.CheckConstraint(
                condition=models.Q(answered_at__isnull=True)
                | models.Q(answered_at__gte=models.F("requested_at")),
                name="partner_check_answered_after_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_agency_display()} check for {self.triage.contact}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class MashOutcome(models.TextChoices):
    INFORMATION_AND_ADVICE = "information_advice", "Information and advice"
    EARLY_HELP = "early_help", "Early help"
    ASSESSMENT = "assessment", "Assessment (referral to children's social care)"
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion"
    NO_FURTHER_ACTION = "nfa", "No further action"


#: Outcomes that accept a referral to children's social care (open a CIN episode).
OPENS_REFERRAL = frozenset({MashOutcome.ASSESSMENT, MashOutcome.STRATEGY_DISCUSSION})
#: Outcomes where the social care threshold is not met: feedback must give the reasons.
THRESHOLD_NOT_MET = frozenset(
    {MashOutcome.INFORMATION_AND_ADVICE, MashOutcome.EARLY_HELP, MashOutcome.NO_FURTHER_ACTION}
)


class MashDecision(BaseModel):
    """The MASH decision for one child on a triaged contact.

    An early help decision's episode links back here (``early_help_episode``, owned by the
    earlyhelp app, which sits above frontdoor).
    """

    triage = models.ForeignKey(MashTriage, on_delete=models.PROTECT, related_name="decisions")
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="mash_decisions"
    )
    outcome = models.CharField(max_length=20, choices=MashOutcome.choices)
    reasons = models.TextField()
    decided_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        "workforce.Worker", on_delete=models.PROTECT, related_name="mash_decisions"
    )
    feedback_given = models.BooleanField("feedback given to the referrer", default=False)
    feedback_given_on = models.DateField(null=True, blank=True)
    feedback_reasons = models.TextField(
        blank=True,
        help_text="Why the threshold for social care was not met, as told to the referrer.",
    )
    cin_episode = models.OneToOneField(
        "cin.CINEpisode",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mash_decision",
        help_text="The referral this decision opened.",
    )

    class Meta:
        verbose_name = "MASH decision"
        ordering = ("triage", "decided_at")
        indexes = [
            models.Index(fields=["decided_at"]),
            models.Index(fields=["outcome", "decided_at"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["triage", "child"], name="one_mash_decision_per_child"),
            models.CheckConstraint(
                condition=models.Q(feedback_given=True) | models.Q(feedback_given_on__isnull=True),
                name="mash_feedback_date_only_when_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} for {self.child}"


# Domestic abuse (PPN consultations, HRDA meetings) lives in its own module.
from safeguard.frontdoor.models_domestic_abuse import (  # noqa: E402, F401
    HrdaAction,
    HrdaCase,
    HrdaListing,
    HrdaMeeting,
    PpnConsultation,
)
