"""The checks every new episode passes: legal status, placement (``Placement``) and adoption."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from safeguard.care import rules, selectors
from safeguard.care.models import (
    ADOPTION_PLACEMENTS,
    ADOPTION_WITH_PLACEMENT_ORDER,
    FOSTER_PLACEMENTS,
    LONG_TERM_FOSTER_PLACEMENTS,
    PLACEMENT_ORDER_LEGAL_STATUSES,
    SHORT_BREAK_LEGAL_STATUSES,
    TEMPORARY_PLACEMENTS,
    LookedAfterEpisode,
    PeriodOfCare,
)
from safeguard.core import validation as v
from safeguard.people.models import Person

#: The Adoption and Children Act 2002 came into force on 30 December 2005: freeing orders
#: (D1) ended and placement orders (E1) began (SSDA903 445, 446).
ADOPTION_ACT_2002 = dt.date(2005, 12, 30)
#: SSDA903 CIN: the category of need uses N1-N8 of the CIN census primary need list.
NEED_CODES = frozenset({"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"})
#: Minimum ages for placements (SSDA903 371-374) and legal statuses (358).
PLACEMENT_MIN_AGE = {"H5": (16, "371"), "R5": (10, "372"), "S1": (4, "373"), "P3": (14, "374")}
YOUTH_JUSTICE_LEGAL_STATUSES = frozenset({"J1", "J2", "J3"})
#: Placement types each provider cannot supply (SSDA903 527-531); PR0 only P1 (550).
PROVIDER_EXCLUDES = {
    "PR1": (frozenset({"P1", "R2", "R5"}), "527"),
    "PR2": (frozenset({"P1", "R2", "R5"}), "528"),
    "PR3": (frozenset({"P1", "K1", "K2"}) | ADOPTION_PLACEMENTS | FOSTER_PLACEMENTS, "529"),
    "PR4": (frozenset({"P1"}), "530"),
    "PR5": (frozenset({"P1"}), "531"),
}
MAX_DISTANCE = Decimal("999.9")


@dataclass(frozen=True)
class Placement:
    """Where and with whom a child is placed: the placement half of an Episodes row."""

    placement_type: str
    provider: str = ""
    postcode: str = ""
    urn: str = ""
    carer_name: str = ""
    provider_name: str = ""
    la_code: str = ""
    is_registered: bool = True
    distance_miles: Decimal | None = None

    @classmethod
    def of(cls, episode: LookedAfterEpisode) -> Placement:
        return cls(
            placement_type=episode.placement_type,
            provider=episode.placement_provider,
            postcode=episode.placement_postcode,
            urn=episode.urn,
            carer_name=episode.carer_name,
            provider_name=episode.provider_name,
            la_code=episode.placement_la_code,
            is_registered=episode.is_registered,
            distance_miles=episode.distance_miles,
        )


def _check_place_change_reason(before: str, after: str, reason: str) -> None:
    """REASON_PLACE_CHANGE: required for a move, blank around temporary placements."""
    if before in TEMPORARY_PLACEMENTS or after in TEMPORARY_PLACEMENTS:
        if reason:
            raise v.fail(
                "reason_placement_change",
                f"No reason for placement change is recorded for a move into or out of a "
                f"temporary placement ({before} to {after}) (SSDA903 226).",
            )
        return
    if not reason:
        raise v.fail(
            "reason_placement_change",
            f"A reason for the placement change ({before} to {after}) is required (SSDA903 225).",
        )
    v.valid_code(reason, codelist_key="reason_placement_change", field="reason_placement_change")


def _episode_values(
    *,
    child: Person,
    starts_on: dt.date,
    legal_status: str,
    category_of_need: str,
    placement: Placement,
    home_postcode: str,
    period: PeriodOfCare | None,
) -> dict[str, Any]:
    """Check one new episode's legal status and placement; return its field values."""
    v.valid_code(legal_status, codelist_key="legal_status", field="legal_status")
    if category_of_need not in NEED_CODES:
        raise v.fail(
            "category_of_need",
            f"Category of need {category_of_need!r} is not valid for the SSDA903: expected "
            "one of N1-N8 (SSDA903 145).",
        )
    kind = placement.placement_type
    v.valid_code(kind, codelist_key="placement_type", field="placement_type")
    provider = placement.provider
    if kind in TEMPORARY_PLACEMENTS:
        if provider:
            raise v.fail(
                "placement_provider",
                f"No placement provider is recorded for a temporary placement ({kind}) "
                "(SSDA903 213).",
            )
    else:
        if not provider:
            raise v.fail(
                "placement_provider",
                f"A placement provider is required for a {kind} placement (SSDA903 526).",
            )
        v.valid_code(provider, codelist_key="placement_provider", field="placement_provider")
    if (provider == "PR0") != (kind == "P1"):
        raise v.fail(
            "placement_provider",
            f"Placement provider PR0 (parents) goes with placement P1 (placed with parents) "
            f"and only with it; got {provider or 'no provider'} with {kind} (SSDA903 550, "
            "527-531).",
        )
    if provider in PROVIDER_EXCLUDES and kind in PROVIDER_EXCLUDES[provider][0]:
        raise v.fail(
            "placement_provider",
            f"Placement provider {provider} cannot provide a {kind} placement "
            f"(SSDA903 {PROVIDER_EXCLUDES[provider][1]}).",
        )
    if kind == "P1" and legal_status == "V2":
        raise v.fail(
            "legal_status",
            "A child placed with parents (P1) cannot be accommodated under section 20 (V2) "
            "(SSDA903 378).",
        )
    if legal_status in SHORT_BREAK_LEGAL_STATUSES:
        if kind in TEMPORARY_PLACEMENTS:
            raise v.fail(
                "placement_type",
                f"A child on short breaks ({legal_status}) cannot be in a temporary placement "
                f"({kind}) (SSDA903 382).",
            )
        if kind in LONG_TERM_FOSTER_PLACEMENTS:
            raise v.fail(
                "placement_type",
                f"A child on short breaks ({legal_status}) cannot be in a long-term foster "
                f"placement ({kind}) (SSDA903 384).",
            )
        if placement.postcode or placement.urn:
            raise v.fail(
                "placement_postcode",
                f"No placement postcode or URN is recorded for short breaks ({legal_status}) "
                "(SSDA903 214).",
            )
        if placement.distance_miles is not None:
            raise v.fail(
                "distance_miles",
                f"No distance is recorded for short breaks ({legal_status}) (SSDA903 398).",
            )
    age = rules.age(child, starts_on)
    if legal_status in YOUTH_JUSTICE_LEGAL_STATUSES and age is not None and age < 10:
        raise v.fail(
            "legal_status",
            f"Legal status {legal_status} is for children aged 10 or over; {child} is {age} "
            f"on {starts_on:%d/%m/%Y} (SSDA903 358).",
        )
    if kind in PLACEMENT_MIN_AGE and age is not None:
        minimum, rule = PLACEMENT_MIN_AGE[kind]
        if age < minimum:
            raise v.fail(
                "placement_type",
                f"A {kind} placement is for children aged {minimum} or over; {child} is {age} "
                f"on {starts_on:%d/%m/%Y} (SSDA903 {rule}).",
            )
    if legal_status == "D1" and starts_on > ADOPTION_ACT_2002:
        raise v.fail(
            "legal_status",
            "Freeing orders (D1) ended on 30/12/2005; use E1 (placement order) (SSDA903 445).",
        )
    if legal_status == "E1" and starts_on < ADOPTION_ACT_2002:
        raise v.fail(
            "legal_status",
            "Placement orders (E1) began on 30/12/2005 (SSDA903 446).",
        )
    if legal_status in PLACEMENT_ORDER_LEGAL_STATUSES or kind in ADOPTION_PLACEMENTS:
        _check_adoption_decision_for(
            period=period, legal_status=legal_status, kind=kind, on=starts_on
        )
    if kind in ADOPTION_PLACEMENTS:
        with_order = legal_status in PLACEMENT_ORDER_LEGAL_STATUSES
        if (kind in ADOPTION_WITH_PLACEMENT_ORDER) != with_order:
            raise v.fail(
                "placement_type",
                f"{kind} does not match legal status {legal_status}: A5/A6 are placements "
                "for adoption with a placement order (E1/D1), A3/A4 with consent "
                "(SSDA903 408).",
            )
    placement_postcode = rules.postcode(
        placement.postcode, field="placement_postcode", label="Placement postcode"
    )
    home = rules.postcode(home_postcode, field="home_postcode", label="Home postcode")
    if home and home == placement_postcode and kind != "P1":
        raise v.fail(
            "placement_postcode",
            f"Home and placement postcodes are both {home}: they can only be the same when "
            "the child is placed with parents (P1) (SSDA903 392d).",
        )
    distance = placement.distance_miles
    if distance is not None:
        if child.is_uasc or child.uasc_ceased_on is not None:
            raise v.fail(
                "distance_miles",
                f"{child} is or was an unaccompanied asylum-seeking child: distance from home "
                "is left blank (SSDA903 406).",
            )
        if not Decimal(0) <= distance <= MAX_DISTANCE:
            raise v.fail(
                "distance_miles",
                f"Distance {distance} miles is not valid: expected 0 to 999.9 (SSDA903 164).",
            )
    urn = placement.urn.strip().upper()
    if urn and rules.URN.match(urn) is None:
        raise v.fail(
            "urn",
            f"{placement.urn!r} is not a valid Ofsted URN: expected 6 or 7 digits, SC and "
            "6 digits, or XXXXXXX for a provider with no URN (SSDA903 1008).",
        )
    return {
        "legal_status": legal_status,
        "category_of_need": category_of_need,
        "placement_type": kind,
        "placement_provider": provider,
        "home_postcode": home,
        "placement_postcode": placement_postcode,
        "urn": urn,
        "carer_name": placement.carer_name.strip(),
        "provider_name": placement.provider_name.strip(),
        "placement_la_code": rules.la_code(
            placement.la_code, field="placement_la_code", label="Placement local authority"
        ),
        "is_registered": placement.is_registered,
        "distance_miles": distance,
    }


def _check_adoption_decision_for(
    *, period: PeriodOfCare | None, legal_status: str, kind: str, on: dt.date
) -> None:
    """A placement order or adoption placement needs the decision (and a match) first."""
    decision = selectors.live_adoption_decision(period) if period is not None else None
    what = (
        f"placement for adoption ({kind})"
        if kind in ADOPTION_PLACEMENTS
        else f"legal status {legal_status}"
    )
    if decision is None or decision.decided_on > on:
        if kind in ADOPTION_PLACEMENTS:
            field, rule = "placement_type", "551, 552, 521"
        else:
            field, rule = "legal_status", "553, 554" if legal_status == "E1" else "555, 556"
        raise v.fail(
            field,
            f"A {what} from {on:%d/%m/%Y} needs the decision that the child should be placed "
            f"for adoption, made on or before that date and not reversed (SSDA903 {rule}).",
        )
    if kind in ADOPTION_PLACEMENTS:
        match = selectors.live_match(decision)
        if match is None or match.matched_on > on:
            raise v.fail(
                "placement_type",
                f"A placement for adoption from {on:%d/%m/%Y} needs the child matched with "
                "the adopters on or before that date (SSDA903 331).",
            )
