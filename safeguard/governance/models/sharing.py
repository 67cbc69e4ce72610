"""The sharing log: agreements with partner agencies, disclosures, and items withheld
from the family.

A disclosure to a partner agency must rest on a sharing agreement in force on the day
it was made; the partner then sees the child while that agreement is still in force
(``safeguard.governance.selectors.partners``).
"""

from __future__ import annotations

from django.db import models

from safeguard.access.models import User
from safeguard.access.roles import Agency
from safeguard.core import clock
from safeguard.core.models import BaseModel
from safeguard.governance.models.references import ReferencesRecord


class LegalBasis(models.TextChoices):
    """The lawful basis a disclosure (or an agreement) rests on."""

    CONSENT = "consent", "Consent (UK GDPR Art 6(1)(a) and Art 9(2)(a))"
    CHILDREN_ACT_S17 = "ca1989_s17", "Children Act 1989 s17 (child in need)"
    CHILDREN_ACT_S47 = "ca1989_s47", "Children Act 1989 s47 (child protection enquiries)"
    CRIME_AND_DISORDER_S115 = "cda1998_s115", "Crime and Disorder Act 1998 s115"
    PUBLIC_TASK_SAFEGUARDING = (
        "public_task_safeguarding",
        "UK GDPR Art 6(1)(e) public task, with Art 9(2)(g) and DPA 2018 Sch 1 para 18 "
        "(safeguarding of children)",
    )
    COURT_ORDER = "court_order", "Court order"
    VITAL_INTERESTS = "vital_interests", "Vital interests (UK GDPR Art 6(1)(d) and Art 9(2)(c))"
    RIGHT_OF_ACCESS = "right_of_access", "UK GDPR Art 15 right of access (subject access)"


class ConsentStatus(models.TextChoices):
    GIVEN = "given", "Consent given"
    REFUSED = "refused", "Consent refused (shared without it)"
    NOT_SOUGHT = "not_sought", "Consent not sought"
    WITHDRAWN = "withdrawn", "Consent withdrawn (shared without it)"
    NOT_REQUIRED = "not_required", "Consent not required (e.g. court order)"


#: Sharing without consent in these cases must say why (Working Together: record the reason).
CONSENT_NEEDS_REASON = frozenset(
    {ConsentStatus.REFUSED, ConsentStatus.NOT_SOUGHT, ConsentStatus.WITHDRAWN}
)


class RecipientKind(models.TextChoices):
    PARTNER_AGENCY = "partner_agency", "Partner agency"
    FAMILY = "family", "Family member"
    PROFESSIONAL = "professional", "Other professional"
    SUBJECT = "subject", "The person themselves, or their representative (subject access)"


class SharingAgreement(BaseModel):
    """An information-sharing agreement with one partner agency.

    In force from ``starts_on`` until the day before ``ends_on`` (ending it today stops
    partner access today). Ended agreements are kept: the disclosures made under them
    refer to them.
    """

    agency = models.CharField(max_length=20, choices=Agency.CHOICES)
    title = models.CharField(max_length=200)
    purpose = models.TextField()
    legal_basis = models.CharField(max_length=40, choices=LegalBasis.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(
        null=True, blank=True, help_text="The first day the agreement no longer applies."
    )
    signed_by = models.CharField(max_length=300, help_text="Who signed it, for each party.")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    end_reason = models.TextField(blank=True)
    ended_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("agency", "-starts_on")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gt=models.F("starts_on")),
                name="governance_agreement_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_agency_display()}: {self.title}"

    def in_force_on(self, day: object) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day < self.ends_on)  # type: ignore[operator]

    @property
    def in_force(self) -> bool:
        return self.in_force_on(clock.today())


