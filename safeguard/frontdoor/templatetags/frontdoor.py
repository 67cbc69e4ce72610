"""GOV.UK tag colours for RAG priorities and BRAG police PPN ratings."""

from __future__ import annotations

from django import template

register = template.Library()

_TAG_COLOURS = {"red": "red", "amber": "orange", "green": "green", "blue": "blue"}


@register.filter
def rag_tag_class(value: str) -> str:
    """The GOV.UK tag modifier class for a colour rating ("" means not rated: grey)."""
    return f"govuk-tag--{_TAG_COLOURS.get(value or '', 'grey')}"
