"""How a LADO case reads on its page: sections of (label, value) facts, in plain words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from safeguard.partnership.models import OUTCOME_MEANINGS, Allegation, AllegationMeeting
from safeguard.partnership.selectors import lado as selectors

Fact = tuple[str, str]


def day(value: dt.date | None) -> str:
    return f"{value:%-d %B %Y}" if value is not None else "Not recorded"


def informed_text(allegation: Allegation) -> str:
    """The ``lado_informed`` timescale as the LADO reads it: due date, met or missed."""
    due = selectors.lado_informed_due(allegation)
    if due is None:
        return "Not known: the date the employer knew is not recorded"
    verdict = "within" if due.is_met_by(allegation.lado_informed_on) else "later than"
    return f"Due by {day(due.due_date)}; the LADO was told {verdict} 1 working day"


def _yes_no(value: bool | None, *, unknown: str = "Not decided yet") -> str:
    return unknown if value is None else ("Yes" if value else "No")


def case_facts(
    allegation: Allegation, meetings: Sequence[AllegationMeeting]
) -> list[tuple[str, list[Fact]]]:
    a = allegation
    subject = a.subject_name
    if a.subject_person is not None:
        subject += f" (person record {a.subject_person.la_child_id})"
    sections: list[tuple[str, list[Fact]]] = [
        (
            "Contact",
            [
                ("Stage", a.get_stage_display() + ("" if a.is_open else ", closed")),
                ("Date the LADO was informed", day(a.lado_informed_on)),
                ("Date the employer knew", day(a.reported_to_employer_on)),
                ("LADO informed within 1 working day", informed_text(a)),
                (
                    "Who made the contact",
                    a.get_source_agency_display()
                    + (f": {a.source_detail}" if a.source_detail else ""),
                ),
                ("Designated officer", str(a.officer) if a.officer else "Not allocated"),
            ],
        ),
        (
            "The person the allegation is about",
            [
                ("Name", subject),
                ("Role", a.get_subject_role_display()),
                ("Employer or organisation", a.subject_employer or "Not recorded"),
            ],
        ),
        (
            "The allegation",
            [("Category", a.get_category_display()), ("What is alleged", a.summary)],
        ),
    ]
    if a.referral_on is not None:
        referral: list[Fact] = [("Date it became a referral", day(a.referral_on))]
        if not meetings:
            referral.append(("Strategy meeting", "Not held yet"))
        if a.outcome:
            referral.append(
                ("Outcome", f"{a.get_outcome_display()} ({OUTCOME_MEANINGS[a.outcome]}), "
                 f"{day(a.outcome_on)}")
            )  # fmt: skip
        else:
            referral.append(("Outcome", "Not recorded yet"))
        dbs = _yes_no(a.dbs_referral)
        if a.dbs_referral:
            dbs += f", {day(a.dbs_referred_on)}"
        referral.append(("Referred to the DBS", dbs))
        sections.append(("Referral", referral))
    if a.closed_on is not None:
        closure: list[Fact] = [("Date closed", day(a.closed_on))]
        if a.contact_outcome:
            closure.append(("How the contact ended", a.get_contact_outcome_display()))
        if a.closure_note:
            closure.append(("Closing note", a.closure_note))
        sections.append(("Closure", closure))
    return sections
