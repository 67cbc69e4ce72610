"""Import SSDA903 Episodes: looked-after episodes, and the periods of care they make.

An episode is matched by the child and DECOM. The file's episodes are merged with those
already held (an earlier year's import, or our own records) and the periods of care are
rebuilt from the chain: a period runs from an episode to the first that ends with a REC
other than X1 (or is followed by a gap). A period already held keeps its identity (its
reviews, plans and decisions stay attached); its dates follow the chain. When a year's
file holds only the later episodes of a period that began before the year, the period
starts, for now, with the earliest episode held: importing the earlier year's return
extends it back.

The services (``care.services``) cannot take this history: they open and close periods
one event at a time, on today's rules (an IRO in post, a CIN episode open that day), so
the import writes the models directly, in the import's transaction, keeping their
invariants: contiguous episodes, one open episode and period per child, DEC and REC
together, REASON_PLACE_CHANGE only on X1 episodes. A child whose episodes break them is
rejected whole.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from safeguard.care.models import CONTINUES, LookedAfterEpisode, PeriodOfCare
from safeguard.people.models import Person
from safeguard.returns.ssda903.importing import Rejected, Row, Run, kept_end, need
from safeguard.returns.tables import ROW

FIELDS = (
    "reason_new_episode",
    "legal_status",
    "category_of_need",
    "placement_type",
    "placement_provider",
    "ended_on",
    "reason_ceased",
    "reason_placement_change",
    "home_postcode",
    "placement_postcode",
    "urn",
)


def import_episodes(run: Run) -> None:
    for person, rows in sorted(run.by_child("Episodes").items(), key=lambda i: i[0].la_child_id):
        try:
            with transaction.atomic():
                _child(run, person, rows)
        except Rejected as refusal:
            run.reject_child(person.la_child_id, str(refusal), rows[0][ROW])
        except IntegrityError as error:
            run.reject_child(
                person.la_child_id, f"the records refuse its episodes ({error})", rows[0][ROW]
            )


def _wanted(run: Run, row: Row, held: LookedAfterEpisode | None) -> dict[str, Any]:
    values = {
        "reason_new_episode": need("Episodes", row, "RNE"),
        "legal_status": need("Episodes", row, "LS"),
        "category_of_need": need("Episodes", row, "CIN"),
        "placement_type": need("Episodes", row, "PLACE"),
        "placement_provider": row["PLACE_PROVIDER"] or "",
        "ended_on": row["DEC"],
        "reason_ceased": row["REC"] or "",
        "reason_placement_change": row["REASON_PLACE_CHANGE"] or "",
        "home_postcode": row["HOME_POST"] or "",
        "placement_postcode": row["PL_POST"] or "",
        "urn": row["URN"] or "",
    }
    if held is not None and kept_end(row["DEC"], held.ended_on, run.span) != row["DEC"]:
        values["ended_on"] = held.ended_on
        values["reason_ceased"] = held.reason_ceased
        values["reason_placement_change"] = held.reason_placement_change
    start: dt.date = row["DECOM"]
    if (values["ended_on"] is None) != (values["reason_ceased"] == ""):
        raise Rejected(
            f"the episode starting {start:%d/%m/%Y} has a DEC without a REC or a REC without "
            "a DEC: an episode ends with both"
        )
    if values["ended_on"] is not None and values["ended_on"] < start:
        raise Rejected(f"the episode starting {start:%d/%m/%Y} ends before it starts")
    if values["reason_placement_change"] and values["reason_ceased"] != CONTINUES:
        raise Rejected(
            f"the episode starting {start:%d/%m/%Y} has a REASON_PLACE_CHANGE but REC "
            f"{values['reason_ceased']}: the reason is given only when the episode continues "
            "in another (X1)"
        )
    return values


def _child(run: Run, person: Person, rows: list[Row]) -> None:
    held = {e.started_on: e for e in LookedAfterEpisode.objects.filter(child=person)}
    periods = {p.id: p for p in PeriodOfCare.objects.filter(child=person)}
    wanted: dict[dt.date, dict[str, Any]] = {}
    for row in rows:
        start = need("Episodes", row, "DECOM")
        if start in wanted:
            raise Rejected(f"two episodes start on {start:%d/%m/%Y}")
        wanted[start] = _wanted(run, row, held.get(start))
    merged = {
        start: {n: getattr(e, n) for n in FIELDS}
        for start, e in held.items()
        if start not in wanted
    }
    merged.update(wanted)
    chains = _chains(merged)
    plan = _periods(person, chains, merged, held, periods)
    # Closing before opening keeps "one open period/episode per child" true at each step.
    for period, (start, end) in sorted(plan.items(), key=lambda i: i[1][1] is None):
        if period.started_on != start or period.ended_on != end or period._state.adding:
            outcome = "created" if period._state.adding else "updated"
            period.started_on, period.ended_on = start, end
            period.save()
            run.count(outcome, "period of care")
        else:
            run.count("unchanged", "period of care")
    owner = {s: p for p, chain in zip(plan, chains, strict=True) for s in chain}
    order = sorted(wanted, key=lambda s: (wanted[s]["ended_on"] is None, s))
    for start in order:
        episode = held.get(start) or LookedAfterEpisode(child=person, started_on=start)
        run.save("looked-after episode", episode, {**wanted[start], "period_id": owner[start].id})
    for start, episode in held.items():
        if start not in wanted and episode.period_id != owner[start].id:
            episode.period = owner[start]
            episode.save(update_fields=["period"])


def _chains(episodes: dict[dt.date, dict[str, Any]]) -> list[list[dt.date]]:
    """Episode starts grouped into periods of care, in date order."""
    chains: list[list[dt.date]] = []
    previous: dict[str, Any] | None = None
    for start in sorted(episodes):
        values = episodes[start]
        if previous is not None and previous["ended_on"] is None:
            raise Rejected(
                f"an episode starts on {start:%d/%m/%Y} while the one before it is still open"
            )
        if previous is not None and previous["ended_on"] > start:
            raise Rejected(f"the episode starting {start:%d/%m/%Y} overlaps the one before it")
        continues = (
            previous is not None
            and previous["reason_ceased"] == CONTINUES
            and previous["ended_on"] == start
        )
        if continues:
            chains[-1].append(start)
        else:
            chains.append([start])
        previous = values
    return chains


def _periods(
    person: Person,
    chains: list[list[dt.date]],
    episodes: dict[dt.date, dict[str, Any]],
    held: dict[dt.date, LookedAfterEpisode],
    periods: dict[Any, PeriodOfCare],
) -> dict[PeriodOfCare, tuple[dt.date, dt.date | None]]:
    """The period each chain belongs to (held where it can be) and its dates."""
    plan: dict[PeriodOfCare, tuple[dt.date, dt.date | None]] = {}
    used: set[Any] = set()
    for chain in chains:
        ids = {held[s].period_id for s in chain if s in held} - used
        if len(ids) > 1:
            raise Rejected(
                f"the episodes from {chain[0]:%d/%m/%Y} join periods of care the records "
                "hold separately"
            )
        period = periods[ids.pop()] if ids else PeriodOfCare(child=person)
        used.add(period.id)
        plan[period] = (chain[0], episodes[chain[-1]]["ended_on"])
    return plan
