"""Ofsted's Annex A child-level lists as at a day, from the records (``safeguard returns
annex-a``).

Each list is built set-based (a few queries a list, see the list modules), as a Polars
frame whose columns are the list's headings; the workbook writer only lays them out.
What each list covers is in COVERAGE.md beside this file.

Columns left blank because the records do not hold them:

- List 8 "Date of Last IRO Visit / Contact to the Child" (IRO visits are not recorded);
- List 10 "Family identifier" (sibling groups placed together are not recorded);
- List 11, every column: no prospective adopters' records (the sheet has no rows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import polars as pl

from safeguard.returns.annex_a import adoption, assessments, care, cin_cp, front_door, leavers
from safeguard.returns.annex_a.layout import LISTS, AnnexList, Window
from safeguard.returns.annex_a.workbook import annex_a_xlsx

ListBuilder = Callable[[Window], pl.DataFrame]

BUILDERS: dict[int, ListBuilder] = {
    1: front_door.contacts,
    2: front_door.early_help,
    3: front_door.referrals,
    4: assessments.assessments,
    5: assessments.section47,
    6: cin_cp.children_in_need,
    7: cin_cp.child_protection,
    8: care.children_in_care,
    9: leavers.care_leavers,
    10: adoption.adoption,
    11: adoption.adopters,
}


def annex_a_lists(
    as_at: dt.date, *, progress: Callable[[str], None] | None = None
) -> list[tuple[AnnexList, pl.DataFrame]]:
    """Every list's rows as at ``as_at``: (list, frame with the list's headings)."""
    built = []
    for annex in LISTS:
        if progress is not None:
            progress(f"{annex.heading}")
        window = Window.months_before(as_at, annex.months)
        built.append((annex, BUILDERS[annex.number](window)))
    return built


def annex_a_workbook(as_at: dt.date, *, progress: Callable[[str], None] | None = None) -> bytes:
    """The XLSX workbook Ofsted asks for at the start of an inspection."""
    lists = annex_a_lists(as_at, progress=progress)
    if progress is not None:
        progress("Writing the workbook")
    return annex_a_xlsx(lists, as_at)
