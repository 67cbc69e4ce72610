"""The unregistered placements register, derived from the generated care records.

Runs after ``care``: every placement ``care`` wrote with ``is_registered`` False (children
14-17 in a children's home no one registered) goes on the register, dated from the move
in, and ends as the care record says (a move to a registered or another unregistered
placement, or leaving care). Nothing in the care records is changed. Around that:

* the Corporate Director's approval: on or up to three days before the move in for most,
  a few days late for about one in ten, and still awaited for a few open placements;
* progress updates every three to five weeks (searching, then a place identified and a
  move planned, or the provider applying for registration);
* monthly independent visits (Regulation 44 style) by a CP chair, about nine in ten
  within the month; the records are nearly always checked; the opinion mostly adequate
  or good;
* the weekly reports (each Monday) and the monthly Ofsted notifications (each 1st), as
  ``services_unregistered.issue_document`` would have issued them, without PDFs (drawn
  from the kept HTML on download; WeasyPrint for two years of weeks would dominate).

Seed 004 has four children in unregistered placements at a time at scale 1.0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from faker import Faker

from safeguard.care.models import LookedAfterEpisode, PeriodOfCare
from safeguard.care.models_unregistered import (
    DocumentKind,
    IndependentVisit,
    IssuedDocument,
    IssuedDocumentEntry,
    Judgement,
    NoRegisteredPlaceReason,
    PrivateConversation,
    ProgressStep,
    ProgressUpdate,
    UnregisteredEndReason,
    UnregisteredPlacement,
    UnregisteredSetting,
)
from safeguard.care.selectors import placement_ended_on
from safeguard.care.selectors_unregistered import placement_start
from safeguard.core import calendar
from safeguard.synth.context import SynthContext
from safeguard.synth.writer import build

STREAM = "unregistered"
APPROVED_LATE = 0.1
APPROVAL_AWAITED = 0.05
VISIT_ON_TIME = 0.9
RECORDS_CHECKED = 0.93
SETTINGS = (
    (UnregisteredSetting.COUNCIL_PROPERTY, 0.5),
    (UnregisteredSetting.RENTED, 0.3),
    (UnregisteredSetting.AWAITING_REGISTRATION, 0.2),
)
REASONS = (
    (NoRegisteredPlaceReason.NO_VACANCY, 0.35),
    (NoRegisteredPlaceReason.NEEDS, 0.3),
    (NoRegisteredPlaceReason.DECLINED, 0.2),
    (NoRegisteredPlaceReason.EMERGENCY, 0.1),
    (NoRegisteredPlaceReason.DEPRIVATION_OF_LIBERTY, 0.05),
)
AGENCIES = (
    "Coastline Care Staffing Ltd",
    "Harbour Support Services",
    "Vale Residential Staffing",
    "Brightpath Care Agency",
)
CARE_JUDGEMENTS = ((Judgement.GOOD, 0.35), (Judgement.ADEQUATE, 0.55), (Judgement.INADEQUATE, 0.1))
OPINIONS = {
    Judgement.GOOD: "Staff know the young person well and the routines are settled; "
    "the young person said they feel safe here.",
    Judgement.ADEQUATE: "Care meets the young person's day-to-day needs; staffing has "
    "changed often and the young person finds new staff hard.",
    Judgement.INADEQUATE: "Too many agency staff unknown to the young person; the daily log "
    "has gaps and incidents were not reported to the social worker the same day.",
}
ACTIONS = "Agency to provide a consistent core team within two weeks; manager to audit the log."
PROGRESS_NOTES = {
    ProgressStep.SEARCHING: "Referral re-sent to the regional framework and two new providers.",
    ProgressStep.PLACE_IDENTIFIED: "A registered home has offered a place after reading the "
    "referral; matching meeting booked.",
    ProgressStep.TRANSITION: "Introductory visits under way; move planned for the coming weeks.",
    ProgressStep.APPLIED: "The provider's application for registration is with Ofsted.",
    ProgressStep.INSPECTED: "Ofsted's registration visit took place; outcome awaited.",
}


@dataclass
class _Spell:
    episode: LookedAfterEpisode
    start: dt.date
    left: dt.date | None
    how: str


def generate(ctx: SynthContext) -> None:
    spells = _spells(ctx)
    if not spells:
        return
    rng = ctx.stream(STREAM)
    fake = ctx.faker(STREAM)
    director = f"{fake.first_name()} {fake.last_name()}"
    for spell in spells:
        _write(ctx, rng, fake, director, spell)
    ctx.writer.flush()
    _issue_documents(ctx)


def _spells(ctx: SynthContext) -> list[_Spell]:
    """One spell per unregistered placement the care records hold (read, never changed)."""
    end = ctx.settings.end
    seen: set[object] = set()
    spells = []
    episodes = LookedAfterEpisode.objects.filter(is_registered=False).order_by(
        "started_on", "child_id"
    )
    for episode in episodes:
        first = placement_start(episode)
        if first.pk in seen or first.is_registered:
            continue
        seen.add(first.pk)
        left = placement_ended_on(first)
        if left is not None and left > end:
            left = None
        how = ""
        if left is not None:
            following = LookedAfterEpisode.objects.filter(
                child_id=first.child_id, started_on=left
            ).first()
            ended_care = PeriodOfCare.objects.filter(pk=first.period_id, ended_on=left).exists()
            if ended_care or following is None:
                how = UnregisteredEndReason.LEFT_CARE
            elif following.is_registered:
                how = UnregisteredEndReason.MOVED_REGISTERED
            else:
                how = UnregisteredEndReason.MOVED_UNREGISTERED
        spells.append(_Spell(first, first.started_on, left, how))
    return spells


def _pick(rng: np.random.Generator, weighted: tuple[tuple[str, float], ...]) -> str:
    values = [v for v, _ in weighted]
    weights = np.array([w for _, w in weighted])
    return str(values[int(rng.choice(len(values), p=weights / weights.sum()))])


def _write(
    ctx: SynthContext, rng: np.random.Generator, fake: Faker, director: str, spell: _Spell
) -> None:
    from safeguard.synth.journeys.care import worker

    end = ctx.settings.end
    episode = spell.episode
    last_day = spell.left or end
    roll = rng.random()
    approved_on: dt.date | None
    if spell.left is None and roll < APPROVAL_AWAITED:
        approved_on = None
    elif roll < APPROVAL_AWAITED + APPROVED_LATE:
        approved_on = min(spell.start + dt.timedelta(days=int(rng.integers(1, 6))), last_day)
    else:
        approved_on = spell.start - dt.timedelta(days=int(rng.integers(0, 4)))
    setting = _pick(rng, SETTINGS)
    address = f"{fake.building_number()} {fake.street_name()}\n{fake.city()}"
    if episode.placement_postcode:
        address += f"\n{episode.placement_postcode}"
    placement = ctx.writer.add(
        build(
            UnregisteredPlacement,
            child_id=episode.child_id,
            episode=episode,
            started_on=spell.start,
            address=address,
            provider=episode.provider_name or AGENCIES[int(rng.integers(len(AGENCIES)))],
            setting=setting,
            reason=_pick(rng, REASONS),
            reason_detail=f"{int(rng.integers(6, 25))} registered homes approached through "
            "the regional framework and spot purchasing; none could offer a place that "
            "met the young person's needs.",
            approved_on=approved_on,
            approved_by=director if approved_on is not None else "",
            ended_on=spell.left,
            end_reason=spell.how,
        ),
        id=ctx.new_id(STREAM),
        at=ctx.at(spell.start, 17),
    )
    # Progress: searching, then towards a move (or registration, for a provider's home).
    steps = (
        [ProgressStep.APPLIED, ProgressStep.INSPECTED]
        if setting == UnregisteredSetting.AWAITING_REGISTRATION
        else [ProgressStep.PLACE_IDENTIFIED, ProgressStep.TRANSITION]
    )
    day = spell.start + dt.timedelta(days=int(rng.integers(5, 15)))
    number = 0
    while day <= last_day:
        step = ProgressStep.SEARCHING if number < 2 or not steps else steps.pop(0)
        ctx.writer.add(
            build(
                ProgressUpdate,
                placement=placement,
                recorded_on=day,
                step=step,
                note=PROGRESS_NOTES[step],
            ),
            id=ctx.new_id(STREAM),
            at=ctx.at(day, 15),
        )
        number += 1
        day += dt.timedelta(days=int(rng.integers(21, 36)))
    # Independent visits, monthly.
    base = spell.start
    while True:
        due = calendar.add_months(base, 1)
        if rng.random() < VISIT_ON_TIME:
            visited = due - dt.timedelta(days=int(rng.integers(0, 12)))
        else:
            visited = due + dt.timedelta(days=int(rng.integers(2, 15)))
        visited = max(visited, base + dt.timedelta(days=7))
        if visited > last_day:
            break
        care = _pick(rng, CARE_JUDGEMENTS)
        checked = rng.random() < RECORDS_CHECKED
        ctx.writer.add(
            build(
                IndependentVisit,
                placement=placement,
                visited_on=visited,
                visitor=worker(ctx, "cp_chair", visited, STREAM, "qa"),
                child_spoken_to=PrivateConversation.SPOKEN
                if rng.random() < 0.8
                else PrivateConversation.DECLINED,
                staff_spoken_to=PrivateConversation.SPOKEN,
                physical_condition=Judgement.GOOD if rng.random() < 0.6 else Judgement.ADEQUATE,
                daily_log_checked=True,
                complaints_checked=True,
                sanctions_checked=checked,
                restraint_checked=True,
                records_note="" if checked else "Sanctions record kept off site that day.",
                standard_of_care=care,
                opinion=OPINIONS[Judgement(care)],
                actions=ACTIONS if care == Judgement.INADEQUATE else "",
            ),
            id=ctx.new_id(STREAM),
            at=ctx.at(visited, 16),
        )
        base = visited


def _issue_documents(ctx: SynthContext) -> None:
    """The weekly reports (Mondays) and Ofsted notifications (1st of the month) the
    schedule would have issued over the history, from the register just written."""
    from safeguard.care import reports_unregistered as reports

    start, end = ctx.settings.start, ctx.settings.end
    days: list[tuple[str, dt.date]] = []
    day = start + dt.timedelta(days=(7 - start.weekday()) % 7)
    while day <= end:
        days.append((DocumentKind.WEEKLY, day))
        day += dt.timedelta(days=7)
    month = start.replace(day=1) if start.day == 1 else calendar.add_months(start.replace(day=1), 1)
    while month <= end:
        days.append((DocumentKind.OFSTED, month))
        month = calendar.add_months(month, 1)
    for kind, as_at in sorted(days, key=lambda d: (d[1], d[0])):
        report = reports.build_report(kind, as_at)
        document = ctx.writer.add(
            build(
                IssuedDocument,
                kind=kind,
                period_start=report.period_start,
                period_end=report.period_end,
                as_at=as_at,
                issued_at=ctx.at(as_at, 7),
                recipients=report.recipients,
                placement_count=len(report.rows),
                html=reports.report_html(report),
                csv=reports.rows_csv(report.rows),
                pdf=b"",
            ),
            id=ctx.new_id(STREAM),
            at=ctx.at(as_at, 7),
        )
        for row in report.rows:
            ctx.writer.add(
                build(IssuedDocumentEntry, document=document, placement=row.placement),
                id=ctx.new_id(STREAM),
                at=ctx.at(as_at, 7),
            )
