"""How a MASH "early help" decision starts an early help episode without an upward import.

Apps depend downwards only and earlyhelp sits above frontdoor (it links its episodes to
the MASH decision that started them), so frontdoor cannot import earlyhelp. Instead the
earlyhelp app registers its starter here in ``AppConfig.ready``, in the style of
``safeguard.cin.hooks``. The starter runs inside ``record_mash_decision``'s transaction,
after the decision is written; if it raises, nothing is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from safeguard.frontdoor.models import MashDecision

EarlyHelpStarter = Callable[["MashDecision"], object]

_early_help_starters: list[EarlyHelpStarter] = []


def register_early_help_starter(starter: EarlyHelpStarter) -> None:
    """Register the function that starts an early help episode for a MASH decision."""
    _early_help_starters[:] = [starter]


def start_early_help(decision: MashDecision) -> object:
    if not _early_help_starters:
        raise ImproperlyConfigured(
            "A MASH decision of 'early help' needs the earlyhelp app installed to start the "
            "early help episode."
        )
    return _early_help_starters[0](decision)
