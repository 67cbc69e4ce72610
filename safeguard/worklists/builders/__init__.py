"""One builder per statutory item: from a child's facts to the item due next.

Each builder reads only ``CaseloadFacts`` (no queries) and yields the items of one kind
for one child; the registry key is the item's ``kind``. The start event and context are
those ``compute_due`` takes, so the explanation shown matches the date counted here.
"""

from __future__ import annotations

from safeguard.worklists.builders.care import (
    care_leaver_contact,
    dental,
    health,
    lac_review,
    lac_visit,
    pathway_plan,
    pep,
    rhi,
)
from safeguard.worklists.builders.common import WHAT, Builder, is_care_leaver, make_item
from safeguard.worklists.builders.exploitation import mace, mace_plan_action
from safeguard.worklists.builders.protection import (
    assessment,
    cin_review,
    cin_visit,
    conference_request,
    core_group,
    cp_plan_18,
    cp_visit,
    icpc,
    review_conference,
)

__all__ = ["BUILDERS", "WHAT", "is_care_leaver", "make_item"]

BUILDERS: tuple[Builder, ...] = (
    cin_visit,
    cp_visit,
    assessment,
    icpc,
    conference_request,
    core_group,
    review_conference,
    cp_plan_18,
    cin_review,
    lac_visit,
    lac_review,
    health,
    dental,
    pep,
    rhi,
    mace,
    mace_plan_action,
    care_leaver_contact,
    pathway_plan,
)
