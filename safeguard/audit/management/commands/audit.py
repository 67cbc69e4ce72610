"""`safeguard audit verify` checks the audit log's hash chain; `safeguard audit head` prints
the newest entry's sequence and hash, to copy off the machine."""

from __future__ import annotations

import re
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from safeguard.audit.chain import utc_text
from safeguard.audit.selectors import ChainReport, anchor_problem, chain_head, verify_chain

#: Below this many entries the check is quick enough to need no progress bar.
PROGRESS_FROM = 20_000
_ANCHOR = re.compile(r"^(\d+):([0-9a-fA-F]{64})$")


class Command(BaseCommand):
    help = "Check the audit log's hash chain (verify) or print its head (head)."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="{verify,head}")
        verify = commands.add_parser(
            "verify", help="check every entry; name the first broken one (exit status 1)"
        )
        verify.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="SEQ:HASH",
            help="also check that entry SEQ still has HASH (a head copied off the machine "
            "earlier); may be repeated",
        )
        verify.add_argument("--quiet", action="store_true", help="no progress bar")
        commands.add_parser(
            "head", help="print the newest entry as SEQ:HASH (for --anchor) and its time"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "head":
            head = chain_head()
            moment = utc_text(head.at) if head.at is not None else "-"
            self.stdout.write(f"{head.sequence}:{head.hash} {moment}")
            return
        anchors = [self._anchor(text) for text in options["anchor"]]
        report = self._verify(quiet=options["quiet"] or int(options["verbosity"]) == 0)
        if not report.intact:
            raise CommandError(report.sentence())
        for sequence, expected in anchors:
            problem = anchor_problem(sequence, expected)
            if problem is not None:
                raise CommandError(f"Audit log broken at entry #{sequence}: {problem}")
        self.stdout.write(report.sentence())

    def _anchor(self, text: str) -> tuple[int, str]:
        match = _ANCHOR.match(text.strip())
        if match is None:
            raise CommandError(
                f"--anchor must be SEQ:HASH (as `safeguard audit head` prints), not {text!r}."
            )
        return int(match[1]), match[2].lower()

    def _verify(self, *, quiet: bool) -> ChainReport:
        total = chain_head().sequence
        out = cast(IO[str], self.stdout._out)
        show = not quiet and total >= PROGRESS_FROM and out.isatty()
        with Progress(
            TextColumn("Checking the audit log"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=out),
            disable=not show,
            transient=True,
        ) as progress:
            task = progress.add_task("verify", total=total)
            return verify_chain(on_progress=lambda done: progress.update(task, completed=done))
