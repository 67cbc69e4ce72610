"""What the records already hold for a batch of the file's children, read in one query per
table, so matching a file of 25,000 children does not ask the database once per record.

The import adds what it creates to these lists as it goes, so later rows of the same
child match them (a CP plan finds the conference created for its enquiry a moment ago).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from safeguard.assessment.models import Assessment, AssessmentFactor
from safeguard.cin.models import CINEpisode, CINPlan
from safeguard.people.models import Disability, Person
from safeguard.protection.models import Conference, CPPlan, Section47Enquiry

#: Children read together: bounded memory, and well inside SQLite's parameter limit.
BATCH = 500


@dataclass
class Held:
    people: dict[str, Person] = field(default_factory=dict)
    disabilities: dict[Any, set[str]] = field(default_factory=lambda: defaultdict(set))
    episodes: dict[Any, list[CINEpisode]] = field(default_factory=lambda: defaultdict(list))
    assessments: dict[Any, list[Assessment]] = field(default_factory=lambda: defaultdict(list))
    factors: dict[Any, set[str]] = field(default_factory=lambda: defaultdict(set))
    cin_plans: dict[Any, list[CINPlan]] = field(default_factory=lambda: defaultdict(list))
    section47s: dict[Any, list[Section47Enquiry]] = field(default_factory=lambda: defaultdict(list))
    #: Conferences not cancelled, by episode.
    conferences: dict[Any, list[Conference]] = field(default_factory=lambda: defaultdict(list))
    #: CP plans by child (any episode), so one open plan per child can be checked.
    cp_plans: dict[Any, list[CPPlan]] = field(default_factory=lambda: defaultdict(list))


def load_held(child_ids: Iterable[str]) -> Held:
    """Everything held for these LA child ids (at most ``BATCH`` of them)."""
    ids = list(child_ids)
    held = Held()
    for person in Person.objects.filter(la_child_id__in=ids):
        held.people[person.la_child_id] = person
    for person_id, code in Disability.objects.filter(person__la_child_id__in=ids).values_list(
        "person_id", "code"
    ):
        held.disabilities[person_id].add(code)
    for episode in CINEpisode.objects.filter(child__la_child_id__in=ids):
        held.episodes[episode.child_id].append(episode)
    assessments = list(Assessment.objects.filter(episode__child__la_child_id__in=ids))
    for assessment in assessments:
        held.assessments[assessment.episode_id].append(assessment)
    # By id: joining factors to children through two tables makes SQLite scan them all.
    for assessment_id, code in AssessmentFactor.objects.filter(
        assessment_id__in=[a.pk for a in assessments]
    ).values_list("assessment_id", "code"):
        held.factors[assessment_id].add(code)
    for plan in CINPlan.objects.filter(episode__child__la_child_id__in=ids):
        held.cin_plans[plan.episode_id].append(plan)
    for s47 in Section47Enquiry.objects.filter(episode__child__la_child_id__in=ids):
        held.section47s[s47.episode_id].append(s47)
    for conference in Conference.objects.filter(
        child__la_child_id__in=ids, cancelled_on__isnull=True
    ).order_by("held_on", "pk"):
        held.conferences[conference.episode_id].append(conference)
    for cp_plan in CPPlan.objects.filter(child__la_child_id__in=ids):
        held.cp_plans[cp_plan.child_id].append(cp_plan)
    return held
