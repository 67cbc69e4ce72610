"""Who is in OC2, OC3 and AD1, and each child's care in the year, decided from rows read once.

The definitions are those of ``care.selectors`` (``oc2_row``, ``care_leaver_status``,
``oc3_rows``, ``ad1_rows``), restated over whole-year rows so that the export asks a
fixed number of queries however many children there are.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from safeguard.care.models import (
    ADOPTION_WITH_CURRENT_CARERS,
    HEALTH_ASSESSMENT_KINDS,
    SHORT_BREAK_LEGAL_STATUSES,
    HealthAssessmentKind,
)
from safeguard.care.selectors import (
    CARE_LEAVER_MAX_AGE,
    CARE_LEAVER_QUALIFYING_DAYS,
    NOT_CARE_LEAVER_ENDINGS,
    OC3_AGES,
    OC3_WINDOW_AFTER,
    OC3_WINDOW_BEFORE,
)
from safeguard.core.calendar import age_on, birthday
from safeguard.returns.ssda903.selectors import Row

Value = str | None


def flag(value: bool | None) -> Value:
    if value is None:
        return None
    return "1" if value else "0"


@dataclass(frozen=True)
class Year:
    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


# --- a child's care in the year -------------------------------------------------------------


@dataclass(frozen=True)
class CareYear:
    """What a child's episodes in the year say, for the files that depend on it.

    ``left_on``: the day care ended, for a child looked after in the year but no longer on
    31 March (every episode of the year ended by then); None while still looked after.
    ``full_care``: some episode is not a short break (V3/V4). ``ceased``: an episode, not
    a short break, ended in the year other than by moving on to another (X1).
    """

    left_on: dt.date | None
    full_care: bool
    ceased: bool


def care_years(rows: Iterable[Row]) -> dict[object, CareYear]:
    """``selectors.care_in_year`` rows by child."""
    return {
        r["child_id"]: CareYear(
            left_on=None if r["open_at_end"] else r["last_ended"],
            full_care=bool(r["full_care"]),
            ceased=bool(r["ceased"]),
        )
        for r in rows
    }


# --- OC2 ----------------------------------------------------------------------------------


def oc2_values(
    dob: dt.date | None,
    year: Year,
    record: Row | None,
    assessments: Iterable[Row],
) -> dict[str, Value]:
    """The OC2 items for one child: stored answers, and what the health records show.

    CONVICTED only at 10 or over at 31 March (542), HEALTH_CHECK only under 5 (546), the
    SDQ items only from 4 at 31 March to under 17 on 1 April (188, 189).
    """
    age_end = age_on(dob, year.end) if dob else None
    age_start = age_on(dob, year.start) if dob else None
    sdq_age = age_end is not None and age_end >= 4 and (age_start or 0) < 17
    kinds = defaultdict(list)
    for assessment in assessments:
        kinds[assessment["kind"]].append(assessment)
    sdqs = sorted(kinds[HealthAssessmentKind.SDQ], key=lambda a: a["assessed_on"])
    score = sdqs[-1]["sdq_score"] if sdqs else None

    def answer(name: str) -> Value:
        return flag(record[name]) if record else None

    return {
        "SDQ_SCORE": str(score) if sdq_age and score is not None else None,
        "SDQ_REASON": (record["sdq_reason"] or None) if record and sdq_age else None,
        "CONVICTED": answer("convicted") if age_end is not None and age_end >= 10 else None,
        "HEALTH_CHECK": answer("health_check_up_to_date")
        if age_end is not None and age_end < 5
        else None,
        "IMMUNISATIONS": answer("immunisations_up_to_date"),
        "TEETH_CHECK": flag(bool(kinds[HealthAssessmentKind.DENTAL])),
        "HEALTH_ASSESSMENT": flag(any(kinds[k] for k in HEALTH_ASSESSMENT_KINDS)),
        "SUBSTANCE_MISUSE": answer("substance_misuse"),
        "INTERVENTION_RECEIVED": answer("intervention_received"),
        "INTERVENTION_OFFERED": answer("intervention_offered"),
    }


# --- OC3 ----------------------------------------------------------------------------------


def oc3_birthday(dob: dt.date, year: Year) -> dt.date | None:
    """The 17th to 21st birthday that falls in the year (at most one does)."""
    return next((b for b in (birthday(dob, age) for age in OC3_AGES) if b in year), None)


def is_care_leaver(dob: dt.date, on: dt.date, history: Iterable[Row]) -> bool:
    """``care.selectors.care_leaver_status(...).eligible`` over the child's episode rows.

    Looked after at least 13 weeks since the 14th birthday, some of it at 16 or over
    (short breaks excluded); not looked after on the day; the last period not ended by
    death (E2) or a transfer to another authority (E3); aged 16 to 25.
    """
    episodes = [e for e in history if e["started_on"] <= on]
    periods = {e["period_id"]: (e["period__started_on"], e["period__ended_on"]) for e in episodes}
    started = [p for p in periods.values() if p[0] <= on]
    if not started:
        return False
    if any(end is None or end > on for _, end in started):
        return False
    last_start = max(p[0] for p in started)
    last_period = [e for e in episodes if e["period__started_on"] == last_start]
    ending = max(last_period, key=lambda e: e["started_on"])
    if ending["reason_ceased"] in NOT_CARE_LEAVER_ENDINGS:
        return False
    if not 16 <= age_on(dob, on) <= CARE_LEAVER_MAX_AGE:
        return False
    fourteenth, sixteenth = birthday(dob, 14), birthday(dob, 16)
    days = 0
    at_sixteen = False
    for episode in episodes:
        if episode["legal_status"] in SHORT_BREAK_LEGAL_STATUSES:
            continue
        end = min(episode["ended_on"] or on, on)
        days += max(0, (end - max(episode["started_on"], fourteenth)).days)
        at_sixteen = at_sixteen or end >= sixteenth
    return days >= CARE_LEAVER_QUALIFYING_DAYS and at_sixteen


def latest_contact(day: dt.date, contacts: Iterable[Row]) -> Row | None:
    """The latest contact from 3 months before to 1 month after the birthday."""
    window = [
        c for c in contacts if day - OC3_WINDOW_BEFORE <= c["contact_on"] <= day + OC3_WINDOW_AFTER
    ]
    return max(window, key=lambda c: c["contact_on"]) if window else None


def oc3_window(year: Year) -> tuple[dt.date, dt.date]:
    """The contact dates any OC3 row of the year can use."""
    return year.start - OC3_WINDOW_BEFORE, year.end + OC3_WINDOW_AFTER


def oc3_candidates(year: Year) -> tuple[dt.date, dt.date, dt.date, dt.date]:
    """The dates of birth and contact dates that can put someone in the year's OC3."""
    return (*oc3_born_between(year), *oc3_window(year))


