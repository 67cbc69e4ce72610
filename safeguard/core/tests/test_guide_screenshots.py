"""The user guide's screenshots: every image the docs link to is taken by a browser test that
`make screenshots` runs, and the ``guide_screenshot`` fixture leaves docs/images alone
unless SAFEGUARD_SCREENSHOTS=1. No browser: the test sources and docs are read as text."""

from __future__ import annotations

import ast
import re
from fnmatch import fnmatch
from pathlib import Path
from typing import cast

import pytest
from django.conf import settings
from playwright.sync_api import Page

from safeguard.core.testing.screenshots import (
    ENVIRONMENT_VARIABLE,
    PNG_SIGNATURE,
    GuideScreenshot,
    guide_images,
    screenshot_folder,
)

ROOT = Path(settings.BASE_DIR)
# The browser test files `make screenshots` runs (the same pattern is in the Makefile).
BROWSER_TESTS = "safeguard/*/tests/test_*browser*.py"
# Images the docs link to that no test takes (diagrams, photos); none so far.
NOT_SCREENSHOTS: frozenset[str] = frozenset()
IMAGE_LINK = re.compile(r"\bimages/([A-Za-z0-9_.-]+\.[A-Za-z]+)")


def linked_images() -> dict[str, list[str]]:
    """Each image under docs/images that README.md or a page in docs/ links to, with where."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    found: dict[str, list[str]] = {}
    for page in pages:
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            for name in IMAGE_LINK.findall(line):
                found.setdefault(name, []).append(f"{page.relative_to(ROOT)}:{number}")
    return found


def screenshot_calls() -> tuple[dict[str, list[str]], list[str]]:
    """The names passed to ``guide_screenshot(page, "...")`` in the test sources, with where,
    and the calls whose name is not a literal string (which this check could not follow)."""
    here = Path(__file__).resolve()
    taken: dict[str, list[str]] = {}
    unreadable: list[str] = []
    for source in sorted((ROOT / "safeguard").rglob("test_*.py")):
        if source.resolve() == here:
            continue
        text = source.read_text(encoding="utf-8")
        if "guide_screenshot" not in text:
            continue
        where = str(source.relative_to(ROOT))
        for node in ast.walk(ast.parse(text, filename=where)):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "guide_screenshot"
            ):
                continue
            name = node.args[1] if len(node.args) == 2 else None
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                taken.setdefault(f"{name.value}.png", []).append(f"{where}:{node.lineno}")
            else:
                unreadable.append(f"{where}:{node.lineno}")
    return taken, unreadable


def test_every_image_the_docs_link_to_is_taken_by_a_browser_test() -> None:
    linked = linked_images()
    taken, unreadable = screenshot_calls()
    assert linked, "found no image links in the docs: has IMAGE_LINK stopped matching?"
    assert unreadable == [], f"pass guide_screenshot a literal name: {unreadable}"
    missing = {
        name: places
        for name, places in sorted(linked.items())
        if name not in taken and name not in NOT_SCREENSHOTS
    }
    assert missing == {}, f"images the docs link to that no test takes: {missing}"
    absent = sorted(name for name in linked if not (guide_images() / name).is_file())
    assert absent == [], f"images the docs link to that are not in docs/images: {absent}"


def test_make_screenshots_runs_every_test_that_takes_one() -> None:
    taken, _ = screenshot_calls()
    files = {place.rsplit(":", 1)[0] for places in taken.values() for place in places}
    assert files, "no test calls guide_screenshot"
    outside = sorted(path for path in files if not fnmatch(path, BROWSER_TESTS))
    assert outside == [], f"`make screenshots` runs {BROWSER_TESTS} only, not {outside}"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nscreenshots:", 1)[1].split("\n\n", 1)[0]
    assert f"{ENVIRONMENT_VARIABLE}=1" in recipe
    assert BROWSER_TESTS in recipe


class FakePage:
    """Stands in for a Playwright page: writes ``content`` where the screenshot goes."""

    def __init__(self, content: bytes) -> None:
        self.content = content
        self.calls: list[tuple[str, bool]] = []

    def screenshot(self, *, path: str, full_page: bool) -> bytes:
        self.calls.append((path, full_page))
        Path(path).write_bytes(self.content)
        return self.content


@pytest.fixture
def not_refreshing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)


@pytest.mark.usefixtures("not_refreshing")
def test_an_ordinary_run_writes_the_screenshot_to_tmp_path(
    guide_screenshot: GuideScreenshot, tmp_path: Path
) -> None:
    page = FakePage(PNG_SIGNATURE + b"rest of the image")
    path = guide_screenshot(cast(Page, page), "my-work")
    assert path == tmp_path / "my-work.png"
    assert page.calls == [(str(path), True)]
    assert path.read_bytes().startswith(PNG_SIGNATURE)


@pytest.mark.usefixtures("not_refreshing")
def test_a_screenshot_that_is_not_a_png_fails(guide_screenshot: GuideScreenshot) -> None:
    with pytest.raises(AssertionError, match="not a non-empty PNG"):
        guide_screenshot(cast(Page, FakePage(b"")), "my-work")
    with pytest.raises(AssertionError, match="not a non-empty PNG"):
        guide_screenshot(cast(Page, FakePage(PNG_SIGNATURE)), "my-work")


@pytest.mark.usefixtures("not_refreshing")
def test_a_screenshot_name_is_the_file_name_without_png(guide_screenshot: GuideScreenshot) -> None:
    page = FakePage(PNG_SIGNATURE + b"x")
    for name in ("my-work.png", "../my-work", "My Work", ""):
        with pytest.raises(AssertionError, match="screenshot name"):
            guide_screenshot(cast(Page, page), name)
    assert page.calls == []


def test_docs_images_only_when_asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    assert screenshot_folder(tmp_path) == tmp_path
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "0")
    assert screenshot_folder(tmp_path) == tmp_path
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "1")
    assert screenshot_folder(tmp_path) == ROOT / "docs" / "images"
