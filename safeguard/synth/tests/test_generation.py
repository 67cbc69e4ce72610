"""Generate small authorities in subprocesses: invariants hold, output is reproducible,
and the command refuses what it should.

Each generation runs `safeguard generate` into a fresh SQLite file (DATABASE_URL), as an
operator would. The schema is migrated once, by `safeguard migrate`, and copied for each
generation: the migrations are what takes the time, and `core`'s demo tests migrate a fresh
file of their own.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

SCRIPT = str(Path(sys.executable).with_name("safeguard"))
ARGS = ["--scale", "0.05", "--years", "2", "--end", "2024-03-31", "--quiet"]


def run(db: Path, *argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [SCRIPT, *argv], env=env, capture_output=True, text=True, timeout=900, check=check
    )


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("schema") / "migrated.db"
    run(db, "migrate", "-v", "0")
    return db


@pytest.fixture
def generate(migrated: Path) -> Callable[..., None]:
    def into(db: Path, *extra: str) -> None:
        shutil.copyfile(migrated, db)
        run(db, "generate", *ARGS, *extra)

    return into


@pytest.fixture(scope="module")
def generated(migrated: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("gen") / "first.db"
    shutil.copyfile(migrated, db)
    run(db, "generate", *ARGS)
    return db


def test_a_small_authority_breaks_no_invariant(generated: Path):
    result = run(generated, "synth_check", "--today", "2024-03-31", "--limit", "20", check=False)
    assert result.returncode == 0, result.stdout[-20_000:] + result.stderr[-2_000:]
    assert "No violations." in result.stdout


def test_same_arguments_give_byte_identical_data(
    generated: Path, generate: Callable[..., None], tmp_path: Path
):
    again = tmp_path / "second.db"
    generate(again)
    first = run(generated, "synth_digest").stdout.strip()
    second = run(again, "synth_digest").stdout.strip()
    assert len(first) == 64
    assert first == second


def test_a_different_seed_gives_different_data(
    generated: Path, generate: Callable[..., None], tmp_path: Path
):
    other = tmp_path / "seed2.db"
    generate(other, "--seed", "2")
    assert run(generated, "synth_digest").stdout != run(other, "synth_digest").stdout


def test_refuses_a_database_that_is_not_empty(generated: Path):
    result = run(generated, "generate", *ARGS, check=False)
    assert result.returncode != 0
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert "empty database" in message


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--scale", "0"], "--scale"),
        (["--end", (dt.date.today() + dt.timedelta(days=30)).isoformat()], "future"),
        (["--la-code", "12"], "--la-code"),
    ],
)
def test_refuses_bad_arguments(generated: Path, argv: list[str], says: str):
    # Arguments are checked before the database is looked at.
    result = run(generated, "generate", "--quiet", *argv, check=False)
    assert result.returncode != 0
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
