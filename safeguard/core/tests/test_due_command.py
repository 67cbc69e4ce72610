"""`safeguard due`: the date on line one, the reason after it, usage errors as exit status 2."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from safeguard.core.timescales import REGISTRY

SCRIPT = Path(sys.executable).with_name("safeguard")


def due(*args: str) -> list[str]:
    out = io.StringIO()
    call_command("due", *args, stdout=out)
    return out.getvalue().splitlines()


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed console script, for real: exit status and streams as a user sees them."""
    return subprocess.run(
        [str(SCRIPT), "due", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_prints_the_iso_due_date_then_why():
    lines = due("icpc", "2018-12-17")
    assert lines[0] == "2019-01-10"
    assert lines[1] == (
        "due 2019-01-10: 15 working days after strategy discussion on 2018-12-17; "
        "bank holidays skipped: 25/12/2018 Christmas Day, 26/12/2018 Boxing Day, "
        "01/01/2019 New Year's Day"
    )


def test_list_shows_every_rule_with_its_source():
    lines = due("--list")
    assert len(lines) == len(REGISTRY)
    for rule, line in zip(REGISTRY, lines, strict=True):
        assert line.startswith(rule.key + " ")
        assert rule.what in line and f"source: {rule.source}" in line


@pytest.mark.parametrize(
    ("args", "first_line"),
    [
        (["rha", "2020-08-31", "--dob", "2016-03-01"], "2021-02-28"),
        (["mace_review", "2019-01-01", "--risk", "moderate"], "2019-03-26"),
        (["cp_visit", "2019-01-02"], "2019-02-03"),
        (["cp_visit", "2019-01-02", "--frequency", "weekly"], "2019-01-13"),
        (["lac_visit", "2019-12-20"], "2019-12-27"),
        (
            ["lac_visit", "2019-03-31", "--placement-start", "2018-01-10", "--long-term"],
            "2019-06-30",
        ),
        (["care_leaver_contact", "2019-01-01", "--dob", "2001-06-15"], "2019-07-15"),
        (["rhi", "2020-03-27T10:00"], "2020-03-30T11:00+01:00"),
        (["rhi", "2019-04-18", "--basis", "working_days"], "2019-04-25"),
        (["mace", "2019-12-10"], "2019-12-27"),
        (["icpc_notice", "2019-01-11"], "2019-01-04"),
    ],
)
def test_context_flags(args, first_line):
    lines = due(*args)
    assert lines[0] == first_line
    assert lines[1].startswith(f"due {first_line}: ")


@pytest.mark.django_db
def test_school_day_rules_read_the_term_dates_from_the_database():
    assert due("pep", "2019-12-09")[0] == "2020-01-20"
    assert due("pep", "2019-10-14", "--stage", "termly")[0] == "2020-04-03"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["icpx", "2018-12-17"], "Unknown timescale 'icpx'; known keys: referral_decision"),
        (["icpc", "2018-12-32"], "Malformed date '2018-12-32'"),
        (["icpc", "17/12/2018"], "Malformed date '17/12/2018': expected YYYY-MM-DD"),
        (["icpc", "20181217"], "Malformed date"),
        (["icpc", "2018-12-17T10:00"], "Malformed date"),
        (["rhi", "2018-12-17T25:00"], "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM"),
        (["rha", "2019-01-01"], "needs dob"),
        (["icpc", "2019-01-01", "--dob", "2010-01-01"], "does not take dob"),
        (["icpc"], "Give a RULE and a DATE"),
    ],
)
def test_usage_errors_are_one_line_with_exit_status_2(args, message):
    with pytest.raises(CommandError) as raised:
        call_command("due", *args, stdout=io.StringIO())
    assert raised.value.returncode == 2
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_console_script_prints_the_due_date_first():
    result = run("icpc", "2018-12-17")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "2019-01-10"
    assert "Christmas Day" in lines[1]
    assert result.stderr == ""


@pytest.mark.parametrize(
    "args",
    [["no_such_rule", "2018-12-17"], ["icpc", "2018-02-30"], ["icpc", "next tuesday"]],
)
def test_console_script_usage_errors_exit_2_with_one_line(args):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


def test_console_script_honours_local_overrides_from_the_environment():
    overrides = json.dumps({"cin_visit": {"amount": 15}})
    result = run("cin_visit", "2019-12-16", env={"SAFEGUARD_TIMESCALE_OVERRIDES": overrides})
    assert result.returncode == 0, result.stderr
    first, explanation = result.stdout.splitlines()[:2]
    assert first == "2020-01-09"
    assert "local override" in explanation


def test_console_script_lists_the_rules():
    result = run("--list")
    assert result.returncode == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()] == [r.key for r in REGISTRY]
