"""Helpers for the casework page tests (cin, assessment and earlyhelp): a signed-in
practitioner with a child they may open, dates relative to today, and form data."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from django.test import Client
from django.urls import reverse

from safeguard.access.models import Capability, Role
from safeguard.access.roles import apply_catalogue
from safeguard.access.testing.world import allocate, make_child, make_user
from safeguard.core import clock

_ids = itertools.count(1)

#: The social worker role in the access catalogue, and in the workforce.
WORKER_ROLES = {"consultant_social_worker": "consultant_sw"}


@dataclass
class Desk:
    """A practitioner at work: their user, staff record, manager and a child of theirs."""

    user: Any
    worker: Any
    manager: Any
    child: Any
    client: Client

    def url(self, name: str) -> str:
        return reverse(name, kwargs={"child_id": self.child.pk})

    def get(self, name: str) -> Any:
        return self.client.get(self.url(name))

    def post(self, name: str, data: dict[str, Any]) -> Any:
        return self.client.post(self.url(name), data)


def staff(role: str, team: Any, *, manager: Any = None, with_user: bool = True) -> Any:
    """A worker in post since 2015 (and a user with that role when ``with_user``)."""
    from safeguard.workforce.models import Worker

    n = next(_ids)
    user = make_user(f"pages.{role}.{n}", role) if with_user else None
    return Worker.objects.create(
        user=user,
        staff_id=f"PG{n:05d}",
        first_name=role.replace("_", " ").title(),
        last_name=f"Person{n}",
        role=WORKER_ROLES.get(role, role),
        team=team,
        manager=manager,
        started_on=dt.date(2015, 1, 5),
    )


def desk(role: str = "social_worker") -> Desk:
    """A practitioner of ``role`` in a CIN team with a child allocated to them."""
    from safeguard.workforce.models import Team

    apply_catalogue(Role, Capability)
    team = Team.objects.create(name=f"Pages team {next(_ids)}", service_area="cin")
    manager = staff("team_manager", team)
    worker = staff(role, team, manager=manager)
    child = make_child(first_name="Robin", date_of_birth=dt.date(2012, 5, 17))
    allocate(child, worker, since=clock.today() - dt.timedelta(days=400))
    client = Client()
    client.force_login(worker.user)
    return Desk(user=worker.user, worker=worker, manager=manager, child=child, client=client)


def refused_client(role: str = "mash_officer") -> Client:
    """Signed in with a role that does not record casework."""
    apply_catalogue(Role, Capability)
    client = Client()
    client.force_login(make_user(f"pages.refused.{next(_ids)}", role))
    return client


def days_ago(days: int) -> dt.date:
    return clock.today() - dt.timedelta(days=days)


def date_data(name: str, value: dt.date | None) -> dict[str, str]:
    """A GOV.UK date input's three parts (blank when ``value`` is None)."""
    if value is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {
        f"{name}_0": str(value.day),
        f"{name}_1": str(value.month),
        f"{name}_2": str(value.year),
    }


def form_data(**values: Any) -> dict[str, Any]:
    """Form data: dates in their three parts, booleans as yes / no, None left out."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, dt.date):
            out.update(date_data(name, value))
        elif isinstance(value, bool):
            out[name] = "yes" if value else "no"
        elif hasattr(value, "pk"):
            out[name] = str(value.pk)
        else:
            out[name] = value
    return out


def assert_redirects_to_record(response: Any, child: Any) -> None:
    assert response.status_code == 302, _errors(response)
    assert response["Location"] == reverse("people:child_record", kwargs={"child_id": child.pk})


def assert_error_summary(response: Any, message: str, anchor: str) -> None:
    """Re-rendered (200) with the GOV.UK error summary naming the field and linking to it."""
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    start = html.index("govuk-error-summary")
    summary = html[start : html.index("</ul>", start)]
    assert message in summary, summary
    assert f'href="#{anchor}"' in summary, summary
    assert "<title>Error: " in html


def assert_stale(response: Any, kept: str) -> None:
    """Refused as stale: the clear message at the top, the user's input still there."""
    assert response.status_code == 200
    html = response.content.decode()
    assert "changed by someone else while you were editing it" in html
    assert kept in html, f"the user's input {kept!r} was not kept"


class _Choices(HTMLParser):
    """Collects the checked radios / checkboxes and selected options of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.chosen: dict[str, set[str]] = {}
        self._select = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "select":
            self._select = a.get("name") or ""
        elif tag == "input" and "checked" in a:
            self.chosen.setdefault(a.get("name") or "", set()).add(a.get("value") or "")
        elif tag == "option" and "selected" in a:
            self.chosen.setdefault(self._select, set()).add(a.get("value") or "")


def chosen(response: Any, name: str) -> set[str]:
    """The values of ``name`` the page shows as chosen (the user's input, kept)."""
    parser = _Choices()
    parser.feed(response.content.decode())
    return parser.chosen.get(name, set())


def _errors(response: Any) -> str:
    context = getattr(response, "context", None)
    form = context.get("form") if context else None
    return str(form.errors) if form is not None else str(response.status_code)
