"""Writes for the front door: contacts, MASH triage, partner checks and decisions.

Every service is one transaction, takes keyword-only arguments, checks its invariants
before writing and raises ``ValidationError`` keyed by the field at fault, so nothing is
half-written. A decision of "assessment" or "strategy discussion" opens the referral
through ``safeguard.cin.services.open_referral``; a decision of "early help" starts the
early help episode through the starter the earlyhelp app registers in
``safeguard.frontdoor.hooks``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from safeguard.cin import rules as cin_rules
from safeguard.cin import services as cin_services
from safeguard.core import validation as v
from safeguard.frontdoor import hooks
from safeguard.frontdoor import rules as r
from safeguard.frontdoor.models import (
    CLOSED_AT_CONTACT,
    OPENS_REFERRAL,
    POLICE_SOURCE,
    THRESHOLD_NOT_MET,
    Contact,
    ContactChannel,
    ContactChild,
    ContactOutcome,
    MashDecision,
    MashOutcome,
    MashPriority,
    MashTriage,
    PartnerAgency,
    PartnerCheck,
    PpnRating,
)
from safeguard.people.models import Person
from safeguard.workforce.models import Worker


@transaction.atomic
def record_contact(
    *,
    received_at: dt.datetime,
    source: str,
    channel: str,
    concerns: str,
    children: Sequence[Person],
    consent_asked: bool,
    consent_given: bool,
    consent_override_reason: str = "",
    referrer_name: str = "",
    referrer_agency: str = "",
    referrer_contact_details: str = "",
    ppn_rating: str = "",
    advice_given: str = "",
    outcome: str = "",
    outcome_at: dt.datetime | None = None,
    recorded_by: Worker | None = None,
) -> Contact:
    """Record a contact about one or more children.

    A police PPN comes from the police (source 6) and only a PPN carries a colour rating.
    Consent can only be given if it was asked; a reason for proceeding without consent is
    only recorded when consent was not given. A contact may be closed at once with
    information and advice (the advice is then required) or no further action; MASH
    triage is started with ``start_mash_triage``.
    """
    received_at = r.required_time(received_at, field="received_at", label="Contact received time")
    v.valid_code(source, codelist_key="referral_source", field="source")
    cin_rules.valid_choice(channel, ContactChannel, field="channel", label="Contact channel")
    concerns = r.required_text(concerns, field="concerns", label="The concerns")
    _check_ppn(channel=channel, source=source, ppn_rating=ppn_rating)
    _check_consent(
        consent_asked=consent_asked,
        consent_given=consent_given,
        consent_override_reason=consent_override_reason,
    )
    kids = list(children)
    if not kids:
        raise v.fail("children", "A contact must be about at least one child.")
    seen: set[object] = set()
    for kid in kids:
        if kid.pk in seen:
            raise v.fail("children", f"{kid} is listed more than once on this contact.")
        seen.add(kid.pk)
        r.child_can_be_on_contact(kid, received_at, field="children")
    closed_at = None
    if outcome:
        closed_at = _check_closure_at_contact(
            outcome=outcome,
            closed_at=outcome_at if outcome_at is not None else received_at,
            received_at=received_at,
            advice_given=advice_given,
        )
    elif outcome_at is not None:
        raise v.fail("outcome_at", "An outcome time needs an outcome.")
    if recorded_by is not None:
        cin_rules.worker_in_post(
            recorded_by, r.local_date(received_at), field="recorded_by", label="The recorder"
        )

    contact = Contact.objects.create(
        received_at=received_at,
        source=source,
        channel=channel,
        referrer_name=referrer_name.strip(),
        referrer_agency=referrer_agency.strip(),
        referrer_contact_details=referrer_contact_details.strip(),
        concerns=concerns,
        consent_asked=consent_asked,
        consent_given=consent_given,
        consent_override_reason=consent_override_reason.strip(),
        ppn_rating=ppn_rating,
        advice_given=advice_given.strip(),
        outcome=outcome,
        outcome_at=closed_at,
        recorded_by=recorded_by,
    )
    ContactChild.objects.bulk_create(ContactChild(contact=contact, child=kid) for kid in kids)
    return contact


@transaction.atomic
def add_child_to_contact(*, contact: Contact, child: Person) -> ContactChild:
    """Add a child (e.g. a sibling found during triage) to a contact still being triaged."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.outcome in CLOSED_AT_CONTACT:
        raise v.fail(
            "child",
            f"This contact was closed ({contact.get_outcome_display().lower()}); record a new "
            "contact for another child.",
        )
    triage = MashTriage.objects.filter(contact=contact).first()
    if triage is not None and triage.decided_at is not None:
        raise v.fail(
            "child",
            f"MASH triage of this contact was completed on {r.shown(triage.decided_at)}; record "
            "a new contact for another child.",
        )
    if ContactChild.objects.filter(contact=contact, child=child).exists():
        raise v.fail("child", f"{child} is already on this contact.")
    r.child_can_be_on_contact(child, contact.received_at, field="child")
    return ContactChild.objects.create(contact=contact, child=child)


