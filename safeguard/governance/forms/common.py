"""GOV.UK error summary links for the governance forms.

Dates use the product's shared ``safeguard.core.forms.DateField`` (day, month, year as
``<name>_0``, ``_1``, ``_2``), and services' errors go back on the form with
``safeguard.core.forms.apply_service_errors``. The pages write GOV.UK markup field by
field (``governance/includes/``), as the access pages do, so the error summary links to
the ids that markup uses.
"""

from __future__ import annotations

from django import forms

from safeguard.core.forms import GovukForm as CoreGovukForm


class GovukForm(CoreGovukForm):
    """A form whose errors link to the right control in the GOV.UK error summary."""

    @property
    def error_links(self) -> list[tuple[str, str]]:
        links = []
        first = next(iter(self.fields), "")
        for message in self.non_field_errors():
            links.append((f"id_{first}", str(message)))
        for bound in self:
            if not bound.errors:
                continue
            widget = bound.field.widget
            anchor = str(bound.auto_id)
            if isinstance(widget, forms.MultiWidget | forms.RadioSelect):
                anchor = f"{anchor}_0"
            links.extend((anchor, str(m)) for m in bound.errors)
        return links
