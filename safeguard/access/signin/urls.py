"""Sign-in URLs. No ``app_name``: safeguard.access.urls adds these to the ``access``
namespace, so they are ``access:sign_in``, ``access:sign_in_code``,
``access:sign_in_set_up`` and ``access:sign_out``."""

from __future__ import annotations

from django.urls import URLPattern, path

from safeguard.access.signin import views

urlpatterns: list[URLPattern] = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("sign-in/set-up/", views.sign_in_set_up, name="sign_in_set_up"),
    path("sign-out/", views.sign_out, name="sign_out"),
]