@transaction.atomic
def close_contact(
    *,
    contact: Contact,
    outcome: str,
    closed_at: dt.datetime,
    advice_given: str = "",
    expected_version: int | None = None,
) -> Contact:
    """Close a contact without MASH triage: information and advice, or no further action.

    ``expected_version`` is the contact's version the user saw (``StaleRecordError`` if a
    colleague has saved it since).
    """
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.outcome:
        raise v.fail(
            "outcome",
            f"This contact already has an outcome ({contact.get_outcome_display().lower()}).",
        )
    closed = _check_closure_at_contact(
        outcome=outcome,
        closed_at=closed_at,
        received_at=contact.received_at,
        advice_given=advice_given,
    )
    contact.outcome = outcome
    contact.outcome_at = closed
    if advice_given.strip():
        contact.advice_given = advice_given.strip()
    if expected_version is not None:
        contact.version = expected_version
    contact.save()
    return contact


@transaction.atomic
def start_mash_triage(
    *,
    contact: Contact,
    started_at: dt.datetime,
    started_by: Worker,
    priority: str,
    consent_override_reason: str = "",
    expected_version: int | None = None,
) -> MashTriage:
    """Pass a contact to MASH triage with a RAG priority.

    MASH shares information with partners, so without the family's consent a reason for
    proceeding without it is required (given here or on the contact). ``expected_version``
    is the contact's version the user saw: if someone changed the contact since, the save
    raises ``StaleRecordError`` and nothing is written.
    """
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if MashTriage.objects.filter(contact=contact).exists():
        raise v.fail("contact", "This contact is already in MASH triage.")
    if contact.outcome:
        raise v.fail(
            "contact",
            f"This contact was already closed ({contact.get_outcome_display().lower()}); it "
            "cannot be triaged.",
        )
    started_at = r.required_time(started_at, field="started_at", label="Triage start time")
    r.not_before_time(
        started_at,
        contact.received_at,
        field="started_at",
        label="Triage start time",
        earliest_label="the time the contact was received",
    )
    cin_rules.valid_choice(priority, MashPriority, field="priority", label="MASH priority")
    v.require(started_by, field="started_by", label="The MASH worker")
    cin_rules.worker_in_post(
        started_by, r.local_date(started_at), field="started_by", label="The MASH worker"
    )
    reason = consent_override_reason.strip()
    if contact.consent_given:
        if reason:
            raise v.fail(
                "consent_override_reason",
                "Consent was given, so there is no reason for proceeding without consent to "
                "record.",
            )
    else:
        reason = reason or contact.consent_override_reason
        if not reason:
            what = "refused" if contact.consent_asked else "not asked"
            raise v.fail(
                "consent_override_reason",
                f"Consent to share information was {what}: MASH triage without consent needs "
                "the reason for proceeding without it.",
            )
        contact.consent_override_reason = reason
    contact.outcome = ContactOutcome.MASH_TRIAGE
    contact.outcome_at = started_at
    if expected_version is not None:
        contact.version = expected_version
    contact.save()
    return MashTriage.objects.create(
        contact=contact, priority=priority, started_at=started_at, started_by=started_by
    )


@transaction.atomic
def request_partner_check(
    *,
    triage: MashTriage,
    agency: str,
    requested_at: dt.datetime,
    requested_by: Worker | None = None,
    information_requested: str = "",
) -> PartnerCheck:
    """Ask a partner agency what it knows, while the triage is undecided.

    One outstanding request per agency per triage.
    """
    triage = MashTriage.objects.select_for_update().get(pk=triage.pk)
    if triage.decided_at is not None:
        raise v.fail(
            "triage",
            f"MASH triage was completed on {r.shown(triage.decided_at)}; no more partner "
            "checks can be requested.",
        )
    cin_rules.valid_choice(agency, PartnerAgency, field="agency", label="Partner agency")
    requested_at = r.required_time(requested_at, field="requested_at", label="Request time")
    r.not_before_time(
        requested_at,
        triage.started_at,
        field="requested_at",
        label="Request time",
        earliest_label="the start of MASH triage",
    )
    if requested_by is not None:
        cin_rules.worker_in_post(
            requested_by, r.local_date(requested_at), field="requested_by", label="The requester"
        )
    outstanding = PartnerCheck.objects.filter(
        triage=triage, agency=agency, answered_at__isnull=True
    ).first()
    if outstanding is not None:
        raise v.fail(
            "agency",
            f"A {PartnerAgency(agency).label.lower()} check requested at "
            f"{r.shown(outstanding.requested_at)} is still awaiting an answer.",
        )
    return PartnerCheck.objects.create(
        triage=triage,
        agency=agency,
        requested_at=requested_at,
        requested_by=requested_by,
        information_requested=information_requested.strip(),
    )


