"""Every URL pattern by every role: the answer each app declares is the answer the site gives.

Cases come from every ``safeguard/<app>/tests/access_matrix.py``. A URL pattern with no
case fails the first test, so a new view cannot ship without saying who may open it;
each case is then requested by every role's user (each partner agency separately) and
anonymously, against the world of ``safeguard.access.testing.world``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import safeguard
from safeguard.access.roles import ROLES_BY_CODE
from safeguard.access.testing.login import sign_in
from safeguard.access.testing.matrix import PRINCIPALS, Case
from safeguard.access.testing.world import ROLE_CODES, build_world

#: The Django admin is one group: a representative set of its pages has cases.
GROUPED_NAMESPACES = frozenset({"admin"})


def collect_cases() -> list[Case]:
    cases: list[Case] = []
    package = Path(safeguard.__file__).parent
    for path in sorted(package.glob("*/tests/access_matrix.py")):
        module = importlib.import_module(f"safeguard.{path.parent.parent.name}.tests.access_matrix")
        cases.extend(module.CASES)
    return cases


CASES = collect_cases()


def iter_patterns(
    patterns: list[URLPattern | URLResolver] | None = None,
    namespaces: tuple[str, ...] = (),
    prefix: str = "",
) -> Iterator[tuple[tuple[str, ...], str | None, str]]:
    """(namespaces, name, route) for every pattern, through includes."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from iter_patterns(entry.url_patterns, ns, prefix + str(entry.pattern))
        else:
            yield namespaces, entry.name, prefix + str(entry.pattern)


def pattern_key(namespaces: tuple[str, ...], name: str | None, route: str) -> str:
    grouped = GROUPED_NAMESPACES.intersection(namespaces)
    if grouped:
        return f"{sorted(grouped)[0]}:*"
    if name is None:
        return f"unnamed route {route!r}"
    return ":".join((*namespaces, name))


def case_key(case: Case) -> str:
    namespace = case.url_name.split(":", 1)[0] if ":" in case.url_name else ""
    return f"{namespace}:*" if namespace in GROUPED_NAMESPACES else case.url_name


def test_every_url_pattern_has_a_case():
    covered = {case_key(c) for c in CASES}
    patterns = {pattern_key(*p) for p in iter_patterns()}
    missing = sorted(patterns - covered)
    assert missing == [], (
        "These URL patterns have no authorization-matrix case: add one to the app's "
        f"tests/access_matrix.py (unnamed routes must be given a name): {missing}"
    )
    unknown = sorted(covered - patterns)
    assert unknown == [], f"Matrix cases name URL patterns that do not exist: {unknown}"


def test_the_admin_group_has_its_representative_pages():
    names = {c.url_name for c in CASES}
    assert {
        "admin:index",
        "admin:people_person_changelist",
        "admin:people_person_change",
        "admin:access_user_changelist",
    } <= names


def test_every_role_in_the_catalogue_is_a_principal():
    staff = {p for p in PRINCIPALS if not p.startswith("partner_") and p != "anonymous"}
    assert staff | {"partner_agency"} == set(ROLE_CODES)


def _sign_in_paths() -> set[str]:
    return {resolve_url(settings.LOGIN_URL), reverse("admin:login")}


def _outcome(
    principal: str, case: Case, response, may_break_glass: bool, expected_location: str
) -> str | None:
    """None when the response is what the case expects for this principal, else why not."""
    status = response.status_code
    location = urlparse(response.get("Location", "")).path
    to_sign_in = status == 302 and location in _sign_in_paths()
    to_break_glass = status == 302 and location.endswith("/break-glass/")
    if principal in case.allowed_set:
        if status != case.ok_status:
            return f"expected {case.ok_status}, got {status} {location}".rstrip()
        if expected_location and not location.startswith(expected_location):
            return f"expected a redirect to {expected_location}, got {location}"
        if not expected_location and (to_sign_in or to_break_glass):
            return f"expected {case.ok_status}, got a redirect to {location}"
        return None
    if principal == "anonymous":
        return None if to_sign_in else f"expected a redirect to sign in, got {status} {location}"
    if status == 403 or (to_sign_in and case_key(case).endswith(":*")):
        return None
    if to_break_glass and may_break_glass:
        return None
    return f"expected refusal, got {status} {location}".rstrip()


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_each_role_gets_the_declared_answer(case: Case):
    world = build_world()
    url = reverse(case.url_name, kwargs=case.kwargs(world)) + (
        f"?{case.query}" if case.query else ""
    )
    data = case.data(world) if case.data else {}
    expected_location = case.expected_location(world)
    wrong = []
    for principal in PRINCIPALS:
        client = Client()
        user = world.user(principal)
        may_break_glass = False
        if user is not None:
            sign_in(client, user)
            role = ROLES_BY_CODE[
                "partner_agency" if principal.startswith("partner_") else principal
            ]
            may_break_glass = "break_glass" in role.capabilities
        with transaction.atomic():
            response = getattr(client, case.method)(url, data)
            transaction.set_rollback(True)
        problem = _outcome(principal, case, response, may_break_glass, expected_location)
        if problem:
            wrong.append(f"{principal}: {problem}")
    assert wrong == [], f"{case.label} {url}\n" + "\n".join(wrong)
