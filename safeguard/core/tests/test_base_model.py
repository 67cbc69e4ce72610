"""The base model: UUID keys, authorship, and optimistic locking that refuses stale saves."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from safeguard.core.actor import acting_as
from safeguard.core.exceptions import StaleRecordError
from safeguard.people.models import Person


@pytest.mark.django_db
def test_new_record_has_uuid_and_version_one(child):
    assert isinstance(child.pk, uuid.UUID)
    assert child.version == 1


@pytest.mark.django_db
def test_each_save_bumps_the_version(child):
    child.first_name = "Robin"
    child.save()
    assert child.version == 2
    assert Person.objects.get(pk=child.pk).version == 2


@pytest.mark.django_db
def test_save_against_stale_version_is_refused_and_changes_nothing(child):
    mine = Person.objects.get(pk=child.pk)
    theirs = Person.objects.get(pk=child.pk)
    theirs.first_name = "Alex"
    theirs.save()

    mine.first_name = "Jordan"
    # Saves run inside the caller's transaction; the failed save marks it for rollback.
    with pytest.raises(StaleRecordError) as excinfo, transaction.atomic():
        mine.save()

    stored = Person.objects.get(pk=child.pk)
    assert stored.first_name == "Alex"
    assert stored.version == 2
    message = str(excinfo.value)
    assert "changed by someone else" in message
    assert "version 2" in message and "version 1" in message


@pytest.mark.django_db
def test_save_with_update_fields_still_checks_and_bumps_version(child):
    stale = Person.objects.get(pk=child.pk)
    child.last_name = "Changed"
    child.save(update_fields=["last_name"])
    assert Person.objects.get(pk=child.pk).version == 2

    stale.first_name = "Nope"
    with pytest.raises(StaleRecordError), transaction.atomic():
        stale.save(update_fields=["first_name"])
    assert Person.objects.get(pk=child.pk).first_name == "Test"


@pytest.mark.django_db
def test_saving_a_deleted_record_says_it_was_deleted(child):
    copy = Person.objects.get(pk=child.pk)
    Person.objects.filter(pk=child.pk).delete()
    copy.first_name = "Ghost"
    with pytest.raises(StaleRecordError, match="deleted"), transaction.atomic():
        copy.save()
    assert not Person.objects.filter(pk=child.pk).exists()


@pytest.mark.django_db
def test_author_recorded_from_current_actor(make_child):
    user = get_user_model().objects.create_user("author", password="x" * 16)
    with acting_as(user):
        record = make_child()
    assert record.created_by == user
    assert record.updated_by == user

    other = get_user_model().objects.create_user("editor", password="y" * 16)
    with acting_as(other):
        record.first_name = "Edited"
        record.save()
    record.refresh_from_db()
    assert record.created_by == user
    assert record.updated_by == other
    assert record.updated_at >= record.created_at
