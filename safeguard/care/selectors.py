"""Reads for children in care, adoption and care leavers, and the SSDA903 row builders.

The ``*_rows`` functions are the proof that the SSDA903 files are projections of our
tables: each returns plain dicts keyed by the file's column names (see
safeguard/specs/ssda903-2024.yml), dates as ISO strings and blanks as ``None``. Serialising
them (CSV, dd/mm/yyyy) is the returns app's job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import models

from safeguard.care.models import (
    ADOPTED,
    ADOPTION_WITH_CURRENT_CARERS,
    CONTINUES,
    HEALTH_ASSESSMENT_KINDS,
    SHORT_BREAK_LEGAL_STATUSES,
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
from safeguard.core import clock
from safeguard.core.calendar import age_on, birthday
from safeguard.core.timescales import Due, compute_due
from safeguard.people.models import Person

Row = dict[str, Any]

#: Care leavers: "relevant" and "former relevant" children were looked after for at least
#: 13 weeks since their 14th birthday, some of it at 16 or over (Children (Leaving Care)
#: Act 2000). Short breaks (V3, V4) do not count.
CARE_LEAVER_QUALIFYING_DAYS = 13 * 7
CARE_LEAVER_MAX_AGE = 25
#: Care-leaver information is returned for young people whose 17th to 21st birthday falls
#: in the year (OC3, rule 391), from contact 3 months before to 1 month after it.
OC3_AGES = range(17, 22)
OC3_WINDOW_BEFORE = relativedelta(months=3)
OC3_WINDOW_AFTER = relativedelta(months=1)
#: Reasons a period ended that mean the young person is not a care leaver: died in care
#: (rule 1000) or care transferred to another authority (rule 1011).
NOT_CARE_LEAVER_ENDINGS = {"E2": "died in care", "E3": "care transferred to another authority"}


@dataclass(frozen=True)
class ReturnYear:
    """An SSDA903 collection year: 1 April to 31 March."""

    start: dt.date
    end: dt.date

    @classmethod
    def ending(cls, year: int) -> ReturnYear:
        """The year ending 31 March ``year`` (``ReturnYear.ending(2025)`` is 2024-25)."""
        return cls(start=dt.date(year - 1, 4, 1), end=dt.date(year, 3, 31))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def blank(value: str) -> str | None:
    return value or None


def flag(value: bool | None) -> str | None:
    if value is None:
        return None
    return "1" if value else "0"


# --- periods and episodes -----------------------------------------------------------------


def periods_for_child(child: Person) -> models.QuerySet[PeriodOfCare]:
    return PeriodOfCare.objects.filter(child=child).order_by("started_on")


def current_period(child: Person) -> PeriodOfCare | None:
    """The child's open period of care, if any (there is at most one)."""
    return PeriodOfCare.objects.filter(child=child, ended_on__isnull=True).first()


def period_on(child: Person, on: dt.date) -> PeriodOfCare | None:
    """The period of care the child was in on a date (start ≤ date ≤ end)."""
    return (
        PeriodOfCare.objects.filter(child=child, started_on__lte=on)
        .filter(models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=on))
        .first()
    )


def is_looked_after(child: Person, on: dt.date | None = None) -> bool:
    return period_on(child, on or clock.today()) is not None


def current_episode(child: Person) -> LookedAfterEpisode | None:
    """The child's open looked-after episode: their legal status and placement now."""
    return (
        LookedAfterEpisode.objects.filter(child=child, ended_on__isnull=True)
        .select_related("period")
        .first()
    )


def episode_on(child: Person, on: dt.date) -> LookedAfterEpisode | None:
    """The episode in force on a date.

    On a change day the new episode is in force (the old one ended that morning); on the
    day care ended, the last episode is.
    """
    episodes = LookedAfterEpisode.objects.filter(child=child, started_on__lte=on)
    running = (
        episodes.filter(models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=on))
        .order_by("-started_on")
        .first()
    )
    if running is not None:
        return running
    return episodes.filter(ended_on=on).order_by("-started_on").first()


def episodes_for_period(period: PeriodOfCare) -> list[LookedAfterEpisode]:
    return list(period.episodes.order_by("started_on"))


