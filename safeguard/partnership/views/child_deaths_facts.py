"""How a child death review reads on its page: sections of (label, value) facts."""

from __future__ import annotations

import datetime as dt

from safeguard.core.codes import codelist
from safeguard.core.timescales import Due
from safeguard.partnership.models import ChildDeath, ModifiableFactor
from safeguard.partnership.selectors import child_deaths as selectors

Fact = tuple[str, str]


def day(value: dt.date | None) -> str:
    return f"{value:%-d %B %Y}" if value is not None else "Not recorded"


def _timescale(due: Due | None, arrived: dt.date | None, *, what: str, within: str) -> str:
    if due is None:
        return "Not applicable"
    if arrived is None:
        return f"Due by {day(due.due_date)}; not received yet"
    verdict = "on time" if due.is_met_by(arrived) else "late"
    return f"Due by {day(due.due_date)}; {what} {day(arrived)}, {verdict} ({within})"


def child_facts(d: ChildDeath) -> list[Fact]:
    person = (
        f"Linked to record {d.person.la_child_id}" if d.person is not None else "No record linked"
    )
    return [
        ("Name", f"{d.first_name} {d.last_name}"),
        ("Date of birth", day(d.date_of_birth)),
        ("Date of death", day(d.date_of_death)),
        ("Age at death", d.get_age_band_display() + (" (neonatal)" if d.neonatal else "")),
        ("Sex", codelist("gender").label(d.sex)),
        ("Ethnicity", codelist("ethnicity").label(d.ethnicity)),
        ("Lived in", d.get_resident_area_display()),
        (
            "Known to children's social care",
            ("Yes. " + person) if d.known_to_social_care else "No",
        ),
    ]


def review_facts(d: ChildDeath, factors: list[ModifiableFactor]) -> list[tuple[str, list[Fact]]]:
    sections: list[tuple[str, list[Fact]]] = [
        ("The child", child_facts(d)),
        (
            "Notification",
            [
                ("Date notified", day(d.notified_on)),
                (
                    "Notified by",
                    d.get_notified_by_display()
                    + (f": {d.notifier_detail}" if d.notifier_detail else ""),
                ),
                ("Place of death", d.get_place_of_death_display()),
                ("Expected or unexpected", d.get_expectation_display()),
                ("Circumstances", d.circumstances or "Not recorded"),
            ],
        ),
    ]
    if d.unexpected:
        jar = (
            f"Started {day(d.jar_started_on)}; lead: {d.jar_lead}"
            if d.jar_started_on
            else "Not recorded yet"
        )
        sections.append(("Joint Agency Response", [("Response", jar)]))
    coroner: list[Fact] = []
    if d.coroner_decision_on is not None:
        what = [
            w
            for w, on in (
                ("investigation", d.coroner_investigation),
                ("post-mortem", d.post_mortem),
            )
            if on
        ]
        coroner.append(("Coroner's decision", f"{' and '.join(what).capitalize()}, "
                        f"{day(d.coroner_decision_on)}"))  # fmt: skip
        coroner.append(
            (
                "Coroner's notice to CDOP",
                _timescale(
                    selectors.coroner_notice_due(d),
                    d.coroner_notice_on,
                    what="received",
                    within="3 working days",
                ),
            )
        )
    else:
        coroner.append(("Coroner", "No coroner's involvement recorded"))
    if d.registered_on is not None:
        coroner.append(("Death registered", day(d.registered_on)))
        coroner.append(
            (
                "Registrar's particulars",
                _timescale(
                    selectors.registrar_particulars_due(d),
                    d.registrar_particulars_on,
                    what="received",
                    within="7 days",
                ),
            )
        )
    else:
        coroner.append(("Death registered", "Not recorded yet"))
    sections.append(("Coroner and registrar", coroner))
    meeting = "Not arranged yet"
    if d.review_meeting_on is not None:
        meeting = f"{day(d.review_meeting_on)} ({'held' if d.review_meeting_held else 'arranged'})"
    panel: list[Fact] = [("Child death review meeting", meeting)]
    panel.append(("CDOP panel", day(d.panel_on) if d.panel_on else "Not set yet"))
    if d.reviewed_on is not None:
        panel += [
            ("Review completed", day(d.reviewed_on)),
            ("Category of death", d.get_category_display()),
            (
                "Modifiable factors",
                ("Yes: " + ", ".join(f.label for f in factors)) if d.modifiable else "None",
            ),
            ("Learning", d.learning or "Not recorded"),
        ]
    sections.append(("Review", panel))
    return sections
