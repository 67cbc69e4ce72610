"""Benchmark: due-date arithmetic at the volumes the generator and measures need.

Run: .venv/bin/python bench/due_dates.py [--runs 5] [--n 100000]
Prints the median over runs for: add_working_days, working_days_between, and
compute_due (with its explanation) over n random start dates 2015 to 2026.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings")

import django

django.setup()

from safeguard.core import calendar  # noqa: E402
from safeguard.core.timescales import compute_due  # noqa: E402


def timed(fn: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(42)
    base = dt.date(2015, 1, 1)
    starts = [base + dt.timedelta(days=rng.randrange(0, 4380)) for _ in range(args.n)]
    ends = [s + dt.timedelta(days=rng.randrange(0, 120)) for s in starts]
    calendar.add_working_days(base, 1)  # warm the caches

    cases = {
        "add_working_days(d, 45)": lambda: [calendar.add_working_days(s, 45) for s in starts],
        "working_days_between(a, b)": lambda: [
            calendar.working_days_between(a, b) for a, b in zip(starts, ends, strict=True)
        ],
        "compute_due('icpc', d) with explanation": lambda: [compute_due("icpc", s) for s in starts],
    }
    print(f"n={args.n} dates, median of {args.runs} runs")
    for name, fn in cases.items():
        seconds = timed(fn, args.runs)
        print(f"{name:45s} {seconds:8.3f} s  ({seconds / args.n * 1e6:6.2f} µs each)")


if __name__ == "__main__":
    main()
