"""`safeguard synth_digest`: print the SHA-256 of a canonical export of the database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from safeguard.synth.canonical import canonical_digest


class Command(BaseCommand):
    help = "Print a SHA-256 over every table (rows by primary key, all fields)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(canonical_digest())
