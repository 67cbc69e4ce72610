"""Set-based reads of the records the SSDA903 is built from: one query per table a year.

``care.selectors`` builds its rows a child at a time (OC2, OC3 and AD1 ask several
queries per child), which at scale means tens of thousands of queries. These read each
table once for the collection year, joined on a condition ("looked after at some time in
the year") rather than a list of ids, and return the stored values as plain dicts; what
the return shows is decided in ``ssda903.cohorts``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet

from safeguard.care.models import (
    ADOPTED,
    CONTINUES,
    SHORT_BREAK_LEGAL_STATUSES,
    AdoptionDecision,
    AdoptionMatch,
    CareLeaverContact,
    HealthAssessment,
    LookedAfterEpisode,
    LookedAfterReview,
    OutcomesRecord,
    PeriodOfCare,
    PreviousPermanence,
)
from safeguard.exploitation.models import MissingEpisode
from safeguard.people.models import Person, Relationship, RelationshipType
from safeguard.workforce.models import Allocation

Row = dict[str, Any]


def _rows(values: Iterable[Any]) -> list[Row]:
    return list(values)


def overlapping(start: dt.date, end: dt.date, *, began: str, ended: str) -> Q:
    """A span that was going on at some time from ``start`` to ``end`` (both days in)."""
    return Q(**{f"{began}__lte": end}) & (
        Q(**{f"{ended}__isnull": True}) | Q(**{f"{ended}__gte": start})
    )


def episodes_in_year(start: dt.date, end: dt.date) -> QuerySet[LookedAfterEpisode]:
    return LookedAfterEpisode.objects.filter(
        overlapping(start, end, began="started_on", ended="ended_on")
    )


def looked_after_children(start: dt.date, end: dt.date) -> QuerySet[Any]:
    """The ``child_id`` of every child looked after at some time in the year (a subquery)."""
    return episodes_in_year(start, end).values("child_id")


def episode_rows(start: dt.date, end: dt.date) -> list[Row]:
    return _rows(
        episodes_in_year(start, end).values(
            "child_id",
            "started_on",
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
    )


def care_history(end: dt.date) -> list[Row]:
    """Every episode begun by 31 March: the care history the DfE portal holds from earlier
    returns (the rules on care histories; ``rules.ssda903.history``)."""
    return _rows(
        LookedAfterEpisode.objects.filter(started_on__lte=end).values(
            "child_id", "started_on", "ended_on", "legal_status", "reason_ceased"
        )
    )


def care_in_year(start: dt.date, end: dt.date) -> list[Row]:
    """Per child looked after in the year, what their episodes in it add up to (one query).

    ``last_ended`` the latest end; ``open_at_end`` episodes still open on 31 March;
    ``full_care`` episodes that are not short breaks (V3/V4); ``ceased`` episodes, not
    short breaks, that ended in the year other than by moving on to another (X1).
    """
    short_break = Q(legal_status__in=SHORT_BREAK_LEGAL_STATUSES)
    return _rows(
        episodes_in_year(start, end)
        .values("child_id")
        .annotate(
            last_ended=Max("ended_on"),
            open_at_end=Count("id", filter=Q(ended_on__isnull=True) | Q(ended_on__gt=end)),
            full_care=Count("id", filter=~short_break),
            ceased=Count(
                "id",
                filter=Q(ended_on__range=(start, end))
                & ~short_break
                & ~Q(reason_ceased__in=("", CONTINUES)),
            ),
        )
        .order_by()
    )


def first_children(start: dt.date, end: dt.date) -> list[Row]:
    """The girls looked after in the year who are recorded as a parent (an ended
    relationship counts: a mother whose baby was adopted is still a mother), with the
    earliest date of birth of their children born by 31 March."""
    return _rows(
        Relationship.objects.filter(
            relationship_type=RelationshipType.PARENT,
            person__gender="2",
            person_id__in=looked_after_children(start, end),
            related_to__date_of_birth__lte=end,
        )
        .values("person_id")
        .annotate(first_born=Min("related_to__date_of_birth"))
        .order_by()
    )


def people(child_ids: QuerySet[Any]) -> list[Row]:
    return _rows(
        Person.objects.filter(id__in=child_ids).values(
            "id",
            "la_child_id",
            "gender",
            "date_of_birth",
            "ethnicity",
            "upn",
            "upn_unknown_reason",
            "is_uasc",
            "uasc_ceased_on",
        )
    )


def review_rows(start: dt.date, end: dt.date) -> list[Row]:
    return _rows(
        LookedAfterReview.objects.filter(held_on__range=(start, end)).values(
            "child_id", "held_on", "participation"
        )
    )


def oc2_periods(start: dt.date, end: dt.date) -> list[Row]:
    """Periods that kept a child looked after all year to 31 March, with whether any
    episode was not a short break (V3/V4 alone do not count, rule 190)."""
    periods = PeriodOfCare.objects.filter(started_on__lte=start).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=end)
    )
    full_care = LookedAfterEpisode.objects.filter(period__in=periods).exclude(
        legal_status__in=SHORT_BREAK_LEGAL_STATUSES
    )
    return _rows(
        periods.filter(id__in=full_care.values("period_id")).values("id", "child_id", "started_on")
    )


def outcomes_records(year_ending: dt.date, children: QuerySet[Any]) -> list[Row]:
    return _rows(
        OutcomesRecord.objects.filter(year_ending=year_ending, child_id__in=children).values(
            "child_id",
            "convicted",
            "health_check_up_to_date",
            "immunisations_up_to_date",
            "substance_misuse",
            "intervention_received",
            "intervention_offered",
            "sdq_reason",
        )
    )


def health_assessments(start: dt.date, end: dt.date, children: QuerySet[Any]) -> list[Row]:
    return _rows(
        HealthAssessment.objects.filter(
            assessed_on__range=(start, end), child_id__in=children
        ).values("child_id", "kind", "assessed_on", "sdq_score")
    )


def care_leaver_candidates(
    born_from: dt.date, born_to: dt.date, contacts_from: dt.date, contacts_to: dt.date
) -> QuerySet[Person]:
    """People born in the range who have left a period of care or have a care-leaver
    contact in the range (the OC3 candidates)."""
    left_care = PeriodOfCare.objects.filter(ended_on__isnull=False).values("child_id")
    contacted = CareLeaverContact.objects.filter(
        contact_on__range=(contacts_from, contacts_to)
    ).values("child_id")
    return Person.objects.filter(
        Q(id__in=left_care) | Q(id__in=contacted), date_of_birth__range=(born_from, born_to)
    )


def care_histories(children: QuerySet[Any]) -> list[Row]:
    """Every episode of the candidates, with its period's dates (care-leaver status)."""
    return _rows(
        LookedAfterEpisode.objects.filter(child_id__in=children).values(
            "child_id",
            "period_id",
            "period__started_on",
            "period__ended_on",
            "started_on",
            "ended_on",
            "legal_status",
            "reason_ceased",
        )
    )


