"""What every front door page about one contact shares: the access gate and the audit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest

from safeguard.access.guards import signed_in_user
from safeguard.access.rules import worker_of
from safeguard.access.selectors import child_access
from safeguard.audit.services import record_view
from safeguard.frontdoor import selectors
from safeguard.frontdoor.models import Contact
from safeguard.people.models import Person


@dataclass(frozen=True)
class OpenedContact:
    """A contact the user may see, and which of its children they may open."""

    contact: Contact
    children: list[Person]
    hidden_children: int

    def may_open(self, child: Person) -> bool:
        return any(child.pk == c.pk for c in self.children)


def open_contact(request: HttpRequest, contact_id: Any, *, summary: str) -> OpenedContact:
    """The contact, if the user may open at least one of its children (audited).

    A contact is about its children, so it opens by the children's access rules
    (``child_access``): partner agencies see only what was shared with them, never the
    front door's record. The view is written to the audit log against the first child
    the user may open.
    """
    user = signed_in_user(request)
    if user.role is not None and user.role.is_partner:
        raise PermissionDenied("Partner agencies see what was shared with them, not contacts.")
    try:
        contact = selectors.contact_with_children(contact_id)
    except (Contact.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404("There is no contact with this identifier.") from exc
    everyone = [cc.child for cc in contact.contact_children.all()]
    children = [child for child in everyone if child_access(user, child).allowed]
    if not children:
        raise PermissionDenied(
            "You may not open the records of the children this contact is about."
        )
    record_view(request, contact, child=children[0], summary=summary)
    return OpenedContact(contact, children, len(everyone) - len(children))


def current_worker(request: HttpRequest) -> Any | None:
    """The signed-in user's worker record in post today (None if they have none)."""
    return worker_of(request.user)


def posted(request: HttpRequest) -> Any:
    """The POST data to bind a form to (an empty POST still binds, so it shows errors)."""
    return request.POST if request.method == "POST" else None
