"""Two-factor sign-in through the real forms: password, then the authenticator code."""

from __future__ import annotations

import pytest
import segno
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguard.access.signin import services
from safeguard.access.signin.forms import WRONG_CODE, WRONG_DETAILS
from safeguard.access.signin.testing import app_code

PASSWORD = "a-long-password-for-signin"
SIGN_IN = "/sign-in/"
CODE = "/sign-in/code/"
SET_UP = "/sign-in/set-up/"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("k.okafor", password=PASSWORD, is_staff=True)


@pytest.fixture
def device(staff):
    return services.provision_totp(user=staff)


@pytest.fixture
def audit(monkeypatch):
    """The audit events the sign-in pages send (the audit log itself is tested there)."""
    events = []
    monkeypatch.setattr(services, "record_event", lambda **kw: events.append(kw))
    return events


def verified_device_id(client) -> str | None:
    return client.session.get(DEVICE_ID_SESSION_KEY)


def test_sign_in_page_is_public_and_names_its_fields(client, db):
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'autocomplete="username"' in html and 'autocomplete="current-password"' in html
    assert reverse("access:sign_in") == SIGN_IN


def test_password_then_code_signs_in_and_verifies_the_session(client, staff, device, audit):
    response = client.post(SIGN_IN, {"username": "k.okafor", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == CODE
    # A correct password alone signs nobody in.
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"].startswith("/admin/login/")

    response = client.post(CODE, {"code": app_code(device)})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert verified_device_id(client) == device.persistent_id
    assert client.get("/admin/").status_code == 200
    assert [e["action"] for e in audit] == ["sign_in"]
    assert audit[0]["user"] == staff and audit[0]["ip"] == "127.0.0.1"


def test_missing_fields_are_named_in_the_error_summary(client, db):
    response = client.post(SIGN_IN, {"username": "", "password": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert '<a href="#id_username">Enter your username</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html
    assert "<title>Error: Sign in" in html


def test_unknown_user_and_wrong_password_get_the_same_answer(client, staff, audit):
    unknown = client.post(SIGN_IN, {"username": "nobody", "password": PASSWORD})
    wrong = client.post(SIGN_IN, {"username": "k.okafor", "password": "not-the-password"})
    staff.is_active = False
    staff.save()
    inactive = client.post(SIGN_IN, {"username": "k.okafor", "password": PASSWORD})
    for response in (unknown, wrong, inactive):
        assert response.status_code == 200
        assert WRONG_DETAILS in response.content.decode()
    assert [e["action"] for e in audit] == ["sign_in_failed"] * 3
    assert "nobody" in audit[0]["summary"] and audit[0]["user"] is None


def test_wrong_code_is_refused_with_a_clear_message(client, staff, device, audit):
    client.post(SIGN_IN, {"username": "k.okafor", "password": PASSWORD})
    wrong = "000000" if app_code(device) != "000000" else "111111"
    response = client.post(CODE, {"code": wrong})
    assert response.status_code == 200
    html = response.content.decode()
    assert WRONG_CODE in html and '<a href="#id_code">' in html
    assert "_auth_user_id" not in client.session
    assert [e["action"] for e in audit] == ["sign_in_failed"]
    assert audit[0]["user"] == staff and "code step" in audit[0]["summary"]


@pytest.mark.parametrize(
    ("code", "message"),
    [("", "Enter the 6-digit code"), ("12ab56", "Enter the code as 6 digits")],
)
def test_badly_formed_codes_are_explained(client, staff, device, code, message):
    client.post(SIGN_IN, {"username": "k.okafor", "password": PASSWORD})
    response = client.post(CODE, {"code": code})
    assert message in response.content.decode()


def test_code_with_spaces_is_accepted(client, staff, device):
    client.post(SIGN_IN, {"username": "k.okafor", "password": PASSWORD})
    code = app_code(device)
    response = client.post(CODE, {"code": f" {code[:3]} {code[3:]} "})
    assert response.status_code == 302
    assert verified_device_id(client) == device.persistent_id


def test_a_code_cannot_be_used_twice(client, staff, device):
    code = app_code(device)
    client.post(SIGN_IN, {"username": "k.okafor", "password": PASSWORD})
    assert client.post(CODE, {"code": code}).status_code == 302
    client.post("/sign-out/")
    client.post(SIGN_IN, {"username": "k.okafor", "password": PASSWORD})
    response = client.post(CODE, {"code": code})
    assert WRONG_CODE in response.content.decode()


def test_code_page_without_a_password_goes_back_to_sign_in(client, db):
    response = client.get(CODE, follow=True)
    assert response.redirect_chain == [(SIGN_IN, 302)]
    assert "Your sign-in timed out" in response.content.decode()
    assert client.get(SET_UP)["Location"] == SIGN_IN


def test_the_code_step_expires(client, staff, device):
    client.post(SIGN_IN, {"username": "k.okafor", "password": PASSWORD})
    session = client.session
    session[services.PENDING_KEY]["since"] -= services.PENDING_SECONDS + 1
    session.save()
    response = client.post(CODE, {"code": app_code(device)})
    assert response["Location"] == SIGN_IN
    assert "_auth_user_id" not in client.session


def test_next_page_is_kept_but_other_sites_are_not(client, staff, device):
    client.post(SIGN_IN, {"username": "k.okafor", "password": PASSWORD, "next": "/admin/"})
    assert client.post(CODE, {"code": app_code(device)})["Location"] == "/admin/"
    client.post("/sign-out/")
    client.post(
        SIGN_IN,
        {"username": "k.okafor", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert client.post(CODE, {"code": app_code(device, steps_ahead=1)})["Location"] == "/"


def test_protected_page_sends_to_sign_in_and_back(client, staff, device):
    response = client.get("/admin/people/person/", follow=True)
    assert response.redirect_chain[-1][0] == "/sign-in/?next=/admin/people/person/"
    html = response.content.decode()
    assert 'name="next" value="/admin/people/person/"' in html


def test_first_sign_in_sets_up_an_authenticator_app(client, staff, audit, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a right code straight after a wrong one
    response = client.post(SIGN_IN, {"username": "k.okafor", "password": PASSWORD})
    assert response["Location"] == SET_UP
    page = client.get(SET_UP)
    assert page.status_code == 200
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=staff)
    assert not device.confirmed
    secret = services.secret_base32(device)
    assert len(secret) == 32 and "".join(page.context["secret_groups"]) == secret
    assert f'<span class="govuk-!-margin-right-2">{secret[:4]}</span>' in html
    # The QR code is an image (CSP allows data: images) of the otpauth address holding
    # the same secret, with the issuer apps show.
    assert 'src="data:image/svg+xml;charset=utf-8,' in html and 'alt="QR code' in html
    assert f"secret={secret}" in device.config_url and "issuer=Safeguard" in device.config_url
    drawn = segno.make(device.config_url, error="m")
    assert page.context["qr_data_uri"] == drawn.svg_data_uri(
        scale=5, border=4, dark="#0b0c0c", light="#ffffff"
    )
    # Reloading shows the same secret until it is confirmed.
    assert client.get(SET_UP).context["secret_groups"] == page.context["secret_groups"]

    wrong = "000000" if app_code(device) != "000000" else "111111"
    assert WRONG_CODE in client.post(SET_UP, {"code": wrong}).content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    response = client.post(SET_UP, {"code": app_code(device)})
    assert response.status_code == 302 and response["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed
    assert verified_device_id(client) == device.persistent_id
    assert [e["action"] for e in audit] == ["sign_in_failed", "sign_in"]


def test_set_up_page_is_not_offered_to_a_user_who_has_an_app(client, staff, device):
    client.post(SIGN_IN, {"username": "k.okafor", "password": PASSWORD})
    assert client.get(SET_UP)["Location"] == CODE


def test_signed_in_user_sees_who_they_are_on_the_sign_in_page(client, staff):
    client.force_login(staff)
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    assert "You are signed in as k.okafor" in response.content.decode()


def test_sign_out_is_post_only_and_ends_the_session(client, staff, audit):
    client.force_login(staff)
    assert client.get("/sign-out/").status_code == 405
    assert client.session.get("_auth_user_id") == str(staff.pk)
    response = client.post("/sign-out/", follow=True)
    assert response.redirect_chain == [(SIGN_IN, 302)]
    assert "You have signed out" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert [e["action"] for e in audit] == ["sign_out"]


def test_admin_sign_out_goes_through_safeguard(client, staff, audit):
    client.force_login(staff)
    response = client.post("/admin/logout/")
    assert response["Location"] == SIGN_IN
    assert "_auth_user_id" not in client.session
    assert [e["action"] for e in audit] == ["sign_out"]
