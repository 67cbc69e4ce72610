"""Allegations against people who work with children: the LADO's records.

An allegation reaches the Local Authority Designated Officer (LADO) as a **contact**: an
employer, agency or member of the public tells the LADO (Working Together 2018 ch.2
para 7: within one working day of it coming to the employer's attention, timescale
``lado_informed``). Most contacts are advice and consultation; those that meet the harm
threshold progress to a **referral**, which has strategy (and review) meetings, an
outcome (substantiated, unsubstantiated, false, malicious, unfounded) and a decision on a
referral to the Disclosure and Barring Service (DBS), and is then closed.

The subject is an adult who works with children: a person record when there is one (a
foster carer usually has), otherwise their name as given. The children involved link to
their person records; children not known to us are described in words.
"""

from __future__ import annotations

from django.db import models

from safeguard.core.models import BaseModel


class Stage(models.TextChoices):
    CONTACT = "contact", "Contact"
    REFERRAL = "referral", "Referral"


class SubjectRole(models.TextChoices):
    """The role in which the adult works (or volunteers) with children."""

    FOSTER_CARER = "foster_carer", "Foster carer"
    CONNECTED_PERSON = "connected_person", "Connected person (family and friends) foster carer"
    RESIDENTIAL_WORKER = "residential_worker", "Residential worker (children's home)"
    EDUCATION = "education", "Education: school or college staff"
    EARLY_YEARS = "early_years", "Early years or childcare worker"
    HEALTH = "health", "Health professional"
    SOCIAL_CARE = "social_care", "Social care worker"
    POLICE = "police", "Police"
    VOLUNTARY = "voluntary", "Voluntary, faith or community worker"
    SPORT = "sport", "Sport or leisure"
    TRANSPORT = "transport", "Transport or escort"
    OTHER = "other", "Other"


class SourceAgency(models.TextChoices):
    """Who brought the allegation to the LADO."""

    EDUCATION = "education", "Education (school or college)"
    EARLY_YEARS = "early_years", "Early years provider"
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    SOCIAL_CARE = "social_care", "Children's social care"
    FOSTERING = "fostering", "Fostering service"
    RESIDENTIAL = "residential", "Residential care provider"
    OFSTED = "ofsted", "Ofsted"
    VOLUNTARY = "voluntary", "Voluntary, faith or community organisation"
    SPORT = "sport", "Sport or leisure organisation"
    FAMILY = "family", "Parent, carer or relative"
    CHILD = "child", "The child or young person"
    ANONYMOUS = "anonymous", "Anonymous"
    OTHER = "other", "Other"


class Category(models.TextChoices):
    """What is alleged, by category of harm (WT2018 ch.2 para 4)."""

    PHYSICAL = "physical", "Physical abuse"
    EMOTIONAL = "emotional", "Emotional abuse"
    SEXUAL = "sexual", "Sexual abuse"
    NEGLECT = "neglect", "Neglect"
    SUITABILITY = "suitability", "Conduct that may make them unsuitable to work with children"


class ContactOutcome(models.TextChoices):
    """How a contact that did not become a referral was closed."""

    ADVICE = "advice", "Advice and consultation only"
    EMPLOYER = "employer", "For the employer to manage (below the harm threshold)"
    SOCIAL_CARE = "social_care", "Passed to children's social care about the child"
    OTHER_AUTHORITY = "other_authority", "Passed to another authority's LADO"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


class Outcome(models.TextChoices):
    """The outcome of a referral (the definitions statutory guidance uses)."""

    SUBSTANTIATED = "substantiated", "Substantiated"
    UNSUBSTANTIATED = "unsubstantiated", "Unsubstantiated"
    FALSE = "false", "False"
    MALICIOUS = "malicious", "Malicious"
    UNFOUNDED = "unfounded", "Unfounded"


OUTCOME_MEANINGS: dict[str, str] = {
    Outcome.SUBSTANTIATED: "there is sufficient evidence to prove the allegation",
    Outcome.UNSUBSTANTIATED: "there is insufficient evidence either to prove or disprove "
    "the allegation",
    Outcome.FALSE: "there is sufficient evidence to disprove the allegation",
    Outcome.MALICIOUS: "there is sufficient evidence to disprove the allegation and a "
    "deliberate act to deceive",
    Outcome.UNFOUNDED: "there is no evidence to support the allegation, which may have "
    "been a misunderstanding",
}
#: Outcomes after which a referral to the DBS may follow (the harm was not disproved).
DBS_OUTCOMES = frozenset({Outcome.SUBSTANTIATED, Outcome.UNSUBSTANTIATED})


