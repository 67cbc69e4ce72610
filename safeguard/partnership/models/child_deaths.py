"""Child death reviews (CDOP): from notification to the panel's review.

Every death of a child normally resident in the partnership's area (two local
authorities reviewing together, WT2018 ch.5 para 3) is **notified** to the CDOP
administrator, who records the child, the dates, who notified and where the child died,
whether the death was expected, and whether the child was known to children's social
care. An unexpected death has a **Joint Agency Response** (police and health together);
the **coroner** may investigate or order a post-mortem and must tell the child death
review partners within 3 working days of deciding to (timescale ``coroner_notice``); the
**registrar** supplies the particulars of the death within 7 days of registering it
(``registrar_particulars``). Professionals who knew the child meet at the **child death
review meeting**; the **panel** then reviews the death independently: its category (the
ten national categories), whether there were **modifiable factors** (and which, from a
maintained list) and the learning.

These records are the partnership business unit's only (``manage_child_deaths``): they
are not part of a child's social care record and never appear on its chronology. The
age band and "neonatal" are worked out from the dates by the service, and stored so the
annual statistics and the National Child Mortality Database export can count them.
"""

from __future__ import annotations

from django.db import models

from safeguard.core.codes import CodeField
from safeguard.core.models import BaseModel

__all__ = [
    "AgeBand",
    "ChildDeath",
    "DeathCategory",
    "Expectation",
    "ModifiableFactor",
    "NotifyingAgency",
    "PlaceOfDeath",
    "ResidentArea",
]


class ResidentArea(models.TextChoices):
    """Where the child normally lived: the two authorities of the partnership, or neither."""

    OURS = "ours", "This authority"
    NEIGHBOUR = "neighbour", "The neighbouring authority in the partnership"
    OUT_OF_AREA = "out_of_area", "Out of area (died here, lived elsewhere)"


class NotifyingAgency(models.TextChoices):
    HOSPITAL = "hospital", "Hospital (acute trust)"
    COMMUNITY_HEALTH = "community_health", "Community health or GP"
    AMBULANCE = "ambulance", "Ambulance service"
    POLICE = "police", "Police"
    CORONER = "coroner", "Coroner"
    REGISTRAR = "registrar", "Registrar of births and deaths"
    SOCIAL_CARE = "social_care", "Children's social care"
    EDUCATION = "education", "School or college"
    HOSPICE = "hospice", "Hospice"
    OTHER_CDOP = "other_cdop", "Another CDOP"
    OTHER = "other", "Other"


class PlaceOfDeath(models.TextChoices):
    HOSPITAL = "hospital", "Hospital"
    NEONATAL_UNIT = "neonatal_unit", "Neonatal unit"
    HOME = "home", "Home"
    HOSPICE = "hospice", "Hospice"
    PUBLIC_PLACE = "public_place", "Public place or road"
    OTHER = "other", "Other"


class Expectation(models.TextChoices):
    EXPECTED = "expected", "Expected"
    UNEXPECTED = "unexpected", "Unexpected"


class AgeBand(models.TextChoices):
    """The age bands of the national child death statistics."""

    NEONATAL = "0-27d", "0 to 27 days"
    INFANT = "28-364d", "28 to 364 days"
    AGE_1_4 = "1-4", "1 to 4 years"
    AGE_5_9 = "5-9", "5 to 9 years"
    AGE_10_14 = "10-14", "10 to 14 years"
    AGE_15_17 = "15-17", "15 to 17 years"


class DeathCategory(models.TextChoices):
    """The national CDOP categories of death (the panel's judgement, 1 to 10)."""

    INFLICTED = "1", "1: Deliberately inflicted injury, abuse or neglect"
    SUICIDE = "2", "2: Suicide or deliberate self-inflicted harm"
    TRAUMA = "3", "3: Trauma and other external factors"
    MALIGNANCY = "4", "4: Malignancy"
    ACUTE = "5", "5: Acute medical or surgical condition"
    CHRONIC = "6", "6: Chronic medical condition"
    CONGENITAL = "7", "7: Chromosomal, genetic and congenital anomalies"
    PERINATAL = "8", "8: Perinatal/neonatal event"
    INFECTION = "9", "9: Infection"
    SUDDEN = "10", "10: Sudden unexpected, unexplained death"


