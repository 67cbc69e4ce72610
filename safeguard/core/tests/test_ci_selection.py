"""CI's PostgreSQL pass keeps every test that reaches the database and only those."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings

FILE = "safeguard/core/tests/test_demo.py"


def collected(**env: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--co", "-q", "-p", "no:cacheprovider", FILE],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return {line.split("::")[1] for line in result.stdout.splitlines() if "::" in line}


def test_the_postgresql_pass_keeps_database_tests_and_drops_the_others():
    everything = collected(SAFEGUARD_DATABASE_TESTS_ONLY="0")
    database = collected(SAFEGUARD_DATABASE_TESTS_ONLY="1")
    assert database < everything
    # marked, and through the client and the database fixtures
    assert "test_demo_creates_the_administrator_and_prints_the_login" in database
    assert "test_second_demo_run_reuses_the_data" in database
    # a subprocess on its own SQLite file, and a pure import check
    assert "test_console_script_migrates_a_fresh_sqlite_database" not in database
    assert "test_the_wsgi_entry_point_freezes_start_up_objects" not in database
