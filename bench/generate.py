"""Benchmark `safeguard generate`: migrate + generate into a fresh database, several runs.

    .venv/bin/python bench/generate.py --scale 1.0 --years 6 --database /tmp/bench.db
    .venv/bin/python bench/generate.py --scale 4.0 --years 6 \\
        --database postgres://postgres@127.0.0.1:5432/postgres --runs 1

For SQLite the file is deleted before each run; for PostgreSQL a fresh database
(``safeguard_bench_<pid>``) is created on the server named by the URL and dropped after.
Reports the median wall time of the generate step (and of migrate + generate) and the
peak resident memory of the generate subprocess (``ru_maxrss`` of the child).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

SCRIPT = str(Path(sys.executable).with_name("safeguard"))


def _run(argv: list[str], url: str) -> tuple[float, int]:
    """Run one subprocess; return (seconds, its peak RSS in MiB)."""
    env = {**os.environ, "DATABASE_URL": url}
    started = time.perf_counter()
    # os.wait4 gives the child's own rusage (RUSAGE_CHILDREN is a running maximum).
    proc = subprocess.Popen([SCRIPT, *argv], env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed with status {proc.returncode}")
    return seconds, usage.ru_maxrss // 1024


def _postgres_admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def one_run(args: argparse.Namespace, run: int) -> dict[str, float]:
    database = args.database
    if database.startswith("postgres"):
        parts = urlparse(database)
        name = f"safeguard_bench_{os.getpid()}_{run}"
        _postgres_admin(database, f'DROP DATABASE IF EXISTS "{name}"')
        _postgres_admin(database, f'CREATE DATABASE "{name}"')
        url = urlunparse(parts._replace(path=f"/{name}"))
    else:
        path = Path(database).resolve()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    try:
        migrate_s, _ = _run(["migrate", "-v", "0"], url)
        argv = ["generate", "--scale", str(args.scale), "--years", str(args.years)]
        argv += ["--seed", str(args.seed)] + (["--end", args.end] if args.end else [])
        argv += [] if args.progress else ["--quiet"]
        generate_s, rss = _run(argv, url)
    finally:
        if database.startswith("postgres"):
            _postgres_admin(database, f'DROP DATABASE IF EXISTS "{name}"')
    return {
        "migrate": migrate_s,
        "generate": generate_s,
        "total": migrate_s + generate_s,
        "rss": float(rss),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--years", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end", default=None, help="YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--database",
        default="/tmp/safeguard-bench.db",
        help="SQLite file path or postgres:// URL of a server",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--progress", action="store_true", help="show the progress bar")
    args = parser.parse_args()
    results = []
    for run in range(1, args.runs + 1):
        result = one_run(args, run)
        results.append(result)
        print(
            f"run {run}: migrate {result['migrate']:.1f} s, generate {result['generate']:.1f} s,"
            f" peak RSS {result['rss']:.0f} MiB",
            flush=True,
        )
    engine = "PostgreSQL" if args.database.startswith("postgres") else "SQLite"
    print()
    print("| Scale | Years | Database | Runs | Generate (median) | Migrate + generate | Peak RSS |")
    print("|---|---|---|---|---|---|---|")
    print(
        f"| {args.scale} | {args.years} | {engine} | {args.runs} "
        f"| {statistics.median(r['generate'] for r in results):.1f} s "
        f"| {statistics.median(r['total'] for r in results):.1f} s "
        f"| {max(r['rss'] for r in results):.0f} MiB |"
    )


if __name__ == "__main__":
    main()
