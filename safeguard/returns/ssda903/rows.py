"""The rows of each SSDA903 file, from the records, before they become tables.

Each builder reads its table once for the year (``ssda903.selectors``) and gives a
"draft" per row: the file's columns as DfE text, and ``_child``, the person's id; the
export adds CHILD and DOB from the person and orders the rows.

Social worker episodes (SWEpisodes) are the allocations (``workforce.Allocation``) that
were going on in the year, of children looked after at some time in it, with two
exceptions the DfE's rules make:

- A child who is no longer looked after on 31 March (every episode of the year ended) is
  reported up to the end of care: an allocation that began on or after the day their
  last episode ended is not theirs to report, and SW_DEC is the allocation's end or the
  end of care, whichever is first (SW14STG2: a child out of care has no open social
  worker episode). The case may well stay open afterwards (a leaving care worker, a CIN
  plan at home); the records keep that, the return does not. A child looked after on
  31 March keeps every allocation of the year, even those from before care (SW12STG2).
- An allocation that began and ended on the same day (a case passed on within the day)
  is not reported: a social worker episode lasts at least a day (SW09STG2).

The import reads those back without shortening the records: a SW_DEC on the day care
ended leaves a later end held alone (``importer``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from django.utils import timezone

from safeguard.people.models import Person
from safeguard.returns.ssda903 import cohorts, selectors
from safeguard.returns.ssda903.cohorts import CareYear, Value, Year, ddmmyyyy

Progress = Callable[[str], None] | None
#: A row being built: the person's id (``_child``) and the file's columns.
Draft = dict[str, Any]


def build_drafts(
    span: Year, progress: Progress, care: Mapping[Any, CareYear]
) -> dict[str, list[Draft]]:
    """The drafts of every file built from care, missing and workforce records.

    ``care`` is each looked-after child's care in the year (``cohorts.care_years``).
    """
    steps: list[tuple[str, Callable[[Year], list[Draft]]]] = [
        ("Episodes", _episodes),
        ("Reviews", _reviews),
        ("OC2", _oc2),
        ("OC3", _oc3),
        ("AD1", _ad1),
        ("PlacedAdoption", _placed_adoption),
        ("PrevPerm", _prev_perm),
        ("Missing", _missing),
        ("SWEpisodes", partial(_social_workers, care=care)),
    ]
    drafts: dict[str, list[Draft]] = {}
    for name, build in steps:
        if progress is not None:
            progress(f"Reading {name}")
        drafts[name] = build(span)
    return drafts


def blank(value: str | None) -> Value:
    return value or None


def _episodes(span: Year) -> list[Draft]:
    drafts = []
    for e in selectors.episode_rows(span.start, span.end):
        ended = e["ended_on"] is not None and e["ended_on"] <= span.end
        drafts.append(
            {
                "_child": e["child_id"],
                "DECOM": ddmmyyyy(e["started_on"]),
                "RNE": e["reason_new_episode"],
                "LS": e["legal_status"],
                "CIN": e["category_of_need"],
                "PLACE": e["placement_type"],
                "PLACE_PROVIDER": blank(e["placement_provider"]),
                "DEC": ddmmyyyy(e["ended_on"]) if ended else None,
                "REC": blank(e["reason_ceased"]) if ended else None,
                "REASON_PLACE_CHANGE": blank(e["reason_placement_change"]) if ended else None,
                "HOME_POST": blank(e["home_postcode"]),
                "PL_POST": blank(e["placement_postcode"]),
                "URN": blank(e["urn"]),
            }
        )
    return drafts


def _reviews(span: Year) -> list[Draft]:
    return [
        {
            "_child": r["child_id"],
            "REVIEW": ddmmyyyy(r["held_on"]),
            "REVIEW_CODE": r["participation"],
        }
        for r in selectors.review_rows(span.start, span.end)
    ]


def _oc2(span: Year) -> list[Draft]:
    periods = selectors.oc2_periods(span.start, span.end)
    children = {p["child_id"] for p in periods}
    cohort = selectors.looked_after_children(span.start, span.end)
    records = {r["child_id"]: r for r in selectors.outcomes_records(span.end, cohort)}
    assessments = cohorts.by_key(
        selectors.health_assessments(span.start, span.end, cohort), "child_id"
    )
    dobs = dict(Person.objects.filter(id__in=cohort).values_list("id", "date_of_birth"))
    return [
        {
            "_child": child,
            **cohorts.oc2_values(
                dobs.get(child), span, records.get(child), assessments.get(child, [])
            ),
        }
        for child in children
    ]


def _oc3(span: Year) -> list[Draft]:
    """Care leavers on their 17th to 21st birthday in the year, with the latest contact."""
    candidates = selectors.care_leaver_candidates(*cohorts.oc3_candidates(span))
    ids = candidates.values("id")
    histories = cohorts.by_key(selectors.care_histories(ids), "child_id")
    contacts = cohorts.by_key(
        selectors.care_leaver_contacts(*cohorts.oc3_window(span), ids), "child_id"
    )
    drafts = []
    for child, dob in candidates.values_list("id", "date_of_birth"):
        if dob is None:
            continue
        day = cohorts.oc3_birthday(dob, span)
        if day is None:
            continue
        contact = cohorts.latest_contact(day, contacts.get(child, []))
        history = histories.get(child)
        # With no care history held (a care leaver imported from another system's OC3),
        # the recorded contact is the records' word that they are a care leaver.
        if not (cohorts.is_care_leaver(dob, day, history) if history else contact):
            continue
        drafts.append(
            {
                "_child": child,
                "IN_TOUCH": contact["in_touch"] if contact else None,
                "ACTIV": contact["activity"] if contact else None,
                "ACCOM": contact["accommodation"] if contact else None,
            }
        )
    return drafts


def _ad1(span: Year) -> list[Draft]:
    adopted = selectors.adoptions(span.start, span.end)
    periods = selectors.adoption_periods(span.start, span.end)
    decisions = {d["period_id"]: d for d in selectors.live_decisions(periods)}
    matches = {m["decision_id"]: m for m in selectors.live_matches(periods)}
    drafts = []
    for episode in adopted:
        decision = decisions.get(episode["period_id"])
        match = matches.get(decision["id"]) if decision else None
        drafts.append(
            {
                "_child": episode["child_id"],
                **cohorts.ad1_values(episode["placement_type"], decision, match),
            }
        )
    return drafts


def _placed_adoption(span: Year) -> list[Draft]:
    drafts = []
    for d in selectors.placed_adoption_rows(span.start, span.end):
        ceased = d["reversed_on"] is not None and d["reversed_on"] <= span.end
        drafts.append(
            {
                "_child": d["child_id"],
                "DATE_PLACED": ddmmyyyy(d["decided_on"]),
                "DATE_PLACED_CEASED": ddmmyyyy(d["reversed_on"]) if ceased else None,
                "REASON_PLACED_CEASED": blank(d["reversal_reason"]) if ceased else None,
            }
        )
    return drafts


def _prev_perm(span: Year) -> list[Draft]:
    return [
        {
            "_child": p["period__child_id"],
            "PREV_PERM": p["option"],
            "LA_PERM": blank(p["la_code"]),
            "DATE_PERM": ddmmyyyy(p["order_date"]),
        }
        for p in selectors.prev_perm_rows(span.start, span.end)
    ]


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _missing(span: Year) -> list[Draft]:
    start_at = _local_midnight(span.start)
    end_before = _local_midnight(span.end + dt.timedelta(days=1))
    drafts = []
    for m in selectors.missing_rows(start_at, end_before):
        ended = timezone.localtime(m["ended_at"]).date() if m["ended_at"] else None
        drafts.append(
            {
                "_child": m["child_id"],
                "MISSING": m["missing_type"],
                "MIS_START": ddmmyyyy(timezone.localtime(m["started_at"]).date()),
                "MIS_END": ddmmyyyy(ended) if ended is not None and ended <= span.end else None,
            }
        )
    return drafts


def _social_workers(span: Year, care: Mapping[Any, CareYear]) -> list[Draft]:
    """Allocations of the year, up to the end of care for a child who left (module docstring)."""
    drafts = []
    for a in selectors.allocation_rows(span.start, span.end):
        start: dt.date = a["started_on"]
        end: dt.date | None = a["ended_on"]
        if end == start:
            continue  # under a day (SW09STG2)
        year = care.get(a["child_id"])
        left = year.left_on if year is not None else None
        if left is not None:
            if start >= left:
                continue  # began once care had ended
            end = left if end is None else min(end, left)
        ended = end is not None and end <= span.end
        drafts.append(
            {
                "_child": a["child_id"],
                "SW_ID": a["worker__staff_id"],
                "SW_DECOM": ddmmyyyy(start),
                "SW_DEC": ddmmyyyy(end) if ended else None,
                "SW_REASON": blank(a["start_reason"]),
            }
        )
    return drafts
