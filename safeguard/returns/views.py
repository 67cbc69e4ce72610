"""Statutory returns pages, mounted at /returns/: year-round validation and downloads.

Validation needs ``view_returns``; the children behind a rule are named (and linked to
their record) only for holders of ``open_child_record``, pseudonymised otherwise, and
each list shown is audited. Downloads need ``export_returns`` and are audited as exports
with the number of children in them.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguard.access.backends import capabilities_of
from safeguard.access.decorators import requires
from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core import clock
from safeguard.core.middleware import client_ip
from safeguard.performance.views.drilldown import identify, may_see_names
from safeguard.returns.periods import CollectionYearError, collection_year, year_of
from safeguard.returns.rules.registry import ReturnKind, get
from safeguard.returns.year_round import KIND_NAMES, by_rule, validate_live

PER_PAGE = 50
KINDS: dict[str, ReturnKind] = {"cin-census": "cin", "ssda903": "ssda903"}


def _kind(slug: str) -> ReturnKind:
    try:
        return KINDS[slug]
    except KeyError:
        raise Http404(f"There is no return called {slug}.") from None


def _year(request: HttpRequest) -> tuple[int, str, str]:
    """(year, what was typed, error): the collection year asked for, or the current one."""
    current = year_of(clock.today())
    raw = request.GET.get("year", "").strip()
    if not raw:
        return current, str(current), ""
    try:
        year = collection_year(raw)
    except CollectionYearError:
        return current, raw, "Enter the collection year as 4 digits, for example 2025"
    if year > current:
        return current, raw, f"The {year - 1}-{year % 100:02d} collection year has not started yet"
    return year, raw, ""


def _year_label(year: int) -> str:
    return f"{year - 1} to {year} (1 April {year - 1} to 31 March {year})"


@requires("access.view_returns")
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    year, raw, error = _year(request)
    context: dict[str, Any] = {
        "year": year,
        "year_input": raw,
        "year_label": _year_label(year),
        "error": error,
        "may_export": "export_returns" in capabilities_of(request.user),
        "today": clock.today(),
        "returns": [{"slug": slug, "name": KIND_NAMES[kind]} for slug, kind in KINDS.items()],
    }
    return render(request, "returns/index.html", context, status=400 if error else 200)


@requires("access.view_returns")
@require_GET
def validation(request: HttpRequest, kind: str) -> HttpResponse:
    return_kind = _kind(kind)
    year, raw, error = _year(request)
    context: dict[str, Any] = {
        "slug": kind,
        "name": KIND_NAMES[return_kind],
        "year": year,
        "year_input": raw,
        "year_label": _year_label(year),
        "error": error,
    }
    if error:
        return render(request, "returns/validation.html", context, status=400)
    result = validate_live(return_kind, year)
    context.update(result=result, counts=by_rule(result))
    return render(request, "returns/validation.html", context)


@requires("access.view_returns")
@require_GET
def validation_rule(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    return_kind = _kind(kind)
    try:
        rule = get(return_kind, code)
    except KeyError:
        raise Http404(f"There is no {KIND_NAMES[return_kind]} rule {code}.") from None
    year, _, error = _year(request)
    if error:
        raise Http404(error)
    result = validate_live(return_kind, year, code=code)
    rows = result.report.sort("child", "table", "row", nulls_last=True).to_dicts()
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    people = {row["child"]: result.children.get(row["child"] or "") for row in page}
    who = identify(request.user, {p for p in people.values() if p})
    listed = [{**row, "who": who.get(people.get(row["child"]) or "")} for row in page.object_list]
    names = may_see_names(request.user)
    record_event(
        action=AuditAction.VIEW,
        user=request.user,
        ip=client_ip(request),
        model_label="people.Person",
        row_count=len(listed),
        summary=(
            f"Return validation list: {result.name} {year} rule {code}, page {page.number} "
            f"({'names' if names else 'pseudonyms'})"
        ),
    )
    context = {
        "slug": kind,
        "name": result.name,
        "rule": rule,
        "year": year,
        "year_label": _year_label(year),
        "page": page,
        "rows": listed,
        "names": names,
        "page_query": f"year={year}&",
        "children": len({r["child"] for r in rows if r["child"]}),
        "total": len(rows),
    }
    return render(request, "returns/validation_rule.html", context)


def _exported(request: HttpRequest, what: str, children: int | None) -> None:
    counted = f"{children:,} children" if children is not None else "every child listed"
    record_event(
        action=AuditAction.EXPORT,
        user=request.user,
        ip=client_ip(request),
        model_label="people.Person",
        row_count=children,
        summary=f"Statutory return downloaded: {what} ({counted})",
    )


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _bad_request(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


@requires("access.export_returns")
@require_GET
def download_cin_census(request: HttpRequest) -> HttpResponse:
    from safeguard.returns.cin_census.export import cin_census_tables, cin_census_xml

    year, _, error = _year(request)
    if error:
        return _bad_request(error + ".")
    try:
        content = cin_census_xml(year)
    except ValueError as error:  # no child in the year, or not valid against the XSD
        return _bad_request(str(error))
    children = cin_census_tables(year).table("ChildIdentifiers").height
    _exported(request, f"CIN census {year}", children)
    return _attachment(content, "application/xml", f"cin-census-{year}.xml")


@requires("access.export_returns")
@require_GET
def download_ssda903(request: HttpRequest) -> HttpResponse:
    from safeguard.returns.ssda903.export import ssda903_files

    year, _, error = _year(request)
    if error:
        return _bad_request(error + ".")
    files = ssda903_files(year)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in sorted(files.items()):
            archive.writestr(name, text)
    header = files.get("Header.csv", "")
    children = max(len(header.splitlines()) - 1, 0)
    _exported(request, f"SSDA903 {year}", children)
    return _attachment(buffer.getvalue(), "application/zip", f"ssda903-{year}.zip")


@requires("access.export_returns")
@require_GET
def download_annex_a(request: HttpRequest) -> HttpResponse:
    from safeguard.returns.annex_a.export import annex_a_workbook

    raw = request.GET.get("date", "").strip()
    try:
        as_at = dt.date.fromisoformat(raw) if raw else clock.today()
    except ValueError:
        return _bad_request("Enter the date as YYYY-MM-DD, for example 2025-03-31.")
    if as_at > clock.today():
        return _bad_request("The Annex A date cannot be in the future.")
    content = annex_a_workbook(as_at)
    _exported(request, f"Ofsted Annex A as at {as_at:%d/%m/%Y}", None)
    return _attachment(
        content,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"annex-a-{as_at.isoformat()}.xlsx",
    )
