"""The `safeguard` console script: the project's manage.py."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["safeguard", *(sys.argv[1:] if argv is None else argv)])
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


if __name__ == "__main__":
    main()
