"""The self-evaluation data pack (measures.md §4): as at a date, the last 6 and 12 months.

Each section is shown for two spans ending on the chosen date; snapshot ("at the end of
the period") measures are the same in both, event measures cover 6 and 12 months.
"""

from __future__ import annotations

import datetime as dt

from safeguard.performance.periods import Period
from safeguard.performance.products.sections import Section

TITLE = "Self-evaluation data pack"
SPANS = (6, 12)


def spans(as_at: dt.date) -> list[Period]:
    return [Period.months_to(as_at, months) for months in SPANS]


SECTIONS: tuple[Section, ...] = (
    Section(
        "Front door",
        "Contacts and referrals, what the MASH decided, and how often children come back.",
        ("OBA1-04", "SE-FD-01", "OBA2-09", "SE-FD-03", "OBA2-11"),
    ),
    Section(
        "MASH outcomes and sources",
        "MASH decisions per child, and where contacts and referrals came from.",
        ("SE-FD-02", "OBA1-08", "SE-FD-04"),
        "breakdown",
    ),
    Section(
        "Children in need and section 47 enquiries",
        "Assessment timeliness, section 47 enquiries and the conferences that follow.",
        ("OUT-L1", "OBA2-01", "SE-S47-01", "SE-S47-02", "SE-S47-03", "CP-03"),
    ),
    Section(
        "Child protection",
        "Children on plans, repeat plans, visits and how long plans last.",
        ("OUT-S01", "OBA2-12", "SE-CP-02", "SE-CP-03", "OBA2-22"),
    ),
    Section(
        "Child protection plans ended, by duration",
        "Plans ending in the span by how long they lasted.",
        ("SE-CP-01",),
        "breakdown",
    ),
    Section(
        "Children in care",
        "Children in care, visits, health, education, placements and stability.",
        (
            "SE-CLA-01",
            "OUT-S02",
            "SE-CLA-02",
            "SE-CLA-03",
            "OBA2-30",
            "OBA2-31",
            "SE-CLA-04",
            "SE-CLA-05",
            "OBA2-27",
            "SE-CLA-10",
            "SE-CLA-06",
            "SE-CLA-07",
            "OBA2-26",
            "SE-CLA-08",
            "SE-CLA-09",
        ),
    ),
    Section(
        "Missing children",
        "Missing episodes, the children involved and return home interviews.",
        ("OBA2-14", "SE-MIS-02", "SE-MIS-01", "SE-MIS-03", "OBA2-20", "OBA2-21", "SE-MIS-04"),
    ),
    Section(
        "Exploitation",
        "Children at risk of exploitation, MACE oversight and changes in risk.",
        ("SE-EXP-01", "SE-EXP-02", "SE-EXP-03"),
    ),
    Section(
        "Adoption",
        "Time from entering care to moving in with adopters; children placed awaiting an order.",
        ("SE-ADO-01", "SE-ADO-02"),
    ),
    Section(
        "Care leavers",
        "Care leavers in touch, in suitable accommodation and in education, employment or "
        "training.",
        ("SE-CL-01", "SE-CL-02", "OBA3-05", "SE-CL-03", "SE-CL-04"),
    ),
    Section(
        "LADO and complaints",
        "Allegations against adults who work with children, and complaints answered on time.",
        ("SE-LADO-01", "SE-LADO-02", "SE-LADO-03", "SE-CMP-01"),
    ),
    Section(
        "Workforce",
        "Social workers in post, vacancies, agency staff and caseloads.",
        ("SE-WF-01", "OBA2-05", "OBA2-06", "OBA2-02"),
    ),
)
