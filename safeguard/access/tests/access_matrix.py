"""Authorization matrix cases for the access app's pages and the Django admin."""

from __future__ import annotations

from django.urls import reverse

from safeguard.access.testing.matrix import EVERYONE, SIGNED_IN, Case, holders


def _grant(w):
    """A live grant on the restricted child, for the revoke page."""
    import datetime as dt

    from safeguard.access.services import grant_access
    from safeguard.core import clock

    grant = grant_access(
        user=w.users["consultant_social_worker"],
        child=w.child_restricted,
        granted_by=w.users["service_manager"],
        reason="Covering the allocated worker's leave.",
        until=clock.now() + dt.timedelta(days=3),
    )
    return {"grant_id": grant.pk}


#: Roles that may break glass and whose rules do not reach ``child_other_team``.
BREAK_GLASS = holders("break_glass")
SYSTEM_ADMINISTRATORS = {"system_administrator"}

CASES = [
    # Site-wide public pages (core) and sign-in (public: anyone may reach them).
    # Each signed-in role is sent to its own home (the exact page per role is checked in
    # safeguard/worklists/tests/test_home.py); anyone else is sent to sign in.
    Case(
        url_name="home",
        allowed=SIGNED_IN,
        ok_status=302,
        redirect_to="/",
        note="(to the role's home)",
    ),
    Case(url_name="healthz", allowed=EVERYONE),
    Case(url_name="access:sign_in", allowed=EVERYONE),
    Case(
        url_name="access:sign_in_code",
        allowed=EVERYONE,
        ok_status=302,
        redirect_to="access:sign_in",
        note="(no password entered yet)",
    ),
    Case(
        url_name="access:sign_in_set_up",
        allowed=EVERYONE,
        ok_status=302,
        redirect_to="access:sign_in",
        note="(no password entered yet)",
    ),
    Case(
        url_name="access:sign_out",
        method="post",
        allowed=EVERYONE,
        ok_status=302,
        redirect_to="access:sign_in",
    ),
    # The access app's own pages.
    Case(url_name="access:capabilities", allowed=holders("view_capabilities")),
    Case(
        url_name="access:pseudonymised_children",
        allowed=holders("view_pseudonymised_data"),
    ),
    Case(url_name="access:notifications", allowed=holders("view_notifications")),
    Case(
        url_name="access:mark_notifications_read",
        method="post",
        ok_status=302,
        redirect_to="access:notifications",
        allowed=holders("view_notifications"),
    ),
    Case(
        url_name="access:break_glass",
        kwargs=lambda w: {"child_id": w.child_other_team.pk},
        allowed=BREAK_GLASS,
        note="(a child outside every rule)",
    ),
    Case(
        url_name="access:restriction",
        kwargs=lambda w: {"child_id": w.child_restricted.pk},
        allowed=holders("grant_restricted_access"),
    ),
    Case(
        url_name="access:grant_access",
        kwargs=lambda w: {"child_id": w.child_restricted.pk},
        allowed=holders("grant_restricted_access"),
    ),
    Case(
        url_name="access:revoke_grant",
        method="post",
        ok_status=302,
        redirect_to=lambda w: reverse(
            "access:restriction", kwargs={"child_id": w.child_restricted.pk}
        ),
        kwargs=_grant,
        allowed=holders("grant_restricted_access"),
    ),
    # The Django admin, as one group: staff system administrators only.
    Case(url_name="admin:index", allowed=SYSTEM_ADMINISTRATORS),
    Case(url_name="admin:people_person_changelist", allowed=SYSTEM_ADMINISTRATORS),
    Case(
        url_name="admin:people_person_change",
        kwargs=lambda w: {"object_id": w.child_allocated.pk},
        allowed=SYSTEM_ADMINISTRATORS,
    ),
    Case(url_name="admin:access_user_changelist", allowed=SYSTEM_ADMINISTRATORS),
    Case(url_name="admin:access_role_changelist", allowed=SYSTEM_ADMINISTRATORS),
]
