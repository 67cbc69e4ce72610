"""The unregistered placements measures (UP-01 to UP-04) and their tie to SE-CLA-08, from
hand-built records with hand-computed values."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.care.models_unregistered import DocumentKind
from safeguard.care.services_unregistered import issue_document
from safeguard.care.tests.unregistered_helpers import on_register, placed_unregistered, visit
from safeguard.performance.periods import Period
from safeguard.performance.registry import REGISTRY
from safeguard.performance.tests.care_records import denominator, details, figure, ids
from safeguard.workforce.models import WorkerRole

pytestmark = pytest.mark.django_db

D = dt.date
FEBRUARY, MARCH, APRIL = Period.month(2025, 2), Period.month(2025, 3), Period.month(2025, 4)


@pytest.fixture
def register(make_child, make_worker):
    """A: placed 10 Feb, approved that day, visited 5 Mar. B: placed 3 Mar, approved 6 Mar
    (late), not visited. C: placed 6 Jan, never approved, visited 1 Feb (next due 1 Mar)."""
    iro = make_worker(role=WorkerRole.CONFERENCE_CHAIR)
    a = on_register(placed_unregistered(make_child(), D(2025, 2, 10)))
    b = on_register(placed_unregistered(make_child(), D(2025, 3, 3)), approved_on=D(2025, 3, 6))
    c = on_register(
        placed_unregistered(make_child(), D(2025, 1, 6)), approved_on=None, approved_by=""
    )
    visit(a, D(2025, 3, 5), iro)
    visit(c, D(2025, 2, 1), iro)
    return {"a": a.child.pk.hex, "b": b.child.pk.hex, "c": c.child.pk.hex}


def test_the_measures_are_registered_with_their_sources():
    for measure_id in ("UP-01", "UP-02", "UP-03", "UP-04"):
        measure = REGISTRY[measure_id]
        assert measure.has_data and "000" in measure.source and measure.good == 100.0


def test_approval_by_the_day_the_child_moved_in(register):
    february = figure("UP-01", FEBRUARY)
    assert february.value == 100.0 and ids(february.numerator) == {register["a"]}
    march = figure("UP-01", MARCH)
    assert march.value == 0.0 and ids(denominator(march)) == {register["b"]}
    assert details(denominator(march))[register["b"]] == "approved 2025-03-06"
    january = figure("UP-01", Period.month(2025, 1))
    assert details(denominator(january))[register["c"]] == "not approved"


def test_visits_in_date_at_the_end_of_the_period(register):
    march = figure("UP-02", MARCH)
    # A: last visit 5 Mar, next due 5 Apr. B: placed 3 Mar, first due 3 Apr. C: due 1 Mar.
    assert ids(denominator(march)) == set(register.values())
    assert ids(march.numerator) == {register["a"], register["b"]}
    assert march.value == pytest.approx(200 / 3)
    assert details(denominator(march))[register["c"]] == (
        "independent visit: last 2025-02-01; next due 2025-03-01"
    )
    assert details(denominator(march))[register["b"]] == (
        "independent visit: none yet; next due 2025-04-03"
    )


def test_reports_in_date_count_from_the_last_issued_document(register):
    # Before any report: every weekly report is overdue; only B (placed 3 Mar) is not yet
    # due its first Ofsted notification (3 Apr).
    assert figure("UP-03", MARCH).value == 0.0
    assert ids(figure("UP-04", MARCH).numerator) == {register["b"]}
    issue_document(kind=DocumentKind.WEEKLY, as_at=D(2025, 3, 28), with_pdf=False)
    issue_document(kind=DocumentKind.OFSTED, as_at=D(2025, 3, 3), with_pdf=False)
    weekly = figure("UP-03", MARCH)
    assert weekly.value == 100.0
    ofsted = figure("UP-04", MARCH)
    assert ofsted.value == 100.0 and ids(ofsted.numerator) == set(register.values())
    # A month later nothing new was issued: the weekly reports are overdue, Ofsted too.
    assert figure("UP-03", APRIL).value == 0.0
    assert figure("UP-04", APRIL).value == 0.0


def test_the_register_counts_the_children_se_cla_08_counts(register, make_child):
    count = figure("SE-CLA-08", MARCH)
    assert count.value == 3 and ids(count.numerator) == ids(denominator(figure("UP-02", MARCH)))