@transaction.atomic
def record_partner_check_answer(
    *,
    check: PartnerCheck,
    answered_at: dt.datetime,
    answer: str,
    answered_by: str = "",
    expected_version: int | None = None,
) -> PartnerCheck:
    """Record a partner agency's answer (it may arrive after the decision).

    ``expected_version`` is the check's version the user saw: a colleague's newer save
    makes this one raise ``StaleRecordError`` rather than overwrite it.
    """
    check = PartnerCheck.objects.select_for_update().get(pk=check.pk)
    if check.answered_at is not None:
        raise v.fail(
            "answered_at",
            f"This {check.get_agency_display().lower()} check was already answered at "
            f"{r.shown(check.answered_at)}.",
        )
    answered_at = r.required_time(answered_at, field="answered_at", label="Answer time")
    r.not_before_time(
        answered_at,
        check.requested_at,
        field="answered_at",
        label="Answer time",
        earliest_label="the time the check was requested",
    )
    check.answer = r.required_text(answer, field="answer", label="The partner's answer")
    check.answered_at = answered_at
    check.answered_by = answered_by.strip()
    if expected_version is not None:
        check.version = expected_version
    check.save()
    return check


@transaction.atomic
def record_mash_decision(
    *,
    triage: MashTriage,
    child: Person,
    outcome: str,
    reasons: str,
    decided_at: dt.datetime,
    decided_by: Worker,
    feedback_given: bool = False,
    feedback_given_on: dt.date | None = None,
    feedback_reasons: str = "",
    primary_need: str = "",
) -> MashDecision:
    """Record the MASH decision for one child on the contact.

    One decision per child per triage, not before the contact was received or the triage
    started, not in the future. Feedback to the referrer, when given, has a date not
    before the decision, and gives the reasons when the social care threshold is not met.
    "Assessment" and "strategy discussion" open the referral (CIN episode) with the
    contact's source and date; "early help" starts the early help episode. The triage is
    complete when every child on the contact has a decision.
    """
    triage = (
        MashTriage.objects.select_for_update(of=("self",))
        .select_related("contact")
        .get(pk=triage.pk)
    )
    contact = triage.contact
    if not ContactChild.objects.filter(contact=contact, child=child).exists():
        raise v.fail("child", f"{child} is not on this contact; add them to it first.")
    earlier = MashDecision.objects.filter(triage=triage, child=child).first()
    if earlier is not None:
        raise v.fail(
            "child",
            f"{child} already has a MASH decision on this contact "
            f"({earlier.get_outcome_display().lower()}, {r.shown(earlier.decided_at)}).",
        )
    cin_rules.valid_choice(outcome, MashOutcome, field="outcome", label="MASH outcome")
    reasons = r.required_text(reasons, field="reasons", label="The reasons for the decision")
    decided_at = r.required_time(decided_at, field="decided_at", label="Decision time")
    r.not_before_time(
        decided_at,
        contact.received_at,
        field="decided_at",
        label="Decision time",
        earliest_label="the time the contact was received",
    )
    r.not_before_time(
        decided_at,
        triage.started_at,
        field="decided_at",
        label="Decision time",
        earliest_label="the start of MASH triage",
    )
    v.require(decided_by, field="decided_by", label="The deciding worker")
    cin_rules.worker_in_post(
        decided_by, r.local_date(decided_at), field="decided_by", label="The deciding worker"
    )
    _check_feedback(
        outcome=outcome,
        given=feedback_given,
        given_on=feedback_given_on,
        reasons=feedback_reasons,
        decided_at=decided_at,
    )
    if primary_need and outcome not in OPENS_REFERRAL:
        raise v.fail(
            "primary_need",
            "A primary need is only recorded when the decision opens a referral (assessment "
            "or strategy discussion).",
        )

    episode = None
    if outcome in OPENS_REFERRAL:
        episode = cin_services.open_referral(
            child=child,
            referral_date=r.local_date(contact.received_at),
            referral_source=contact.source,
            primary_need=primary_need,
        )
    decision = MashDecision.objects.create(
        triage=triage,
        child=child,
        outcome=outcome,
        reasons=reasons,
        decided_at=decided_at,
        decided_by=decided_by,
        feedback_given=feedback_given,
        feedback_given_on=feedback_given_on if feedback_given else None,
        feedback_reasons=feedback_reasons.strip(),
        cin_episode=episode,
    )
    if outcome == MashOutcome.EARLY_HELP:
        hooks.start_early_help(decision)
    _complete_triage_if_all_decided(triage)
    return decision


