"""Writes for children-in-need episodes (referral to closure)."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.db import transaction

from safeguard.cin.models import CINEpisode
from safeguard.core import validation as v
from safeguard.people.models import Person

RE_REFERRAL_WINDOW = relativedelta(months=12)


@transaction.atomic
def open_referral(
    *,
    child: Person,
    referral_date: dt.date,
    referral_source: str,
    primary_need: str = "",
) -> CINEpisode:
    """Open a CIN episode for a referral accepted by children's social care.

    A child has at most one open episode (the CIN census forbids overlapping CINdetails);
    new concerns on an open case are recorded against that episode instead.
    """
    v.require(referral_date, field="referral_date", label="Referral date")
    v.not_in_future(referral_date, field="referral_date", label="Referral date")
    v.valid_code(referral_source, codelist_key="referral_source", field="referral_source")
    v.valid_code(primary_need, codelist_key="primary_need", field="primary_need", required=False)
    if child.date_of_birth is not None:
        v.not_before(
            referral_date,
            child.date_of_birth - relativedelta(months=9),
            field="referral_date",
            label="Referral date",
            earliest_label="nine months before the child's date of birth",
        )
    if child.date_of_death is not None and referral_date > child.date_of_death:
        raise v.fail(
            "referral_date",
            f"Referral date ({referral_date:%d/%m/%Y}) cannot be after the child's date of "
            f"death ({child.date_of_death:%d/%m/%Y}).",
        )
    Person.objects.select_for_update().filter(pk=child.pk).first()
    episodes = list(CINEpisode.objects.filter(child=child).order_by("referral_date"))
    for episode in episodes:
        if episode.closure_date is None:
            raise v.fail(
                "referral_date",
                f"{child} already has an open CIN episode from "
                f"{episode.referral_date:%d/%m/%Y}: record the new referral information on "
                "that episode, or close it first.",
            )
        if episode.referral_date <= referral_date <= episode.closure_date:
            raise v.fail(
                "referral_date",
                f"Referral date ({referral_date:%d/%m/%Y}) falls inside an earlier CIN episode "
                f"({episode.referral_date:%d/%m/%Y} to {episode.closure_date:%d/%m/%Y}); "
                "CIN episodes cannot overlap.",
            )
    is_re_referral = any(
        e.referral_date < referral_date and e.referral_date >= referral_date - RE_REFERRAL_WINDOW
        for e in episodes
    )
    return CINEpisode.objects.create(
        child=child,
        referral_date=referral_date,
        referral_source=referral_source,
        primary_need=primary_need,
        is_re_referral=is_re_referral,
    )


@transaction.atomic
def close_cin_episode(
    *,
    episode: CINEpisode,
    closure_date: dt.date,
    reason_for_closure: str,
    referral_nfa: bool | None = None,
) -> CINEpisode:
    """Close a CIN episode with the DfE reason for closure."""
    episode = CINEpisode.objects.select_for_update().get(pk=episode.pk)
    if episode.closure_date is not None:
        raise v.fail(
            "closure_date",
            f"This CIN episode was already closed on {episode.closure_date:%d/%m/%Y}.",
        )
    v.require(closure_date, field="closure_date", label="Closure date")
    v.not_in_future(closure_date, field="closure_date", label="Closure date")
    v.not_before(
        closure_date,
        episode.referral_date,
        field="closure_date",
        label="Closure date",
        earliest_label="the referral date",
    )
    v.valid_code(reason_for_closure, codelist_key="reason_for_closure", field="reason_for_closure")
    episode.closure_date = closure_date
    episode.reason_for_closure = reason_for_closure
    if referral_nfa is not None:
        episode.referral_nfa = referral_nfa
    episode.save()
    return episode
