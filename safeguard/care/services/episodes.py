"""Changes in a period of care, each a new episode: a move (RNE P, T, B, U) or legal status (L)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.care import hooks
from safeguard.care.models import (
    ADOPTION_PLACEMENTS,
    ADOPTION_WITH_CURRENT_CARERS,
    CONTINUES,
    FOSTER_PLACEMENTS,
    LookedAfterEpisode,
)
from safeguard.care.services.common import (
    _check_episode_end,
    _close,
    _current_episode_for_update,
    _lock_child,
)
from safeguard.care.services.episode_checks import (
    Placement,
    _check_place_change_reason,
    _episode_values,
)
from safeguard.core import validation as v
from safeguard.people.models import Person

#: RNE for a change, by (legal status changed, same carers) (SSDA903 RNE definitions).
RNE_FOR_CHANGE = {
    (False, False): "P",
    (False, True): "T",
    (True, False): "B",
    (True, True): "U",
}


def _change_placement(
    *,
    child: Person,
    changed_on: dt.date,
    placement: Placement,
    reason_placement_change: str,
    same_carers: bool,
    legal_status: str,
    home_postcode: str | None,
    leaving_adoption: bool,
) -> LookedAfterEpisode:
    child = _lock_child(child)
    current = _current_episode_for_update(child, action="change placement")
    _check_episode_end(
        child, current, changed_on, field="changed_on", label="Date of placement change"
    )
    new_legal_status = legal_status or current.legal_status
    legal_status_changed = new_legal_status != current.legal_status
    kind = placement.placement_type
    if kind in ADOPTION_WITH_CURRENT_CARERS:
        if not same_carers:
            raise v.fail(
                "placement_type",
                f"{kind} is a placement for adoption with the current foster carers, so the "
                "carers stay the same (RNE T or U) (SSDA903 217).",
            )
        if current.placement_type not in FOSTER_PLACEMENTS | ADOPTION_WITH_CURRENT_CARERS:
            raise v.fail(
                "placement_type",
                f"{kind} needs the child to be fostered by the adopters immediately before; "
                f"the current placement is {current.placement_type} (SSDA903 336).",
            )
    if (
        not leaving_adoption
        and current.placement_type in ADOPTION_PLACEMENTS
        and kind not in ADOPTION_PLACEMENTS
    ):
        raise v.fail(
            "placement_type",
            f"{child} is placed for adoption ({current.placement_type}): record the end of the "
            "adoption placement (end_adoption_placement), which also ends the match.",
        )
    _check_place_change_reason(current.placement_type, kind, reason_placement_change)
    values = _episode_values(
        child=child,
        starts_on=changed_on,
        legal_status=new_legal_status,
        category_of_need=current.category_of_need,
        placement=placement,
        home_postcode=current.home_postcode if home_postcode is None else home_postcode,
        period=current.period,
    )
    hooks.run_episode_end_checks(
        hooks.EpisodeEndRequest(
            child=child,
            episode=current,
            ends_on=changed_on,
            ends_placement=True,
            ends_care=False,
            field="changed_on",
        )
    )
    _close(current, ended_on=changed_on, reason=CONTINUES, place_change=reason_placement_change)
    return LookedAfterEpisode.objects.create(
        child=child,
        period=current.period,
        started_on=changed_on,
        reason_new_episode=RNE_FOR_CHANGE[(legal_status_changed, same_carers)],
        **values,
    )


@transaction.atomic
def change_placement(
    *,
    child: Person,
    changed_on: dt.date,
    placement: Placement,
    reason_placement_change: str = "",
    same_carers: bool = False,
    legal_status: str = "",
    home_postcode: str | None = None,
) -> LookedAfterEpisode:
    """Move a looked-after child: close the episode (X1) and open the next the same day.

    RNE is P (new placement and carers), T (new placement, same carers), or B / U when the
    legal status changes at the same time (``legal_status`` given and different). The
    reason for the change is recorded on the episode that ends (225), except around
    temporary placements (226). The change is after the current episode started (355),
    not in the future, and not while the child is missing from the placement (575,
    checked by exploitation). Category of need and (unless given) home postcode carry on.
    """
    return _change_placement(
        child=child,
        changed_on=changed_on,
        placement=placement,
        reason_placement_change=reason_placement_change,
        same_carers=same_carers,
        legal_status=legal_status,
        home_postcode=home_postcode,
        leaving_adoption=False,
    )


@transaction.atomic
def change_legal_status(
    *, child: Person, changed_on: dt.date, legal_status: str
) -> LookedAfterEpisode:
    """The legal status changes, the placement does not: a new episode with RNE L.

    The status must actually change (434); the placement, postcodes and need carry on
    unchanged; no reason for placement change is recorded (226).
    """
    child = _lock_child(child)
    current = _current_episode_for_update(child, action="change legal status")
    _check_episode_end(
        child, current, changed_on, field="changed_on", label="Date legal status changed"
    )
    v.valid_code(legal_status, codelist_key="legal_status", field="legal_status")
    if legal_status == current.legal_status:
        raise v.fail(
            "legal_status",
            f"{child} is already looked after under {legal_status}: a change of legal status "
            "must change it (SSDA903 434).",
        )
    values = _episode_values(
        child=child,
        starts_on=changed_on,
        legal_status=legal_status,
        category_of_need=current.category_of_need,
        placement=Placement.of(current),
        home_postcode=current.home_postcode,
        period=current.period,
    )
    hooks.run_episode_end_checks(
        hooks.EpisodeEndRequest(
            child=child,
            episode=current,
            ends_on=changed_on,
            ends_placement=False,
            ends_care=False,
            field="changed_on",
        )
    )
    _close(current, ended_on=changed_on, reason=CONTINUES)
    return LookedAfterEpisode.objects.create(
        child=child,
        period=current.period,
        started_on=changed_on,
        reason_new_episode="L",
        **values,
    )
