"""Withheld items never reach the family: the one filter, by property and through both
family-facing outputs (the conference family copy here; subject access in its tests)."""

from __future__ import annotations

import string

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from safeguard.access.testing.world import allocate
from safeguard.governance import documents, services
from safeguard.governance.selectors.conference import family_copy
from safeguard.governance.selectors.family import (
    INTERNAL_FIELDS,
    Withheld,
    cut_passages,
    for_family,
    passage_pattern,
)
from safeguard.governance.selectors.rendering import HeldField, HeldRecord, RecordRef
from safeguard.governance.tests.helpers import POLICE_PASSAGE

# English text: letters of both cases, digits, spaces, line breaks and punctuation.
ALPHABET = string.ascii_letters + string.digits + " \n\t.,;:'-()éÉ"
words = st.text(alphabet=ALPHABET, max_size=60)
passages = st.text(alphabet=ALPHABET, min_size=1, max_size=12).filter(lambda p: p.strip())


def normal(text: str) -> str:
    return " ".join(text.split()).lower()


@st.composite
def record_sets(draw):
    """Records (some hanging from others), and a random choice of what is withheld."""
    n = draw(st.integers(min_value=1, max_value=8))
    refs = [
        RecordRef(draw(st.sampled_from(["a.A", "b.B", "protection.StrategyDiscussion"])), str(i))
        for i in range(n)
    ]
    records = []
    for i, ref in enumerate(refs):
        parent = draw(st.none() | st.sampled_from(refs[:i])) if i else None
        names = draw(
            st.lists(
                st.sampled_from(["x", "y", "z", "withheld_from_family"]), unique=True, max_size=4
            )
        )
        fields = tuple(
            HeldField(name, name.upper(), value, value) for name in names for value in [draw(words)]
        )
        records.append(HeldRecord(ref, draw(words), "Group", fields, parent=parent))
    withheld = Withheld(
        records=frozenset(draw(st.lists(st.sampled_from(refs), max_size=3))),
        fields=frozenset(
            draw(
                st.lists(
                    st.tuples(st.sampled_from(refs), st.sampled_from(["x", "y", "z"])), max_size=4
                )
            )
        ),
        passages=tuple(draw(st.lists(passages, max_size=3))),
    )
    return records, withheld


def ancestors(record: HeldRecord, by_ref: dict[RecordRef, HeldRecord]) -> list[RecordRef]:
    out, current = [], record
    while current.parent is not None and current.parent not in out:
        out.append(current.parent)
        current = by_ref[current.parent]
    return out


@settings(max_examples=300, deadline=None)
@given(record_sets())
def test_nothing_withheld_survives_and_nothing_else_is_lost(data):
    records, withheld = data
    by_ref = {r.ref: r for r in records}
    out = for_family(records, withheld)
    kept = {r.ref for r in out}
    for record in records:
        hidden = record.ref in withheld.records or any(
            a in withheld.records for a in ancestors(record, by_ref)
        )
        assert (record.ref in kept) is not hidden
    for record in out:
        for field in record.fields:
            assert (record.ref, field.name) not in withheld.fields
            assert (record.ref.model_label, field.name) not in INTERNAL_FIELDS
            for passage in withheld.passages:
                assert normal(passage) not in normal(field.value)
                assert normal(passage) not in normal(str(field.data))
        for passage in withheld.passages:
            assert normal(passage) not in normal(record.title)
        original = by_ref[record.ref]
        expected = [
            f.name
            for f in original.fields
            if (record.ref, f.name) not in withheld.fields
            and (record.ref.model_label, f.name) not in INTERNAL_FIELDS
        ]
        assert [f.name for f in record.fields] == expected


@settings(max_examples=300, deadline=None)
@given(words, st.lists(passages, min_size=1, max_size=3))
def test_cutting_passages_leaves_none_and_leaves_other_text(text, cut):
    patterns = [p for p in (passage_pattern(c) for c in cut) if p is not None]
    result = cut_passages(text, patterns)
    for passage in cut:
        assert normal(passage) not in normal(result)
    if not any(p.search(text) for p in patterns):
        assert result == text


def test_a_passage_matches_whatever_the_case_and_spacing():
    pattern = passage_pattern("the  uncle\nis under")
    assert pattern is not None
    assert cut_passages("Mum said THE uncle   is\tunder arrest.", [pattern]) == "Mum said arrest."


def _withhold(world, family, **target):
    return services.mark_withheld(
        child=family.child,
        description="Withheld for the police",
        reason_category="police_investigation",
        reason="It would prejudice the investigation.",
        marked_by=world.users["social_worker"],
        **target,
    )


@pytest.mark.django_db
def test_the_conference_family_copy_leaves_out_withheld_items(world, family):
    chair = str(family.conference.chair)
    before = documents.family_copy_html(family_copy(family.conference))
    assert "DC Fenn" in before and "Mrs Teacher" in before and chair in before

    _withhold(world, family, record=family.attendance_police)
    _withhold(world, family, record=family.conference, field_name="chair")
    _withhold(world, family, passage="Mrs Teacher")
    copy = family_copy(family.conference)
    html = documents.family_copy_html(copy)
    assert "DC Fenn" not in html and "Mrs Teacher" not in html and chair not in html
    assert "Morgan Ashdown" in html  # what is not withheld is still there
    assert [r.fields[0].value for r in copy.attendance] == ["Morgan Ashdown"]
    pdf = documents.family_copy_pdf(copy)
    assert pdf.startswith(b"%PDF")


@pytest.mark.django_db
def test_withholding_the_whole_conference_leaves_no_family_copy(world, family, client_for):
    allocate(family.child, world.workers["social_worker"])
    item = _withhold(world, family, record=family.conference)
    copy = family_copy(family.conference)
    assert copy.withheld_entirely and copy.records == []
    client = client_for("social_worker")
    kwargs = {"child_id": family.child.pk, "conference_id": family.conference.pk}
    page = client.get(reverse("governance:conference_family_copy", kwargs=kwargs))
    assert "withheld from the family" in page.text
    pdf = client.get(reverse("governance:conference_family_copy_pdf", kwargs=kwargs))
    assert pdf.status_code == 302

    services.lift_withheld(
        item=item, reason="Investigation closed.", lifted_by=world.users["social_worker"]
    )
    assert not family_copy(family.conference).withheld_entirely


@pytest.mark.django_db
def test_the_family_copy_pdf_downloads_and_is_audited(world, family, client_for, audit_events):
    allocate(family.child, world.workers["social_worker"])
    _withhold(world, family, passage=POLICE_PASSAGE)
    client = client_for("social_worker")
    kwargs = {"child_id": family.child.pk, "conference_id": family.conference.pk}
    response = client.get(reverse("governance:conference_family_copy_pdf", kwargs=kwargs))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    assert audit_events[-1]["action"] == "download"
    # Another child's conference cannot be reached through this child's address.
    other = {"child_id": family.sibling.pk, "conference_id": family.conference.pk}
    allocate(family.sibling, world.workers["social_worker"])
    response = client.get(reverse("governance:conference_family_copy", kwargs=other))
    assert response.status_code == 404
