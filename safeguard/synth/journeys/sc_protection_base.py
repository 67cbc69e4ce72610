"""The state the protection writers share (``sc_protection``): the context, the
journey planner, the stream and the writer of one record.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from safeguard.synth.context import SynthContext
from safeguard.synth.families import FamilyFactory

if TYPE_CHECKING:
    from safeguard.synth.journeys.sc_journey import JourneyPlanner


STREAM = "social_care_protection"


class ProtectionBase:
    def __init__(self, ctx: SynthContext, planner: JourneyPlanner) -> None:
        from safeguard.synth.draws import weighted
        from safeguard.synth.journeys.sc_journey import new_group_reference

        self.ctx = ctx
        self.planner = planner
        self.rng = ctx.stream(STREAM)
        self.end = ctx.settings.end
        self.weighted = weighted
        self.group_reference = new_group_reference
        self.families = FamilyFactory.of(ctx)

    def _add(self, obj: Any, day: dt.date, hour: int = 10) -> Any:
        obj.id = self.ctx.new_id(STREAM)
        return self.ctx.writer.add(obj, id=obj.id, at=self.ctx.at(day, hour))
