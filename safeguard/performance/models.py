"""What the authority loads or enters beside the case records: comparators, commentary,
the corporate risk register."""

from __future__ import annotations

from django.db import models

from safeguard.core.models import BaseModel


class ComparatorArea(models.TextChoices):
    ENGLAND = "england", "England"
    REGION = "region", "Region"
    STATISTICAL_NEIGHBOURS = "statistical_neighbours", "Statistical neighbours"


class ComparatorValue(BaseModel):
    """A published figure for one measure, area and financial year (loaded from CSV).

    The DfE and Ofsted publish these a year or more late; reports show the latest loaded
    year on or before the period reported.
    """

    measure_id = models.CharField(max_length=20)
    area = models.CharField(max_length=30, choices=ComparatorArea.choices)
    area_name = models.CharField(
        max_length=80, blank=True, help_text="For example 'South West' for the region."
    )
    year = models.PositiveSmallIntegerField(
        help_text="The financial year the figure is for, by the year it starts in."
    )
    value = models.FloatField()
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("measure_id", "area", "year")
        constraints = [
            models.UniqueConstraint(
                fields=["measure_id", "area", "year"], name="one_comparator_per_area_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.get_area_display()} {self.year}: {self.value}"


class Trend(models.TextChoices):
    IMPROVING = "IMPROVING", "Improving"
    UNCHANGED = "UNCHANGED", "Unchanged"
    WORSENING = "WORSENING", "Worsening"


class RiskScore(models.TextChoices):
    HIGH = "HIGH", "High"
    MEDIUM = "MEDIUM", "Medium"
    LOW = "LOW", "Low"


class CorporateRisk(BaseModel):
    """An entry of the council's corporate risk register that indicator pages link to."""

    ref = models.CharField(max_length=20, unique=True, help_text="For example CRR-07.")
    description = models.TextField()
    score = models.CharField(max_length=6, choices=RiskScore.choices)
    trend = models.CharField(max_length=9, choices=Trend.choices)
    measure_ids = models.JSONField(
        default=list, blank=True, help_text="Ids of the indicators this risk is linked to."
    )
    reviewed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("ref",)

    def __str__(self) -> str:
        return f"{self.ref}: {self.description[:60]}"


class IndicatorCommentary(BaseModel):
    """The lead officer's three commentary fields for one indicator and one period."""

    measure_id = models.CharField(max_length=20)
    period_code = models.CharField(max_length=10, help_text="For example 2025-Q2.")
    telling_us = models.TextField(
        "What are the indicators/performance measures telling us?", blank=True
    )
    what_changed = models.TextField("What has changed and why?", blank=True)
    issues = models.TextField("What are the issues and how can we address them?", blank=True)

    class Meta:
        ordering = ("measure_id", "period_code")
        constraints = [
            models.UniqueConstraint(
                fields=["measure_id", "period_code"], name="one_commentary_per_indicator_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.period_code}"
