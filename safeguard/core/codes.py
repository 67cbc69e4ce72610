"""DfE code lists as data.

Coded fields store the DfE code itself (e.g. ``NEG``, ``C2``, ``RC8``) so that the CIN
census and SSDA903 are projections of our tables; the label is for people. The lists live
in ``codelists.yaml`` so a new collection year is a data change, not a code change.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import models

CODELISTS_FILE = Path(__file__).with_name("codelists.yaml")


@dataclass(frozen=True)
class CodeList:
    key: str
    title: str
    source: str
    labels: dict[str, str]

    def __contains__(self, code: object) -> bool:
        return code in self.labels

    def __iter__(self) -> Iterator[str]:
        return iter(self.labels)

    def __len__(self) -> int:
        return len(self.labels)

    def label(self, code: str | None) -> str:
        if code is None or code == "":
            return "Not recorded"
        return self.labels.get(code, f"Unknown code {code!r}")

    def choices(self) -> list[tuple[str, str]]:
        return [(code, f"{label} ({code})") for code, label in self.labels.items()]

    def validate(self, code: str, *, field: str) -> None:
        """Raise a ValidationError naming the field when ``code`` is not in this list."""
        if code not in self.labels:
            raise ValidationError(
                {
                    field: (
                        f"{code!r} is not a valid {self.title.lower()} code; expected one of "
                        f"{', '.join(self.labels)} ({self.source})."
                    )
                }
            )


@functools.cache
def all_codelists() -> dict[str, CodeList]:
    raw: dict[str, Any] = yaml.safe_load(CODELISTS_FILE.read_text(encoding="utf-8"))
    return {
        key: CodeList(
            key=key,
            title=entry["title"],
            source=entry["source"],
            labels={str(code): str(label) for code, label in entry["codes"].items()},
        )
        for key, entry in raw.items()
    }


def codelist(key: str) -> CodeList:
    try:
        return all_codelists()[key]
    except KeyError:
        raise KeyError(f"No DfE code list called {key!r}") from None


def _choices_for(key: str) -> list[tuple[str, str]]:
    return codelist(key).choices()


class CodeField(models.CharField):
    """A CharField holding a DfE code from a named code list.

    Choices are resolved at run time from the code list, and left out of migrations, so
    a new collection year's codes need no schema change.
    """

    def __init__(self, *args: Any, codelist: str, **kwargs: Any) -> None:
        self.codelist_key = codelist
        kwargs.setdefault("max_length", 8)
        kwargs["choices"] = functools.partial(_choices_for, codelist)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("choices", None)
        kwargs["codelist"] = self.codelist_key
        return name, path, args, kwargs
