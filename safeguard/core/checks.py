"""System checks run by every `safeguard` command and at server start."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def timescale_overrides_are_valid(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """A mistyped local timescale override must stop start-up, not surface months later."""
    from safeguard.core.timescales import all_rules

    try:
        all_rules()
    except ImproperlyConfigured as error:
        return [
            Error(
                str(error),
                hint="Fix SAFEGUARD_TIMESCALE_OVERRIDES (see docs/timescales.md).",
                id="safeguard.E001",
            )
        ]
    return []
