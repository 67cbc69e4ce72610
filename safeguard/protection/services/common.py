"""What the protection services share: the version check, the locked episode, not cancelled."""

from __future__ import annotations

from typing import Any

from safeguard.cin.models import CINEpisode
from safeguard.core import validation as v
from safeguard.core.exceptions import StaleRecordError
from safeguard.protection.models import Conference


def check_version(record: Any, expected_version: int | None) -> None:
    """Refuse an edit made from a copy someone else has since saved over (nothing written).

    ``expected_version`` is the version the user's form was built from; None skips the
    check (callers that are not edits of a shown record, e.g. imports and the generator).
    """
    if expected_version is not None and record.version != expected_version:
        raise StaleRecordError(
            model_label=str(record._meta.verbose_name),
            pk=record.pk,
            expected=expected_version,
            current=record.version,
        )


def _locked_episode(episode: CINEpisode) -> CINEpisode:
    return (
        CINEpisode.objects.select_for_update(of=("self",))
        .select_related("child")
        .get(pk=episode.pk)
    )


def _check_not_cancelled(conference: Conference) -> None:
    if conference.cancelled_on is not None:
        raise v.fail(
            "conference",
            f"This conference was cancelled on {conference.cancelled_on:%d/%m/%Y}.",
        )
