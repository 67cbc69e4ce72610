"""The child death services: notification (age band and neonatal from the dates), the
Joint Agency Response, the coroner and registrar timescales, the review meeting and the
panel's review, each with its rules, audit and stale-edit check."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from safeguard.audit.models import AuditEvent
from safeguard.core.exceptions import StaleRecordError
from safeguard.partnership.models import AgeBand, ChildDeath
from safeguard.partnership.selectors import child_deaths as selectors
from safeguard.partnership.services import child_deaths as services
from safeguard.partnership.services.child_deaths_checks import age_band, is_neonatal
from safeguard.partnership.tests.test_child_deaths_support import D, factor, notify, reviewed

pytestmark = pytest.mark.django_db


def errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


@pytest.mark.parametrize(
    ("born", "died", "band", "neonatal"),
    [
        (D(2020, 1, 1), D(2020, 1, 1), AgeBand.NEONATAL, True),
        (D(2020, 1, 1), D(2020, 1, 28), AgeBand.NEONATAL, True),  # day 27
        (D(2020, 1, 1), D(2020, 1, 29), AgeBand.INFANT, False),  # day 28
        (D(2020, 1, 1), D(2020, 12, 31), AgeBand.INFANT, False),
        (D(2020, 1, 1), D(2021, 1, 1), AgeBand.AGE_1_4, False),
        (D(2015, 6, 1), D(2020, 5, 31), AgeBand.AGE_1_4, False),
        (D(2015, 6, 1), D(2020, 6, 1), AgeBand.AGE_5_9, False),
        (D(2010, 6, 1), D(2020, 6, 1), AgeBand.AGE_10_14, False),
        (D(2005, 6, 1), D(2020, 6, 1), AgeBand.AGE_15_17, False),
        (D(2002, 6, 2), D(2020, 6, 1), AgeBand.AGE_15_17, False),
    ],
)
def test_the_age_band_and_neonatal_come_from_the_dates(born, died, band, neonatal):
    assert age_band(born, died) == band
    assert is_neonatal(born, died) is neonatal


def test_a_notification_is_numbered_derived_and_audited():
    death = notify()
    again = notify(notified_on=D(2020, 5, 1))
    assert (death.reference, again.reference) == ("CDOP-2020-0001", "CDOP-2020-0002")
    assert death.age_band == AgeBand.NEONATAL and death.neonatal
    event = AuditEvent.objects.get(object_id=str(death.pk))
    assert event.action == "create" and event.summary == "CDOP CDOP-2020-0001: death notified"
    assert selectors.next_step(death) == selectors.AWAITING_MEETING


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"date_of_death": D(2020, 2, 1)}, "date_of_death", "cannot be before the date of birth"),
        ({"notified_on": D(2020, 3, 9)}, "notified_on", "cannot be before the date of death"),
        ({"notified_on": D(2099, 1, 1)}, "notified_on", "cannot be in the future"),
        ({"date_of_birth": D(2002, 3, 10)}, "date_of_birth", "18 or over"),
        ({"sex": "7"}, "sex", "not one of the codes"),
        ({"ethnicity": "XXXX"}, "ethnicity", "not one of the codes"),
        ({"resident_area": "mars"}, "resident_area", "not one of the choices"),
        ({"expectation": ""}, "expectation", "Select expected or unexpected"),
        ({"first_name": "", "last_name": " "}, "first_name", "Enter the child's name"),
    ],
)
def test_a_notification_keeps_its_rules(overrides, field, text):
    with pytest.raises(ValidationError) as exc:
        notify(**overrides)
    assert text in " ".join(errors(exc)[field])
    assert not ChildDeath.objects.exists()


def test_a_linked_record_is_the_childs_and_the_child_was_known(make_child):
    child = make_child(date_of_birth=D(2020, 3, 1))
    with pytest.raises(ValidationError) as exc:
        notify(person=child, known_to_social_care=False)
    assert "known_to_social_care" in errors(exc)
    with pytest.raises(ValidationError) as exc:
        notify(person=make_child(date_of_birth=D(2019, 1, 1)), known_to_social_care=True)
    assert "born on 01/01/2019" in errors(exc)["person"][0]
    death = notify(person=child, known_to_social_care=True)
    assert death.person == child
    assert AuditEvent.objects.get(object_id=str(death.pk)).child_id == child.pk


def test_a_joint_agency_response_is_for_unexpected_deaths_only():
    expected = notify()
    with pytest.raises(ValidationError) as exc:
        services.record_joint_agency_response(
            death=expected, started_on=D(2020, 3, 10), lead="Police"
        )
    assert "death was expected" in errors(exc)["started_on"][0]
    death = notify(expectation="unexpected", place_of_death="home")
    assert selectors.next_step(death) == selectors.AWAITING_JAR
    with pytest.raises(ValidationError) as exc:
        services.record_joint_agency_response(death=death, started_on=D(2020, 3, 9), lead="x")
    assert "cannot be before the death" in errors(exc)["started_on"][0]
    with pytest.raises(ValidationError) as exc:
        services.record_joint_agency_response(death=death, started_on=D(2020, 3, 10), lead=" ")
    assert "lead" in errors(exc)
    services.record_joint_agency_response(
        death=death, started_on=D(2020, 3, 10), lead="DS Kay, Wessex Vale Police"
    )
    death.refresh_from_db()
    assert death.jar_lead == "DS Kay, Wessex Vale Police"
    assert selectors.next_step(death) == selectors.AWAITING_MEETING


def test_the_coroners_notice_is_due_in_3_working_days():
    death = notify(expectation="unexpected")
    with pytest.raises(ValidationError) as exc:
        services.record_coroner(
            death=death, decision_on=D(2020, 3, 11), investigation=False, post_mortem=False
        )
    assert "investigation" in errors(exc)
    services.record_coroner(
        death=death, decision_on=D(2020, 3, 13), investigation=True, post_mortem=True
    )
    death.refresh_from_db()
    assert selectors.coroner_notice_due(death).due == D(2020, 3, 18)
    assert selectors.coroner_notice_on_time(death) is None
    services.record_coroner(
        death=death,
        decision_on=D(2020, 3, 13),
        investigation=True,
        post_mortem=True,
        notice_on=D(2020, 3, 19),
    )
    death.refresh_from_db()
    assert selectors.coroner_notice_on_time(death) is False
    with pytest.raises(ValidationError) as exc:
        services.record_coroner(
            death=death,
            decision_on=D(2020, 3, 13),
            investigation=True,
            post_mortem=False,
            notice_on=D(2020, 3, 12),
        )
    assert "cannot be before the coroner's decision" in errors(exc)["notice_on"][0]


def test_the_registrars_particulars_are_due_in_7_days():
    death = notify()
    services.record_registration(
        death=death, registered_on=D(2020, 3, 16), particulars_on=D(2020, 3, 23)
    )
    death.refresh_from_db()
    assert selectors.registrar_particulars_due(death).due == D(2020, 3, 23)
    assert selectors.registrar_particulars_on_time(death) is True
    with pytest.raises(ValidationError) as exc:
        services.record_registration(death=death, registered_on=D(2020, 3, 1))
    assert "cannot be before the death" in errors(exc)["registered_on"][0]


def test_the_panel_reviews_after_the_review_meeting_with_category_and_factors():
    death = notify()
    with pytest.raises(ValidationError) as exc:
        services.schedule_panel(death=death, panel_on=D(2020, 6, 1))
    assert "review meeting as held" in errors(exc)["panel_on"][0]
    services.record_review_meeting(death=death, meeting_on=D(2099, 1, 1), held=False)
    with pytest.raises(ValidationError) as exc:
        services.record_review_meeting(death=death, meeting_on=D(2099, 1, 1), held=True)
    assert "cannot be in the future" in errors(exc)["meeting_on"][0]
    services.record_review_meeting(death=death, meeting_on=D(2020, 5, 4), held=True)
    death.refresh_from_db()
    assert selectors.next_step(death) == selectors.AWAITING_PANEL_DATE
    services.schedule_panel(death=death, panel_on=D(2020, 7, 1))
    death.refresh_from_db()
    assert selectors.next_step(death) == selectors.AWAITING_PANEL
    smoking = factor("smoking_in_pregnancy")
    for kwargs, field, text in [
        ({"modifiable": True}, "factors", "Select the modifiable factors"),
        ({"modifiable": False, "factors": [smoking]}, "factors", "leave the factors"),
        ({"modifiable": False, "category": "11"}, "category", "not one of the choices"),
        ({"modifiable": False, "reviewed_on": D(2020, 5, 1)}, "reviewed_on", "review meeting"),
    ]:
        values = {"category": "8", "reviewed_on": D(2020, 7, 1), **kwargs}
        with pytest.raises(ValidationError) as exc:
            services.record_panel_review(death=death, **values)
        assert text in errors(exc)[field][0], kwargs
    smoking.active = False
    smoking.save()
    with pytest.raises(ValidationError) as exc:
        services.record_panel_review(
            death=death, reviewed_on=D(2020, 7, 1), category="8", modifiable=True,
            factors=[smoking],
        )  # fmt: skip
    assert "no longer on the list" in errors(exc)["factors"][0]
    obesity = factor("maternal_obesity")
    services.record_panel_review(
        death=death,
        reviewed_on=D(2020, 7, 1),
        category="8",
        modifiable=True,
        factors=[obesity, obesity],
        learning="Support for a healthy weight in pregnancy.",
    )
    death.refresh_from_db()
    assert death.is_reviewed and death.modifiable and death.category == "8"
    assert selectors.factors_of(death) == [obesity]
    assert selectors.next_step(death) is None
    with pytest.raises(ValidationError) as exc:
        services.record_coroner(
            death=death, decision_on=D(2020, 3, 13), investigation=True, post_mortem=False
        )
    assert "the record is closed" in errors(exc)["decision_on"][0]


def test_a_stale_copy_is_refused():
    death = notify()
    services.record_review_meeting(death=death, meeting_on=D(2020, 5, 4), held=False)
    with pytest.raises(StaleRecordError):
        services.record_review_meeting(
            death=death, meeting_on=D(2020, 5, 5), held=True, expected_version=death.version
        )


def test_the_work_list_groups_open_reviews_by_their_next_step():
    notify()
    notify(expectation="unexpected")
    reviewed(notify(), on=D(2020, 7, 1), factors=("co_sleeping",))
    steps = {step.key: count for step, count, _ in selectors.work_list()}
    assert steps == {"jar": 1, "meeting": 1, "panel_date": 0, "panel": 0}
