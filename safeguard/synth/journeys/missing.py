"""Missing children and return home interviews.

Children start "missing spells" (a window of weeks to months in which they go missing
repeatedly) at a steady rate: about a quarter are looked after (drawn from the children in
care published by ``care``: in care that day, aged 11-17, children's homes weighted up) and
the rest live at home (new families). Repeat missing concentrates incidents: children in
care average ~6 incidents a spell, children at home ~3. Most incidents last hours, a few
days. Return home interviews are offered for about two thirds, held for ~45% of incidents,
within 72 hours of the return for ~19%.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from safeguard.exploitation.models import (
    MissingEpisode,
    ReturnHomeInterview,
    ReturnHomeInterviewTheme,
    ReturnInterviewTheme,
)
from safeguard.people.models import Person
from safeguard.synth.context import SynthContext
from safeguard.synth.families import FamilyFactory
from safeguard.synth.journeys.care_plan import Episode, _age
from safeguard.synth.writer import build

STREAM = "missing"
#: Missing spells starting a year at scale 1.0.
SPELLS_LOOKED_AFTER = 66.0
SPELLS_AT_HOME = 158.0
MEAN_INCIDENTS_LOOKED_AFTER = 4.0
MEAN_INCIDENTS_AT_HOME = 2.4
RHI_OFFERED = 0.66
RHI_HELD_OF_OFFERED = 0.72
#: Of interviews held, the share held within 72 hours of the return.
RHI_WITHIN_72H_OF_HELD = 0.42
AWAY_SHARE = 0.3
AGENCY = "Safe Return Service (commissioned)"
THEMES = [t for t in ReturnInterviewTheme.values if t != ReturnInterviewTheme.OTHER]
THEME_WEIGHTS = np.array(
    [6 if t in {"family", "placement", "peers", "contact"} else 2 for t in THEMES], dtype=float
)


@dataclass
class _Spell:
    child: Person
    start: dt.date
    last: dt.date
    episode: Episode | None
    incidents: int


def generate(ctx: SynthContext) -> None:
    settings = ctx.settings
    rng = ctx.stream(STREAM)
    start, end = settings.start, settings.end
    span_days = (end - start).days + 1
    years = span_days / 365.25
    spells: list[_Spell] = []
    # Looked-after children: (child, dob, episode) for episodes touching the history.
    looked_after = ctx.registry.get("looked_after_children", [])
    candidates: list[tuple[Person, dt.date, Episode]] = []
    for la in looked_after:
        for ep in la.stay.episodes:
            ep_end = ep.end or end
            if ep_end >= start and (ep_end - ep.start).days >= 10:
                candidates.append((la.child, la.stay.dob, ep))
    busy: dict[object, dt.date] = {}
    n_la = round(SPELLS_LOOKED_AFTER * settings.scale * years)
    for offset in _spread(rng, n_la, span_days):
        day = start + dt.timedelta(days=int(offset))
        pool = []
        weights = []
        for child, dob, ep in candidates:
            ep_end = ep.end or end
            if not (ep.start < day and day + dt.timedelta(days=7) < ep_end):
                continue
            if not 11 <= _age(dob, day) <= 17 or busy.get(child.id, dt.date.min) >= day:
                continue
            pool.append((child, ep))
            weights.append(4.0 if ep.place.kind == "K2" else 1.0)
        if not pool:
            continue
        p = np.array(weights) / sum(weights)
        child, ep = pool[int(rng.choice(len(pool), p=p))]
        ep_end = ep.end or end
        last = min(
            day + dt.timedelta(days=int(rng.integers(45, 240))), ep_end - dt.timedelta(days=2), end
        )
        busy[child.id] = last
        incidents = 1 + int(rng.geometric(1 / MEAN_INCIDENTS_LOOKED_AFTER)) - 1
        spells.append(_Spell(child, day, last, ep, max(1, incidents)))
    families = FamilyFactory.of(ctx)
    n_home = round(SPELLS_AT_HOME * settings.scale * years)
    for offset in _spread(rng, n_home, span_days):
        day = start + dt.timedelta(days=int(offset))
        age = int(
            rng.choice([11, 12, 13, 14, 15, 16, 17], p=[0.04, 0.08, 0.14, 0.2, 0.24, 0.18, 0.12])
        )
        family = families.new_family(
            on=day - dt.timedelta(days=int(rng.integers(0, 400))), child_ages=[age]
        )
        child = family.children[0]
        last = min(day + dt.timedelta(days=int(rng.integers(30, 200))), end)
        incidents = int(rng.geometric(1 / MEAN_INCIDENTS_AT_HOME))
        spells.append(_Spell(child, day, last, None, incidents))
    for spell in spells:
        _write_spell(ctx, spell)


def _spread(rng: np.random.Generator, n: int, span_days: int) -> list[int]:
    """``n`` day offsets, one in each of ``n`` equal slices of the span.

    Spells are clustered (several incidents each), so a Poisson count of spells made the
    6-monthly incident figures swing by a fifth; an even spread keeps them steady.
    """
    return [int((i + float(rng.random())) * span_days / n) for i in range(n)]


def _write_spell(ctx: SynthContext, spell: _Spell) -> None:
    from safeguard.synth.journeys.care import worker

    rng = ctx.stream(STREAM)
    end_moment = ctx.at(ctx.settings.end, 23, 0)
    span_hours = max(24, (spell.last - spell.start).days * 24)
    moment = ctx.at(spell.start, int(rng.integers(14, 23)), int(rng.integers(0, 60)))
    for number in range(spell.incidents):
        if number:
            moment = moment + dt.timedelta(
                hours=float(rng.exponential(span_hours / spell.incidents))
            )
        if moment.date() > spell.last:
            break
        hours = float(np.clip(rng.lognormal(np.log(9), 1.0), 0.5, 240))
        returned = moment + dt.timedelta(hours=hours)
        if returned.date() > spell.last or returned > end_moment:
            break
        away = spell.episode is not None and rng.random() < AWAY_SHARE
        police_at = None
        reference = ""
        if not away and rng.random() < 0.92:
            police_at = moment + dt.timedelta(hours=float(rng.uniform(0.5, 6)))
            if police_at > returned:
                police_at = returned
            reference = f"MP/{moment:%y}/{int(rng.integers(100000, 999999))}"
        return_at = returned + dt.timedelta(hours=float(rng.uniform(0.2, 18)))
        if return_at > end_moment:
            return_at = end_moment
        missing = ctx.writer.add(
            build(
                MissingEpisode,
                child=spell.child,
                missing_type="A" if away else "M",
                started_at=moment,
                ended_at=returned,
                looked_after_episode=(spell.episode.obj if spell.episode is not None else None),
                police_reference=reference,
                police_notification_received_at=police_at,
                return_notification_received_at=return_at,
            ),
            id=ctx.new_id(STREAM),
            at=moment,
        )
        moment = returned + dt.timedelta(hours=float(rng.uniform(6, 48)))
        if rng.random() >= RHI_OFFERED:
            continue
        offered = returned + dt.timedelta(hours=float(rng.uniform(2, 30)))
        if offered > end_moment:
            continue
        held_at = None
        accepted: bool | None = False
        declined = ""
        if rng.random() < RHI_HELD_OF_OFFERED:
            accepted = True
            if rng.random() < RHI_WITHIN_72H_OF_HELD:
                held_at = returned + dt.timedelta(hours=float(rng.uniform(4, 71)))
            else:
                held_at = returned + dt.timedelta(hours=float(rng.uniform(73, 24 * 14)))
            held_at = max(held_at, offered)
            if held_at > end_moment:
                held_at, accepted = None, None
        elif rng.random() < 0.8:
            declined = str(
                rng.choice(
                    [
                        "Did not want to talk about it.",
                        "Said they were fine and had been with friends.",
                        "Parent declined on the child's behalf.",
                    ]
                )
            )
        else:
            accepted = None
        held_by = None
        agency = ""
        if held_at is not None:
            if rng.random() < 0.3:
                held_by = worker(ctx, "social_worker", held_at.date(), STREAM)
            if held_by is None:
                agency = AGENCY
        interview = ctx.writer.add(
            build(
                ReturnHomeInterview,
                missing_episode=missing,
                offered_at=offered,
                accepted=accepted,
                declined_reason=declined,
                held_at=held_at,
                held_by_worker=held_by,
                held_by_agency=agency,
                engaged=(rng.random() < 0.85) if held_at is not None else None,
            ),
            id=ctx.new_id(STREAM),
            at=offered,
        )
        if held_at is None:
            continue
        k = int(rng.integers(1, 4))
        chosen = rng.choice(
            len(THEMES), size=k, replace=False, p=THEME_WEIGHTS / THEME_WEIGHTS.sum()
        )
        for index in sorted(int(i) for i in chosen):
            ctx.writer.add(
                build(ReturnHomeInterviewTheme, interview=interview, theme=THEMES[index]),
                id=ctx.new_id(STREAM),
                at=held_at,
            )
