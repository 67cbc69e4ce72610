"""Template helpers for GOV.UK markup that crispy-forms-gds does not cover."""

from __future__ import annotations

from typing import Any

from django import forms, template

register = template.Library()


@register.filter
def error_anchor(bound_field: Any) -> str:
    """The id an error summary link must point at: the first input of the field.

    crispy-forms-gds numbers radios and checkboxes from 1 and date parts from 0.
    """
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_1"
    if isinstance(widget, forms.MultiWidget):
        return f"{bound_field.auto_id}_0"
    return str(bound_field.auto_id)
