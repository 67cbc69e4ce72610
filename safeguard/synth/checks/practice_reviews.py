"""Invariant checker rules for serious incidents and practice reviews: dates in the order
the services allow, the child never identified by a number, a looked-after child's death
notified to the Secretary of State and Ofsted, and complete actions with evidence."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from safeguard.partnership.models import ReviewAction, SeriousIncident
from safeguard.partnership.services.reviews_checks import IDENTIFIER
from safeguard.synth.checker import Check, Violation, rule

SI, ACTION = "partnership.SeriousIncident", "partnership.ReviewAction"

#: The incident's dates, in the order they must fall (each may be blank): the rapid
#: review is sent after it is held, and the CSPR decided after it is held (not
#: necessarily after it is sent), so they are two chains from the rapid review.
_CHAINS = (
    (
        ("incident_on", "the incident"),
        ("aware_on", "the LA became aware"),
        ("panel_notified_on", "the notification to the Panel"),
        ("rapid_review_held_on", "the rapid review"),
        ("rapid_review_sent_on", "the rapid review sent to the Panel"),
    ),
    (
        ("rapid_review_held_on", "the rapid review"),
        ("cspr_decided_on", "the decision on a local CSPR"),
        ("copy_sent_on", "the final report sent to the Panel"),
        ("published_on", "publication"),
    ),
)


@rule(
    "SI-DATES-IN-ORDER",
    "A serious incident's dates run in order: incident, LA aware, notification, rapid "
    "review held and sent, CSPR decided, final report to the Panel, publication.",
)
def dates_in_order(check: Check) -> Iterator[Violation]:
    fields = sorted({name for chain in _CHAINS for name, _ in chain})
    for row in SeriousIncident.objects.values("pk", *fields).iterator(chunk_size=2_000):
        pairs = [
            pair
            for chain in _CHAINS
            for pair in itertools.pairwise(
                [(row[name], label) for name, label in chain if row[name] is not None]
            )
        ]
        for (before, before_label), (after, after_label) in pairs:
            if after < before:
                yield check.v(
                    "SI-DATES-IN-ORDER",
                    SI,
                    row["pk"],
                    None,
                    f"{after_label} ({after}) is before {before_label} ({before}).",
                )


@rule(
    "SI-CHILD-NOT-A-NUMBER",
    "The child is identified by initials or an agreed name, never a number.",
)
def child_not_a_number(check: Check) -> Iterator[Violation]:
    for pk, identifier in SeriousIncident.objects.values_list("pk", "child_identifier"):
        if not IDENTIFIER.match(identifier or ""):
            yield check.v(
                "SI-CHILD-NOT-A-NUMBER", SI, pk, None, f"identifier {identifier!r} is not initials"
            )


@rule(
    "SI-LAC-DEATH-NOTIFIED",
    "A notified death of a looked-after child was also notified to the Secretary of State "
    "and Ofsted; no other incident records those dates.",
)
def looked_after_death_notified(check: Check) -> Iterator[Violation]:
    rows = SeriousIncident.objects.exclude(panel_notified_on=None).values(
        "pk",
        "looked_after",
        "incident_type",
        "secretary_of_state_notified_on",
        "ofsted_notified_on",
    )
    for row in rows:
        lac_death = row["looked_after"] and row["incident_type"] == "death"
        dates = (row["secretary_of_state_notified_on"], row["ofsted_notified_on"])
        if lac_death and None in dates:
            problem = (
                "a looked-after child's death not notified to the Secretary of State and Ofsted"
            )
        elif not lac_death and dates != (None, None):
            problem = "Secretary of State or Ofsted dates on an incident that is not a LAC death"
        else:
            continue
        yield check.v("SI-LAC-DEATH-NOTIFIED", SI, row["pk"], None, problem)


@rule(
    "SI-CSPR-ONLY-WHEN-DECIDED",
    "A local CSPR (reviewer, publication) only where the rapid review decided on one, with "
    "its conflict of interest check recorded.",
)
def cspr_when_decided(check: Check) -> Iterator[Violation]:
    for row in SeriousIncident.objects.exclude(cspr_decided_on=None).values(
        "pk", "decision", "reviewer_name", "coi_declared", "coi_checked_on"
    ):
        if row["decision"] != "local_cspr":
            problem = f"a CSPR on a rapid review that decided {row['decision'] or 'nothing'}"
        elif not row["reviewer_name"] or row["coi_declared"] is None or not row["coi_checked_on"]:
            problem = "a CSPR without its reviewer or conflict of interest check"
        else:
            continue
        yield check.v("SI-CSPR-ONLY-WHEN-DECIDED", SI, row["pk"], None, problem)


@rule(
    "SI-ACTIONS-AFTER-REVIEW",
    "Action plan actions belong to a review held, and are completed on or after it with evidence.",
)
def actions_after_review(check: Check) -> Iterator[Violation]:
    held = dict(SeriousIncident.objects.values_list("pk", "rapid_review_held_on"))
    for row in ReviewAction.objects.values("pk", "incident", "status", "completed_on", "evidence"):
        review = held.get(row["incident"])
        if review is None:
            problem = "an action on an incident with no rapid review"
        elif row["status"] == "complete" and (
            row["completed_on"] is None or row["completed_on"] < review or not row["evidence"]
        ):
            problem = "completed without evidence, or before the rapid review"
        else:
            continue
        yield check.v("SI-ACTIONS-AFTER-REVIEW", ACTION, row["pk"], None, problem)
