"""Rule coverage for docs/returns.md: how many published rules run, and why any do not.

The block between the markers in docs/returns.md is written by
``safeguard returns_coverage --write`` and checked by a test, so the page never
drifts from the registry.
"""

from __future__ import annotations

from pathlib import Path

from safeguard.returns.rules.registry import ReturnKind, rules
from safeguard.returns.spec import cin_rule_specs, ssda903_rule_specs

DOC = Path(__file__).resolve().parents[2] / "docs" / "returns.md"
START = "<!-- rule coverage: written by `safeguard returns_coverage --write` -->"
END = "<!-- end of rule coverage -->"
NAMES: dict[ReturnKind, str] = {"cin": "CIN census", "ssda903": "SSDA903"}


def coverage_markdown() -> str:
    lines = [
        START,
        "",
        "| Return | Published rules | Implemented | Not implemented |",
        "|---|---|---|---|",
    ]
    published = {"cin": cin_rule_specs(), "ssda903": ssda903_rule_specs()}
    for kind, name in NAMES.items():
        registered = {r.code: r for r in rules(kind)}
        done = [c for c, r in registered.items() if r.implemented]
        lines.append(
            f"| {name} | {len(published[kind])} | {len(done)} | "
            f"{len(published[kind]) - len(done)} |"
        )
    for kind, name in NAMES.items():
        registered = {r.code: r for r in rules(kind)}
        missing = [
            (code, registered[code].not_implemented if code in registered else None)
            for code in published[kind]
            if code not in registered or not registered[code].implemented
        ]
        lines += ["", f"**{name} rules not implemented** ({len(missing)}):", ""]
        if not missing:
            lines.append("None: every published rule runs.")
        for code, reason in sorted(missing):
            lines.append(f"- `{code}`: {reason or 'not written yet'}")
        done = sorted(c for c, r in registered.items() if r.implemented)
        lines += ["", f"{name} rules implemented: " + ", ".join(f"`{c}`" for c in done) + "."]
    lines += ["", END]
    return "\n".join(lines)


def current_block(text: str) -> str | None:
    if START not in text or END not in text:
        return None
    return text[text.index(START) : text.index(END) + len(END)]


def write_coverage(path: Path = DOC) -> bool:
    """Rewrite the block; True when the page changed."""
    text = path.read_text(encoding="utf-8")
    block = current_block(text)
    if block is None:
        raise ValueError(f"{path} has no rule coverage markers")
    fresh = coverage_markdown()
    if block == fresh:
        return False
    path.write_text(text.replace(block, fresh), encoding="utf-8")
    return True
