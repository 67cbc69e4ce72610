"""SSDA903 rules tying the placement type to who provides the placement.

PLACE_PROVIDER: PR0 the child's parents or others with parental responsibility, PR1 the
council's own provision, PR2 another council, PR3 another public body, PR4 a private
provider, PR5 a voluntary or third sector provider.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from safeguard.returns.rules.expr import blank, one_of, present
from safeguard.returns.rules.registry import ReturnData, flag, ssda903_rule

#: Placed with parents or others with parental responsibility.
WITH_PARENTS = ("P1",)

#: Temporary placements and 'other placement': no provider is recorded for them (rule 213).
NO_PROVIDER = ("T0", "T1", "T2", "T3", "T4", "Z1")

#: Placement types with the child's (former) foster carers.
FOSTER_CARE = ("U1", "U2", "U3", "U4", "U5", "U6")

#: Reasons an episode ceased with the child staying with their former foster carers.
STAYING_WITH_FOSTER_CARERS = ("E45", "E46")


def _episodes(data: ReturnData, condition: pl.Expr) -> pl.DataFrame:
    return flag(data.table("Episodes").filter(condition), "Episodes", "ssda903")


def _provider_cannot_take(data: ReturnData, provider: str, places: Sequence[str]) -> pl.DataFrame:
    return _episodes(data, one_of("PLACE_PROVIDER", [provider]) & one_of("PLACE", places))


@ssda903_rule("516")
def leaving_to_former_foster_carers_from_foster_care(data: ReturnData) -> pl.DataFrame:
    return _episodes(
        data, one_of("REC", STAYING_WITH_FOSTER_CARERS) & ~one_of("PLACE", FOSTER_CARE)
    )


@ssda903_rule("526")
def placement_provider_given(data: ReturnData) -> pl.DataFrame:
    return _episodes(
        data, present("PLACE") & ~one_of("PLACE", NO_PROVIDER) & blank("PLACE_PROVIDER")
    )


@ssda903_rule("527")
def own_provision_placement_types(data: ReturnData) -> pl.DataFrame:
    return _provider_cannot_take(data, "PR1", ["P1", "R2", "R5"])


@ssda903_rule("528")
def other_council_placement_types(data: ReturnData) -> pl.DataFrame:
    return _provider_cannot_take(data, "PR2", ["P1", "R2", "R5"])


@ssda903_rule("529")
def other_public_body_placement_types(data: ReturnData) -> pl.DataFrame:
    places = ["P1", "A3", "A4", "A5", "A6", "K1", "K2", *FOSTER_CARE]
    return _provider_cannot_take(data, "PR3", places)


@ssda903_rule("530")
def private_provider_not_with_parents(data: ReturnData) -> pl.DataFrame:
    return _provider_cannot_take(data, "PR4", WITH_PARENTS)


@ssda903_rule("531")
def voluntary_provider_not_with_parents(data: ReturnData) -> pl.DataFrame:
    return _provider_cannot_take(data, "PR5", WITH_PARENTS)


@ssda903_rule("550")
def parents_provide_only_placement_with_parents(data: ReturnData) -> pl.DataFrame:
    return _episodes(data, one_of("PLACE_PROVIDER", ["PR0"]) & ~one_of("PLACE", WITH_PARENTS))
