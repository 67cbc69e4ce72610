"""The shared step form page: GET shows, a valid POST runs the service once and redirects
with a banner, a refusal keeps the input and says why, a closed step never writes."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.template import engines
from django.test import RequestFactory

from safeguard.core.exceptions import StaleRecordError
from safeguard.core.forms import GovukForm
from safeguard.core.views_steps import posted, step_form_page

PAGE = (
    '{% include "includes/step_form.html" with caption="Test caption" cancel="/back/" '
    'leave_label="Back to the record" %}'
)


@pytest.fixture(autouse=True)
def page_template(settings: Any) -> None:
    """A page that is only the shared include, beside the project's own templates."""
    config = settings.TEMPLATES[0]
    loaders = [
        ("django.template.loaders.locmem.Loader", {"step_page.html": PAGE}),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    settings.TEMPLATES = [
        {**config, "APP_DIRS": False, "OPTIONS": {**config["OPTIONS"], "loaders": loaders}}
    ]


class NoteForm(GovukForm):
    note = forms.CharField(label="Note", error_messages={"required": "Enter a note"})


class Service:
    """Stands in for a service: records its calls, or refuses as a service would."""

    def __init__(self, refuse: Exception | None = None) -> None:
        self.calls: list[dict[str, Any]] = []
        self.refuse = refuse

    def __call__(self, data: dict[str, Any]) -> str:
        if self.refuse is not None:
            raise self.refuse
        self.calls.append(data)
        return f"saved {data['note']}"


def _request(method: str = "get", data: dict[str, str] | None = None) -> HttpRequest:
    factory = RequestFactory()
    request = factory.post("/step/", data or {}) if method == "post" else factory.get("/step/")
    request.user = AnonymousUser()
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    return request


def _page(request: HttpRequest, service: Service, shown: list[int], **kwargs: Any) -> Any:
    kwargs.setdefault("success", "The note is saved")
    kwargs.setdefault("done", "/done/")
    return step_form_page(
        request,
        NoteForm(posted(request)),
        template="step_page.html",
        title="Add a note",
        button="Save the note",
        facts=[("Child", "A")],
        action=service,
        on_show=lambda: shown.append(1),
        **kwargs,
    )


def _banners(request: HttpRequest) -> list[str]:
    return [str(m) for m in get_messages(request)]


def test_posted_is_the_post_or_nothing() -> None:
    assert posted(_request()) is None
    post = _request("post", {"note": "x"})
    assert posted(post) is post.POST


def test_a_get_shows_the_form_and_writes_nothing() -> None:
    service, shown = Service(), list[int]()
    request = _request()
    response = _page(request, service, shown)
    html = response.content.decode()
    assert response.status_code == 200 and shown == [1] and service.calls == []
    assert "Test caption" in html and "Add a note" in html and "Save the note" in html
    assert 'href="/back/">Cancel</a>' in html
    assert "There is a problem" not in html  # an unbound form shows no errors


def test_a_valid_post_runs_the_service_once_and_redirects_with_the_banner() -> None:
    service, shown = Service(), list[int]()
    request = _request("post", {"note": "seen at school"})
    response = _page(request, service, shown)
    assert response.status_code == 302 and response["Location"] == "/done/"
    assert service.calls == [{"note": "seen at school"}]
    assert shown == []  # the page was not shown, so not audited as shown
    assert _banners(request) == ["The note is saved"]


def test_the_banner_and_the_destination_may_come_from_what_the_service_saved() -> None:
    request = _request("post", {"note": "n1"})
    response = _page(
        request,
        Service(),
        [],
        success=lambda saved: f"{saved} is recorded",
        done=lambda saved: f"/records/{saved.split()[-1]}/",
    )
    assert response["Location"] == "/records/n1/"
    assert _banners(request) == ["saved n1 is recorded"]


def test_an_invalid_post_shows_the_errors_and_calls_nothing() -> None:
    service, shown = Service(), list[int]()
    response = _page(_request("post", {"note": ""}), service, shown)
    html = response.content.decode()
    assert response.status_code == 200 and service.calls == [] and shown == [1]
    assert "There is a problem" in html and "Enter a note" in html


@pytest.mark.parametrize(
    ("refusal", "message"),
    [
        (ValidationError({"note": "The note cannot be before the referral"}), "before the"),
        (
            StaleRecordError(model_label="cin.Visit", pk=1, expected=3, current=4),
            "changed by someone else",
        ),
    ],
)
def test_a_refused_service_keeps_the_input_and_says_why(refusal: Exception, message: str) -> None:
    request = _request("post", {"note": "kept text"})
    response = _page(request, Service(refuse=refusal), [])
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html and "kept text" in html
    assert _banners(request) == []


def test_a_step_with_a_warning_is_not_open_and_never_calls_the_service() -> None:
    service = Service()
    response = _page(_request("post", {"note": "x"}), service, [], warning="The case is closed")
    html = response.content.decode()
    assert response.status_code == 200 and service.calls == []
    assert "The case is closed" in html and "<form" not in html
    assert 'href="/back/">Back to the record</a>' in html


def test_a_warning_may_inform_without_closing_the_step() -> None:
    service = Service()
    request = _request("post", {"note": "x"})
    response = _page(request, service, [], warning="Already looked after", show_form=True)
    assert response.status_code == 302 and service.calls == [{"note": "x"}]


def test_a_step_may_be_closed_without_a_warning() -> None:
    service = Service()
    response = _page(_request("post", {"note": "x"}), service, [], show_form=False)
    assert response.status_code == 200 and service.calls == []
    assert "<form" not in response.content.decode()


def test_the_apps_context_is_kept_but_cannot_replace_the_page_itself() -> None:
    request = _request()
    response = _page(request, Service(), [], context={"title": "Other"})
    html = response.content.decode()
    assert "Add a note" in html and "Other" not in html


def test_the_include_keeps_line_breaks_only_when_asked() -> None:
    source = '{% include "includes/step_form.html" with multiline_facts=multi %}'
    template = engines["django"].from_string(source)
    context = {"facts": [("Address", "1 High Street\nTown")], "form": NoteForm()}
    assert "1 High Street<br>Town" in template.render({**context, "multi": True})
    plain = template.render({**context, "multi": False})
    assert "1 High Street\nTown" in plain and "<br>" not in plain
