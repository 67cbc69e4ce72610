"""Deny by default: every URL pattern must declare who may open it, and does refuse others."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from safeguard.access.decorators import declared_rule, public, requires
from safeguard.access.middleware import SELF_GUARDED_NAMESPACES
from safeguard.access.signin.testing import force_login_unverified


def sign_in_url() -> str:
    return resolve_url(django_settings.LOGIN_URL)


def iter_patterns(
    patterns: list[URLPattern | URLResolver] | None = None,
    prefix: str = "",
    namespaces: tuple[str, ...] = (),
) -> Iterator[tuple[str, URLPattern, tuple[str, ...]]]:
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from iter_patterns(entry.url_patterns, prefix + str(entry.pattern), ns)
        else:
            yield prefix + str(entry.pattern), entry, namespaces


def sample_path(route: str) -> str:
    """Turn a route into a concrete path a client can request."""
    import re

    path = re.sub(r"<uuid:[^>]+>", str(uuid.uuid4()), route)
    path = re.sub(r"<(int|path|slug|str):[^>]+>", "1", path)
    path = re.sub(r"<[^>]+>", "1", path)
    path = path.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")
    if "(" in path or "?" in path:
        return ""
    return "/" + path


ALL_PATTERNS = list(iter_patterns())
APP_PATTERNS = [
    (route, p) for route, p, ns in ALL_PATTERNS if not SELF_GUARDED_NAMESPACES.intersection(ns)
]


def test_there_are_patterns_to_check():
    assert any(route == "" for route, _ in APP_PATTERNS)
    assert any("admin" in ns for _, _, ns in ALL_PATTERNS)


@pytest.mark.parametrize(
    ("route", "pattern"), APP_PATTERNS, ids=[r or "/" for r, _ in APP_PATTERNS]
)
def test_every_view_declares_an_access_rule(route, pattern):
    assert declared_rule(pattern.callback) is not None, (
        f"URL {route!r} ({pattern.lookup_str}) declares no access rule: decorate the view "
        "with @requires('app.permission') or, for sign-in style pages only, @public."
    )


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_sign_in_from_every_protected_page(client):
    protected = [route for route, p in APP_PATTERNS if declared_rule(p.callback) != "public"]
    for route in protected:
        path = sample_path(route)
        assert path, f"Cannot build a sample path for {route!r}: extend sample_path()"
        response = client.get(path)
        assert response.status_code == 302, f"{path} answered {response.status_code}"
        assert response["Location"].startswith(sign_in_url()), f"{path} did not go to sign-in"


@pytest.mark.django_db
def test_users_without_a_code_are_sent_to_sign_in_from_every_protected_page(client):
    """A password-only session (no authenticator code) opens no protected page, even for
    a superuser: the two-factor middleware answers before any view or permission check."""
    superuser = get_user_model().objects.create_superuser("half", password="a-long-password-4")
    force_login_unverified(client, superuser)
    protected = [route for route, p in APP_PATTERNS if declared_rule(p.callback) != "public"]
    assert protected
    for route in [*protected, "admin/", "admin/people/person/"]:
        path = sample_path(route)
        response = client.get(path)
        assert response.status_code == 302, f"{path} answered {response.status_code}"
        assert response["Location"].startswith(sign_in_url()), f"{path} did not go to sign-in"


@pytest.mark.django_db
def test_admin_refuses_anonymous_and_non_staff_users(client):
    """The admin's own password-only login page is replaced by Safeguard's sign-in."""
    response = client.get("/admin/people/person/", follow=True)
    assert response.redirect_chain[-1][0].startswith(sign_in_url())
    assert b"Sign in to Safeguard" in response.content
    assert client.get("/admin/login/")["Location"].startswith(sign_in_url())
    user = get_user_model().objects.create_user("plain", password="a-long-password-1")
    client.force_login(user)
    response = client.get("/admin/people/person/", follow=True)
    assert response.redirect_chain[-1][0].startswith(sign_in_url())
    assert b"You are signed in" in response.content
    assert b"Safeguard administration" not in response.content


@pytest.mark.django_db
def test_undeclared_view_is_refused_even_for_a_superuser(rf, settings):
    """The middleware itself denies a view without a rule (not only the test above)."""
    from django.http import HttpResponse
    from django.urls import path

    def undeclared(request):
        return HttpResponse("secret")

    @requires("people.view_person")
    def declared(request):
        return HttpResponse("allowed")

    @public
    def open_page(request):
        return HttpResponse("open")

    import sys
    import types

    module = types.ModuleType("safeguard_test_urls")
    from django.contrib import admin
    from django.urls import include

    module.urlpatterns = [
        path("", include(("safeguard.access.signin.urls", "access"))),
        path("admin/", admin.site.urls),
        path("undeclared/", undeclared),
        path("declared/", declared),
        path("open/", open_page),
    ]
    sys.modules["safeguard_test_urls"] = module
    settings.ROOT_URLCONF = "safeguard_test_urls"

    superuser = get_user_model().objects.create_superuser("root", password="a-long-password-2")
    plain = get_user_model().objects.create_user("plain", password="a-long-password-3")
    client = Client()
    assert client.get("/open/").status_code == 200
    assert client.get("/declared/").status_code == 302
    client.force_login(plain)
    assert client.get("/declared/").status_code == 403
    client.force_login(superuser)
    assert client.get("/undeclared/").status_code == 403
    assert client.get("/declared/").status_code == 200
