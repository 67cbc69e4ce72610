"""The chart library (vega-embed), served with a year-long cache: its URL carries its
version, so a new version is a new URL."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.views.decorators.http import require_GET

from safeguard.access.decorators import requires
from safeguard.performance import chart_library

CACHE_CONTROL = "private, max-age=31536000, immutable"


@requires("access.view_performance")
@require_GET
def vega_embed(request: HttpRequest) -> HttpResponse:
    library = chart_library.library()
    if request.headers.get("If-None-Match") == library.etag:
        not_modified = HttpResponseNotModified()
        not_modified["ETag"] = library.etag
        return not_modified
    gzip_ok = "gzip" in request.headers.get("Accept-Encoding", "")
    response = HttpResponse(
        library.gzipped if gzip_ok else library.javascript,
        content_type="text/javascript; charset=utf-8",
    )
    if gzip_ok:
        response["Content-Encoding"] = "gzip"
    response["Vary"] = "Accept-Encoding"
    response["Cache-Control"] = CACHE_CONTROL
    response["ETag"] = library.etag
    return response
