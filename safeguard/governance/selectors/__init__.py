"""Reads of the governance app.

``agency_may_see_child``, ``children_shared_with_agency`` and ``items_shared_with_agency``
are the contract the access app's object rules use (``safeguard.access.rules``).
"""

from safeguard.governance.selectors.sharing import (
    SharedItem,
    agency_may_see_child,
    agreements_in_force,
    children_shared_with_agency,
    items_shared_with_agency,
    sharing_history,
    visible_disclosures,
    withheld_items,
)

__all__ = [
    "SharedItem",
    "agency_may_see_child",
    "agreements_in_force",
    "children_shared_with_agency",
    "items_shared_with_agency",
    "sharing_history",
    "visible_disclosures",
    "withheld_items",
]
