"""The annual child protection report (measures.md §2), as a layout: its sections in order.

Each section names the measures it shows and its shape: ``monthly`` is one value per
month of the financial year (a month-end snapshot for "at the end of the period"
measures, the month's events for the others), ``period`` one figure per measure for the
whole year, ``breakdown`` each measure's parts for the year (at 31 March for snapshot
measures). Rendering (tables, charts, PDF) reads this list; nothing here computes.
"""

from __future__ import annotations

from safeguard.performance.products.sections import Section

TITLE = "Annual child protection report"

SECTIONS: tuple[Section, ...] = (
    Section(
        "Children conferenced and conferences held",
        "Children considered at initial (ICPC) and review (RCPC) child protection "
        "conferences in the year, and the number of conference meetings: siblings "
        "conferenced together are one meeting.",
        ("CP-01", "CP-02"),
        "breakdown",
    ),
    Section(
        "Timeliness of initial child protection conferences",
        "Initial conferences held within 15 working days of the strategy discussion that "
        "began the section 47 enquiry, per child, by the month the conference was held.",
        ("CP-03",),
        "monthly",
    ),
    Section(
        "Children subject to a child protection plan",
        "Children on a child protection plan at the end of each month.",
        ("CP-04",),
        "monthly",
    ),
    Section(
        "Child protection plan rate per 10,000 children",
        "Children on a plan at each month end per 10,000 children aged 0-17, beside the "
        "South West and statistical neighbours.",
        ("OUT-S01",),
        "monthly",
    ),
    Section(
        "New and ceased child protection plans",
        "Plans starting and ending in each month, and the share of new plans that began "
        "within 2 years of the child's previous plan ending.",
        ("CP-05", "CP-06", "CP-07"),
        "monthly",
    ),
    Section(
        "Repeat child protection plans",
        "New plans in the year that were a second or subsequent plan for the child, split "
        "by whether the previous plan ended within 2 years or over 2 years before.",
        ("OBA2-12", "CP-07", "CP-08"),
        "period",
    ),
    Section(
        "Repeat plans by time since the previous plan",
        "Repeat plans starting in the year by the time since the child's previous plan "
        "ended: 12 months or less, over 12 months to 2 years, over 2 years.",
        ("CP-09",),
        "breakdown",
    ),
    Section(
        "Parenting factors in repeat plans",
        "Factors recorded at the assessment nearest before each repeat plan started "
        "(domestic abuse, substance misuse, mental health and others); a plan may have "
        "several.",
        ("CP-10",),
        "breakdown",
    ),
    Section(
        "Children on a plan by sex and age",
        "Children on a child protection plan at 31 March by sex and by age band.",
        ("CP-11", "CP-12"),
        "breakdown",
    ),
    Section(
        "Children on a plan by ethnicity",
        "Children on a child protection plan at 31 March by ethnicity; 'Not recorded' is "
        "a data-quality flag.",
        ("CP-13",),
        "breakdown",
    ),
    Section(
        "Children on a plan by disability",
        "Children on a child protection plan at 31 March by whether a disability is recorded.",
        ("CP-14",),
        "breakdown",
    ),
    Section(
        "Duration of open child protection plans",
        "Plans open at 31 March by how long they had lasted.",
        ("CP-15",),
        "breakdown",
    ),
    Section(
        "Plans open 2 years or more",
        "The share of plans open at 31 March that had lasted 2 years or more.",
        ("CP-16",),
        "period",
    ),
    Section(
        "Children on a plan who are also looked after",
        "Children on a child protection plan at each month end who were also in care.",
        ("CP-17",),
        "monthly",
    ),
    Section(
        "Child protection visit timeliness",
        "Statutory visits due in each month that were made on time, judged by the week "
        "window: a visit due in a calendar week is on time if made by its Sunday.",
        ("OBA2-22",),
        "monthly",
    ),
    Section(
        "Category of abuse",
        "Children on a plan at 31 March by latest category of abuse, and plans starting "
        "in the year by initial category.",
        ("CP-18", "CP-19"),
        "breakdown",
    ),
    Section(
        "Advocacy for children being conferenced",
        "Conferences in the year for children aged 8 or over: whether the child was "
        "offered (referred to) an advocate and took it up.",
        ("CP-20",),
        "breakdown",
    ),
    Section(
        "Advocacy offers and attendance",
        "The share of those conferences at which the child was offered an advocate, and "
        "at which an advocate attended.",
        ("OBA2-16", "OBA2-17"),
        "period",
    ),
)
