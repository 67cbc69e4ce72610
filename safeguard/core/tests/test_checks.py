"""A bad local timescale override is reported at start-up by a system check."""

from __future__ import annotations

from safeguard.core.checks import timescale_overrides_are_valid


def test_valid_overrides_pass(settings):
    settings.SAFEGUARD_TIMESCALE_OVERRIDES = {"cin_visit": {"amount": 15}}
    assert timescale_overrides_are_valid() == []


def test_unknown_rule_in_overrides_is_an_error(settings):
    settings.SAFEGUARD_TIMESCALE_OVERRIDES = {"no_such_rule": {"amount": 3}}
    errors = timescale_overrides_are_valid()
    assert [e.id for e in errors] == ["safeguard.E001"]
    assert "no_such_rule" in errors[0].msg


def test_malformed_override_value_is_an_error(settings):
    settings.SAFEGUARD_TIMESCALE_OVERRIDES = {"cin_visit": {"amount": -4}}
    errors = timescale_overrides_are_valid()
    assert len(errors) == 1 and "cin_visit" in errors[0].msg
