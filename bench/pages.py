"""Benchmark the practitioners' busiest pages: server time per request, signed in.

    .venv/bin/python bench/pages.py --database /tmp/bench-pages.db --requests 200 --runs 3

Prepares the demo authority in that database if it is empty (``safeguard demo
--no-serve``: scale 1.0 x 3 years ending today, demo users linked to generated workers),
then signs in in-process (two-factor verified) as the demo social worker, team manager and
MASH officer and requests each page ``--requests`` times through Django's full stack
(middleware, sessions, CSP, audit log writes, template rendering) with the test client —
no network, so the time is the server's. Reports median, p95 and max per page and run, the
median p95 over the runs, and the number of queries one request makes.

Targets (issue 5): p95 ≤ 150 ms for "My work", the team page, the MASH queue and the
child's record, 200 requests each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = str(Path(sys.executable).with_name("safeguard"))


def _database_url(database: str) -> str:
    return database if "://" in database else f"sqlite:///{Path(database).resolve()}"


def prepare(url: str) -> None:
    """Migrate, generate (if empty) and create the demo users, as `make run` does."""
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([SCRIPT, "demo", "--no-serve"], env=env, check=True, stdout=subprocess.DEVNULL)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))
    return ordered[index]


def _client_for(username: str) -> Any:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from safeguard.access.signin.testing import mark_verified

    user = get_user_model().objects.get(username=username)
    client = Client()
    client.force_login(user)
    mark_verified(client, user)
    return client


def _pages() -> list[tuple[str, str, list[str]]]:
    """(label, username, URLs to cycle through) for each page measured."""
    from django.urls import reverse

    from safeguard.access.rules import open_allocation
    from safeguard.workforce.models import Allocation, Worker

    worker = Worker.objects.get(user__username="demo.social_worker")
    children = list(
        Allocation.objects.filter(open_allocation(), worker=worker)
        .order_by("child_id")
        .values_list("child_id", flat=True)
    )
    if not children:
        raise SystemExit("The demo social worker has no open cases: regenerate the demo.")
    records = [reverse("people:child_record", kwargs={"child_id": c}) for c in children]
    return [
        ("My work", "demo.social_worker", [reverse("worklists:my_work")]),
        ("Team page", "demo.team_manager", [reverse("workforce:team")]),
        ("MASH queue", "demo.mash_officer", [reverse("frontdoor:mash_queue")]),
        (f"Child's record ({len(records)} children)", "demo.social_worker", records),
    ]


def measure(label: str, username: str, urls: list[str], requests: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client_for(username)
    for url in urls[:5]:  # warm caches (templates, code lists) before timing
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{label}: {url} answered {response.status_code} for {username}")
    with CaptureQueriesContext(connection) as captured:
        client.get(urls[0])
    # Counted now: the capture is a window on a bounded log the timed requests overwrite.
    queries = len(captured)
    timings = []
    for n in range(requests):
        url = urls[n % len(urls)]
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{label}: {url} answered {response.status_code}")
    return {
        "label": label,
        "median": statistics.median(timings),
        "p95": _percentile(timings, 0.95),
        "max": max(timings),
        "queries": queries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="/tmp/bench-pages.db")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-prepare", action="store_true")
    args = parser.parse_args()

    url = _database_url(args.database)
    if not args.skip_prepare:
        prepare(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    # The production entry point, as an app server loads it (it freezes start-up objects
    # out of the garbage collector's way).
    import safeguard.wsgi  # noqa: F401

    setup_test_environment()  # the test client's in-memory request handling
    results: dict[str, list[dict[str, Any]]] = {}
    for run in range(1, args.runs + 1):
        for label, username, urls in _pages():
            row = measure(label, username, urls, args.requests)
            results.setdefault(label, []).append(row)
            print(
                f"run {run}: {label:38s} median {row['median']:7.1f} ms  "
                f"p95 {row['p95']:7.1f} ms  max {row['max']:7.1f} ms  {row['queries']} queries"
            )
    print()
    print("| Page | Requests x runs | Median | p95 (median of runs) | Queries per request |")
    print("|---|---|---|---|---|")
    for label, rows in results.items():
        print(
            f"| {label} | {args.requests} x {len(rows)} "
            f"| {statistics.median(r['median'] for r in rows):.1f} ms "
            f"| {statistics.median(r['p95'] for r in rows):.1f} ms | {rows[0]['queries']} |"
        )


if __name__ == "__main__":
    main()
