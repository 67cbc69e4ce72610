"""Run the generator's phases in order, in one transaction, with progress."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from safeguard.core.actor import acting_as
from safeguard.synth.context import GenerationSettings, SynthContext

#: (what the progress bar says, module with ``generate(ctx)``), in dependency order.
PHASES: list[tuple[str, str]] = [
    ("Population estimates", "safeguard.synth.population"),
    ("Teams and workers", "safeguard.synth.workforce"),
    (
        "Contacts, MASH, early help, assessments, CIN and child protection",
        "safeguard.synth.journeys.social_care",
    ),
    ("Children in care, adoption and care leavers", "safeguard.synth.journeys.care"),
    ("Unregistered placements register", "safeguard.synth.journeys.unregistered"),
    ("Missing episodes and return home interviews", "safeguard.synth.journeys.missing"),
    ("Exploitation: CAROLE screening, risk and MACE", "safeguard.synth.journeys.carole"),
    ("LADO contacts and referrals", "safeguard.synth.journeys.lado"),
    ("Fostering enquiries, approvals and households", "safeguard.synth.journeys.fostering"),
    ("Children out of school and exclusions", "safeguard.synth.journeys.education"),
    ("PPN consultations and HRDA meetings", "safeguard.synth.journeys.domestic_abuse"),
    ("Serious incidents and practice reviews", "safeguard.synth.journeys.practice_reviews"),
    ("Child death reviews", "safeguard.synth.journeys.child_deaths"),
    ("Multi-agency training", "safeguard.synth.journeys.training"),
    ("Partnership dataset and partner survey", "safeguard.synth.journeys.partnership_dataset"),
    ("Case audits and dip samples", "safeguard.synth.journeys.case_audits"),
    ("Supervision and practice meetings", "safeguard.synth.journeys.supervision"),
    ("Complaints, compliments and family feedback", "safeguard.synth.journeys.complaints"),
]


@dataclass(frozen=True)
class GenerationResult:
    counts: dict[str, int]
    seconds: float


class GenerationRefused(Exception):
    """The database is not empty, or the arguments are unusable."""


def database_is_empty() -> bool:
    from safeguard.people.models import Person, PopulationEstimate

    return not Person.objects.exists() and not PopulationEstimate.objects.exists()


def generate_authority(
    settings: GenerationSettings,
    *,
    on_phase: Callable[[str, int, int], None] | None = None,
    on_rows: Callable[[int], None] | None = None,
) -> GenerationResult:
    """Write a whole synthetic authority; all or nothing."""
    if not database_is_empty():
        raise GenerationRefused(
            "The database already holds people or population data; generate into an empty "
            "database (e.g. DATABASE_URL=sqlite:////tmp/new.db)."
        )
    started = time.perf_counter()
    ctx = SynthContext(settings)
    ctx.writer.on_write = on_rows
    with acting_as(None), transaction.atomic():
        for number, (label, module_name) in enumerate(PHASES, start=1):
            if on_phase is not None:
                on_phase(label, number, len(PHASES))
            module = importlib.import_module(module_name)
            module.generate(ctx)
            ctx.writer.flush()
    return GenerationResult(counts=dict(ctx.writer.counts), seconds=time.perf_counter() - started)
