"""What importing a return reports, and how a bad file is refused.

An import is all-or-nothing: a file that fails to parse or to map onto the records
raises ``ReturnFileError`` naming the file, the line (or element), the field, the value
and what was expected, and the transaction is rolled back. Rows the DfE would accept but
the records cannot take (e.g. a child already held with a different date of birth) are
*rejected* one by one in the summary; the rest is imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ReturnFileError(ValueError):
    """A return file that cannot be read or imported: one clear sentence."""

    def __init__(
        self,
        file: str,
        problem: str,
        *,
        line: int | None = None,
        element: str | None = None,
        field_name: str | None = None,
        value: str | None = None,
        expected: str | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.element = element
        self.field_name = field_name
        self.value = value
        self.expected = expected
        where = file + (f", line {line}" if line is not None else "")
        what = " ".join(
            part
            for part in (
                f"<{element}>" if element else "",
                f"field {field_name}" if field_name else "",
                f"value {value!r}" if value is not None else "",
            )
            if part
        )
        text = f"{where}: {what + ': ' if what else ''}{problem}"
        if expected:
            text += f" (expected {expected})"
        super().__init__(text)


@dataclass
class Rejection:
    child: str
    reason: str
    line: int | None = None


@dataclass
class ImportSummary:
    """Counts by record type of what an import created, updated or left unchanged."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)

    def count(self, outcome: str, record: str, n: int = 1) -> None:
        bucket: dict[str, int] = getattr(self, outcome)
        bucket[record] = bucket.get(record, 0) + n

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def lines(self) -> list[str]:
        out = []
        for outcome in ("created", "updated", "unchanged"):
            bucket: dict[str, int] = getattr(self, outcome)
            for record, n in sorted(bucket.items()):
                out.append(f"{outcome:<10} {n:>7,}  {record}")
        for rejection in self.rejected:
            where = f" (line {rejection.line})" if rejection.line is not None else ""
            out.append(f"rejected   child {rejection.child}{where}: {rejection.reason}")
        return out
