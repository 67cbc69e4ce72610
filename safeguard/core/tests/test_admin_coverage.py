"""Every Safeguard model has a working admin page (the issue's "Django admin for every model")."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

SAFEGUARD_MODELS = [
    model
    for model in apps.get_models()
    if model.__module__.startswith("safeguard.") and not model._meta.abstract
]


def test_every_model_is_registered_in_the_admin():
    missing = [m._meta.label for m in SAFEGUARD_MODELS if not admin.site.is_registered(m)]
    assert missing == [], f"Register these models in their app's admin.py: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("model", SAFEGUARD_MODELS, ids=lambda m: m._meta.label)
def test_admin_list_and_add_pages_render(client, model):
    user = get_user_model().objects.create_superuser("admin-check", password="a-long-password-9")
    client.force_login(user)
    opts = model._meta
    listing = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert listing.status_code == 200, opts.label
    model_admin = admin.site._registry[model]
    if model_admin.has_add_permission(listing.wsgi_request):
        adding = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        assert adding.status_code == 200, opts.label
