"""Family-facing documents as files: PDF through WeasyPrint from HTML, and the subject
access ZIP. Only rendering lives here; what goes in is decided by the selectors (the
family filter) and the services (redaction decisions, audit)."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from safeguard.governance.selectors.conference import FamilyCopy
from safeguard.governance.selectors.subject_access import SubjectAccessPackage


def html_to_pdf(html: str) -> bytes:
    """A PDF of the HTML (WeasyPrint; no network: every style is in the page)."""
    from weasyprint import HTML

    return bytes(HTML(string=html).write_pdf())


def _common() -> dict[str, Any]:
    return {"la_name": getattr(settings, "SAFEGUARD_LA_NAME", "")}


def family_copy_html(copy: FamilyCopy) -> str:
    return render_to_string(
        "governance/print/conference_family_copy.html", {"copy": copy, **_common()}
    )


def family_copy_pdf(copy: FamilyCopy) -> bytes:
    return html_to_pdf(family_copy_html(copy))


def subject_access_html(package: SubjectAccessPackage) -> str:
    return render_to_string(
        "governance/print/subject_access.html", {"package": package, **_common()}
    )


def subject_access_pdf(package: SubjectAccessPackage) -> bytes:
    return html_to_pdf(subject_access_html(package))


def _file_name(model_label: str) -> str:
    return f"records/{model_label.replace('.', '_').lower()}.json"


def subject_access_zip(package: SubjectAccessPackage, pdf: bytes, pdf_name: str) -> bytes:
    """One JSON file per model, ``manifest.json`` describing them, and the PDF."""
    request = package.request
    buffer = io.BytesIO()
    files = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for model_label, name, records in package.groups():
            path = _file_name(model_label)
            rows = [
                {
                    "id": r.ref.object_id,
                    "title": r.title,
                    "fields": {f.name: f.data for f in r.fields},
                    "labels": {f.name: f.label for f in r.fields},
                }
                for r in records
            ]
            body = {"model": model_label, "name": name, "count": len(rows), "records": rows}
            archive.writestr(path, json.dumps(body, indent=2, ensure_ascii=False, default=str))
            files.append({"model": model_label, "name": name, "file": path, "count": len(rows)})
        manifest = {
            "request": str(request.pk),
            "person": request.person.la_child_id,
            "received_on": request.received_on.isoformat(),
            "generated_at": package.generated_at.isoformat(),
            "generated_by": package.generated_by,
            "record_count": package.row_count,
            "redacted_fields": package.redacted_count,
            "redaction_marker": "[REDACTED]",
            "pdf": pdf_name,
            "files": files,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        archive.writestr(pdf_name, pdf)
    return buffer.getvalue()
