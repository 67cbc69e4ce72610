"""Child death reviews: dates in the order the services allow, the age band and
"neonatal" as the dates give them, a Joint Agency Response only for unexpected deaths,
and a completed review with its category and factors agreeing with "modifiable"."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from safeguard.partnership.models import ChildDeath, Expectation
from safeguard.partnership.services.child_deaths_checks import age_band, is_neonatal
from safeguard.synth.checker import Check, Violation, rule

CD = "partnership.ChildDeath"

#: Chains of dates that must run in order (each may be blank).
_CHAINS = (
    (("date_of_birth", "birth"), ("date_of_death", "death"), ("notified_on", "notification")),
    (("date_of_death", "death"), ("jar_started_on", "the Joint Agency Response")),
    (
        ("date_of_death", "death"),
        ("coroner_decision_on", "the coroner's decision"),
        ("coroner_notice_on", "the coroner's notice"),
    ),
    (
        ("date_of_death", "death"),
        ("registered_on", "registration"),
        ("registrar_particulars_on", "the registrar's particulars"),
    ),
    (
        ("date_of_death", "death"),
        ("review_meeting_on", "the review meeting"),
        ("reviewed_on", "the panel's review"),
    ),
)
_FIELDS = sorted({name for chain in _CHAINS for name, _ in chain})


@rule(
    "CDOP-DATES-IN-ORDER",
    "A child death's dates run in order: birth, death, notification; the response, "
    "coroner, registrar and review meeting after the death; the panel after the meeting.",
)
def dates_in_order(check: Check) -> Iterator[Violation]:
    for row in ChildDeath.objects.values("pk", *_FIELDS).iterator(chunk_size=2_000):
        for chain in _CHAINS:
            present = [(row[name], label) for name, label in chain if row[name] is not None]
            for (before, before_label), (after, after_label) in itertools.pairwise(present):
                if after < before:
                    yield check.v(
                        "CDOP-DATES-IN-ORDER",
                        CD,
                        row["pk"],
                        None,
                        f"{after_label} ({after}) is before {before_label} ({before}).",
                    )


@rule(
    "CDOP-AGE-FROM-DATES",
    "A child death's age band and neonatal flag are those its dates give; the child was under 18.",
)
def age_from_dates(check: Check) -> Iterator[Violation]:
    rows = ChildDeath.objects.values("pk", "date_of_birth", "date_of_death", "age_band", "neonatal")
    for row in rows:
        born, died = row["date_of_birth"], row["date_of_death"]
        if died < born:
            continue  # CDOP-DATES-IN-ORDER says so
        band, neonatal = age_band(born, died), is_neonatal(born, died)
        if row["age_band"] != band or row["neonatal"] != neonatal:
            yield check.v(
                "CDOP-AGE-FROM-DATES",
                CD,
                row["pk"],
                None,
                f"Recorded {row['age_band']} (neonatal {row['neonatal']}); the dates give "
                f"{band} (neonatal {neonatal}).",
            )


@rule(
    "CDOP-JAR-UNEXPECTED",
    "Only an unexpected death has a Joint Agency Response.",
)
def jar_for_unexpected(check: Check) -> Iterator[Violation]:
    rows = ChildDeath.objects.filter(jar_started_on__isnull=False).exclude(
        expectation=Expectation.UNEXPECTED
    )
    for pk in rows.values_list("pk", flat=True):
        yield check.v("CDOP-JAR-UNEXPECTED", CD, pk, None, "An expected death has a JAR.")


@rule(
    "CDOP-REVIEW-COMPLETE",
    "A completed panel review follows a held review meeting and has a category; it cites "
    "modifiable factors exactly when it found them; an open one cites none.",
)
def review_complete(check: Check) -> Iterator[Violation]:
    cited: dict[Any, int] = defaultdict(int)
    for death_id in ChildDeath.factors.through.objects.values_list("childdeath_id", flat=True):
        cited[death_id] += 1
    rows = ChildDeath.objects.values(
        "pk", "reviewed_on", "review_meeting_held", "category", "modifiable"
    )
    for row in rows.iterator(chunk_size=2_000):
        n = cited.get(row["pk"], 0)
        if row["reviewed_on"] is None:
            problem = f"not reviewed, yet cites {n} factor(s)" if n else ""
        elif not row["review_meeting_held"]:
            problem = "reviewed by the panel without a held review meeting"
        elif not row["category"]:
            problem = "reviewed with no category of death"
        elif bool(row["modifiable"]) != bool(n):
            problem = f"modifiable is {row['modifiable']} but the review cites {n} factor(s)"
        else:
            problem = ""
        if problem:
            yield check.v(
                "CDOP-REVIEW-COMPLETE", CD, row["pk"], None, problem[0].upper() + problem[1:] + "."
            )
