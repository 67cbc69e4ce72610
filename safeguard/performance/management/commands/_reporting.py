"""What the `scorecard` and `report` commands share: output files and progress."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import CommandError

FORMATS = ("html", "pdf", "xlsx", "csv")


def output_format(path: Path, given: str | None) -> str:
    """The format asked for, or the one the file name ends with."""
    fmt = given or path.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise CommandError(
            f"Cannot tell the format of {path}: give --format ({', '.join(FORMATS)}) or a "
            f"file name ending .html, .pdf, .xlsx or .csv."
        )
    return fmt


def write_output(path: Path, content: str | bytes) -> None:
    if not path.parent.exists():
        raise CommandError(f"The folder {path.parent} does not exist.")
    try:
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    except OSError as error:
        raise CommandError(f"Cannot write {path}: {error.strerror}.") from None


class Progress:
    """One line per step on stderr, with the seconds since the start (quiet at -v 0)."""

    def __init__(self, verbosity: int) -> None:
        self.started = time.perf_counter()
        self.verbose = verbosity > 0

    def __call__(self, step: str) -> None:
        if self.verbose:
            print(f"[{time.perf_counter() - self.started:6.1f}s] {step}", file=sys.stderr)

    def as_callback(self) -> Callable[[str], None]:
        return self