class ModifiableFactor(BaseModel):
    """One entry of the maintained list of modifiable factors the panel chooses from
    (administrators add entries, or retire them with ``active`` without losing history)."""

    code = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=100)
    active = models.BooleanField(default=True, help_text="Offered to the panel.")

    class Meta:
        ordering = ("order", "label")
        verbose_name = "CDOP modifiable factor"

    def __str__(self) -> str:
        return self.label


class ChildDeath(BaseModel):
    """One child's death, from notification to the panel's review."""

    reference = models.CharField(
        max_length=20, unique=True, help_text="CDOP-year-number, given at notification."
    )
    # -- the child --
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    date_of_birth = models.DateField()
    date_of_death = models.DateField()
    sex = CodeField(codelist="gender")
    ethnicity = CodeField(codelist="ethnicity", default="NOBT")
    resident_area = models.CharField(max_length=12, choices=ResidentArea.choices)
    age_band = models.CharField(
        max_length=8, choices=AgeBand.choices, help_text="From the dates of birth and death."
    )
    neonatal = models.BooleanField(help_text="Died in the first 27 days of life.")
    known_to_social_care = models.BooleanField("known to children's social care")
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The child's record, when they were known to us.",
    )
    # -- the notification --
    notified_on = models.DateField("date notified")
    notified_by = models.CharField(max_length=20, choices=NotifyingAgency.choices)
    notifier_detail = models.CharField("who notified", max_length=160, blank=True)
    place_of_death = models.CharField(max_length=20, choices=PlaceOfDeath.choices)
    expectation = models.CharField(max_length=10, choices=Expectation.choices)
    circumstances = models.TextField(blank=True)
    # -- Joint Agency Response (unexpected deaths) --
    jar_started_on = models.DateField(
        "date the Joint Agency Response started", null=True, blank=True
    )
    jar_lead = models.CharField("lead for the Joint Agency Response", max_length=160, blank=True)
    # -- the coroner --
    coroner_decision_on = models.DateField(
        "date the coroner decided to investigate", null=True, blank=True
    )
    coroner_investigation = models.BooleanField("coroner's investigation", default=False)
    post_mortem = models.BooleanField("post-mortem ordered", default=False)
    coroner_notice_on = models.DateField(
        "date the coroner's notice reached CDOP", null=True, blank=True
    )
    # -- the registrar --
    registered_on = models.DateField("date the death was registered", null=True, blank=True)
    registrar_particulars_on = models.DateField(
        "date the registrar's particulars arrived", null=True, blank=True
    )
    # -- child death review meeting --
    review_meeting_on = models.DateField("child death review meeting", null=True, blank=True)
    review_meeting_held = models.BooleanField("meeting held", default=False)
    # -- the panel --
    panel_on = models.DateField("CDOP panel date", null=True, blank=True)
    reviewed_on = models.DateField("date the panel completed its review", null=True, blank=True)
    category = models.CharField(max_length=2, choices=DeathCategory.choices, blank=True)
    modifiable = models.BooleanField("modifiable factors identified", null=True, blank=True)
    factors = models.ManyToManyField(ModifiableFactor, blank=True, related_name="child_deaths")
    learning = models.TextField("the panel's learning", blank=True)

    class Meta:
        ordering = ("-notified_on", "-reference")
        verbose_name = "child death review"
        indexes = [
            models.Index(fields=["notified_on"]),
            models.Index(fields=["reviewed_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_of_birth__lte=models.F("date_of_death")),
                name="partnership_childdeath_born_before_death",
            ),
            models.CheckConstraint(
                condition=models.Q(date_of_death__lte=models.F("notified_on")),
                name="partnership_childdeath_notified_after_death",
            ),
            models.CheckConstraint(
                condition=models.Q(jar_started_on__isnull=True)
                | models.Q(expectation="unexpected"),
                name="partnership_childdeath_jar_for_unexpected",
            ),
            models.CheckConstraint(
                condition=models.Q(reviewed_on__isnull=True)
                | (~models.Q(category="") & models.Q(modifiable__isnull=False)),
                name="partnership_childdeath_review_has_category",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.first_name} {self.last_name}"

    @property
    def unexpected(self) -> bool:
        return self.expectation == Expectation.UNEXPECTED

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_on is not None
