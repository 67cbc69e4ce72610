"""Early help: one open episode per child, never alongside a CIN episode."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from safeguard.cin.models import CINEpisode
from safeguard.earlyhelp.models import EarlyHelpEpisode
from safeguard.synth.checker import Check, Violation, _overlaps, rule

M = "earlyhelp.EarlyHelpEpisode"


def _eh_rows() -> list[tuple[Any, Any, Any, Any]]:
    return list(EarlyHelpEpisode.objects.values_list("pk", "child", "requested_on", "closed_on"))


@rule("EH-ONE-OPEN", "A child's early help episodes do not overlap.")
def one_open(check: Check) -> Iterator[Violation]:
    yield from _overlaps(check, "EH-ONE-OPEN", M, _eh_rows(), "Early help episode")


@rule("EH-NOT-WITH-CIN", "No early help episode is open while a CIN episode is open.")
def not_with_cin(check: Check) -> Iterator[Violation]:
    cin: dict[object, list[tuple[object, object]]] = defaultdict(list)
    for child, start, end in CINEpisode.objects.values_list(
        "child", "referral_date", "closure_date"
    ):
        cin[child].append((start, end))
    for pk, child, start, end in _eh_rows():
        for c_start, c_end in cin.get(child, ()):
            if (c_end is None or start < c_end) and (end is None or c_start < end):
                yield check.v(
                    "EH-NOT-WITH-CIN",
                    M,
                    pk,
                    child,
                    f"Early help {start} to {end or 'open'} overlaps CIN "
                    f"{c_start} to {c_end or 'open'}.",
                )
                break