def last_episode(period: PeriodOfCare) -> LookedAfterEpisode | None:
    return period.episodes.order_by("-started_on").first()


def placement_ended_on(episode: LookedAfterEpisode) -> dt.date | None:
    """When the placement of ``episode`` ended (None while the child is still there).

    A change of legal status only (next RNE L) keeps the child in the same placement, so
    the placement runs on into the next episode.
    """
    current = episode
    while current.ended_on is not None:
        if current.reason_ceased != CONTINUES:
            return current.ended_on
        following = LookedAfterEpisode.objects.filter(
            child_id=current.child_id, started_on=current.ended_on
        ).first()
        if following is None or following.reason_new_episode != "L":
            return current.ended_on
        current = following
    return None


def episodes_overlapping(
    year: ReturnYear, *, children: Iterable[Person] | None = None
) -> models.QuerySet[LookedAfterEpisode]:
    episodes = LookedAfterEpisode.objects.filter(started_on__lte=year.end).filter(
        models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=year.start)
    )
    if children is not None:
        episodes = episodes.filter(child__in=list(children))
    return episodes


# --- adoption -----------------------------------------------------------------------------


def live_adoption_decision(period: PeriodOfCare) -> AdoptionDecision | None:
    """The period's decision that the child should be placed for adoption, if not reversed."""
    return period.adoption_decisions.filter(reversed_on__isnull=True).first()


def live_match(decision: AdoptionDecision) -> AdoptionMatch | None:
    return decision.matches.filter(ended_on__isnull=True).first()


# --- care leavers -------------------------------------------------------------------------


@dataclass(frozen=True)
class CareLeaverStatus:
    eligible: bool
    reason: str
    left_care_on: dt.date | None = None


def care_leaver_status(child: Person, on: dt.date) -> CareLeaverStatus:
    """Whether ``child`` is a care leaver on ``on`` (a relevant or former relevant child).

    Looked after for at least 13 weeks since their 14th birthday, some of it at 16 or over
    (short breaks V3/V4 excluded); not looked after on the day; the last period did not end
    with death (E2) or a transfer to another authority (E3); aged 16 to 25.
    """
    dob = child.date_of_birth
    if dob is None:
        return CareLeaverStatus(False, "has no date of birth recorded")
    periods = [p for p in periods_for_child(child) if p.started_on <= on]
    if not periods:
        return CareLeaverStatus(False, "has never been looked after")
    if any(p.ended_on is None or p.ended_on > on for p in periods):
        return CareLeaverStatus(False, f"is still looked after on {on:%d/%m/%Y}")
    last = periods[-1]
    ending = last_episode(last)
    if ending is not None and ending.reason_ceased in NOT_CARE_LEAVER_ENDINGS:
        return CareLeaverStatus(
            False,
            f"left care with reason {ending.reason_ceased} "
            f"({NOT_CARE_LEAVER_ENDINGS[ending.reason_ceased]})",
        )
    age = age_on(dob, on)
    if not 16 <= age <= CARE_LEAVER_MAX_AGE:
        return CareLeaverStatus(False, f"is {age} on {on:%d/%m/%Y} (care leavers are 16 to 25)")
    fourteenth = birthday(dob, 14)
    sixteenth = birthday(dob, 16)
    days = 0
    at_sixteen = False
    for episode in LookedAfterEpisode.objects.filter(child=child, started_on__lte=on):
        if episode.legal_status in SHORT_BREAK_LEGAL_STATUSES:
            continue
        end = min(episode.ended_on or on, on)
        days += max(0, (end - max(episode.started_on, fourteenth)).days)
        if end >= sixteenth:
            at_sixteen = True
    if days < CARE_LEAVER_QUALIFYING_DAYS:
        return CareLeaverStatus(
            False,
            f"was looked after for {days} days since their 14th birthday "
            f"({fourteenth:%d/%m/%Y}); a care leaver needs at least 13 weeks",
        )
    if not at_sixteen:
        return CareLeaverStatus(
            False, f"left care before their 16th birthday ({sixteenth:%d/%m/%Y})"
        )
    return CareLeaverStatus(True, "is a care leaver", left_care_on=last.ended_on)


