"""`safeguard subject_access export REQUEST_ID -o FILE.zip --user USERNAME`: write a subject
access export to a file.

The same service as the page: refused until every item of third-party information has
a decision, audited as an export by the named user (who must hold
``manage_subject_access``). ``.pdf`` writes the PDF alone. Errors are one line on stderr
and a non-zero exit.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.access.models import User
from safeguard.governance.models import SubjectAccessRequest
from safeguard.governance.services import export_subject_access


class Command(BaseCommand):
    help = "Subject access requests: export what is held (ZIP or PDF)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="Write the export of one request to a file.")
        export.add_argument("request_id", help="The request's identifier (from its page).")
        export.add_argument("-o", "--output", required=True, help="FILE.zip or FILE.pdf")
        export.add_argument("--user", required=True, help="Who is exporting (username).")

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in {"zip", "pdf"}:
            raise CommandError(f"{output}: the output file must end in .zip or .pdf.")
        try:
            request = SubjectAccessRequest.objects.get(pk=uuid.UUID(options["request_id"]))
        except (ValueError, SubjectAccessRequest.DoesNotExist) as exc:
            raise CommandError(
                f"There is no subject access request {options['request_id']}."
            ) from exc
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"There is no active user called {options['user']!r}.")
        try:
            name, _, content = export_subject_access(request=request, exported_by=user, fmt=fmt)
        except PermissionDenied as exc:
            raise CommandError(f"{user.username} may not export subject access requests.") from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        output.write_bytes(content)
        self.stdout.write(f"Wrote {output} ({len(content)} bytes, {name}).")
