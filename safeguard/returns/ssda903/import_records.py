"""Import the SSDA903 files that hang off a period of care: Reviews, OC2, OC3, adoption,
PrevPerm and Missing.

Each row goes to the period of care (or episode) that held the child on the row's date,
so Episodes are imported first. Where the return gives a fact without its date (OC2 "a
health assessment in the year", an SDQ score; OC3's answers around a birthday), the
record is dated on the latest day the return implies (31 March, the birthday; never
after today) and its notes say it was imported; a record already held that answers
the question is left as it is.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from safeguard.care.models import (
    HEALTH_ASSESSMENT_KINDS,
    AdoptionDecision,
    AdoptionMatch,
    CareLeaverContact,
    HealthAssessment,
    HealthAssessmentKind,
    LookedAfterEpisode,
    LookedAfterReview,
    OutcomesRecord,
    PeriodOfCare,
    PreviousPermanence,
)
from safeguard.exploitation.models import MissingEpisode
from safeguard.people.models import Person
from safeguard.returns.ssda903 import cohorts
from safeguard.returns.ssda903.importing import (
    Rejected,
    Row,
    Run,
    covering,
    kept_end,
    need,
    told,
)


def _period(person: Person, day: dt.date, what: str) -> PeriodOfCare:
    periods = list(PeriodOfCare.objects.filter(child=person))
    found = covering(periods, day) or _begun_earlier(periods, day)
    if found is None:
        raise Rejected(f"{what} on {day:%d/%m/%Y}, but the child was not looked after that day")
    period: PeriodOfCare = found
    return period


def _begun_earlier(periods: list[PeriodOfCare], day: dt.date) -> PeriodOfCare | None:
    """The next period after ``day`` when it began before the episodes held (a year's file
    holds only the episodes open in the year: its first is then not RNE S)."""
    later = sorted((p for p in periods if p.started_on > day), key=lambda p: p.started_on)
    if not later:
        return None
    nearest = later[0]
    if any(p.ended_on is not None and day <= p.ended_on < nearest.started_on for p in periods):
        return None
    first = LookedAfterEpisode.objects.filter(period=nearest).order_by("started_on").first()
    return nearest if first is not None and first.reason_new_episode != "S" else None


def import_reviews(run: Run) -> None:
    for person, rows in run.by_child("Reviews").items():
        held = {r.held_on: r for r in LookedAfterReview.objects.filter(child=person)}
        for row in rows:
            with run.row(row):
                day = need("Reviews", row, "REVIEW")
                review = held.get(day) or LookedAfterReview(
                    child=person, held_on=day, notes=run.note
                )
                values = {
                    "participation": need("Reviews", row, "REVIEW_CODE"),
                    "period_id": _period(person, day, "a review").id,
                }
                run.save("looked-after review", review, values)


def import_oc2(run: Run) -> None:
    for row, person in run.table("OC2"):
        with run.row(row):
            _oc2(run, row, person)


def _oc2(run: Run, row: Row, person: Person) -> None:
    span = run.span
    period = _period(person, span.end, "OC2 outcomes for the year to 31 March")
    record = OutcomesRecord.objects.filter(child=person, year_ending=span.end).first()
    answers = {
        "convicted": row["CONVICTED"],
        "health_check_up_to_date": row["HEALTH_CHECK"],
        "immunisations_up_to_date": row["IMMUNISATIONS"],
        "substance_misuse": row["SUBSTANCE_MISUSE"],
        "intervention_received": row["INTERVENTION_RECEIVED"],
        "intervention_offered": row["INTERVENTION_OFFERED"],
    }
    if record is not None or any(v is not None for v in answers.values()) or row["SDQ_REASON"]:
        record = record or OutcomesRecord(child=person, year_ending=span.end)
        values = {n: told(v, getattr(record, n)) for n, v in answers.items()}
        values["sdq_reason"] = row["SDQ_REASON"] or record.sdq_reason
        run.save("OC2 outcomes", record, values)
    in_year = list(
        HealthAssessment.objects.filter(child=person, assessed_on__range=(span.start, span.end))
    )
    day = run.latest_day(span.end)
    for column, kinds, kind in (
        ("HEALTH_ASSESSMENT", HEALTH_ASSESSMENT_KINDS, HealthAssessmentKind.REVIEW),
        ("TEETH_CHECK", {HealthAssessmentKind.DENTAL}, HealthAssessmentKind.DENTAL),
    ):
        held = [a for a in in_year if a.kind in kinds]
        if row[column] and not held:
            assessment = HealthAssessment(child=person, kind=kind, assessed_on=day)
            run.save("health assessment", assessment, {"period": period, "notes": _dated(run)})
        elif row[column] is False and held:
            raise Rejected(
                f"OC2 {column} is 0, but the records hold one on {held[-1].assessed_on:%d/%m/%Y}"
            )
    score = row["SDQ_SCORE"]
    if score is not None:
        sdqs = sorted(
            (a for a in in_year if a.kind == HealthAssessmentKind.SDQ), key=lambda a: a.assessed_on
        )
        if sdqs and sdqs[-1].sdq_score == score:
            run.count("unchanged", "health assessment")
            return
        on_day = [a for a in sdqs if a.assessed_on == day]
        sdq = on_day[0] if on_day else HealthAssessment(child=person, kind="sdq", assessed_on=day)
        run.save(
            "health assessment", sdq, {"period": period, "sdq_score": score, "notes": _dated(run)}
        )


def _dated(run: Run) -> str:
    return f"{run.note} The return gives no date: recorded on the last day of its year."


def import_oc3(run: Run) -> None:
    for row, person in run.table("OC3"):
        if row["IN_TOUCH"] is None and row["ACTIV"] is None and row["ACCOM"] is None:
            continue  # a care leaver with no contact: nothing to record
        with run.row(row):
            _oc3(run, row, person)


def _oc3(run: Run, row: Row, person: Person) -> None:
    dob = person.date_of_birth or row["DOB"]
    day = cohorts.oc3_birthday(dob, run.span) if dob else None
    if day is None:
        raise Rejected("the young person was not 17, 18, 19, 20 or 21 in the year (391)")
    day = run.latest_day(day)
    values = {
        "in_touch": need("OC3", row, "IN_TOUCH"),
        "activity": need("OC3", row, "ACTIV"),
        "accommodation": need("OC3", row, "ACCOM"),
    }
    contacts = list(CareLeaverContact.objects.filter(child=person))
    latest = cohorts.latest_contact(
        day, [{"contact_on": c.contact_on, "contact": c} for c in contacts]
    )
    if latest is not None:
        contact: CareLeaverContact = latest["contact"]
        if all(getattr(contact, n) == v for n, v in values.items()):
            run.count("unchanged", "care leaver contact")
            return
        if contact.contact_on != day:
            raise Rejected(f"the records hold a different contact on {contact.contact_on:%d/%m/%Y}")
    else:
        contact = CareLeaverContact(child=person, contact_on=day, notes=run.note)
    run.save("care leaver contact", contact, values)


def import_adoption(run: Run) -> None:
    for row, person in run.table("PlacedAdoption"):
        with run.row(row):
            day = need("PlacedAdoption", row, "DATE_PLACED")
            decision = _decision(person, day)
            values = {
                "period_id": decision.period_id
                or _period(person, day, "a decision to place for adoption").id,
                "reversed_on": kept_end(row["DATE_PLACED_CEASED"], decision.reversed_on, run.span),
                "reversal_reason": row["REASON_PLACED_CEASED"] or "",
            }
            if values["reversed_on"] != row["DATE_PLACED_CEASED"]:
                values["reversal_reason"] = decision.reversal_reason
            run.save("adoption decision", decision, values)
    for row, person in run.table("AD1"):
        with run.row(row):
            _ad1(run, row, person)


def _decision(person: Person, day: dt.date) -> AdoptionDecision:
    held = AdoptionDecision.objects.filter(child=person, decided_on=day).first()
    return held or AdoptionDecision(child=person, decided_on=day)


def _ad1(run: Run, row: Row, person: Person) -> None:
    day = need("AD1", row, "DATE_INT")
    decision = _decision(person, day)
    if decision._state.adding:
        period = _period(person, day, "a decision to place for adoption")
        run.save("adoption decision", decision, {"period": period})
    if row["DATE_MATCH"] is None:
        return
    match = decision.matches.filter(ended_on__isnull=True).first() if decision.pk else None
    match = match or AdoptionMatch(decision=decision)
    values = {
        "matched_on": row["DATE_MATCH"],
        "number_of_adopters": need("AD1", row, "NB_ADOPTR"),
        "adopter_sex": need("AD1", row, "SEX_ADOPTR"),
        "adopter_legal_status": need("AD1", row, "LS_ADOPTR"),
    }
    run.save("adoption match", match, values)


def import_prev_perm(run: Run) -> None:
    span = run.span
    for row, person in run.table("PrevPerm"):
        with run.row(row):
            started = PeriodOfCare.objects.filter(
                child=person, started_on__range=(span.start, span.end)
            ).order_by("-started_on")
            period = started.first()
            if period is None:
                raise Rejected("previous permanence, but no period of care started in the year")
            held = PreviousPermanence.objects.filter(period=period).first()
            values = {
                "option": need("PrevPerm", row, "PREV_PERM"),
                "la_code": row["LA_PERM"] or "",
                "order_date": row["DATE_PERM"],
            }
            run.save("previous permanence", held or PreviousPermanence(period=period), values)


def import_missing(run: Run) -> None:
    for person, rows in run.by_child("Missing").items():
        held: dict[dt.date, list[MissingEpisode]] = defaultdict(list)
        for episode in MissingEpisode.objects.filter(child=person).order_by("started_at"):
            held[timezone.localtime(episode.started_at).date()].append(episode)
        seen: dict[dt.date, int] = defaultdict(int)
        for row in sorted(
            rows, key=lambda r: (need("Missing", r, "MIS_START"), r["MIS_END"] or dt.date.max)
        ):
            day = row["MIS_START"]
            index = seen[day]
            seen[day] += 1
            with run.row(row):
                _missing(run, row, person, day, index, held[day])


def _missing(
    run: Run, row: Row, person: Person, day: dt.date, index: int, held: list[MissingEpisode]
) -> None:
    episode = held[index] if index < len(held) else None
    # A return gives days, not times: midday, a minute apart for episodes on one day.
    started_at = _midday(day, index)
    end_day = kept_end(
        row["MIS_END"],
        timezone.localtime(episode.ended_at).date() if episode and episode.ended_at else None,
        run.span,
    )
    if episode is None:
        placement = _episode_on(person, day)
        episode = MissingEpisode(child=person, started_at=started_at, notes=run.note)
        values: dict[str, object] = {"looked_after_episode": placement}
    else:
        values = {}
        started_at = episode.started_at
    held_end = timezone.localtime(episode.ended_at).date() if episode.ended_at else None
    if end_day != held_end:
        values["ended_at"] = max(_midday(end_day, index), started_at) if end_day else None
    values["missing_type"] = need("Missing", row, "MISSING")
    run.save("missing episode", episode, values)


def _midday(day: dt.date, index: int) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(day, dt.time(12, 0)) + dt.timedelta(minutes=index)
    )


def _episode_on(person: Person, day: dt.date) -> LookedAfterEpisode:
    episodes = LookedAfterEpisode.objects.filter(child=person, started_on__lte=day)
    running = episodes.exclude(ended_on__lte=day).order_by("-started_on").first()
    found = running or episodes.filter(ended_on=day).order_by("-started_on").first()
    if found is None:
        raise Rejected(f"missing from {day:%d/%m/%Y}, but the child was not looked after then")
    return found
