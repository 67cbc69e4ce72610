"""Conferences: children vs meetings, ICPC timeliness (with bank holidays), quoracy,
advocacy and the s47 funnel. Hand-built records, hand-counted answers."""

from __future__ import annotations

import pytest

from safeguard.core.timescales import compute_due
from safeguard.performance.periods import Period
from safeguard.performance.tests.protection_records import (
    D,
    attend,
    child,
    conference,
    enquiry,
    figure,
    ids,
    invite,
    month,
    population,
)
from safeguard.protection.models import Conference
from safeguard.protection.selectors import conference_quorum

pytestmark = pytest.mark.django_db


def test_children_conferenced_and_meetings_held() -> None:
    a, b, c, d, e, f, g, h, i = (child() for _ in range(9))
    for person in (a, b, c):
        conference(person, D(2025, 3, 3), group="G1")  # one ICPC meeting, three children
    conference(d, D(2025, 3, 4))  # no group: a meeting of its own
    for person in (e, f):
        conference(person, D(2025, 3, 5), kind="review", group="G2")
    conference(g, D(2025, 3, 6), group="G3")  # a new baby's ICPC at a sibling's review
    conference(h, D(2025, 3, 6), kind="review", group="G3")
    conference(i, None, scheduled=D(2025, 3, 7), cancelled=D(2025, 3, 1))  # not held
    for person in (a, b):
        conference(person, D(2025, 3, 20), kind="review", group="G1")  # the same family later
    conference(child(), D(2025, 4, 1), group="G1")  # next month

    march = month(2025, 3)
    children = figure("CP-01", march)
    assert children.value == 10
    assert children.breakdown == [("ICPC", 5.0), ("RCPC", 5.0)]
    meetings = figure("CP-02", march)
    assert meetings.value == 5
    # The G3 meeting was an ICPC for one child and a review for another: in both rows.
    assert meetings.breakdown == [("ICPC", 3.0), ("RCPC", 3.0)]
    details = sorted(meetings.numerator["detail"].to_list())
    assert details.count("2 child(ren) conferenced together") == 3
    assert "3 child(ren) conferenced together" in details


def test_icpc_within_15_working_days_skips_the_christmas_bank_holidays() -> None:
    strategy = D(2025, 12, 17)  # Wednesday; 25, 26 Dec and 1 Jan are bank holidays
    assert compute_due("icpc", strategy).due == D(2026, 1, 12)
    on_time, late = child(), child()
    conference(on_time, D(2026, 1, 12), s47=enquiry(on_time, strategy))  # 15 working days
    conference(late, D(2026, 1, 13), s47=enquiry(late, strategy))  # 16 working days
    found = figure("CP-03", month(2026, 1))
    assert found.value == pytest.approx(50.0)
    assert ids(found.numerator) == {on_time.pk.hex}
    assert found.numerator["detail"].to_list() == [
        "15 working days from the strategy discussion on 2025-12-17"
    ]


def test_icpc_timeliness_cohort_and_missing_start_dates() -> None:
    imported, no_enquiry, moved_in, cancelled = (child() for _ in range(4))
    # Imported history: no strategy discussion, so the enquiry's start date is used.
    conference(imported, D(2025, 3, 21), s47=enquiry(imported, None, start=D(2025, 3, 3)))
    # An initial conference with no enquiry recorded: in the cohort, not within timescale.
    conference(no_enquiry, D(2025, 3, 10))
    # A transfer-in conference follows a move, not an s47: not in this cohort.
    conference(moved_in, D(2025, 3, 11), kind="transfer_in")
    conference(
        cancelled,
        None,
        scheduled=D(2025, 3, 12),
        cancelled=D(2025, 3, 5),
        s47=enquiry(cancelled, D(2025, 3, 3)),
    )
    unborn = child(None, expected=D(2025, 5, 1))
    conference(unborn, D(2025, 3, 31), kind="pre_birth", s47=enquiry(unborn, D(2025, 3, 3)))
    found = figure("CP-03", month(2025, 3))
    assert ids(found.denominator) == {imported.pk.hex, no_enquiry.pk.hex, unborn.pk.hex}
    assert ids(found.numerator) == {imported.pk.hex}  # 14 working days; the others are late
    assert found.denominator is not None
    details = dict(zip(found.denominator["child_id"], found.denominator["detail"], strict=True))
    assert details[no_enquiry.pk.hex] == "no strategy discussion or s47 enquiry recorded"
    assert details[unborn.pk.hex].startswith("20 working days")


def test_icpc_timeliness_over_the_last_six_months() -> None:
    person = child()
    conference(person, D(2025, 1, 20), s47=enquiry(person, D(2025, 1, 6)))
    other = child()
    conference(other, D(2024, 9, 30), s47=enquiry(other, D(2024, 8, 1)))  # before the window
    found = figure("CP-03", Period.months_to(D(2025, 3, 31), 6))
    assert found.value == 100.0 and found.denominator_count == 1