class Disclosure(ReferencesRecord):
    """One entry in the sharing log: who was given what about the person, when and why."""

    child = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="disclosures",
        help_text="The person the information is about.",
    )
    recipient_kind = models.CharField(max_length=20, choices=RecipientKind.choices)
    agency = models.CharField(max_length=20, choices=Agency.CHOICES, blank=True)
    agreement = models.ForeignKey(
        SharingAgreement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosures",
    )
    recipient_name = models.CharField(max_length=160, blank=True)
    recipient_role = models.CharField(
        "relationship to the child, or role", max_length=160, blank=True
    )
    description = models.TextField("what was shared")
    purpose = models.TextField("why it was shared")
    legal_basis = models.CharField(max_length=40, choices=LegalBasis.choices)
    consent_status = models.CharField(max_length=20, choices=ConsentStatus.choices)
    consent_note = models.TextField(
        "reason for sharing without consent",
        blank=True,
        help_text="Required unless consent was given or is not required.",
    )
    disclosed_on = models.DateField("date shared")
    disclosed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ("-disclosed_on", "-created_at")
        indexes = [
            models.Index(fields=["child", "disclosed_on"]),
            models.Index(fields=["agency", "child"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(recipient_kind="partner_agency")
                    & ~models.Q(agency="")
                    & models.Q(agreement__isnull=False)
                )
                | (
                    ~models.Q(recipient_kind="partner_agency")
                    & models.Q(agency="", agreement__isnull=True)
                ),
                name="governance_disclosure_partner_has_agency_and_agreement",
            )
        ]

    def __str__(self) -> str:
        return f"Disclosure to {self.recipient} on {self.disclosed_on:%d/%m/%Y}"

    @property
    def recipient(self) -> str:
        if self.recipient_kind == RecipientKind.PARTNER_AGENCY:
            agency = self.get_agency_display()
            return f"{agency} ({self.recipient_name})" if self.recipient_name else agency
        role = f" ({self.recipient_role})" if self.recipient_role else ""
        return f"{self.recipient_name}{role}"


class WithholdReason(models.TextChoices):
    POLICE_INVESTIGATION = "police_investigation", "It would prejudice a police investigation"
    SERIOUS_HARM = "serious_harm", "It would cause serious harm to the child or someone else"
    THIRD_PARTY = "third_party", "It is another person's information"
    LEGAL_PRIVILEGE = "legal_privilege", "Legal advice (legal professional privilege)"
    COURT = "court", "A court has directed it is not disclosed"
    OTHER = "other", "Other"


class WithheldItem(ReferencesRecord):
    """Something about the child that must not reach the family: a whole record, one field
    of a record, or a passage of text wherever it appears.

    Family-facing outputs (the family copy of a conference record, subject access
    exports) leave it out through one selector (``selectors.family.for_family``). Lifting
    is recorded, never deleted.
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="withheld_items"
    )
    field_name = models.CharField(
        max_length=80, blank=True, help_text="Only this field of the record (blank: all of it)."
    )
    passage = models.TextField(
        blank=True, help_text="Exact words to leave out of every family-facing output."
    )
    description = models.CharField("what is withheld", max_length=300)
    reason_category = models.CharField(max_length=30, choices=WithholdReason.choices)
    reason = models.TextField()
    review_on = models.DateField(
        null=True, blank=True, help_text="When to consider again whether it can be shared."
    )
    marked_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(default=clock.now)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lift_reason = models.TextField(blank=True)

    class Meta:
        verbose_name = "item withheld from the family"
        verbose_name_plural = "items withheld from the family"
        ordering = ("-marked_at",)
        indexes = [models.Index(fields=["child", "lifted_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(object_id="") | ~models.Q(passage=""),
                name="governance_withheld_has_record_or_passage",
            ),
            models.CheckConstraint(
                condition=models.Q(field_name="") | ~models.Q(object_id=""),
                name="governance_withheld_field_needs_record",
            ),
        ]

    def __str__(self) -> str:
        return f"Withheld from family: {self.description}"

    @property
    def is_live(self) -> bool:
        return self.lifted_at is None