def care_leaver_contacts(child: Person) -> models.QuerySet[CareLeaverContact]:
    return CareLeaverContact.objects.filter(child=child).order_by("contact_on")


# --- OC2 cohort ---------------------------------------------------------------------------


def continuous_period(child: Person, year: ReturnYear) -> PeriodOfCare | None:
    """The period that kept the child looked after all year to 31 March (OC2 cohort).

    Looked after continuously for at least 12 months at 31 March: the period started on or
    before 1 April, was still open on 31 March, and was not only short breaks (V3/V4).
    """
    period = (
        PeriodOfCare.objects.filter(child=child, started_on__lte=year.start)
        .filter(models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=year.end))
        .first()
    )
    if period is None:
        return None
    if not period.episodes.exclude(legal_status__in=SHORT_BREAK_LEGAL_STATUSES).exists():
        return None
    return period


def sdq_score_in_year(child: Person, year: ReturnYear) -> int | None:
    latest = (
        HealthAssessment.objects.filter(
            child=child,
            kind=HealthAssessmentKind.SDQ,
            assessed_on__range=(year.start, year.end),
        )
        .order_by("-assessed_on")
        .first()
    )
    return latest.sdq_score if latest is not None else None


# --- SSDA903 row builders -----------------------------------------------------------------


def episode_row(episode: LookedAfterEpisode, year: ReturnYear | None = None) -> Row:
    """One Episodes row. An episode still open at the year's end has DEC and REC blank."""
    ended = episode.ended_on is not None and (year is None or episode.ended_on <= year.end)
    return {
        "CHILD": episode.child.la_child_id,
        "DECOM": iso(episode.started_on),
        "RNE": episode.reason_new_episode,
        "LS": episode.legal_status,
        "CIN": episode.category_of_need,
        "PLACE": episode.placement_type,
        "PLACE_PROVIDER": blank(episode.placement_provider),
        "DEC": iso(episode.ended_on) if ended else None,
        "REC": blank(episode.reason_ceased) if ended else None,
        "REASON_PLACE_CHANGE": blank(episode.reason_placement_change) if ended else None,
        "HOME_POST": blank(episode.home_postcode),
        "PL_POST": blank(episode.placement_postcode),
        "URN": blank(episode.urn),
    }


def episode_rows(
    *, year: ReturnYear | None = None, children: Iterable[Person] | None = None
) -> list[Row]:
    """SSDA903 Episodes: every episode (in ``year`` if given), by child then DECOM."""
    if year is not None:
        episodes = episodes_overlapping(year, children=children)
    else:
        episodes = LookedAfterEpisode.objects.all()
        if children is not None:
            episodes = episodes.filter(child__in=list(children))
    episodes = episodes.select_related("child").order_by("child__la_child_id", "started_on")
    return [episode_row(e, year) for e in episodes]


def review_rows(year: ReturnYear) -> list[Row]:
    """SSDA903 Reviews: every looked-after review held in the year."""
    reviews = (
        LookedAfterReview.objects.filter(held_on__range=(year.start, year.end))
        .select_related("child")
        .order_by("child__la_child_id", "held_on")
    )
    return [
        {
            "CHILD": r.child.la_child_id,
            "DOB": iso(r.child.date_of_birth),
            "REVIEW": iso(r.held_on),
            "REVIEW_CODE": r.participation,
        }
        for r in reviews
    ]


