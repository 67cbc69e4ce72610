"""Request middleware owned by core."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from safeguard.core.actor import acting_as


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the TCP peer, or — behind ``SAFEGUARD_TRUSTED_PROXIES``
    reverse proxies — the address the outermost trusted proxy saw.

    Each proxy appends the address it was contacted from to X-Forwarded-For, so with N
    trusted proxies the client is the N-th entry from the right; anything further left
    was written by the client and is not trusted. django-axes uses this function too
    (``AXES_CLIENT_IP_CALLABLE``), so the lockout log and the audit log agree.
    """
    peer = request.META.get("REMOTE_ADDR") or None
    trusted = int(getattr(settings, "SAFEGUARD_TRUSTED_PROXIES", 0) or 0)
    if trusted <= 0:
        return peer
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < trusted:
        return peer
    try:
        return str(ipaddress.ip_address(forwarded[-trusted]))
    except ValueError:
        return peer


class CurrentActorMiddleware:
    """Makes the signed-in user (and their address) the author of every row written
    during the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
        with acting_as(actor, ip=client_ip(request)):
            return self.get_response(request)
