"""Benchmark the performance products on a generated authority.

    .venv/bin/python bench/scorecard.py --database /tmp/perf-1x6.db --month 2025-08 \
        --year 2024 --runs 5
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf4x6 \
        .venv/bin/python bench/scorecard.py --month 2025-08 --runs 5 --skip-report

The database must hold a generated authority (``safeguard generate --scale 1.0 --years 6
--seed 1 --end 2026-03-31``; scale 4.0 for the PostgreSQL target). A signed-in analyst
(created once, ``bench.analyst``) requests the OBA snapshot page through Django's full
stack (middleware, sessions, CSP, audit writes, templates), each run in a fresh Data so
every frame is read from the database again: database read to rendered HTML. Then the
annual CP report is built and drawn as a PDF. Reports each run, the median and the
slowest, with the frames' share of the page time.

Targets (issue 6): the OBA snapshot for one month with 12-month trends ≤ 2 s at scale
1.0 x 6 years on SQLite and ≤ 8 s at scale 4.0 x 6 years on PostgreSQL; the annual CP
report PDF ≤ 10 s at scale 1.0.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Any


def _database_url(database: str) -> str:
    return database if "://" in database else f"sqlite:///{Path(database).resolve()}"


def _analyst_client() -> Any:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from safeguard.access.services import assign_role
    from safeguard.access.signin.testing import mark_verified

    user = get_user_model().objects.filter(username="bench.analyst").first()
    if user is None:
        user = get_user_model().objects.create_user("bench.analyst", password=None)
        assign_role(user=user, role_code="performance_analyst", agency="")
    client = Client()
    client.force_login(user)
    mark_verified(client, user)
    return client


def _frame_seconds() -> dict[str, float]:
    """Time every frame read from here on (patched onto Data.frame)."""
    from safeguard.performance.data import Data

    spent: dict[str, float] = {}
    original = Data.frame

    def timed(self: Data, name: str) -> Any:
        if name in self._frames:
            return self._frames[name]
        started = time.perf_counter()
        result = original(self, name)
        spent[name] = spent.get(name, 0.0) + time.perf_counter() - started
        return result

    Data.frame = timed  # type: ignore[method-assign]
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="SQLite file or database URL (default: DATABASE_URL)")
    parser.add_argument("--month", default="2025-08")
    parser.add_argument("--year", default="2024", help="the CP report's financial year")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-report", action="store_true", help="only the OBA snapshot")
    args = parser.parse_args()
    if args.database:
        os.environ["DATABASE_URL"] = _database_url(args.database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings")
    import django

    django.setup()
    from django.db import connection
    from django.urls import reverse

    from safeguard.performance.periods import Period
    from safeguard.performance.report_exports import report_pdf
    from safeguard.performance.views.reports import cp_annual_report

    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, load {os.getloadavg()[0]:.2f}")  # fmt: skip
    client = _analyst_client()
    spent = _frame_seconds()
    url = reverse("performance:scorecard") + f"?month={args.month}"
    page_times, frame_times = [], []
    for run in range(1, args.runs + 1):
        spent.clear()
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"The scorecard answered {response.status_code}.")
        page_times.append(elapsed)
        frame_times.append(sum(spent.values()))
        print(f"  OBA snapshot {args.month}, run {run}: {elapsed:.2f} s "
              f"(frames {frame_times[-1]:.2f} s, {len(response.content) // 1024} KiB)")  # fmt: skip
    slowest = sorted(spent.items(), key=lambda item: -item[1])[:6]
    print("  slowest frames (last run): "
          + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in slowest))  # fmt: skip
    print(f"OBA snapshot page: median {statistics.median(page_times):.2f} s, "
          f"slowest {max(page_times):.2f} s; frames median "
          f"{statistics.median(frame_times):.2f} s over {args.runs} runs")  # fmt: skip
    if args.skip_report:
        return
    year = Period.parse_year(args.year)
    pdf_times = []
    for run in range(1, args.runs + 1):
        started = time.perf_counter()
        pdf = report_pdf(cp_annual_report(year))
        pdf_times.append(time.perf_counter() - started)
        print(f"  Annual CP report {year.label} PDF, run {run}: {pdf_times[-1]:.2f} s "
              f"({len(pdf) // 1024} KiB)")  # fmt: skip
    print(f"Annual CP report PDF: median {statistics.median(pdf_times):.2f} s, "
          f"slowest {max(pdf_times):.2f} s over {args.runs} runs")  # fmt: skip


if __name__ == "__main__":
    main()
