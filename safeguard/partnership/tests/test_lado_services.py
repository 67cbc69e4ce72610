"""The LADO's lifecycle services: contact, referral, meetings, outcome, DBS, closure."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safeguard.audit.models import AuditEvent
from safeguard.core import clock
from safeguard.core.exceptions import StaleRecordError
from safeguard.partnership.models import Allegation, MeetingKind, Stage
from safeguard.partnership.selectors import lado as lado_selectors
from safeguard.partnership.services import lado as services

pytestmark = pytest.mark.django_db
D = dt.date


def _field_error(exc: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    assert field in exc.value.message_dict, exc.value.message_dict
    return " ".join(exc.value.message_dict[field])


def _referral(make_contact, **overrides) -> Allegation:
    contact = make_contact(**overrides)
    return services.progress_to_referral(allegation=contact, referral_on=D(2024, 3, 6))


def _with_outcome(make_contact, outcome: str = "substantiated") -> Allegation:
    referral = _referral(make_contact)
    services.record_meeting(allegation=referral, held_on=D(2024, 3, 8), police_involved=True)
    return services.record_outcome(allegation=referral, outcome=outcome, outcome_on=D(2024, 5, 1))


class TestRecordContact:
    def test_the_contact_is_numbered_and_names_its_children(self, make_contact, make_child):
        first, second = make_child(), make_child()
        allegation = make_contact(children=[first, second], other_children="Two other pupils")
        assert allegation.reference == "LADO-2024-0001"
        assert allegation.stage == Stage.CONTACT
        assert sorted(c.child_id for c in allegation.children.all()) == sorted(
            [first.pk, second.pk]
        )
        assert make_contact().reference == "LADO-2024-0002"
        assert make_contact(
            lado_informed_on=D(2023, 12, 1), reported_to_employer_on=None
        ).reference == ("LADO-2023-0001")

    def test_every_named_child_gets_an_audit_entry(self, make_contact, make_child):
        first, second = make_child(), make_child()
        allegation = make_contact(children=[first, second])
        entries = AuditEvent.objects.filter(object_id=str(allegation.pk), action="create")
        assert sorted(e.child_id for e in entries) == sorted([first.pk, second.pk])
        assert all(e.summary == "LADO LADO-2024-0001: contact recorded" for e in entries)

    def test_a_case_naming_no_child_is_still_audited(self, make_contact):
        allegation = make_contact()
        entry = AuditEvent.objects.get(object_id=str(allegation.pk))
        assert entry.child_id is None and entry.model_label == "partnership.Allegation"

    def test_dates_not_in_the_future_and_the_employer_knew_first(self, make_contact):
        tomorrow = clock.today() + dt.timedelta(days=1)
        with pytest.raises(ValidationError) as exc:
            make_contact(lado_informed_on=tomorrow, reported_to_employer_on=None)
        assert "cannot be in the future" in _field_error(exc, "lado_informed_on")
        with pytest.raises(ValidationError) as exc:
            make_contact(reported_to_employer_on=D(2024, 3, 5))
        assert "cannot be after the date the LADO was informed (04/03/2024)" in _field_error(
            exc, "reported_to_employer_on"
        )

    def test_choices_are_checked(self, make_contact):
        with pytest.raises(ValidationError) as exc:
            make_contact(subject_role="astronaut")
        assert "not one of the choices" in _field_error(exc, "subject_role")
        with pytest.raises(ValidationError) as exc:
            make_contact(source_agency="")
        assert "Select who made the contact" in _field_error(exc, "source_agency")

    def test_the_subject_is_an_adult_who_is_named(self, make_contact, make_child, make_adult):
        with pytest.raises(ValidationError) as exc:
            make_contact(subject_name="  ")
        assert "Enter the name" in _field_error(exc, "subject_name")
        with pytest.raises(ValidationError) as exc:
            make_contact(subject_person=make_child())
        assert "is a child's record" in _field_error(exc, "subject_person")
        carer = make_adult(first_name="Pat", last_name="Foster")
        allegation = make_contact(
            subject_name="", subject_person=carer, subject_role="foster_carer"
        )
        assert allegation.subject_name == "Pat Foster"
        assert allegation.subject_person == carer

    def test_children_are_childrens_records_each_named_once(
        self, make_contact, make_child, make_adult
    ):
        child = make_child()
        with pytest.raises(ValidationError) as exc:
            make_contact(children=[child, child])
        assert "named twice" in _field_error(exc, "children")
        with pytest.raises(ValidationError) as exc:
            make_contact(children=[make_adult()])
        assert "adult's record" in _field_error(exc, "children")

    def test_the_officer_is_a_lado_in_post(self, make_contact, lado_officer, worker):
        assert make_contact(officer=lado_officer).officer == lado_officer
        with pytest.raises(ValidationError) as exc:
            make_contact(officer=worker)
        assert "not a designated officer" in _field_error(exc, "officer")
        lado_officer.left_on = D(2024, 1, 31)
        lado_officer.save()
        with pytest.raises(ValidationError) as exc:
            make_contact(officer=lado_officer)
        assert "was not in post on 04/03/2024" in _field_error(exc, "officer")


class TestReferral:
    def test_a_contact_becomes_a_referral_once(self, make_contact):
        allegation = _referral(make_contact)
        assert allegation.stage == Stage.REFERRAL and allegation.referral_on == D(2024, 3, 6)
        with pytest.raises(ValidationError) as exc:
            services.progress_to_referral(allegation=allegation, referral_on=D(2024, 3, 7))
        assert "became a referral on 06/03/2024" in _field_error(exc, "referral_on")

    def test_not_before_the_contact(self, make_contact):
        contact = make_contact()
        with pytest.raises(ValidationError) as exc:
            services.progress_to_referral(allegation=contact, referral_on=D(2024, 3, 1))
        assert "cannot be before the contact (04/03/2024)" in _field_error(exc, "referral_on")

    def test_a_stale_copy_is_refused(self, make_contact):
        contact = make_contact()
        with pytest.raises(StaleRecordError):
            services.progress_to_referral(
                allegation=contact, referral_on=D(2024, 3, 6), expected_version=contact.version + 1
            )
        assert Allegation.objects.get(pk=contact.pk).stage == Stage.CONTACT


class TestMeetings:
    def test_a_contact_has_no_meetings(self, make_contact):
        with pytest.raises(ValidationError) as exc:
            services.record_meeting(allegation=make_contact(), held_on=D(2024, 3, 8))
        assert "progress it to a referral" in _field_error(exc, "held_on")

    def test_the_first_is_the_strategy_meeting_then_reviews(self, make_contact):
        referral = _referral(make_contact)
        first = services.record_meeting(allegation=referral, held_on=D(2024, 3, 8))
        second = services.record_meeting(
            allegation=referral, held_on=D(2024, 4, 2), notes="Police NFA"
        )
        assert (first.kind, second.kind) == (MeetingKind.STRATEGY, MeetingKind.REVIEW)
        with pytest.raises(ValidationError) as exc:
            services.record_meeting(allegation=referral, held_on=D(2024, 3, 20))
        assert "cannot be before the last meeting, the review meeting" in _field_error(
            exc, "held_on"
        )

    def test_not_before_the_referral(self, make_contact):
        with pytest.raises(ValidationError) as exc:
            services.record_meeting(allegation=_referral(make_contact), held_on=D(2024, 3, 5))
        assert "cannot be before the referral (06/03/2024)" in _field_error(exc, "held_on")

    def test_a_meeting_makes_the_case_page_copy_stale(self, make_contact):
        referral = _referral(make_contact)
        seen = referral.version
        services.record_meeting(allegation=referral, held_on=D(2024, 3, 8))
        with pytest.raises(StaleRecordError):
            services.record_outcome(
                allegation=referral,
                outcome="false",
                outcome_on=D(2024, 4, 1),
                expected_version=seen,
            )


class TestOutcome:
    def test_outcome_on_a_referral_once(self, make_contact):
        allegation = _with_outcome(make_contact)
        assert allegation.outcome == "substantiated"
        with pytest.raises(ValidationError) as exc:
            services.record_outcome(
                allegation=allegation, outcome="false", outcome_on=D(2024, 5, 2)
            )
        assert "The outcome was recorded on 01/05/2024" in _field_error(exc, "outcome")

    def test_not_for_a_contact_nor_before_the_last_meeting(self, make_contact):
        with pytest.raises(ValidationError) as exc:
            services.record_outcome(
                allegation=make_contact(), outcome="false", outcome_on=D(2024, 3, 8)
            )
        assert "progress it to a referral" in _field_error(exc, "outcome")
        referral = _referral(make_contact)
        services.record_meeting(allegation=referral, held_on=D(2024, 3, 12))
        with pytest.raises(ValidationError) as exc:
            services.record_outcome(allegation=referral, outcome="false", outcome_on=D(2024, 3, 11))
        assert "cannot be before the last meeting (12/03/2024)" in _field_error(exc, "outcome_on")


class TestDbsDecision:
    def test_a_referral_to_the_dbs_after_a_substantiated_outcome(self, make_contact):
        allegation = services.record_dbs_decision(
            allegation=_with_outcome(make_contact), referred=True, referred_on=D(2024, 5, 3)
        )
        assert allegation.dbs_referral is True and allegation.dbs_referred_on == D(2024, 5, 3)
        with pytest.raises(ValidationError) as exc:
            services.record_dbs_decision(allegation=allegation, referred=False)
        assert "already recorded" in _field_error(exc, "referred")

    def test_not_after_an_allegation_shown_false(self, make_contact):
        with pytest.raises(ValidationError) as exc:
            services.record_dbs_decision(
                allegation=_with_outcome(make_contact, "malicious"),
                referred=True,
                referred_on=D(2024, 5, 3),
            )
        assert "found malicious" in _field_error(exc, "referred")

    def test_the_outcome_comes_first_and_dates_match_the_answer(self, make_contact):
        with pytest.raises(ValidationError) as exc:
            services.record_dbs_decision(allegation=_referral(make_contact), referred=False)
        assert "Record the outcome before" in _field_error(exc, "referred")
        allegation = _with_outcome(make_contact)
        with pytest.raises(ValidationError) as exc:
            services.record_dbs_decision(allegation=allegation, referred=True)
        assert "Date referred to the DBS is required" in _field_error(exc, "referred_on")
        with pytest.raises(ValidationError) as exc:
            services.record_dbs_decision(
                allegation=allegation, referred=False, referred_on=D(2024, 5, 3)
            )
        assert "Leave the date empty" in _field_error(exc, "referred_on")
        with pytest.raises(ValidationError) as exc:
            services.record_dbs_decision(
                allegation=allegation, referred=True, referred_on=D(2024, 4, 30)
            )
        assert "cannot be before the outcome (01/05/2024)" in _field_error(exc, "referred_on")


class TestClose:
    def test_a_contact_closes_with_how_it_ended(self, make_contact):
        contact = make_contact()
        with pytest.raises(ValidationError) as exc:
            services.close_allegation(allegation=contact, closed_on=D(2024, 3, 5))
        assert "Select how it ended" in _field_error(exc, "contact_outcome")
        closed = services.close_allegation(
            allegation=contact, closed_on=D(2024, 3, 5), contact_outcome="advice"
        )
        assert closed.closed_on == D(2024, 3, 5) and not closed.is_open
        with pytest.raises(ValidationError) as exc:
            services.progress_to_referral(allegation=closed, referral_on=D(2024, 3, 6))
        assert "was closed on 05/03/2024" in _field_error(exc, "referral_on")

    def test_a_referral_closes_after_its_outcome_and_dbs_decision(self, make_contact):
        referral = _referral(make_contact)
        with pytest.raises(ValidationError) as exc:
            services.close_allegation(allegation=referral, closed_on=D(2024, 6, 1))
        assert "Record the outcome" in _field_error(exc, "closed_on")
        services.record_outcome(allegation=referral, outcome="unfounded", outcome_on=D(2024, 4, 1))
        with pytest.raises(ValidationError) as exc:
            services.close_allegation(allegation=referral, closed_on=D(2024, 6, 1))
        assert "decision on a DBS referral" in _field_error(exc, "closed_on")
        services.record_dbs_decision(allegation=referral, referred=False)
        with pytest.raises(ValidationError) as exc:
            services.close_allegation(
                allegation=referral, closed_on=D(2024, 6, 1), contact_outcome="advice"
            )
        assert "leave 'how the contact ended' empty" in _field_error(exc, "contact_outcome")
        with pytest.raises(ValidationError) as exc:
            services.close_allegation(allegation=referral, closed_on=D(2024, 3, 31))
        assert "cannot be before the outcome (01/04/2024)" in _field_error(exc, "closed_on")
        closed = services.close_allegation(allegation=referral, closed_on=D(2024, 4, 1))
        assert closed.closed_on == D(2024, 4, 1)


class TestTimescaleAndWorkList:
    def test_lado_informed_within_one_working_day(self, make_contact):
        # Friday 1 March 2024: due Monday 4 March.
        on_time = make_contact()
        assert lado_selectors.lado_informed_due(on_time).due == D(2024, 3, 4)
        assert lado_selectors.informed_on_time(on_time) is True
        late = make_contact(lado_informed_on=D(2024, 3, 5))
        assert lado_selectors.informed_on_time(late) is False
        unknown = make_contact(reported_to_employer_on=None)
        assert lado_selectors.informed_on_time(unknown) is None

    def test_bank_holidays_are_skipped(self, make_contact):
        # Thursday 28 March 2024; Good Friday and Easter Monday: due Tuesday 2 April.
        allegation = make_contact(
            reported_to_employer_on=D(2024, 3, 28), lado_informed_on=D(2024, 4, 2)
        )
        due = lado_selectors.lado_informed_due(allegation)
        assert due.due == D(2024, 4, 2) and "Good Friday" in due.explanation
        assert lado_selectors.informed_on_time(allegation) is True

    def test_the_work_list_groups_open_cases_by_next_step(self, make_contact):
        make_contact()
        _referral(make_contact)
        _with_outcome(make_contact)
        closed = make_contact()
        services.close_allegation(
            allegation=closed, closed_on=D(2024, 3, 5), contact_outcome="advice"
        )
        counts = {step.key: n for step, n, _ in lado_selectors.work_list()}
        assert counts == {"decision": 1, "meeting": 1, "outcome": 0, "dbs": 1, "close": 0}

    def test_the_list_filters(self, make_contact):
        make_contact(subject_role="foster_carer", subject_name="Sam Foster")
        make_contact(source_agency="health", subject_name="Alex Nurse")
        assert lado_selectors.cases(lado_selectors.CaseFilters(text="nurse")).count() == 1
        assert (
            lado_selectors.cases(lado_selectors.CaseFilters(subject_role="foster_carer")).count()
            == 1
        )
        assert lado_selectors.cases(lado_selectors.CaseFilters(status="closed")).count() == 0
