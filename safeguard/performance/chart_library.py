"""The JavaScript that draws charts on screen: vega-embed with Vega and Vega-Lite.

vl-convert-python bundles vega-embed, Vega and Vega-Lite (with vega-interpreter, which
lets Vega run under a Content-Security-Policy without 'unsafe-eval') into one
self-contained file, offline. Safeguard does not keep that ~900 KB file in its source:
it is generated the first time a process needs it, kept in ``build/`` for the next
process, and served by Safeguard itself (``views.assets``) with a long cache lifetime.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

#: The bundle makes ``window.vegaEmbed`` (and nothing else) available to charts.mjs.
SNIPPET = "window.vegaEmbed = vegaEmbed;\n"
HEADER = (
    "/*! Vega-Embed {embed}, Vega {vega}, Vega-Lite: BSD-3-Clause, University of "
    "Washington Interactive Data Lab; D3: ISC, Mike Bostock; bundled offline by "
    "vl-convert {vlc} (BSD-3-Clause). Licences: /static/performance/vega-licences.txt */\n"
)


@dataclass(frozen=True)
class Library:
    version: str
    javascript: bytes
    gzipped: bytes
    etag: str


_lock = threading.Lock()
_library: Library | None = None


@functools.lru_cache(maxsize=1)
def version() -> str:
    import vl_convert

    return f"{vl_convert.get_vega_embed_version()}-{_vl_convert_version()}"


def _vl_convert_version() -> str:
    from importlib.metadata import version as package_version

    return package_version("vl-convert-python")


def cache_dir() -> Path:
    return Path(settings.BASE_DIR) / "build" / "chart-library"


def library() -> Library:
    """The bundle, generated at most once per installed vl-convert version."""
    global _library
    with _lock:
        if _library is None:
            _library = _load()
        return _library


def _load() -> Library:
    name = f"vega-embed-{version()}.js"
    path = cache_dir() / name
    try:
        javascript = path.read_bytes()
    except OSError:
        javascript = _generate()
        _save(path, javascript)
    digest = hashlib.sha256(javascript).hexdigest()[:16]
    return Library(
        version=version(),
        javascript=javascript,
        gzipped=gzip.compress(javascript, compresslevel=6, mtime=0),
        etag=f'"{digest}"',
    )


def _generate() -> bytes:
    import vl_convert

    header = HEADER.format(
        embed=vl_convert.get_vega_embed_version(),
        vega=vl_convert.get_vega_version(),
        vlc=_vl_convert_version(),
    )
    return (header + vl_convert.javascript_bundle(SNIPPET)).encode("utf-8")


def _save(path: Path, javascript: bytes) -> None:
    """Write atomically (other processes may read it at the same time); a read-only
    installation just generates the bundle again in each process."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(javascript)
        os.replace(temporary, path)
    except OSError:
        return
