"""Benchmark the statutory returns on a generated authority.

    .venv/bin/python bench/returns.py --database /tmp/perf-4x6.db --year 2025 --runs 3

The database must hold a generated authority (``safeguard generate --scale 4.0 --years 6
--seed 1 --end 2026-03-31``). Each run: the CIN census XML, the SSDA903 files and the
Annex A workbook are exported from the records; then the exported CIN census file is
read and every CIN census rule run on it, and the same for the SSDA903 folder (with the
previous year's export for the rules that compare). Prints each run, the median and the
slowest, and how many errors the rules found (a generated authority should have none).

Targets (issue 7), at scale 4.0: all CIN census rules on the exported file ≤ 5 s; all
SSDA903 rules ≤ 5 s; each export ≤ 10 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _database_url(database: str) -> str:
    return database if "://" in database else f"sqlite:///{Path(database).resolve()}"


def _timed(action: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action(*args, **kwargs)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="SQLite file or database URL (default: DATABASE_URL)")
    parser.add_argument("--year", type=int, default=2025, help="collection year ending 31 March")
    parser.add_argument("--annex-date", help="Annex A as at (default: the year's 31 March)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.database:
        os.environ["DATABASE_URL"] = _database_url(args.database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings")
    import django

    django.setup()
    from django.db import connection

    from safeguard.returns.annex_a.export import annex_a_workbook
    from safeguard.returns.cin_census.export import cin_census_xml
    from safeguard.returns.cin_census.reader import read_cin_census
    from safeguard.returns.rules.registry import rules, validate
    from safeguard.returns.ssda903.export import ssda903_files
    from safeguard.returns.ssda903.reader import read_ssda903

    as_at = dt.date.fromisoformat(args.annex_date) if args.annex_date else dt.date(args.year, 3, 31)
    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, load {os.getloadavg()[0]:.2f}")  # fmt: skip
    print(f"Rules: {len([r for r in rules('cin') if r.implemented])} CIN census, "
          f"{len([r for r in rules('ssda903') if r.implemented])} SSDA903 implemented")  # fmt: skip
    times: dict[str, list[float]] = {}
    work = Path(tempfile.mkdtemp(prefix="safeguard-bench-returns-"))

    def note(step: str, seconds: float, detail: str = "") -> None:
        times.setdefault(step, []).append(seconds)
        print(f"  {step}: {seconds:.2f} s{detail}")

    for run in range(1, args.runs + 1):
        print(f"Run {run} (load {os.getloadavg()[0]:.2f})")
        seconds, xml = _timed(cin_census_xml, args.year)
        cin_file = work / f"cin-{args.year}.xml"
        cin_file.write_bytes(xml)
        note("CIN census export", seconds, f" ({len(xml) // 1024:,} KiB)")
        seconds, files = _timed(ssda903_files, args.year)
        folder = work / f"903-{args.year}"
        folder.mkdir(exist_ok=True)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        rows = sum(max(len(t.splitlines()) - 1, 0) for t in files.values())
        note("SSDA903 export", seconds, f" ({len(files)} files, {rows:,} rows)")
        seconds, book = _timed(annex_a_workbook, as_at)
        note("Annex A export", seconds, f" ({len(book) // 1024:,} KiB)")
        previous = work / f"903-{args.year - 1}"
        if not previous.exists():
            previous.mkdir()
            for name, text in ssda903_files(args.year - 1).items():
                (previous / name).write_text(text, encoding="utf-8")
        seconds, cin = _timed(read_cin_census, cin_file)
        note("CIN census read", seconds)
        seconds, report = _timed(validate, cin)
        note("CIN census rules", seconds, f" ({report.height:,} failing rows)")
        if report.height and run == 1:
            print("    " + ", ".join(f"{c} x{n}" for c, n in report["code"].value_counts().rows()))
        seconds, ssda = _timed(read_ssda903, folder, year=args.year, previous=previous)
        note("SSDA903 read", seconds)
        seconds, report = _timed(validate, ssda)
        note("SSDA903 rules", seconds, f" ({report.height:,} failing rows)")
        if report.height and run == 1:
            print("    " + ", ".join(f"{c} x{n}" for c, n in report["code"].value_counts().rows()))
    print("Medians:")
    for step, values in times.items():
        print(f"  {step}: median {statistics.median(values):.2f} s, slowest {max(values):.2f} s "
              f"over {len(values)} runs")  # fmt: skip


if __name__ == "__main__":
    main()