def test_conference_quoracy_from_invitations_and_attendance() -> None:
    full, short, recorded, unknown = (child() for _ in range(4))
    c_full = conference(full, D(2025, 3, 3))
    invite(c_full, "police", "school", "family")
    attend(c_full, police="attended", school="attended", family="dna")  # family: not a partner
    c_short = conference(short, D(2025, 3, 4))
    invite(c_short, "police", "health_visitor")
    attend(c_short, police="attended", health_visitor="apologies")
    conference(recorded, D(2025, 3, 5), quorate=True)  # no lists: the chair's answer
    conference(unknown, D(2025, 3, 6))  # nothing recorded: counted as not quorate
    found = figure("OBA2-10", month(2025, 3))
    assert found.value == pytest.approx(50.0)
    assert ids(found.numerator) == {full.pk.hex, recorded.pk.hex}
    assert found.denominator is not None
    details = dict(zip(found.denominator["child_id"], found.denominator["detail"], strict=True))
    assert details[short.pk.hex] == "no one attended from Health: health visitor"
    assert details[unknown.pk.hex] == "quoracy not recorded"
    # The same judgement the chair's page makes.
    assert conference_quorum(Conference.objects.get(pk=c_full.pk)).quorate
    assert not conference_quorum(Conference.objects.get(pk=c_short.pk)).quorate


def test_advocacy_for_children_aged_8_or_over() -> None:
    held = D(2025, 3, 10)
    eight_today = child(D(2017, 3, 10))
    listed = conference(eight_today, held, offered=True, accepted=True)
    attend(listed, advocate="attended")
    accepted_unlisted = child(D(2013, 1, 1))
    conference(accepted_unlisted, held, offered=True, accepted=True)
    advocate_absent = child(D(2015, 1, 1))
    absent = conference(advocate_absent, held, offered=True, accepted=True)
    attend(absent, advocate="dna")
    declined = child(D(2016, 1, 1))
    conference(declined, held, offered=True, accepted=False)
    not_recorded = child(D(2010, 1, 1))
    conference(not_recorded, held)
    seven = child(D(2017, 3, 11))  # 8 tomorrow: not in the cohort
    conference(seven, held, offered=False)
    no_dob = child(None)
    conference(no_dob, held, offered=True)

    march = month(2025, 3)
    cohort = {
        eight_today.pk.hex,
        accepted_unlisted.pk.hex,
        advocate_absent.pk.hex,
        declined.pk.hex,
        not_recorded.pk.hex,
    }
    offered = figure("OBA2-16", march)
    assert offered.value == pytest.approx(80.0)
    assert ids(offered.denominator) == cohort
    assert "1 conference(s) for children with no date of birth" in offered.note

    attended = figure("OBA2-17", march)
    assert attended.value == pytest.approx(40.0)
    assert ids(attended.numerator) == {eight_today.pk.hex, accepted_unlisted.pk.hex}

    table = figure("CP-20", march)
    assert table.value == 5
    assert table.breakdown == [
        ("Offered and accepted", 3.0),
        ("Offered, not taken up", 1.0),
        ("Not offered", 0.0),
        ("Not recorded", 1.0),
    ]


def test_section_47_funnel() -> None:
    population(2025, 500)  # 9,000 children aged 0-17
    icpc_now, icpc_later, icpc_cancelled, no_icpc, old = (child() for _ in range(5))
    conference(icpc_now, D(2025, 3, 20), s47=enquiry(icpc_now, D(2025, 3, 3)))
    conference(
        icpc_later, D(2025, 4, 7), s47=enquiry(icpc_later, D(2025, 3, 17)), outcome="no_plan"
    )
    conference(
        icpc_cancelled,
        None,
        scheduled=D(2025, 3, 28),
        cancelled=D(2025, 3, 25),
        s47=enquiry(icpc_cancelled, D(2025, 3, 10)),
    )
    enquiry(no_icpc, D(2025, 3, 12))
    enquiry(old, D(2024, 3, 29))  # outside the 12 months to 31 March 2025
    conference(child(), D(2025, 3, 24))  # an ICPC in March for an earlier enquiry

    march = month(2025, 3)
    s47_to_icpc = figure("SE-S47-02", march)
    assert s47_to_icpc.value == pytest.approx(50.0)
    assert ids(s47_to_icpc.numerator) == {icpc_now.pk.hex, icpc_later.pk.hex}

    s47_rate = figure("SE-S47-01", march)
    assert s47_rate.numerator_count == 4
    assert s47_rate.value == pytest.approx(4 / 9_000 * 10_000)

    icpc_to_plan = figure("SE-S47-03", march)
    assert icpc_to_plan.value == pytest.approx(100.0)  # both March ICPCs made a plan
    assert figure("SE-S47-03", month(2025, 4)).value == 0.0