class MeetingKind(models.TextChoices):
    STRATEGY = "strategy", "Strategy meeting"
    REVIEW = "review", "Review meeting"


class Allegation(BaseModel):
    """One allegation against a person who works with children, from contact to closure."""

    reference = models.CharField(
        max_length=20, unique=True, help_text="LADO-year-number, given when the contact is made."
    )
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.CONTACT)
    lado_informed_on = models.DateField(
        "date the LADO was informed", help_text="The day the contact reached the LADO."
    )
    reported_to_employer_on = models.DateField(
        "date the employer knew",
        null=True,
        blank=True,
        help_text="When the allegation came to the employer's attention or was made to the "
        "police (timescale lado_informed counts from here).",
    )
    source_agency = models.CharField(max_length=20, choices=SourceAgency.choices)
    source_detail = models.CharField(
        "who made the contact", max_length=160, blank=True, help_text="Name, post, organisation."
    )
    subject_name = models.CharField("name of the person", max_length=160)
    subject_person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lado_allegations_as_subject",
        help_text="Their person record, when they have one (e.g. a foster carer).",
    )
    subject_role = models.CharField("their role", max_length=20, choices=SubjectRole.choices)
    subject_employer = models.CharField("employer or organisation", max_length=160, blank=True)
    category = models.CharField(max_length=20, choices=Category.choices)
    summary = models.TextField("what is alleged")
    other_children = models.TextField(
        "children involved who have no record here",
        blank=True,
        help_text="For example, 'two pupils in year 4 (not known to us)'.",
    )
    officer = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lado_allegations",
        help_text="The designated officer managing the allegation.",
    )
    referral_on = models.DateField(
        "date it became a referral", null=True, blank=True, help_text="The harm threshold met."
    )
    contact_outcome = models.CharField(max_length=20, choices=ContactOutcome.choices, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    dbs_referral = models.BooleanField(
        "referred to the DBS", null=True, blank=True, help_text="Blank until decided."
    )
    dbs_referred_on = models.DateField("date referred to the DBS", null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closure_note = models.TextField(blank=True)

    class Meta:
        ordering = ("-lado_informed_on", "-reference")
        verbose_name = "LADO allegation"
        indexes = [
            models.Index(fields=["lado_informed_on"]),
            models.Index(fields=["stage", "closed_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stage="contact", referral_on__isnull=True)
                | models.Q(stage="referral", referral_on__isnull=False),
                name="partnership_allegation_referral_date_iff_referral",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="", outcome_on__isnull=True)
                | (models.Q(stage="referral", outcome_on__isnull=False) & ~models.Q(outcome="")),
                name="partnership_allegation_outcome_on_referrals_with_date",
            ),
            models.CheckConstraint(
                condition=models.Q(contact_outcome="")
                | models.Q(stage="contact", closed_on__isnull=False),
                name="partnership_allegation_contact_outcome_on_closed_contacts",
            ),
            models.CheckConstraint(
                condition=models.Q(dbs_referral=True, dbs_referred_on__isnull=False)
                | models.Q(dbs_referral__isnull=True, dbs_referred_on__isnull=True)
                | models.Q(dbs_referral=False, dbs_referred_on__isnull=True),
                name="partnership_allegation_dbs_date_iff_referred",
            ),
            models.CheckConstraint(
                condition=models.Q(reported_to_employer_on__isnull=True)
                | models.Q(reported_to_employer_on__lte=models.F("lado_informed_on")),
                name="partnership_allegation_employer_knew_first",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.subject_name} ({self.get_subject_role_display()})"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def is_referral(self) -> bool:
        return self.stage == Stage.REFERRAL


class AllegationChild(BaseModel):
    """A child named in an allegation (their person record)."""

    allegation = models.ForeignKey(Allegation, on_delete=models.CASCADE, related_name="children")
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="lado_allegations"
    )

    class Meta:
        ordering = ("allegation", "child__last_name", "child__first_name")
        verbose_name = "child named in a LADO allegation"
        constraints = [
            models.UniqueConstraint(
                fields=["allegation", "child"], name="partnership_allegation_child_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.allegation.reference}: {self.child}"


class AllegationMeeting(BaseModel):
    """A strategy (or later review) meeting about a referral."""

    allegation = models.ForeignKey(Allegation, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=10, choices=MeetingKind.choices)
    held_on = models.DateField()
    police_involved = models.BooleanField("police attended or are investigating", default=False)
    notes = models.TextField("decisions and actions", blank=True)

    class Meta:
        ordering = ("allegation", "held_on")
        verbose_name = "LADO strategy or review meeting"

    def __str__(self) -> str:
        return f"{self.allegation.reference}: {self.get_kind_display()} on {self.held_on:%d/%m/%Y}"
