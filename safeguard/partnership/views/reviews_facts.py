"""How a serious incident reads on its page: sections of (label, value) facts."""

from __future__ import annotations

import datetime as dt

from safeguard.partnership.models import ReviewDecision, SeriousIncident

Fact = tuple[str, str]


def day(value: dt.date | None) -> str:
    return f"{value:%-d %B %Y}" if value is not None else "Not recorded"


def incident_facts(incident: SeriousIncident) -> list[tuple[str, list[Fact]]]:
    i = incident
    sections: list[tuple[str, list[Fact]]] = [
        (
            "Serious incident",
            [
                ("Child", i.child_identifier),
                ("Local authority area", i.get_la_area_display()),
                ("Type of incident", i.get_incident_type_display()),
                ("Looked after", "Yes" if i.looked_after else "No"),
                ("Date of the incident", day(i.incident_on)),
                ("Date the local authority became aware", day(i.aware_on)),
                ("What happened", i.summary or "Not recorded"),
            ],
        ),
        (
            "Notification",
            [
                ("National Panel", day(i.panel_notified_on)),
                ("Safeguarding partners", day(i.partners_notified_on)),
                *(
                    [
                        ("Secretary of State", day(i.secretary_of_state_notified_on)),
                        ("Ofsted", day(i.ofsted_notified_on)),
                    ]
                    if i.is_looked_after_death
                    else []
                ),
            ],
        ),
    ]
    if i.rapid_review_held_on is not None:
        sections.append(
            (
                "Rapid review",
                [
                    ("Held", day(i.rapid_review_held_on)),
                    ("Sent to the Panel", day(i.rapid_review_sent_on)),
                    ("The facts", i.rapid_review_facts),
                    ("Immediate actions", i.immediate_actions or "None recorded"),
                    ("Decision", i.get_decision_display()),
                    ("Reasons", i.decision_reasons),
                ],
            )
        )
    if i.decision == ReviewDecision.LOCAL_CSPR:
        coi = "Not checked yet"
        if i.coi_declared is not None:
            coi = (
                f"{'Declared' if i.coi_declared else 'None declared'}, checked "
                f"{day(i.coi_checked_on)}: {i.coi_outcome}"
            )
        reviewer = (
            f"{i.reviewer_name}, {i.reviewer_organisation}" if i.reviewer_name else "Not recorded"
        )
        sections.append(
            (
                "Local child safeguarding practice review",
                [
                    ("Decided", day(i.cspr_decided_on)),
                    ("Reviewer", reviewer),
                    ("Conflict of interest check", coi),
                    ("Planned publication", day(i.planned_publication_on)),
                    ("Final report to the Panel and Secretary of State", day(i.copy_sent_on)),
                    ("Published", day(i.published_on)),
                ],
            )
        )
    return sections
