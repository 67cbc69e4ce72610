"""The shared form helpers: GOV.UK dates, service errors on fields, stale edits, anchors."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import engines
from hypothesis import given
from hypothesis import strategies as st

from safeguard.core.exceptions import StaleRecordError
from safeguard.core.forms import DateField, GovukForm, VersionedForm, submit_to_service


class VisitForm(GovukForm):
    seen_on = DateField(label="Date of the visit")
    seen_alone = forms.ChoiceField(
        label="Was the child seen alone?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the child was seen alone"},
    )


class EditForm(VersionedForm):
    note = forms.CharField(label="Note")


def _date(day: str, month: str, year: str, **extra: str) -> VisitForm:
    return VisitForm(data={"seen_on_0": day, "seen_on_1": month, "seen_on_2": year, **extra})


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_any_real_date_round_trips(day):
    form = _date(str(day.day), str(day.month), str(day.year), seen_alone="yes")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["seen_on"] == day


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter the date of the visit"),
        (("31", "2", "2024"), "The date of the visit must be a real date"),
        (("1", "2", "24"), "The date of the visit must be a real date"),
        (("x", "2", "2024"), "Enter a valid date"),
        (("", "2", "2024"), "The date of the visit must include a day"),
        (("3", "", ""), "The date of the visit must include a month"),
    ],
)
def test_bad_dates_get_messages_that_name_the_date(parts, message):
    form = _date(*parts, seen_alone="yes")
    assert not form.is_valid()
    assert any(message in error for error in form.errors["seen_on"])


def test_service_errors_land_on_the_field_they_name_and_the_rest_at_the_top():
    form = _date("1", "2", "2024", seen_alone="yes")
    assert form.is_valid()

    def refuse():
        raise ValidationError(
            {"seen_on": "The visit cannot be before the plan started", "other": "Elsewhere"}
        )

    assert submit_to_service(form, refuse) is None
    assert form.errors["seen_on"] == ["The visit cannot be before the plan started"]
    assert form.non_field_errors() == ["Elsewhere"]


def test_a_stale_edit_keeps_the_input_and_says_why():
    form = EditForm(data={"note": "my words", "version": "3"})
    assert form.is_valid()

    def stale():
        raise StaleRecordError(model_label="cin.Visit", pk=1, expected=3, current=4)

    assert submit_to_service(form, stale) is None
    assert "changed by someone else" in form.non_field_errors()[0]
    assert form["note"].value() == "my words"


def test_the_service_result_comes_back_when_it_succeeds():
    form = EditForm(data={"note": "x", "version": "1"})
    assert form.is_valid()
    assert submit_to_service(form, lambda: 42) == 42


def test_error_summary_links_point_at_the_first_input_of_each_field():
    form = _date("", "", "")
    form.is_valid()
    html = (
        engines["django"]
        .from_string('{% include "includes/error_summary.html" %}')
        .render({"form": form})
    )
    assert 'href="#id_seen_on_0"' in html
    assert 'href="#id_seen_alone_1"' in html
    assert "Select whether the child was seen alone" in html
    rendered = engines["django"].from_string("{% load crispy_forms_tags %}{% crispy form %}")
    body = rendered.render({"form": form})
    assert 'id="id_seen_on_0"' in body and 'id="id_seen_alone_1"' in body
    assert "alert-danger" not in body  # form-level errors are in the summary only


def test_an_initialism_keeps_its_capitals_in_messages():
    class PlanForm(GovukForm):
        starts_on = DateField(label="CIN plan start date")

    form = PlanForm(data={})
    assert not form.is_valid()
    assert form.errors["starts_on"] == ["Enter the CIN plan start date"]


def test_the_form_markup_has_no_second_csrf_token():
    body = engines["django"].from_string("{% load crispy_forms_tags %}{% crispy form %}")
    assert "csrfmiddlewaretoken" not in body.render({"form": _date("1", "2", "2024")})