def oc2_row(child: Person, year: ReturnYear) -> Row:
    """One OC2 row: stored answers plus what the health records show for the year.

    CONVICTED is for children 10 or over at 31 March (542), HEALTH_CHECK for under-5s
    (546); the SDQ items for children 4 or over at 31 March and under 17 on 1 April
    (188, 189). Everything else is "0"/"1"; an unanswered item is None.
    """
    dob = child.date_of_birth
    record = OutcomesRecord.objects.filter(child=child, year_ending=year.end).first()
    assessments = HealthAssessment.objects.filter(
        child=child, assessed_on__range=(year.start, year.end)
    )
    age_at_end = age_on(dob, year.end) if dob else None
    age_at_start = age_on(dob, year.start) if dob else None
    sdq_age = age_at_end is not None and age_at_end >= 4 and (age_at_start or 0) < 17
    return {
        "CHILD": child.la_child_id,
        "DOB": iso(dob),
        "SDQ_SCORE": sdq_score_in_year(child, year) if sdq_age else None,
        "SDQ_REASON": blank(record.sdq_reason) if record and sdq_age else None,
        "CONVICTED": flag(record.convicted)
        if record and age_at_end is not None and age_at_end >= 10
        else None,
        "HEALTH_CHECK": flag(record.health_check_up_to_date)
        if record and age_at_end is not None and age_at_end < 5
        else None,
        "IMMUNISATIONS": flag(record.immunisations_up_to_date) if record else None,
        "TEETH_CHECK": flag(assessments.filter(kind=HealthAssessmentKind.DENTAL).exists()),
        "HEALTH_ASSESSMENT": flag(assessments.filter(kind__in=HEALTH_ASSESSMENT_KINDS).exists()),
        "SUBSTANCE_MISUSE": flag(record.substance_misuse) if record else None,
        "INTERVENTION_RECEIVED": flag(record.intervention_received) if record else None,
        "INTERVENTION_OFFERED": flag(record.intervention_offered) if record else None,
    }


def oc2_rows(year: ReturnYear) -> list[Row]:
    """SSDA903 OC2: children looked after continuously for 12 months at 31 March."""
    candidates = (
        Person.objects.filter(periods_of_care__started_on__lte=year.start)
        .filter(
            models.Q(periods_of_care__ended_on__isnull=True)
            | models.Q(periods_of_care__ended_on__gt=year.end)
        )
        .distinct()
        .order_by("la_child_id")
    )
    return [oc2_row(child, year) for child in candidates if continuous_period(child, year)]


def oc3_rows(year: ReturnYear) -> list[Row]:
    """SSDA903 OC3: care leavers whose 17th to 21st birthday falls in the year.

    Not for young people still looked after on the birthday (1007, 1016), who died in care
    (1000) or whose care passed to another authority (1011). Values come from the latest
    contact 3 months before to 1 month after the birthday; with none, the row is returned
    with the three items blank so validation shows the missing contact.
    """
    rows: list[Row] = []
    candidates = (
        Person.objects.filter(periods_of_care__ended_on__isnull=False)
        .exclude(date_of_birth__isnull=True)
        .distinct()
        .order_by("la_child_id")
    )
    for child in candidates:
        dob = child.date_of_birth
        if dob is None:
            continue
        birthdays = [birthday(dob, age) for age in OC3_AGES]
        day = next((b for b in birthdays if b in year), None)
        if day is None or not care_leaver_status(child, day).eligible:
            continue
        contact = (
            CareLeaverContact.objects.filter(
                child=child,
                contact_on__range=(day - OC3_WINDOW_BEFORE, day + OC3_WINDOW_AFTER),
            )
            .order_by("-contact_on")
            .first()
        )
        rows.append(
            {
                "CHILD": child.la_child_id,
                "DOB": iso(dob),
                "IN_TOUCH": contact.in_touch if contact else None,
                "ACTIV": contact.activity if contact else None,
                "ACCOM": contact.accommodation if contact else None,
            }
        )
    return rows


def ad1_rows(year: ReturnYear) -> list[Row]:
    """SSDA903 AD1: children adopted (REC E11/E12) in the year.

    DATE_INT is the agency decision that the child should be placed for adoption (the same
    date as PlacedAdoption DATE_PLACED, rule 523); FOSTER_CARE is derived from the last
    placement: adopted by their foster carers when it was A3 or A5 (rule 335).
    """
    rows: list[Row] = []
    adoptions = (
        LookedAfterEpisode.objects.filter(
            reason_ceased__in=ADOPTED, ended_on__range=(year.start, year.end)
        )
        .select_related("child", "period")
        .order_by("child__la_child_id")
    )
    for episode in adoptions:
        decision = live_adoption_decision(episode.period)
        match = live_match(decision) if decision is not None else None
        rows.append(
            {
                "CHILD": episode.child.la_child_id,
                "DOB": iso(episode.child.date_of_birth),
                "DATE_INT": iso(decision.decided_on) if decision else None,
                "DATE_MATCH": iso(match.matched_on) if match else None,
                "FOSTER_CARE": flag(episode.placement_type in ADOPTION_WITH_CURRENT_CARERS),
                "NB_ADOPTR": str(match.number_of_adopters) if match else None,
                "SEX_ADOPTR": match.adopter_sex if match else None,
                "LS_ADOPTR": match.adopter_legal_status if match else None,
            }
        )
    return rows


