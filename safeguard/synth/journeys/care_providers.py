"""Ofsted-registered provision: the URN and provider name each generated placement carries.

Ofsted gives every registered social care service one unique reference number (URN), and
the SSDA903 asks for it on every placement in registered provision (rule 218): foster
placements carry the URN of the fostering service that approved the carers, adoption
placements that of the adoption agency, children's homes the home's own. So:

- the authority's own foster carers (PR1, U1-U6) all carry the URN of its fostering service,
  and its adoption placements (PR1, A5/A6) that of its adoption agency, each "SC" and six
  digits (the form of the older social care URNs);
- an independent fostering agency (PR4/PR5, U1-U6) has one URN for all its carers, a 6- or
  7-digit number (newer registrations), and carers who stay the same (RNE T, U) or a legal
  status change only (RNE L) keep the agency, so the URN does not move;
- a children's home (K2) is known by its provider, name and area; the same home keeps the
  URN (and postcode) it was first seen with, for every child placed there;
- an unregistered setting (a K2 with ``is_registered`` False) has the DfE's "no URN",
  ``XXXXXXX`` (a URN of that value is not looked up in Ofsted's list: rules 1008, 219-229);
- placements with no Ofsted registration of their own (P1 with parents, H5 supported
  accommodation, other authorities' provision PR2) have no URN (rule 222 forbids one for
  P1; 218 does not ask for H5 or PR2).

Agency and home names come from two short lists, fostering agencies for foster placements
and residential providers for homes and supported accommodation (the index drawn by the
caller is kept, so no other draw moves). URNs the placement plan did not draw come from the
stream ``care_providers`` and are never shared by two services.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from safeguard.synth.context import SynthContext
from safeguard.synth.journeys.care_plan import Episode

STREAM = "care_providers"
#: The DfE's "no URN": an unregistered (or unknown) provider.
NO_URN = "XXXXXXX"
FOSTER_PLACEMENTS = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
ADOPTION_PLACEMENTS = frozenset({"A3", "A4", "A5", "A6"})
INDEPENDENT = frozenset({"PR4", "PR5"})
#: Independent and voluntary fostering agencies (PR4/PR5 foster placements).
FOSTERING_AGENCIES = (
    "Brighter Futures Fostering",
    "Willow Fostering Agency",
    "Horizon Fostering",
    "Oakleaf Family Placements",
    "Keystone Fostering",
    "Pathways Foster Care",
)
#: Private and voluntary residential providers (children's homes, supported accommodation).
RESIDENTIAL_PROVIDERS = (
    "Horizon Care Ltd",
    "Oakleaf Children's Services",
    "Pathways Residential",
    "Keystone Homes",
    "Willow House Group",
    "Brighter Futures Care",
)


@dataclass(frozen=True)
class Service:
    urn: str
    postcode: str


class Providers:
    """The registered services the generated authority places with, one URN each."""

    def __init__(self, ctx: SynthContext) -> None:
        self.rng = ctx.stream(STREAM)
        self.la_name = ctx.settings.la_name
        self._owner: dict[str, tuple[str, ...]] = {}
        self._services: dict[tuple[str, ...], Service] = {}
        self.fostering_service = self._new_urn(("la", "fostering"), "")
        self.adoption_agency = self._new_urn(("la", "adoption"), "")

    @classmethod
    def of(cls, ctx: SynthContext) -> Providers:
        found = ctx.registry.get("ofsted_providers")
        if found is None:
            found = ctx.registry["ofsted_providers"] = cls(ctx)
        return found

    # --- URNs -------------------------------------------------------------------------
    def _draw(self, kind: str) -> str:
        rng: np.random.Generator = self.rng
        if kind == "sc":
            return f"SC{int(rng.integers(100000, 1000000)):06d}"
        return str(int(rng.integers(1000000, 2700000)))

    def _new_urn(self, key: tuple[str, ...], drawn: str, kind: str = "sc") -> str:
        """The URN of a newly seen service: the one drawn for it, unless another has it."""
        urn = drawn
        while not urn or urn in self._owner:
            urn = self._draw(kind)
        self._owner[urn] = key
        return urn

    def _service(self, key: tuple[str, ...], drawn: str, postcode: str, kind: str) -> Service:
        found = self._services.get(key)
        if found is None:
            found = self._services[key] = Service(self._new_urn(key, drawn, kind), postcode)
        return found

    # --- placements -------------------------------------------------------------------
    def provider_name(self, kind: str, provider: str, index: int) -> str:
        """Who provides the placement: the authority, an agency or a residential provider."""
        if provider == "PR1":
            return self.la_name
        if provider not in INDEPENDENT:
            return ""
        names = FOSTERING_AGENCIES if kind in FOSTER_PLACEMENTS else RESIDENTIAL_PROVIDERS
        return names[index % len(names)]

    def register(self, ep: Episode, previous: Episode | None, provider_name: str) -> None:
        """Give the episode's placement the URN (and, for a home, the postcode) of its service.

        Changes ``ep.place`` in place, so every later reader of the stay agrees. Other
        placements (P1, H5, another authority's) keep the plan's (empty) URN.
        """
        place = ep.place
        kind, provider = place.kind, place.provider
        if kind == "K2" and not place.registered:
            place.urn = NO_URN
        elif kind == "K2":
            key: tuple[str, ...] = ("home", provider, place.carer, place.la_code)
            seen = self._services.get(key)
            was_there = previous is not None and seen is not None and previous.place.urn == seen.urn
            if ep.rne in {"P", "B"} and was_there:
                key = (*key, "another")  # a move to a different home of the same name
            home = self._service(key, place.urn, place.postcode, "sc")
            place.urn, place.postcode = home.urn, home.postcode
        elif kind in FOSTER_PLACEMENTS and provider == "PR1":
            place.urn = self.fostering_service
        elif kind in FOSTER_PLACEMENTS and provider in INDEPENDENT:
            agency = self._service(("agency", provider_name), place.urn, "", "number")
            place.urn = agency.urn
        elif kind in ADOPTION_PLACEMENTS and provider == "PR1":
            place.urn = self.adoption_agency
