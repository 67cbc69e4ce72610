"""Resident child population by year and single year of age (the rates' denominator)."""

from __future__ import annotations

from safeguard.people.models import PopulationEstimate
from safeguard.synth.context import SynthContext
from safeguard.synth.writer import build

STREAM = "population"
#: Seed 004: 74,765 aged 0-19 in a shire county (0-17 about 70,000).
POPULATION_0_TO_19 = 74_765
#: A gentle rise of about half a percent a year.
ANNUAL_GROWTH = 0.005


def generate(ctx: SynthContext) -> None:
    rng = ctx.stream(STREAM)
    settings = ctx.settings
    per_age = POPULATION_0_TO_19 * settings.scale / 20
    last_year = settings.end.year
    for year in range(settings.start.year - 1, last_year + 1):
        trend = (1 + ANNUAL_GROWTH) ** (year - last_year)
        for age in range(20):
            # Older cohorts are slightly larger in the seeds' county.
            shape = 0.94 + 0.006 * age
            count = round(per_age * shape * trend * float(rng.normal(1.0, 0.01)))
            ctx.writer.add(
                build(PopulationEstimate, year=year, age=age, count=max(count, 0)),
                id=ctx.new_id(STREAM),
                at=ctx.at(settings.start),
            )