def placed_adoption_rows(year: ReturnYear) -> list[Row]:
    """SSDA903 PlacedAdoption: decisions in force at some time in the year.

    Made on or before 31 March, not reversed before 1 April, in a period of care that ran
    into the year. A reversal after 31 March is not yet known to this year's return.
    """
    decisions = (
        AdoptionDecision.objects.filter(decided_on__lte=year.end)
        .filter(models.Q(reversed_on__isnull=True) | models.Q(reversed_on__gte=year.start))
        .filter(
            models.Q(period__ended_on__isnull=True) | models.Q(period__ended_on__gte=year.start)
        )
        .select_related("child")
        .order_by("child__la_child_id", "decided_on")
    )
    rows: list[Row] = []
    for d in decisions:
        reversed_in_year = d.reversed_on is not None and d.reversed_on <= year.end
        rows.append(
            {
                "CHILD": d.child.la_child_id,
                "DOB": iso(d.child.date_of_birth),
                "DATE_PLACED": iso(d.decided_on),
                "DATE_PLACED_CEASED": iso(d.reversed_on) if reversed_in_year else None,
                "REASON_PLACED_CEASED": blank(d.reversal_reason) if reversed_in_year else None,
            }
        )
    return rows


def prev_perm_rows(year: ReturnYear) -> list[Row]:
    """SSDA903 PrevPerm: for each period of care that started in the year (rule 630)."""
    records = (
        PreviousPermanence.objects.filter(period__started_on__range=(year.start, year.end))
        .select_related("period__child")
        .order_by("period__child__la_child_id", "period__started_on")
    )
    return [
        {
            "CHILD": p.period.child.la_child_id,
            "DOB": iso(p.period.child.date_of_birth),
            "PREV_PERM": p.option,
            "LA_PERM": blank(p.la_code),
            "DATE_PERM": iso(p.order_date),
        }
        for p in records
    ]


def uasc_rows(year: ReturnYear) -> list[Row]:
    """SSDA903 UASC: children looked after in the year who are or were UASC (Person).

    SEX is the SSDA903 code (1 male, 2 female; blank otherwise); DUC is the date UASC
    status ceased.
    """
    children = (
        Person.objects.filter(
            models.Q(is_uasc=True) | models.Q(uasc_ceased_on__isnull=False),
            looked_after_episodes__in=episodes_overlapping(year),
        )
        .distinct()
        .order_by("la_child_id")
    )
    return [
        {
            "CHILD": c.la_child_id,
            "DOB": iso(c.date_of_birth),
            "SEX": c.gender if c.gender in {"1", "2"} else None,
            "DUC": iso(c.uasc_ceased_on),
        }
        for c in children
    ]


def next_review_due(period: PeriodOfCare) -> Due:
    """When the period's next looked-after review is due (timescale registry).

    The first within 20 working days of becoming looked after, the second 3 months after
    the first, then every 6 months (Care Planning Regulations 2010 r.33).
    """
    held = list(period.reviews.order_by("-held_on").values_list("held_on", flat=True)[:2])
    if not held:
        return compute_due("lac_review_first", period.started_on)
    if len(held) == 1:
        return compute_due("lac_review_second", held[0])
    return compute_due("lac_review_next", held[0])


def initial_health_assessment_due(period: PeriodOfCare) -> Due | None:
    """When the initial health assessment is due; None once one is recorded."""
    if period.health_assessments.filter(kind=HealthAssessmentKind.INITIAL).exists():
        return None
    return compute_due("iha", period.started_on)