def care_leaver_contacts(start: dt.date, end: dt.date, children: QuerySet[Any]) -> list[Row]:
    return _rows(
        CareLeaverContact.objects.filter(
            contact_on__range=(start, end), child_id__in=children
        ).values("child_id", "contact_on", "in_touch", "activity", "accommodation")
    )


def adoptions(start: dt.date, end: dt.date) -> list[Row]:
    """Episodes ending in adoption (REC E11/E12) in the year: the AD1 cohort."""
    return _rows(
        LookedAfterEpisode.objects.filter(
            reason_ceased__in=ADOPTED, ended_on__range=(start, end)
        ).values("child_id", "period_id", "placement_type")
    )


def live_decisions(periods: QuerySet[Any]) -> list[Row]:
    return _rows(
        AdoptionDecision.objects.filter(period_id__in=periods, reversed_on__isnull=True).values(
            "id", "period_id", "decided_on"
        )
    )


def live_matches(periods: QuerySet[Any]) -> list[Row]:
    """The live match of each live decision of the periods."""
    return _rows(
        AdoptionMatch.objects.filter(
            decision__period_id__in=periods,
            decision__reversed_on__isnull=True,
            ended_on__isnull=True,
        ).values(
            "decision_id",
            "matched_on",
            "number_of_adopters",
            "adopter_sex",
            "adopter_legal_status",
        )
    )


def adoption_periods(start: dt.date, end: dt.date) -> QuerySet[Any]:
    return LookedAfterEpisode.objects.filter(
        reason_ceased__in=ADOPTED, ended_on__range=(start, end)
    ).values("period_id")


def placed_adoption_rows(start: dt.date, end: dt.date) -> list[Row]:
    """Decisions in force at some time in the year, in a period that ran into the year."""
    return _rows(
        AdoptionDecision.objects.filter(decided_on__lte=end)
        .filter(Q(reversed_on__isnull=True) | Q(reversed_on__gte=start))
        .filter(Q(period__ended_on__isnull=True) | Q(period__ended_on__gte=start))
        .values("child_id", "decided_on", "reversed_on", "reversal_reason")
    )


def prev_perm_rows(start: dt.date, end: dt.date) -> list[Row]:
    return _rows(
        PreviousPermanence.objects.filter(period__started_on__range=(start, end)).values(
            "period__child_id", "period__started_on", "option", "la_code", "order_date"
        )
    )


def missing_rows(start_at: dt.datetime, end_before: dt.datetime) -> list[Row]:
    """Missing or away episodes from care going on at some time in the year."""
    return _rows(
        MissingEpisode.objects.filter(looked_after_episode__isnull=False, started_at__lt=end_before)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=start_at))
        .values("child_id", "missing_type", "started_at", "ended_at")
    )


def allocation_rows(start: dt.date, end: dt.date) -> list[Row]:
    """Social worker episodes in the year of children looked after at some time in it."""
    return _rows(
        Allocation.objects.filter(
            overlapping(start, end, began="started_on", ended="ended_on"),
            child_id__in=looked_after_children(start, end),
        ).values("child_id", "worker__staff_id", "started_on", "ended_on", "start_reason")
    )
