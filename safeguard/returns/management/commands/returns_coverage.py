"""`safeguard returns_coverage [--write]`: the rule coverage table of docs/returns.md."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from safeguard.returns.coverage import DOC, coverage_markdown, write_coverage


class Command(BaseCommand):
    help = "Print (or --write into docs/returns.md) how many DfE rules are implemented."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--write", action="store_true", help="update docs/returns.md")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["write"]:
            changed = write_coverage()
            self.stdout.write(f"{DOC} {'updated' if changed else 'already up to date'}.")
        else:
            self.stdout.write(coverage_markdown())