def oc3_born_between(year: Year) -> tuple[dt.date, dt.date]:
    """Dates of birth that put a 17th to 21st birthday in the year (a little wide)."""
    oldest, youngest = max(OC3_AGES), min(OC3_AGES)
    return (
        dt.date(year.start.year - oldest, 1, 1),
        dt.date(year.end.year - youngest, 12, 31),
    )


# --- AD1 ----------------------------------------------------------------------------------


def ad1_values(placement_type: str, decision: Row | None, match: Row | None) -> dict[str, Value]:
    """DATE_INT is the agency decision (523); FOSTER_CARE from the last placement (335)."""
    return {
        "DATE_INT": ddmmyyyy(decision["decided_on"]) if decision else None,
        "DATE_MATCH": ddmmyyyy(match["matched_on"]) if match else None,
        "FOSTER_CARE": flag(placement_type in ADOPTION_WITH_CURRENT_CARERS),
        "NB_ADOPTR": str(match["number_of_adopters"]) if match else None,
        "SEX_ADOPTR": match["adopter_sex"] if match else None,
        "LS_ADOPTR": match["adopter_legal_status"] if match else None,
    }


def ddmmyyyy(day: dt.date | None) -> Value:
    """A date as the SSDA903 writes it (DD/MM/YYYY)."""
    return f"{day:%d/%m/%Y}" if day is not None else None


def by_key(rows: Iterable[Row], key: str) -> Mapping[object, list[Row]]:
    grouped: dict[object, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped
