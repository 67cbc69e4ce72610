"""CIN episodes, CIN plans, visits and assessments."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Count, F, Q

from safeguard.assessment.models import Assessment, AssessmentFactor
from safeguard.cin.models import EPISODE_VISIT_TYPES, CINEpisode, CINPlan, Visit
from safeguard.protection.models import CPPlan
from safeguard.synth.checker import Check, Violation, _overlaps, rule

EP, PLAN, VISIT, AS = "cin.CINEpisode", "cin.CINPlan", "cin.Visit", "assessment.Assessment"


@rule("CIN-NO-OVERLAP", "A child's CIN episodes do not overlap.")
def episodes_overlap(check: Check) -> Iterator[Violation]:
    rows = CINEpisode.objects.values_list("pk", "child", "referral_date", "closure_date")
    yield from _overlaps(check, "CIN-NO-OVERLAP", EP, rows, "CIN episode")


@rule("CIN-CLOSURE-AFTER-REFERRAL", "An episode closes on or after its referral.")
def closure_order(check: Check) -> Iterator[Violation]:
    for row in CINEpisode.objects.filter(closure_date__lt=F("referral_date")).values("pk", "child"):
        yield check.v(
            "CIN-CLOSURE-AFTER-REFERRAL", EP, row["pk"], row["child"], "Closes before referral."
        )


@rule("CIN-CLOSURE-SIGNED-OFF", "A closed episode (other than NFA) has a sign-off and summary.")
def closure_signoff(check: Check) -> Iterator[Violation]:
    rows = CINEpisode.objects.filter(closure_date__isnull=False, referral_nfa=False).filter(
        Q(closure_signed_off_by__isnull=True) | Q(closure_summary="")
    )
    for row in rows.values("pk", "child"):
        yield check.v(
            "CIN-CLOSURE-SIGNED-OFF",
            EP,
            row["pk"],
            row["child"],
            "Closed without a manager's sign-off and closure summary.",
        )


@rule("CIN-PLAN-IN-EPISODE", "A CIN plan lies within its episode.")
def plan_in_episode(check: Check) -> Iterator[Violation]:
    rows = CINPlan.objects.filter(
        Q(start_date__lt=F("episode__referral_date"))
        | Q(end_date__lt=F("start_date"))
        | Q(end_date__gt=F("episode__closure_date"))
        | Q(episode__closure_date__isnull=False, end_date__isnull=True)
    ).values("pk", "episode__child", "start_date", "end_date")
    for row in rows:
        yield check.v(
            "CIN-PLAN-IN-EPISODE",
            PLAN,
            row["pk"],
            row["episode__child"],
            f"Plan {row['start_date']} to {row['end_date'] or 'open'} outside its episode.",
        )


@rule("CIN-PLAN-NO-OVERLAP", "A child's CIN plans do not overlap.")
def plans_overlap(check: Check) -> Iterator[Violation]:
    rows = CINPlan.objects.values_list("pk", "episode__child", "start_date", "end_date")
    yield from _overlaps(check, "CIN-PLAN-NO-OVERLAP", PLAN, rows, "CIN plan")


@rule("CIN-PLAN-NOT-IN-CP", "A CIN plan is not open while a CP plan is open.")
def plan_not_in_cp(check: Check) -> Iterator[Violation]:
    cp: dict[object, list[tuple[object, object]]] = defaultdict(list)
    for child, start, end in CPPlan.objects.values_list("child", "start_date", "end_date"):
        cp[child].append((start, end))
    for pk, child, start, end in CINPlan.objects.values_list(
        "pk", "episode__child", "start_date", "end_date"
    ):
        for c_start, c_end in cp.get(child, ()):
            if (c_end is None or start < c_end) and (end is None or c_start < end):  # type: ignore[operator]
                yield check.v(
                    "CIN-PLAN-NOT-IN-CP",
                    PLAN,
                    pk,
                    child,
                    f"CIN plan {start} to {end or 'open'} overlaps CP plan "
                    f"{c_start} to {c_end or 'open'}.",
                )
                break


@rule("VISIT-SEEN-ALONE", "A child seen alone was seen.")
def seen_alone(check: Check) -> Iterator[Violation]:
    for row in Visit.objects.filter(seen_alone=True, child_seen=False).values("pk", "child"):
        yield check.v(
            "VISIT-SEEN-ALONE", VISIT, row["pk"], row["child"], "Seen alone but not seen."
        )


@rule("VISIT-AFTER-BIRTH", "A visit is not before the child's birth.")
def visit_after_birth(check: Check) -> Iterator[Violation]:
    rows = Visit.objects.filter(visit_date__lt=F("child__date_of_birth")).values("pk", "child")
    for row in rows:
        yield check.v("VISIT-AFTER-BIRTH", VISIT, row["pk"], row["child"], "Visit before birth.")


@rule("VISIT-IN-EPISODE", "CIN and CP visits fall inside an open episode of the same child.")
def visit_in_episode(check: Check) -> Iterator[Violation]:
    rows = Visit.objects.filter(visit_type__in=[str(t) for t in EPISODE_VISIT_TYPES]).filter(
        Q(episode__isnull=True)
        | ~Q(episode__child=F("child"))
        | Q(visit_date__lt=F("episode__referral_date"))
        | Q(visit_date__gt=F("episode__closure_date"))
    )
    for row in rows.values("pk", "child", "visit_date"):
        yield check.v(
            "VISIT-IN-EPISODE",
            VISIT,
            row["pk"],
            row["child"],
            f"Visit on {row['visit_date']} is not inside an open episode of the child.",
        )


@rule("AS-START-AFTER-REFERRAL", "An assessment starts on or after its referral.")
def as_start(check: Check) -> Iterator[Violation]:
    rows = Assessment.objects.filter(start_date__lt=F("episode__referral_date"))
    for row in rows.values("pk", "episode__child"):
        yield check.v(
            "AS-START-AFTER-REFERRAL",
            AS,
            row["pk"],
            row["episode__child"],
            "Starts before the referral.",
        )


@rule("AS-COMPLETE-AFTER-START", "An assessment is completed on or after it starts.")
def as_complete(check: Check) -> Iterator[Violation]:
    rows = Assessment.objects.filter(authorised_on__lt=F("start_date"))
    for row in rows.values("pk", "episode__child"):
        yield check.v(
            "AS-COMPLETE-AFTER-START",
            AS,
            row["pk"],
            row["episode__child"],
            "Completed before it started.",
        )


@rule("AS-FACTORS-ON-COMPLETED", "Factors are recorded only on completed assessments.")
def as_factors(check: Check) -> Iterator[Violation]:
    rows = AssessmentFactor.objects.filter(assessment__authorised_on__isnull=True)
    for row in rows.values("pk", "assessment__episode__child"):
        yield check.v(
            "AS-FACTORS-ON-COMPLETED",
            "assessment.AssessmentFactor",
            row["pk"],
            row["assessment__episode__child"],
            "Factor on an assessment not completed.",
        )


@rule("AS-21-ALONE", "Factor 21 (no factors identified) stands alone.")
def as_21(check: Check) -> Iterator[Violation]:
    rows = (
        AssessmentFactor.objects.values("assessment", "assessment__episode__child")
        .annotate(n=Count("id"), n21=Count("id", filter=Q(code="21")))
        .filter(n21__gt=0, n__gt=1)
    )
    for row in rows:
        yield check.v(
            "AS-21-ALONE",
            AS,
            row["assessment"],
            row["assessment__episode__child"],
            "Factor 21 recorded alongside other factors.",
        )


@rule("AS-ONE-OPEN", "An episode has at most one assessment in progress.")
def as_one_open(check: Check) -> Iterator[Violation]:
    rows = (
        Assessment.objects.filter(authorised_on__isnull=True)
        .values("episode", "episode__child")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    for row in rows:
        yield check.v(
            "AS-ONE-OPEN",
            EP,
            row["episode"],
            row["episode__child"],
            f"{row['n']} assessments in progress.",
        )
