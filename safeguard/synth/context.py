"""The generator's shared state: seeded randomness, identifiers, time and the writer.

Determinism rules every generator module follows (the same arguments give byte-identical
data, identifiers included):
- draw randomness only from ``ctx.stream(name)`` (numpy) / ``ctx.pyrandom(name)``, one
  named stream per module, so adding a module does not shift another module's draws;
- take identifiers from ``ctx.new_id(stream)`` and timestamps from ``ctx.at(...)``, never
  ``uuid4()`` or ``now()``;
- iterate dicts in insertion order and sort sets before iterating.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from dateutil.relativedelta import relativedelta
from faker import Faker

from safeguard.synth.writer import BulkWriter

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class GenerationSettings:
    scale: float
    years: int
    seed: int
    end: dt.date
    la_code: str
    la_name: str

    @property
    def start(self) -> dt.date:
        """First day of generated history: ``years`` whole years ending on ``end``."""
        return self.end - relativedelta(years=self.years) + dt.timedelta(days=1)


@dataclass
class ChildTimeline:
    """What a child is open to, so journeys never overlap (one CIN episode at a time…)."""

    cin_busy_until: dt.date | None = None
    cp_plan_count: int = 0
    last_cp_plan_end: dt.date | None = None
    looked_after_until: dt.date | None = None
    referral_dates: list[dt.date] = field(default_factory=list)


class SynthContext:
    def __init__(self, settings: GenerationSettings, *, writer: BulkWriter | None = None):
        self.settings = settings
        self.writer = writer or BulkWriter()
        self._streams: dict[str, np.random.Generator] = {}
        self._pyrandoms: dict[str, random.Random] = {}
        self._fakers: dict[str, Faker] = {}
        self.timelines: dict[uuid.UUID, ChildTimeline] = {}
        #: Shared registries modules publish for later modules (e.g. "teams", "workers").
        self.registry: dict[str, Any] = {}

    # --- randomness ------------------------------------------------------------------
    def _seed_for(self, name: str) -> list[int]:
        return [self.settings.seed, zlib.crc32(name.encode("utf-8"))]

    def stream(self, name: str) -> np.random.Generator:
        """A numpy generator of its own for module ``name``."""
        if name not in self._streams:
            self._streams[name] = np.random.Generator(
                np.random.PCG64(np.random.SeedSequence(self._seed_for(name)))
            )
        return self._streams[name]

    def pyrandom(self, name: str) -> random.Random:
        if name not in self._pyrandoms:
            seed = zlib.crc32(f"{self.settings.seed}:{name}".encode())
            self._pyrandoms[name] = random.Random(seed)  # noqa: S311  (reproducible, not secret)
        return self._pyrandoms[name]

    def faker(self, name: str) -> Faker:
        """An en_GB Faker seeded for module ``name`` (names, streets, towns)."""
        if name not in self._fakers:
            fake = Faker("en_GB")
            fake.seed_instance(zlib.crc32(f"{self.settings.seed}:faker:{name}".encode()))
            self._fakers[name] = fake
        return self._fakers[name]

    def new_id(self, stream: str) -> uuid.UUID:
        return uuid.UUID(bytes=self.pyrandom(f"ids:{stream}").randbytes(16), version=4)

    # --- time ------------------------------------------------------------------------
    def at(self, day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
        """An aware timestamp on ``day`` (Europe/London), for created_at and event times."""
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)

    def days(self) -> Iterator[dt.date]:
        day = self.settings.start
        while day <= self.settings.end:
            yield day
            day += dt.timedelta(days=1)

    def timeline(self, child_id: uuid.UUID) -> ChildTimeline:
        if child_id not in self.timelines:
            self.timelines[child_id] = ChildTimeline()
        return self.timelines[child_id]

    def scaled(self, count: float) -> int:
        """A volume multiplied by the scale, rounded (at least 1 when count > 0)."""
        value = count * self.settings.scale
        return max(1, round(value)) if count > 0 else 0
