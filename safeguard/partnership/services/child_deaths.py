"""Writes for child death reviews (CDOP): one function per step.

Notify the death; record the Joint Agency Response (unexpected deaths), the coroner's
decision and notice, the registrar's particulars; the child death review meeting; the
panel's date and its review (category, modifiable factors, learning). Each is one
transaction with keyword-only arguments, checks its rules before writing and raises
``ValidationError`` keyed by the field at fault; an edit from a stale copy raises
``StaleRecordError``. Every write is audited. The panel's review closes the record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from safeguard.audit.models import AuditAction
from safeguard.core import validation as v
from safeguard.core.codes import codelist
from safeguard.partnership.models import (
    ChildDeath,
    DeathCategory,
    Expectation,
    ModifiableFactor,
    NotifyingAgency,
    PlaceOfDeath,
    ResidentArea,
)
from safeguard.partnership.services.child_deaths_checks import (
    age_band,
    audit,
    check_choice,
    check_date,
    check_not_reviewed,
    create_with_reference,
    day_text,
    is_neonatal,
    lock,
    not_before,
    years_between,
)
from safeguard.people.models import Person, PersonKind


def _check_code(value: str, key: str, *, field: str, label: str) -> None:
    if not value:
        raise v.fail(field, f"Select {label}.")
    if value not in codelist(key):
        raise v.fail(field, f"{value!r} is not one of the codes for {label}.")


@transaction.atomic
def notify_death(
    *,
    first_name: str,
    last_name: str,
    date_of_birth: dt.date,
    date_of_death: dt.date,
    sex: str,
    ethnicity: str,
    resident_area: str,
    notified_on: dt.date,
    notified_by: str,
    place_of_death: str,
    expectation: str,
    known_to_social_care: bool,
    notifier_detail: str = "",
    person: Person | None = None,
    circumstances: str = "",
) -> ChildDeath:
    """A child's death is notified to CDOP: the record starts, with its reference.

    Dates not in the future, in order (born, died, notified); the child under 18 when
    they died. A linked record is a child's, and the child was then known to social care.
    The age band and "neonatal" come from the dates.
    """
    if not first_name.strip() and not last_name.strip():
        raise v.fail("first_name", "Enter the child's name.")
    born = check_date(date_of_birth, field="date_of_birth", label="Date of birth")
    died = check_date(date_of_death, field="date_of_death", label="Date of death")
    notified = check_date(notified_on, field="notified_on", label="Date notified")
    not_before(died, born, field="date_of_death", label="Date of death", what="the date of birth")
    not_before(notified, died, field="notified_on", label="Date notified", what="the date of death")
    if years_between(born, died) >= 18:
        raise v.fail(
            "date_of_birth",
            "The child death review process is for children: this person was 18 or over "
            f"when they died ({day_text(died)}).",
        )
    _check_code(sex, "gender", field="sex", label="the child's sex")
    _check_code(ethnicity, "ethnicity", field="ethnicity", label="the child's ethnicity")
    check_choice(resident_area, ResidentArea, field="resident_area", label="where the child lived")
    check_choice(notified_by, NotifyingAgency, field="notified_by", label="who notified")
    check_choice(place_of_death, PlaceOfDeath, field="place_of_death", label="the place of death")
    check_choice(expectation, Expectation, field="expectation", label="expected or unexpected")
    if person is not None:
        if person.kind != PersonKind.CHILD:
            raise v.fail("person", f"{person} is an adult's record: link the child's record.")
        if not known_to_social_care:
            raise v.fail(
                "known_to_social_care",
                "The child has a social care record: they were known to children's social care.",
            )
        if person.date_of_birth is not None and person.date_of_birth != born:
            raise v.fail(
                "person",
                f"{person} was born on {day_text(person.date_of_birth)}, not "
                f"{day_text(born)}: check the record is the right child.",
            )
    death = create_with_reference(
        notified.year,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        date_of_birth=born,
        date_of_death=died,
        sex=sex,
        ethnicity=ethnicity,
        resident_area=resident_area,
        age_band=age_band(born, died),
        neonatal=is_neonatal(born, died),
        known_to_social_care=known_to_social_care,
        person=person,
        notified_on=notified,
        notified_by=notified_by,
        notifier_detail=notifier_detail.strip(),
        place_of_death=place_of_death,
        expectation=expectation,
        circumstances=circumstances.strip(),
    )
    audit(death, action=AuditAction.CREATE, summary="death notified")
    return death


@transaction.atomic
def record_joint_agency_response(
    *,
    death: ChildDeath,
    started_on: dt.date,
    lead: str,
    expected_version: int | None = None,
) -> ChildDeath:
    """The Joint Agency Response to an unexpected death: when it started and who leads it
    (on or after the death, not in the future)."""
    death = lock(death, expected_version)
    check_not_reviewed(death, field="started_on")
    if death.expectation != Expectation.UNEXPECTED:
        raise v.fail(
            "started_on",
            "A Joint Agency Response follows an unexpected death: this death was expected.",
        )
    day = check_date(started_on, field="started_on", label="Date the response started")
    not_before(
        day,
        death.date_of_death,
        field="started_on",
        label="Date the response started",
        what="the death",
    )
    if not lead.strip():
        raise v.fail("lead", "Enter who leads the Joint Agency Response.")
    before = (death.jar_started_on, death.jar_lead)
    death.jar_started_on, death.jar_lead = day, lead.strip()
    death.save(update_fields=["jar_started_on", "jar_lead"])
    audit(
        death,
        action=AuditAction.CHANGE,
        summary="Joint Agency Response recorded",
        changes={"jar_started_on": (before[0], day), "jar_lead": (before[1], death.jar_lead)},
    )
    return death


@transaction.atomic
def record_coroner(
    *,
    death: ChildDeath,
    decision_on: dt.date,
    investigation: bool,
    post_mortem: bool,
    notice_on: dt.date | None = None,
    expected_version: int | None = None,
) -> ChildDeath:
    """The coroner decided to investigate or order a post-mortem (or both), and when
    their notice reached CDOP (due within 3 working days: timescale ``coroner_notice``).

    Recorded again to add the notice once it arrives."""
    death = lock(death, expected_version)
    check_not_reviewed(death, field="decision_on")
    if not (investigation or post_mortem):
        raise v.fail(
            "investigation", "Say whether the coroner is investigating or ordered a post-mortem."
        )
    day = check_date(decision_on, field="decision_on", label="Date of the coroner's decision")
    not_before(
        day,
        death.date_of_death,
        field="decision_on",
        label="Date of the coroner's decision",
        what="the death",
    )
    if notice_on is not None:
        notice = check_date(notice_on, field="notice_on", label="Date the notice arrived")
        not_before(
            notice,
            day,
            field="notice_on",
            label="Date the notice arrived",
            what="the coroner's decision",
        )
    changes = {
        "coroner_decision_on": (death.coroner_decision_on, day),
        "coroner_notice_on": (death.coroner_notice_on, notice_on),
    }
    death.coroner_decision_on, death.coroner_notice_on = day, notice_on
    death.coroner_investigation, death.post_mortem = investigation, post_mortem
    death.save(
        update_fields=[
            "coroner_decision_on",
            "coroner_notice_on",
            "coroner_investigation",
            "post_mortem",
        ]
    )
    audit(death, action=AuditAction.CHANGE, summary="coroner recorded", changes=changes)
    return death


@transaction.atomic
def record_registration(
    *,
    death: ChildDeath,
    registered_on: dt.date,
    particulars_on: dt.date | None = None,
    expected_version: int | None = None,
) -> ChildDeath:
    """The death was registered, and when the registrar's particulars reached CDOP (due
    within 7 days: timescale ``registrar_particulars``). Recorded again to add them."""
    death = lock(death, expected_version)
    check_not_reviewed(death, field="registered_on")
    day = check_date(registered_on, field="registered_on", label="Date registered")
    not_before(
        day, death.date_of_death, field="registered_on", label="Date registered", what="the death"
    )
    if particulars_on is not None:
        arrived = check_date(
            particulars_on, field="particulars_on", label="Date the particulars arrived"
        )
        not_before(
            arrived,
            day,
            field="particulars_on",
            label="Date the particulars arrived",
            what="the registration",
        )
    changes = {
        "registered_on": (death.registered_on, day),
        "registrar_particulars_on": (death.registrar_particulars_on, particulars_on),
    }
    death.registered_on, death.registrar_particulars_on = day, particulars_on
    death.save(update_fields=["registered_on", "registrar_particulars_on"])
    audit(death, action=AuditAction.CHANGE, summary="registration recorded", changes=changes)
    return death


@transaction.atomic
def record_review_meeting(
    *,
    death: ChildDeath,
    meeting_on: dt.date,
    held: bool,
    expected_version: int | None = None,
) -> ChildDeath:
    """The child death review meeting: arranged (a date, which may be ahead) or held (not
    in the future). On or after the death; not once the panel has reviewed it."""
    death = lock(death, expected_version)
    check_not_reviewed(death, field="meeting_on")
    label = "Date of the meeting"
    v.require(meeting_on, field="meeting_on", label=label)
    if held:
        v.not_in_future(meeting_on, field="meeting_on", label=label)
    not_before(meeting_on, death.date_of_death, field="meeting_on", label=label, what="the death")
    if death.panel_on is not None and meeting_on > death.panel_on:
        raise v.fail(
            "meeting_on",
            f"{label} ({day_text(meeting_on)}) cannot be after the panel date "
            f"({day_text(death.panel_on)}).",
        )
    changes = {
        "review_meeting_on": (death.review_meeting_on, meeting_on),
        "review_meeting_held": (death.review_meeting_held, held),
    }
    death.review_meeting_on, death.review_meeting_held = meeting_on, held
    death.save(update_fields=["review_meeting_on", "review_meeting_held"])
    audit(death, action=AuditAction.CHANGE, summary="review meeting recorded", changes=changes)
    return death


def _meeting_held(death: ChildDeath, *, field: str) -> dt.date:
    if not death.review_meeting_held or death.review_meeting_on is None:
        raise v.fail(
            field, "Record the child death review meeting as held before the panel reviews it."
        )
    return death.review_meeting_on


@transaction.atomic
def schedule_panel(
    *, death: ChildDeath, panel_on: dt.date, expected_version: int | None = None
) -> ChildDeath:
    """The CDOP panel meeting that will review the death (after the review meeting)."""
    death = lock(death, expected_version)
    check_not_reviewed(death, field="panel_on")
    meeting = _meeting_held(death, field="panel_on")
    v.require(panel_on, field="panel_on", label="Panel date")
    not_before(panel_on, meeting, field="panel_on", label="Panel date", what="the review meeting")
    changes = {"panel_on": (death.panel_on, panel_on)}
    death.panel_on = panel_on
    death.save(update_fields=["panel_on"])
    audit(death, action=AuditAction.CHANGE, summary="panel date set", changes=changes)
    return death


@transaction.atomic
def record_panel_review(
    *,
    death: ChildDeath,
    reviewed_on: dt.date,
    category: str,
    modifiable: bool,
    factors: Sequence[ModifiableFactor] = (),
    learning: str = "",
    expected_version: int | None = None,
) -> ChildDeath:
    """The panel's review: the category of death, whether there were modifiable factors
    and which (at least one when there were, none when not, each from the current list),
    and the learning. After the review meeting, not in the future; once."""
    death = lock(death, expected_version)
    check_not_reviewed(death, field="reviewed_on")
    meeting = _meeting_held(death, field="reviewed_on")
    label = "Date of the panel's review"
    day = check_date(reviewed_on, field="reviewed_on", label=label)
    not_before(day, meeting, field="reviewed_on", label=label, what="the review meeting")
    check_choice(category, DeathCategory, field="category", label="the category of death")
    chosen = list(dict.fromkeys(factors))
    if modifiable and not chosen:
        raise v.fail("factors", "Select the modifiable factors the panel identified.")
    if not modifiable and chosen:
        raise v.fail(
            "factors", "The panel found no modifiable factors: leave the factors unselected."
        )
    retired = [f.label for f in chosen if not f.active]
    if retired:
        raise v.fail("factors", f"{', '.join(retired)} is no longer on the list of factors.")
    death.reviewed_on, death.panel_on = day, day
    death.category, death.modifiable, death.learning = category, modifiable, learning.strip()
    death.save(update_fields=["reviewed_on", "panel_on", "category", "modifiable", "learning"])
    death.factors.set(chosen)
    audit(
        death,
        action=AuditAction.CHANGE,
        summary="panel review recorded",
        changes={
            "reviewed_on": (None, day),
            "category": ("", category),
            "modifiable": (None, modifiable),
            "factors": ([], [f.code for f in chosen]),
        },
    )
    return death
