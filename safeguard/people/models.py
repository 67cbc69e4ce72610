"""Persons (children and adults), their identifiers, demographics, relationships and homes.

The CIN census ChildIdentifiers/ChildCharacteristics and the SSDA903 Header are
projections of ``Person`` and ``Disability``.
"""

from __future__ import annotations

from django.db import models

from safeguard.core.codes import CodeField
from safeguard.core.models import BaseModel


class PersonKind(models.TextChoices):
    CHILD = "child", "Child or young person"
    ADULT = "adult", "Adult"


class Person(BaseModel):
    kind = models.CharField(max_length=10, choices=PersonKind.choices, default=PersonKind.CHILD)
    la_child_id = models.CharField(
        "LA person identifier",
        max_length=20,
        unique=True,
        help_text="The authority's identifier (CIN census LAchildID, SSDA903 CHILD).",
    )
    upn = models.CharField("UPN", max_length=13, blank=True)
    former_upn = models.CharField("former UPN", max_length=13, blank=True)
    upn_unknown_reason = CodeField(codelist="upn_unknown", blank=True)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)

    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    other_names = models.CharField(max_length=160, blank=True)
    preferred_name = models.CharField(max_length=80, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(
        null=True, blank=True, help_text="For an unborn child (CIN census ExpectedPersonBirthDate)."
    )
    date_of_death = models.DateField(null=True, blank=True)
    gender = CodeField(codelist="gender", default="0")
    ethnicity = CodeField(codelist="ethnicity", default="NOBT")
    first_language = models.CharField(max_length=60, blank=True)
    religion = models.CharField(max_length=60, blank=True)
    is_uasc = models.BooleanField("unaccompanied asylum-seeking child", default=False)
    uasc_ceased_on = models.DateField("date UASC status ceased", null=True, blank=True)

    class Meta:
        ordering = ("last_name", "first_name")
        indexes = [
            models.Index(fields=["last_name", "first_name"]),
            models.Index(fields=["date_of_birth"]),
            models.Index(fields=["upn"]),
            models.Index(fields=["nhs_number"]),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.la_child_id})"

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_birth is not None


class Disability(BaseModel):
    """One row per DfE disability code recorded for a person (CIN census Disabilities)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disabilities")
    code = CodeField(codelist="disability")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "code"], name="one_row_per_disability_code")
        ]

    def __str__(self) -> str:
        return self.code


class RelationshipType(models.TextChoices):
    PARENT = "parent", "Parent"
    STEP_PARENT = "step_parent", "Step-parent"
    GRANDPARENT = "grandparent", "Grandparent"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    AUNT_UNCLE = "aunt_uncle", "Aunt or uncle"
    PARTNER = "partner", "Partner of parent"
    CARER = "carer", "Carer"
    FOSTER_CARER = "foster_carer", "Foster carer"
    OTHER_RELATIVE = "other_relative", "Other relative"
    FRIEND = "friend", "Family friend"
    OTHER = "other", "Other"


class Relationship(BaseModel):
    """``person`` is ``relationship_type`` to ``related_to`` (e.g. Jo is parent to Sam).

    One row records one direction; the reverse (Sam is child of Jo) is implied, not stored.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    related_to = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="related_by")
    relationship_type = models.CharField(max_length=20, choices=RelationshipType.choices)
    has_parental_responsibility = models.BooleanField(default=False)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(person=models.F("related_to")),
                name="relationship_not_to_self",
            ),
            models.UniqueConstraint(
                fields=["person", "related_to", "relationship_type"],
                condition=models.Q(ended_on__isnull=True),
                name="one_active_relationship_per_type",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} is {self.get_relationship_type_display()} to {self.related_to}"


class Household(BaseModel):
    address_line_1 = models.CharField(max_length=120)
    address_line_2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=80, blank=True)
    postcode = models.CharField(max_length=8)
    locality = models.CharField(
        max_length=80, blank=True, help_text="Locality used for hotspot maps."
    )

    class Meta:
        indexes = [models.Index(fields=["postcode"])]

    def __str__(self) -> str:
        return f"{self.address_line_1}, {self.postcode}"


class HouseholdMember(BaseModel):
    """A person living at a household from ``moved_in_on`` to ``moved_out_on`` (inclusive).

    A person lives in one household at a time: their memberships never overlap, and at
    most one is open (no ``moved_out_on``).
    """

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="household_memberships"
    )
    moved_in_on = models.DateField(null=True, blank=True)
    moved_out_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(moved_out_on__isnull=True),
                name="one_current_household_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.household}"


class PopulationEstimate(BaseModel):
    """Resident children by single year of age, per year (ONS mid-year estimate).

    The denominator of every "rate per 10,000 children" measure; the authority loads it
    each year (the synthetic authority generates it).
    """

    year = models.PositiveSmallIntegerField(help_text="Mid-year of the estimate (30 June).")
    age = models.PositiveSmallIntegerField(help_text="Single year of age, 0 to 19.")
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ("year", "age")
        constraints = [
            models.UniqueConstraint(fields=["year", "age"], name="one_estimate_per_year_and_age"),
            models.CheckConstraint(condition=models.Q(age__lte=19), name="population_age_0_to_19"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.count} aged {self.age}"
