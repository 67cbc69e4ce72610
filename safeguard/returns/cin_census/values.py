"""Typed values from a census row for the importer: a value the records cannot hold is a
``ReturnFileError`` naming the line, element and value, never a guess."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from safeguard.core.codes import codelist
from safeguard.returns.importing import ReturnFileError
from safeguard.returns.tables import ROW

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YES = {"true": True, "1": True, "false": False, "0": False}

#: The code list each coded census element is stored with.
CODE_LISTS = {
    "GenderCurrent": "gender",
    "Ethnicity": "ethnicity",
    "Disability": "disability",
    "UPNunknown": "upn_unknown",
    "ReferralSource": "referral_source",
    "PrimaryNeedCode": "primary_need",
    "ReasonForClosure": "reason_for_closure",
    "AssessmentFactors": "assessment_factor",
    "InitialCategoryOfAbuse": "category_of_abuse",
    "LatestCategoryOfAbuse": "category_of_abuse",
}


class RowValues:
    """One table row of the file, read field by field with the file's line for errors."""

    def __init__(self, file: str, row: Mapping[str, Any]) -> None:
        self.file = file
        self.row = row

    @property
    def line(self) -> int | None:
        line = self.row.get(ROW)
        return int(line) if line else None

    def _error(self, name: str, problem: str, expected: str, value: str | None = None) -> None:
        raise ReturnFileError(
            self.file,
            problem,
            line=self.line,
            element=name,
            value=value,
            expected=expected,
        )

    def text(self, name: str, *, required: bool = False) -> str:
        value = self.row.get(name)
        if value is None:
            if required:
                self._error(name, "a required value is missing", f"<{name}> with a value")
            return ""
        return str(value).strip()

    def date(self, name: str, *, required: bool = False) -> dt.date | None:
        value = self.text(name, required=required)
        if not value:
            return None
        day = None
        if _ISO_DATE.fullmatch(value):
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                day = None
        if day is None:
            self._error(name, "not a date", "a date YYYY-MM-DD", value)
        return day

    def required_date(self, name: str) -> dt.date:
        day = self.date(name, required=True)
        assert day is not None  # required: a missing value has raised
        return day

    def yes_no(self, name: str) -> bool:
        value = self.text(name, required=True)
        if value.lower() not in _YES:
            self._error(name, "not a yes/no value", "true or false (or 1 or 0)", value)
        return _YES[value.lower()]

    def code(self, name: str, *, required: bool = False) -> str:
        value = self.text(name, required=required)
        if not value:
            return ""
        codes = codelist(CODE_LISTS[name])
        if value not in codes:
            self._error(name, "not a DfE code", f"one of {', '.join(codes)}", value)
        return value
