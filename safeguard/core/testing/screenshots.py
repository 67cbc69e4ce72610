"""The user guide's screenshots, taken by the browser tests: the ``guide_screenshot`` fixture.

The guide (docs/user-guide.md) shows pages as the browser tests leave them, so the tests
take the screenshots. Every run takes each one, full page, and checks it is a PNG, so the
rendering is still exercised; but the committed images in docs/images are rewritten only
when ``SAFEGUARD_SCREENSHOTS=1`` is set (``make screenshots``). Otherwise each would come
back with byte-level noise after every test run and leave the working tree dirty, so an
ordinary run writes them to the test's ``tmp_path``.

This pytest plugin is listed in the root conftest's ``pytest_plugins``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import pytest
from django.conf import settings

if TYPE_CHECKING:  # not imported for real: every test run loads this plugin
    from playwright.sync_api import Page

ENVIRONMENT_VARIABLE = "SAFEGUARD_SCREENSHOTS"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# A file name in docs/images without its ".png": lower case words joined by hyphens.
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

GuideScreenshot: TypeAlias = "Callable[[Page, str], Path]"


def guide_images() -> Path:
    """Where the user guide's images live (its links are ``images/<name>.png``)."""
    return Path(settings.BASE_DIR) / "docs" / "images"


def refreshing_the_guide() -> bool:
    """True when this run should rewrite the committed screenshots (``make screenshots``)."""
    return os.environ.get(ENVIRONMENT_VARIABLE) == "1"


def screenshot_folder(tmp_path: Path) -> Path:
    """docs/images when refreshing the guide, otherwise the test's own temporary folder."""
    return guide_images() if refreshing_the_guide() else tmp_path


@pytest.fixture
def guide_screenshot(tmp_path: Path) -> GuideScreenshot:
    """``guide_screenshot(page, "my-work")``: a full-page screenshot of the page as
    ``my-work.png``, in docs/images with ``SAFEGUARD_SCREENSHOTS=1`` and in ``tmp_path``
    otherwise; returns the file's path. Pass the name as a literal string: a test checks
    that every image the docs link to is one that some test takes."""

    def take(page: Page, name: str) -> Path:
        assert NAME.fullmatch(name), f"screenshot name {name!r}: lower-case-words, no .png"
        folder = screenshot_folder(tmp_path)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        with path.open("rb") as image:
            head = image.read(len(PNG_SIGNATURE) + 1)
        assert head.startswith(PNG_SIGNATURE) and len(head) > len(PNG_SIGNATURE), (
            f"{path} is not a non-empty PNG"
        )
        return path

    return take
