"""LADO allegations: dates in the order the services allow, and DBS referrals only after an
outcome that did not disprove the harm."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from safeguard.partnership.models import DBS_OUTCOMES, Allegation, AllegationMeeting
from safeguard.synth.checker import Check, Violation, rule

AL, MEET = "partnership.Allegation", "partnership.AllegationMeeting"

#: The allegation's dates, in the order they must fall (each may be blank).
_ORDER = (
    ("reported_to_employer_on", "the employer knew"),
    ("lado_informed_on", "the LADO was informed"),
    ("referral_on", "it became a referral"),
    ("outcome_on", "the outcome"),
    ("dbs_referred_on", "the DBS referral"),
    ("closed_on", "closure"),
)


@rule(
    "LADO-DATES-IN-ORDER",
    "An allegation's dates run in order: employer knew, LADO informed, referral, outcome, "
    "DBS referral, closure.",
)
def dates_in_order(check: Check) -> Iterator[Violation]:
    fields = [name for name, _ in _ORDER]
    for row in Allegation.objects.values("pk", *fields).iterator(chunk_size=5_000):
        present = [(row[name], label) for name, label in _ORDER if row[name] is not None]
        for (before, before_label), (after, after_label) in itertools.pairwise(present):
            if after < before:
                yield check.v(
                    "LADO-DATES-IN-ORDER",
                    AL,
                    row["pk"],
                    None,
                    f"{after_label} ({after}) is before {before_label} ({before}).",
                )


@rule(
    "LADO-MEETINGS-IN-REFERRAL",
    "Meetings are held on referrals, on or after the referral and not after closure; the "
    "strategy meeting (the first) is not after the outcome.",
)
def meetings_in_referral(check: Check) -> Iterator[Violation]:
    """A review meeting may follow the outcome (``record_meeting`` allows it on an open
    referral); the outcome itself is never before the meetings held when it is recorded,
    so at least the first meeting precedes it."""
    meetings: dict[Any, list[tuple[Any, Any]]] = defaultdict(list)
    for pk, allegation, held in AllegationMeeting.objects.values_list(
        "pk", "allegation", "held_on"
    ):
        meetings[allegation].append((held, pk))
    if not meetings:
        return
    rows = Allegation.objects.filter(pk__in=meetings).values(
        "pk", "referral_on", "outcome_on", "closed_on"
    )
    for row in rows:
        held_list = sorted(meetings[row["pk"]], key=lambda m: (m[0], str(m[1])))
        for index, (held, pk) in enumerate(held_list):
            if row["referral_on"] is None:
                problem = "on a contact that never became a referral"
            elif held < row["referral_on"]:
                problem = f"held {held}, before the referral ({row['referral_on']})"
            elif row["closed_on"] is not None and held > row["closed_on"]:
                problem = f"held {held}, after closure ({row['closed_on']})"
            elif index == 0 and row["outcome_on"] is not None and held > row["outcome_on"]:
                problem = (
                    f"(the strategy meeting) held {held}, after the outcome ({row['outcome_on']})"
                )
            else:
                continue
            yield check.v("LADO-MEETINGS-IN-REFERRAL", MEET, pk, None, f"Meeting {problem}.")


@rule(
    "LADO-DBS-AFTER-OUTCOME",
    "A DBS referral follows a substantiated or unsubstantiated outcome, never a false, "
    "malicious or unfounded one, nor none.",
)
def dbs_after_outcome(check: Check) -> Iterator[Violation]:
    rows = Allegation.objects.filter(dbs_referral=True).exclude(outcome__in=DBS_OUTCOMES)
    for row in rows.values("pk", "outcome"):
        outcome = row["outcome"] or "no outcome"
        yield check.v(
            "LADO-DBS-AFTER-OUTCOME",
            AL,
            row["pk"],
            None,
            f"Referred to the DBS after {outcome}.",
        )
