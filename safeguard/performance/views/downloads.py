"""One way every performance download leaves: the content, its type, an attachment name."""

from __future__ import annotations

from django.http import HttpResponse

from safeguard.performance import exports

CONTENT_TYPES = {
    "csv": exports.CSV_CONTENT_TYPE,
    "xlsx": exports.XLSX_CONTENT_TYPE,
    "pdf": exports.PDF_CONTENT_TYPE,
}


def attachment(content: str | bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def unknown_format() -> HttpResponse:
    return HttpResponse("Unknown format.", status=404, content_type="text/plain")
