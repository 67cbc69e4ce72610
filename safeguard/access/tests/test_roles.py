"""The role catalogue, its seeding, users' roles and agencies, and the capability backend."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from safeguard.access.backends import capabilities_of
from safeguard.access.models import Capability, Role, User
from safeguard.access.roles import CAPABILITIES, CAPABILITY_CODES, ROLES, ROLES_BY_CODE
from safeguard.access.services import assign_role
from safeguard.access.testing.world import make_user


def holders(capability: str) -> set[str]:
    return {r.code for r in ROLES if capability in r.capabilities}


def test_the_catalogue_has_the_fourteen_roles_and_fifty_capabilities():
    assert len(ROLES) == 14 and len(CAPABILITIES) == 50
    assert {r.code for r in ROLES if r.is_partner} == {"partner_agency"}


def test_least_privilege_in_the_catalogue():
    nobody_outside_social_care = holders("break_glass") & {
        "partner_agency", "performance_analyst", "partnership_business_unit",
        "system_administrator", "conference_support", "early_help_worker",
    }  # fmt: skip
    assert nobody_outside_social_care == set()
    assert holders("grant_restricted_access") == {"service_manager"}
    assert "open_child_record" not in ROLES_BY_CODE["performance_analyst"].capabilities
    assert "open_child_record" not in ROLES_BY_CODE["system_administrator"].capabilities
    assert "open_child_record" not in ROLES_BY_CODE["partnership_business_unit"].capabilities
    assert holders("view_pseudonymised_data") == {
        "performance_analyst",
        "partnership_business_unit",
    }
    assert holders("manage_users") == {"system_administrator"}
    assert holders("view_performance") == {
        "performance_analyst",
        "partnership_business_unit",
        "team_manager",
        "service_manager",
        "quality_assurance",
    }
    assert holders("write_performance_commentary") == {"service_manager"}
    assert holders("view_returns") == {"performance_analyst", "team_manager", "service_manager"}
    assert holders("export_returns") == {"performance_analyst", "service_manager"}
    assert ROLES_BY_CODE["partner_agency"].capabilities == {
        "open_child_record",
        "view_notifications",
        "submit_exception_report",
    }
    # Practice reviews and child deaths: the partnership's role only (issue 9).
    assert holders("manage_practice_reviews") == {"partnership_business_unit"}
    assert holders("manage_child_deaths") == {"partnership_business_unit"}
    # Everyone who signs in can read their notifications.
    assert holders("view_notifications") == {r.code for r in ROLES}
    # Every capability is held by someone.
    assert set().union(*(r.capabilities for r in ROLES)) == CAPABILITY_CODES


@pytest.mark.django_db
def test_the_migration_seeds_the_tables_from_the_catalogue():
    assert set(Capability.objects.values_list("code", flat=True)) == CAPABILITY_CODES
    for spec in ROLES:
        role = Role.objects.get(code=spec.code)
        assert set(role.capabilities.values_list("code", flat=True)) == spec.capabilities
        assert role.is_partner == spec.is_partner


@pytest.mark.django_db
def test_sync_roles_puts_back_what_was_changed(capsys):
    role = Role.objects.get(code="social_worker")
    role.capabilities.clear()
    role.capabilities.add(Capability.objects.get(code="manage_users"))
    Role.objects.filter(code="lado").update(name="Renamed")
    call_command("sync_roles")
    assert set(role.capabilities.values_list("code", flat=True)) == (
        ROLES_BY_CODE["social_worker"].capabilities
    )
    assert Role.objects.get(code="lado").name == "LADO"
    assert f"{len(ROLES)} roles and {len(CAPABILITIES)} capabilities" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_partner_user_needs_an_agency_and_staff_must_not_have_one():
    user = User.objects.create_user("p1")
    with pytest.raises(ValidationError) as exc:
        assign_role(user=user, role_code="partner_agency")
    assert "Select the partner agency" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        assign_role(user=user, role_code="social_worker", agency="police")
    assert "Only partner agency users have an agency" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        assign_role(user=user, role_code="partner_agency", agency="fire")
    assert "Unknown agency 'fire'" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        assign_role(user=user, role_code="wizard")
    assert "no role with the code 'wizard'" in str(exc.value)
    user.refresh_from_db()
    assert user.role is None and user.agency == ""
    assign_role(user=user, role_code="partner_agency", agency="health")
    user.refresh_from_db()
    assert user.role.code == "partner_agency" and user.agency == "health"


@pytest.mark.django_db
def test_capabilities_are_the_roles_permissions_and_nothing_else():
    user = make_user("sw", "social_worker")
    assert user.has_perm("access.open_child_record")
    assert user.has_perm("access.break_glass")
    assert not user.has_perm("access.grant_restricted_access")
    assert not user.has_perm("access.manage_users")
    assert not user.has_perm("people.view_person")
    assert user.get_all_permissions() >= {"access.open_child_record"}
    inactive = make_user("gone", "social_worker")
    inactive.is_active = False
    inactive.save()
    assert not User.objects.get(pk=inactive.pk).has_perm("access.open_child_record")


@pytest.mark.django_db
def test_a_superuser_keeps_the_admin_but_gains_no_capability_without_a_role():
    root = User.objects.create_superuser("root", password=None)
    assert root.has_perm("people.view_person")  # Django's admin behaviour
    assert root.has_perm("access.view_user")
    assert not root.has_perm("access.open_child_record")
    assert not root.has_perm("access.break_glass")
    assign_role(user=root, role_code="system_administrator")
    assert root.has_perm("access.manage_users")
    assert not root.has_perm("access.open_child_record")


@pytest.mark.django_db
def test_manage_users_gives_the_user_admin_without_being_a_superuser():
    admin = make_user("sysadmin", "system_administrator", is_staff=True)
    assert admin.has_perm("access.change_user") and admin.has_perm("access.view_role")
    assert admin.has_module_perms("access")
    assert not admin.has_perm("people.view_person")
    assert not admin.has_perm("access.delete_user")


@pytest.mark.django_db
def test_capabilities_are_read_once_per_user_object(django_assert_num_queries):
    user = User.objects.get(pk=make_user("tm", "team_manager").pk)
    with django_assert_num_queries(1):
        assert capabilities_of(user) == ROLES_BY_CODE["team_manager"].capabilities
    assert user.has_perm("access.view_record_access_log")  # Django's own backend reads too
    with django_assert_num_queries(0):
        assert user.has_perm("access.break_glass")
        assert not user.has_perm("access.manage_users")
    assign_role(user=user, role_code="performance_analyst")
    assert capabilities_of(user) == ROLES_BY_CODE["performance_analyst"].capabilities


@pytest.mark.django_db
def test_a_system_administrator_cannot_raise_their_own_privileges_in_the_admin(client):
    from safeguard.access.testing.login import sign_in

    admin = make_user("sysadmin", "system_administrator", is_staff=True)
    sign_in(client, admin)
    page = client.get(f"/admin/access/user/{admin.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    for name in ("is_superuser", "user_permissions", "groups", "role", "agency"):
        assert name not in form.fields, name
    other = make_user("someone", "social_worker")
    page = client.get(f"/admin/access/user/{other.pk}/change/")
    assert "role" in page.context["adminform"].form.fields
    assert "is_superuser" not in page.context["adminform"].form.fields


def test_the_security_document_lists_the_catalogue():
    from pathlib import Path

    doc = (Path(__file__).parents[3] / "docs" / "security.md").read_text(encoding="utf-8")
    order = [c.code for c in CAPABILITIES]
    for role in ROLES:
        listed = ", ".join(f"`{code}`" for code in order if code in role.capabilities)
        assert f"| {role.name} | {listed} |" in doc, f"docs/security.md is out of date: {role.name}"
    for capability in CAPABILITIES:
        assert f"| `{capability.code}` |" in doc
