"""The timescale registry: every statutory and local deadline as data, and its calculator.

Worklists, alerts, performance measures and data-quality checks all ask this package when
something is due, so a timescale is defined once (``registry.py``), changed locally in
settings (``overrides.py``), and every answer carries its own explanation::

    >>> compute_due("icpc", date(2018, 12, 17)).due
    datetime.date(2019, 1, 10)

See docs/timescales.md for every rule and how it is read.
"""

from safeguard.core.timescales.compute import (
    all_rules,
    check_registry,
    compute_due,
    get_rule,
    is_on_time,
    load_school_calendar,
    registry_keys,
)
from safeguard.core.timescales.model import (
    Due,
    Kind,
    Step,
    Timescale,
    TimescaleError,
    UnknownTimescaleError,
    Variant,
)
from safeguard.core.timescales.registry import REGISTRY

__all__ = [
    "REGISTRY",
    "Due",
    "Kind",
    "Step",
    "Timescale",
    "TimescaleError",
    "UnknownTimescaleError",
    "Variant",
    "all_rules",
    "check_registry",
    "compute_due",
    "get_rule",
    "is_on_time",
    "load_school_calendar",
    "registry_keys",
]
