"""Authorization matrix cases for the returns pages: validation for ``view_returns``,
downloads for ``export_returns``."""

from __future__ import annotations

from safeguard.access.testing.matrix import Case, holders

VALIDATORS = holders("view_returns")
EXPORTERS = holders("export_returns")


def _kind(slug: str):
    return lambda w: {"kind": slug}


def _rule(slug: str, code: str):
    return lambda w: {"kind": slug, "code": code}


CASES = [
    Case(url_name="returns:index", allowed=VALIDATORS),
    Case(
        url_name="returns:index",
        allowed=VALIDATORS,
        query="year=20x5",
        ok_status=400,
        note="(a year written the wrong way: the form with an error)",
    ),
    Case(url_name="returns:validation", kwargs=_kind("cin-census"), allowed=VALIDATORS),
    Case(url_name="returns:validation", kwargs=_kind("ssda903"), allowed=VALIDATORS),
    Case(
        url_name="returns:validation_rule",
        kwargs=_rule("cin-census", "100"),
        allowed=VALIDATORS,
    ),
    Case(url_name="returns:download_cin_census", allowed=EXPORTERS),
    Case(url_name="returns:download_ssda903", allowed=EXPORTERS),
    Case(url_name="returns:download_annex_a", allowed=EXPORTERS),
]