@transaction.atomic
def record_referrer_feedback(
    *,
    decision: MashDecision,
    given_on: dt.date,
    reasons: str = "",
    expected_version: int | None = None,
) -> MashDecision:
    """Record feedback given to the referrer after the decision.

    ``expected_version`` is the decision's version the user saw (``StaleRecordError`` if
    a colleague has saved it since).
    """
    decision = MashDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.feedback_given:
        shown_on = (
            f" on {decision.feedback_given_on:%d/%m/%Y}" if decision.feedback_given_on else ""
        )
        raise v.fail("feedback_given_on", f"Feedback was already given to the referrer{shown_on}.")
    _check_feedback(
        outcome=decision.outcome,
        given=True,
        given_on=given_on,
        reasons=reasons,
        decided_at=decision.decided_at,
    )
    decision.feedback_given = True
    decision.feedback_given_on = given_on
    decision.feedback_reasons = reasons.strip()
    if expected_version is not None:
        decision.version = expected_version
    decision.save()
    return decision


def _check_ppn(*, channel: str, source: str, ppn_rating: str) -> None:
    if ppn_rating:
        if channel != ContactChannel.POLICE_PPN:
            raise v.fail(
                "ppn_rating",
                f"A PPN colour rating is only recorded on police PPNs; this contact came by "
                f"{ContactChannel(channel).label.lower()}.",
            )
        cin_rules.valid_choice(ppn_rating, PpnRating, field="ppn_rating", label="PPN colour rating")
    if channel == ContactChannel.POLICE_PPN and source != POLICE_SOURCE:
        raise v.fail(
            "source",
            f"A police PPN comes from the police: its source must be {POLICE_SOURCE} (police), "
            f"not {source}.",
        )


def _check_consent(
    *, consent_asked: bool, consent_given: bool, consent_override_reason: str
) -> None:
    if consent_given and not consent_asked:
        raise v.fail("consent_given", "Consent cannot be recorded as given when it was not asked.")
    if consent_given and consent_override_reason.strip():
        raise v.fail(
            "consent_override_reason",
            "Consent was given, so there is no reason for proceeding without consent to record.",
        )


def _check_closure_at_contact(
    *,
    outcome: str,
    closed_at: dt.datetime | None,
    received_at: dt.datetime,
    advice_given: str,
) -> dt.datetime:
    cin_rules.valid_choice(outcome, ContactOutcome, field="outcome", label="Contact outcome")
    if outcome not in CLOSED_AT_CONTACT:
        raise v.fail(
            "outcome",
            "A contact goes to MASH by starting MASH triage, not by setting its outcome.",
        )
    closed = r.required_time(closed_at, field="outcome_at", label="Contact closure time")
    r.not_before_time(
        closed,
        received_at,
        field="outcome_at",
        label="Contact closure time",
        earliest_label="the time the contact was received",
    )
    if outcome == ContactOutcome.INFORMATION_AND_ADVICE and not advice_given.strip():
        raise v.fail(
            "advice_given",
            "A contact closed with information and advice must record the advice given.",
        )
    return closed


def _check_feedback(
    *,
    outcome: str,
    given: bool,
    given_on: dt.date | None,
    reasons: str,
    decided_at: dt.datetime,
) -> None:
    if not given:
        if given_on is not None:
            raise v.fail(
                "feedback_given_on",
                "A feedback date is only recorded when feedback was given to the referrer.",
            )
        return
    v.require(given_on, field="feedback_given_on", label="Feedback date")
    v.not_in_future(given_on, field="feedback_given_on", label="Feedback date")
    v.not_before(
        given_on,
        r.local_date(decided_at),
        field="feedback_given_on",
        label="Feedback date",
        earliest_label="the decision",
    )
    if outcome in THRESHOLD_NOT_MET and not reasons.strip():
        raise v.fail(
            "feedback_reasons",
            f"The threshold for social care was not met ({MashOutcome(outcome).label.lower()}): "
            "feedback to the referrer must give the reasons.",
        )


def _complete_triage_if_all_decided(triage: MashTriage) -> None:
    children = ContactChild.objects.filter(contact_id=triage.contact_id).count()
    decisions = list(triage.decisions.order_by("-decided_at"))
    if decisions and len(decisions) >= children:
        latest = decisions[0]
        triage.decided_at = latest.decided_at
        triage.decided_by_id = latest.decided_by_id
        triage.save()
