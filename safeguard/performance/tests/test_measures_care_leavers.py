"""Care leavers: who is one, and what the keeping-in-touch contact that counts says."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeguard.care.selectors import care_leaver_status
from safeguard.care.services import record_care_leaver_contact
from safeguard.core import calendar
from safeguard.performance.data import Data
from safeguard.performance.measures.care_cohorts import NOT_RECORDED
from safeguard.performance.measures.care_leavers import care_leavers_on
from safeguard.performance.periods import Period
from safeguard.performance.tests.care_records import (
    denominator,
    details,
    figure,
    ids,
    in_care,
    leave,
)

pytestmark = pytest.mark.django_db

MARCH = Period.month(2025, 3)


def contact(child, day: dt.date, in_touch="YES", activity="F2", accommodation="Z1") -> None:
    record_care_leaver_contact(
        child=child,
        contact_on=day,
        in_touch=in_touch,
        activity=activity,
        accommodation=accommodation,
    )


def test_a_child_turning_18_leaves_care_and_becomes_a_care_leaver(make_child) -> None:
    eighteen = in_care(make_child(date_of_birth=dt.date(2007, 3, 15)), dt.date(2023, 1, 9))
    leave(eighteen, dt.date(2025, 3, 15), "E17")  # the 18th birthday
    contact(eighteen, dt.date(2025, 3, 20))
    not_yet_contacted = in_care(make_child(date_of_birth=dt.date(2007, 3, 28)), dt.date(2023, 1, 9))
    leave(not_yet_contacted, dt.date(2025, 3, 28), "E5")
    february = Period.month(2025, 2)

    assert ids(figure("SE-CLA-01", february).numerator) == {
        eighteen.pk.hex,
        not_yet_contacted.pk.hex,
    }
    assert figure("SE-CL-01", february).value is None  # nobody had left care yet
    assert figure("SE-CLA-01", MARCH).value == 0

    in_touch = figure("SE-CL-01", MARCH)
    assert ids(denominator(in_touch)) == {eighteen.pk.hex, not_yet_contacted.pk.hex}
    assert ids(in_touch.numerator) == {eighteen.pk.hex}
    assert in_touch.value == pytest.approx(50.0)
    assert details(denominator(in_touch))[not_yet_contacted.pk.hex].startswith(NOT_RECORDED)
    assert figure("SE-CL-03", MARCH).value == pytest.approx(50.0)  # F2: in education
    assert figure("OBA3-05", MARCH).value == pytest.approx(50.0)  # Z1: staying put, suitable
    assert figure("SE-CL-02", MARCH).value is None  # nobody aged 19-21


def test_who_counts_as_a_care_leaver(make_child) -> None:
    """13 weeks (91 days) since the 14th birthday, some of it at 16; not E3; aged 16-25."""
    day = dt.date(2025, 3, 31)
    exactly_13_weeks = in_care(make_child(date_of_birth=dt.date(2008, 1, 1)), dt.date(2023, 10, 2))
    leave(exactly_13_weeks, dt.date(2024, 1, 1))  # 91 days, ending on the 16th birthday
    a_day_short = in_care(make_child(date_of_birth=dt.date(2008, 1, 1)), dt.date(2023, 10, 3))
    leave(a_day_short, dt.date(2024, 1, 1))
    before_16 = in_care(make_child(date_of_birth=dt.date(2008, 6, 1)), dt.date(2023, 1, 9))
    leave(before_16, dt.date(2024, 5, 31))
    transferred = in_care(make_child(date_of_birth=dt.date(2007, 1, 1)), dt.date(2022, 1, 10))
    leave(transferred, dt.date(2024, 2, 5), "E3")
    twenty_two = in_care(make_child(date_of_birth=dt.date(2002, 6, 1)), dt.date(2018, 1, 8))
    leave(twenty_two, dt.date(2020, 6, 1), "E17")
    still_in_care = in_care(make_child(date_of_birth=dt.date(2008, 1, 1)), dt.date(2023, 1, 9))

    found = ids(care_leavers_on(Data(), day))
    assert found == {exactly_13_weeks.pk.hex, twenty_two.pk.hex}
    for child in (exactly_13_weeks, a_day_short, before_16, transferred, twenty_two, still_in_care):
        assert (child.pk.hex in found) == care_leaver_status(child, day).eligible
    suitable = figure("OBA3-05", MARCH)  # aged 17 and 22: only the 17-year-old is 17-21
    assert ids(denominator(suitable)) == {exactly_13_weeks.pk.hex}
    assert suitable.value == 0  # no contact yet: Not recorded, in the denominator only


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    born=st.dates(dt.date(2001, 1, 1), dt.date(2009, 12, 31)),
    age_at_start=st.integers(15 * 365, 18 * 365 - 10),
    stays=st.integers(60, 3 * 365),
    asked_after=st.integers(-30, 8 * 365),
)
def test_the_cohort_agrees_with_the_care_leaver_rules(
    make_child, born: dt.date, age_at_start: int, stays: int, asked_after: int
) -> None:
    """Whatever the dates, the Polars cohort and ``care_leaver_status`` agree."""
    started = born + dt.timedelta(days=age_at_start)
    eighteenth = calendar.birthday(born, 18)
    ended = min(started + dt.timedelta(days=stays), eighteenth)
    day = ended + dt.timedelta(days=asked_after)
    if ended > dt.date(2026, 3, 31) or day > dt.date(2026, 3, 31) or started >= ended:
        return
    child = in_care(make_child(date_of_birth=born), started)
    leave(child, ended, "E17" if ended == eighteenth else "E4A")
    found = child.pk.hex in ids(care_leavers_on(Data(), day))
    assert found == care_leaver_status(child, day).eligible


def test_the_contact_that_counts_follows_the_birthday_window(make_child) -> None:
    """Twentieth birthday 10/3/2025: its window runs 10/12/2024 to 10/4/2025."""
    early = in_care(make_child(date_of_birth=dt.date(2005, 3, 10)), dt.date(2021, 1, 4))
    leave(early, dt.date(2023, 3, 10), "E17")
    contact(early, dt.date(2024, 12, 1), activity="F5", accommodation="U1")  # before it opened
    on_opening = in_care(make_child(date_of_birth=dt.date(2005, 3, 10)), dt.date(2021, 1, 4))
    leave(on_opening, dt.date(2023, 3, 10), "E17")
    contact(on_opening, dt.date(2024, 12, 10), activity="G5", accommodation="U2")

    while_open = figure("SE-CL-02", MARCH)  # the 19th birthday's contact still counts
    assert ids(while_open.numerator) == {early.pk.hex, on_opening.pk.hex}
    after_close = figure("SE-CL-02", Period.month(2025, 4))
    assert ids(after_close.numerator) == {on_opening.pk.hex}
    assert details(denominator(after_close))[early.pk.hex].startswith(NOT_RECORDED)
    # In touch but not in suitable accommodation (U2) nor in EET (G5).
    assert figure("OBA3-05", MARCH).value == pytest.approx(50.0)
    assert ids(figure("SE-CL-04", MARCH).numerator) == {early.pk.hex}
    assert figure("OBA3-05", Period.month(2025, 4)).value == 0
