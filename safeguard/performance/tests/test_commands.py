"""The `scorecard` and `report` commands: real files, clear errors, non-zero exits."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from safeguard.frontdoor.models import Contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacts() -> None:
    for day in (dt.date(2025, 6, 2), dt.date(2025, 9, 30)):
        Contact.objects.create(
            received_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10))),
            source="6", channel="phone", concerns="Synthetic test concern.",
            consent_asked=False, consent_given=False,
        )  # fmt: skip


def test_the_scorecard_writes_every_format(tmp_path: Path, contacts: None) -> None:
    for fmt in ("csv", "xlsx", "pdf", "html"):
        out = tmp_path / f"oba.{fmt}"
        call_command("scorecard", "--month", "2025-08", "-o", str(out), verbosity=0)
        assert out.stat().st_size > 0, fmt
    rows = list(csv.DictReader(io.StringIO((tmp_path / "oba.csv").read_text())))
    assert {"OBA1-04", "OBA2-11", "OBA3-06"} <= {row["Ref"] for row in rows}
    assert load_workbook(tmp_path / "oba.xlsx").sheetnames[0] == "OBA snapshot"
    assert (tmp_path / "oba.pdf").read_bytes().startswith(b"%PDF")
    assert (
        "<svg" in (tmp_path / "oba.html").read_text()
        or "No data" in (tmp_path / "oba.html").read_text()
    )


def test_reports_write_and_name_their_period(tmp_path: Path, contacts: None, capsys) -> None:
    out = tmp_path / "cp.xlsx"
    call_command("report", "cp-annual", "--year", "2025", "-o", str(out), verbosity=0)
    assert "2025-26" in capsys.readouterr().out
    assert len(load_workbook(out).sheetnames) > 10
    pack = tmp_path / "pack.csv"
    call_command("report", "self-evaluation", "--date", "2025-09-30", "-o", str(pack))
    assert "Reading contacts" in capsys.readouterr().err  # progress on stderr
    assert "1 April 2025 to 30 September 2025" in pack.read_text()
    outcomes = tmp_path / "outcomes.csv"
    call_command("report", "outcomes", "--quarter", "2025-Q2", "-o", str(outcomes), verbosity=0)
    assert "OUT-S01" in outcomes.read_text()
    assert (tmp_path / "outcomes.pdf").exists() is False
    call_command("report", "outcomes", "--quarter", "2025-Q2", "-o", str(tmp_path / "o.pdf"))
    assert (tmp_path / "o.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["scorecard", "--month", "2025-13", "-o", "x.csv"], "YYYY-MM"),
        (["scorecard", "--month", "2010-08", "-o", "x.csv"], "No case records cover August 2010"),
        (["scorecard", "--month", "2025-08", "-o", "x.docx"], "Cannot tell the format"),
        (["report", "cp-annual", "--year", "2025-26", "-o", "x.pdf"], "the year it starts"),
        (["report", "self-evaluation", "--date", "31/07/2025", "-o", "x.pdf"], "YYYY-MM-DD"),
        (["report", "outcomes", "--quarter", "2025-Q5", "-o", "x.pdf"], "YYYY-Qn"),
        (["report", "outcomes", "--quarter", "2025-Q2", "-o", "x.xlsx"], "PDF, HTML or CSV"),
    ],
)
def test_bad_requests_fail_with_a_clear_message(
    tmp_path: Path, contacts: None, args: list[str], message: str
) -> None:
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    with pytest.raises(CommandError, match=message):
        call_command(*args, verbosity=0)
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_an_empty_database_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no case records yet"):
        call_command("scorecard", "--month", "2025-08", "-o", str(tmp_path / "x.csv"))
