"""docs/returns.md lists the rule coverage the registry actually has."""

from __future__ import annotations

from safeguard.returns.coverage import DOC, coverage_markdown, current_block


def test_the_returns_page_lists_the_current_coverage() -> None:
    block = current_block(DOC.read_text(encoding="utf-8"))
    assert block is not None, "docs/returns.md has lost its coverage markers"
    assert block == coverage_markdown(), (
        "docs/returns.md is out of date: run `safeguard returns_coverage --write`"
    )
