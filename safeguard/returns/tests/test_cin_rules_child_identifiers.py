"""CIN census rules on ChildIdentifiers, each failing on one changed value of a clean record."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguard.people.identifiers import UPN_LETTERS, upn_check_letter
from safeguard.returns.rules.cin import upn
from safeguard.returns.testing.builders import failing_rows
from safeguard.returns.tests.test_cin_rules_valid import (
    CHILD,
    EPISODE,
    IDENT,
    UPN,
    Row,
    census,
    with_,
)

FLAGGED = [("ChildIdentifiers", 10, CHILD)]
WRONG_LETTER = ("A" if UPN[0] != "A" else "B") + UPN[1:]


def _ident(**values: str | int | None) -> Row:
    return with_(IDENT, **values)


@pytest.mark.parametrize(
    ("code", "values", "fails"),
    [
        ("1510", {"UPN": WRONG_LETTER}, True),
        ("1510", {"UPN": UPN}, False),
        ("1510", {"UPN": UPN.lower()}, False),  # the XSD allows lower case
        ("1530", {"UPN": "A999123456789"}, True),
        ("1530", {"UPN": "A001123456789"}, True),
        ("1530", {"UPN": UPN}, False),
        ("1540", {"UPN": UPN[:6] + "X" + UPN[7:]}, True),
        ("1540", {"UPN": UPN}, False),
        ("1550", {"UPN": UPN[:12] + "I"}, True),  # I, O and S are not check letters
        ("1550", {"UPN": UPN[:12]}, True),  # only 12 characters
        ("1550", {"UPN": UPN[:12] + "A"}, False),  # a temporary UPN
        ("1560Q", {"FormerUPN": "A2011234567"}, True),
        ("1560Q", {"FormerUPN": "12011234567890"}, True),
        ("1560Q", {"FormerUPN": UPN}, False),
        ("1560Q", {"FormerUPN": None}, False),
        ("4180", {"GenderCurrent": "M"}, True),
        ("4180", {"GenderCurrent": None}, True),
        ("4180", {"GenderCurrent": "2"}, False),
        ("4180", {"GenderCurrent": "9"}, False),
        ("8520", {"PersonBirthDate": "2024-04-01"}, True),
        ("8520", {"PersonBirthDate": "2024-03-31"}, False),
        ("8525Q", {"PersonBirthDate": None}, True),
        ("8525Q", {"ExpectedPersonBirthDate": "2024-05-01"}, True),
        ("8525Q", {"PersonBirthDate": None, "ExpectedPersonBirthDate": "2024-05-01"}, False),
        ("8530Q", {"PersonBirthDate": None, "ExpectedPersonBirthDate": "2024-02-29"}, True),
        ("8530Q", {"PersonBirthDate": None, "ExpectedPersonBirthDate": "2024-03-01"}, False),
        ("8530Q", {"PersonBirthDate": None, "ExpectedPersonBirthDate": "2024-12-31"}, False),
        ("8530Q", {"PersonBirthDate": None, "ExpectedPersonBirthDate": "2025-01-01"}, True),
        ("8535Q", {"PersonDeathDate": "2015-06-09"}, True),
        ("8535Q", {"PersonDeathDate": "2015-06-10"}, False),
        ("8545Q", {"PersonDeathDate": "2023-03-31"}, True),
        ("8545Q", {"PersonDeathDate": "2023-04-01"}, False),
        ("8545Q", {"PersonDeathDate": "2024-03-31"}, False),
        ("8545Q", {"PersonDeathDate": "2024-04-01"}, True),
        ("8750", {"PersonBirthDate": None, "ExpectedPersonBirthDate": "2024-05-01"}, True),
        (
            "8750",
            {
                "PersonBirthDate": None,
                "ExpectedPersonBirthDate": "2024-05-01",
                "GenderCurrent": "0",
            },
            False,
        ),
        # A UPN is expected from age 6 at the reference date (31 March 2024).
        ("8770Q", {"UPN": None}, True),
        ("8770Q", {"UPN": None, "UPNunknown": "UN1"}, True),
        ("8770Q", {"UPN": None, "UPNunknown": "UN9"}, True),  # not a reason
        ("8770Q", {"UPN": None, "UPNunknown": "UN2"}, False),
        ("8770Q", {"UPN": None, "PersonBirthDate": "2018-03-31"}, True),  # 6 that day
        ("8770Q", {"UPN": None, "PersonBirthDate": "2018-04-01"}, False),  # still 5
        ("8770Q", {"UPN": None, "PersonBirthDate": "2005-04-01"}, True),  # no upper age
        ("8775Q", {"PersonBirthDate": "1998-03-31"}, True),  # 26 on the reference date
        ("8775Q", {"PersonBirthDate": "1998-04-01"}, False),  # 25 until the next day
    ],
)
def test_child_identifier_rules(code: str, values: dict[str, str | None], fails: bool) -> None:
    data = census(ChildIdentifiers=[_ident(**values)])
    assert failing_rows("cin", code, data) == (FLAGGED if fails else [])


@pytest.mark.parametrize(
    ("code", "child", "fails"),
    [
        ("1570", "C" * 21, True),
        ("1570", "C" * 20, False),
        ("1580", "C-1", True),
        ("1580", "C 1", True),
        ("1580", "Cx1", False),
    ],
)
def test_la_child_id_shape(code: str, child: str, fails: bool) -> None:
    data = census(ChildIdentifiers=[_ident(LAchildID=child)])
    assert failing_rows("cin", code, data) == ([("ChildIdentifiers", 10, child)] if fails else [])


def test_8500_la_child_id_missing() -> None:
    data = census(ChildIdentifiers=[_ident(LAchildID=None)])
    assert failing_rows("cin", "8500", data) == [("ChildIdentifiers", 10, None)]
    assert failing_rows("cin", "8500", census()) == []


def test_1520_and_8510_duplicates_flag_every_copy() -> None:
    twin = _ident(LAchildID="C2", _row=11)
    same_id = _ident(_row=11)
    assert failing_rows("cin", "1520", census(ChildIdentifiers=[IDENT, twin])) == [
        ("ChildIdentifiers", 10, CHILD),
        ("ChildIdentifiers", 11, "C2"),
    ]
    other_upn = _ident(LAchildID="C2", UPN=UPN[:12] + "A", _row=11)
    assert failing_rows("cin", "1520", census(ChildIdentifiers=[IDENT, other_upn])) == []
    assert failing_rows("cin", "8510", census(ChildIdentifiers=[IDENT, same_id])) == [
        ("ChildIdentifiers", 10, CHILD),
        ("ChildIdentifiers", 11, CHILD),
    ]
    assert failing_rows("cin", "8510", census(ChildIdentifiers=[IDENT, other_upn])) == []


def test_8770q_only_for_referrals_going_on_to_further_action() -> None:
    data = census(
        ChildIdentifiers=[_ident(UPN=None)], CINdetails=[with_(EPISODE, ReferralNFA="true")]
    )
    assert failing_rows("cin", "8770Q", data) == []


def test_8590_child_without_episode() -> None:
    other = with_(EPISODE, LAchildID="C2")
    assert failing_rows("cin", "8590", census(CINdetails=[other])) == FLAGGED
    assert failing_rows("cin", "8590", census()) == []


@pytest.mark.parametrize(("nfa", "fails"), [("false", True), ("0", True), ("true", False)])
def test_8772_un7_only_for_nfa_referrals(nfa: str, fails: bool) -> None:
    data = census(
        ChildIdentifiers=[_ident(UPN=None, UPNunknown="UN7")],
        CINdetails=[with_(EPISODE, ReferralNFA=nfa)],
    )
    assert failing_rows("cin", "8772", data) == (FLAGGED if fails else [])


def _children(total: int, unrecorded: int) -> list[Row]:
    rows = [
        _ident(
            LAchildID=f"C{i}", UPN=None, GenderCurrent="0" if i < unrecorded else "1", _row=i + 1
        )
        for i in range(total)
    ]
    # An unborn child is left out of the count either way.
    rows.append(
        _ident(
            LAchildID="U1",
            PersonBirthDate=None,
            ExpectedPersonBirthDate="2024-05-01",
            GenderCurrent="0",
            _row=total + 1,
        )
    )
    return rows


def test_2886q_more_than_two_percent_without_sex() -> None:
    over = failing_rows("cin", "2886Q", census(ChildIdentifiers=_children(100, 3)))
    assert over == [("ChildIdentifiers", i + 1, f"C{i}") for i in range(3)]
    assert failing_rows("cin", "2886Q", census(ChildIdentifiers=_children(100, 2))) == []


@given(
    st.text(alphabet="0123456789", min_size=11, max_size=11),
    st.sampled_from(list("0123456789" + UPN_LETTERS)),
)
def test_vectorised_check_letter_agrees_with_the_identifier_check(digits: str, last: str) -> None:
    body = digits + last
    frame = pl.DataFrame({"UPN": ["?" + body]})
    got = frame.select(upn.expected_check_letter("UPN")).item()
    assert got == upn_check_letter(body)


@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.sampled_from(UPN_LETTERS))
def test_1510_flags_exactly_the_wrong_letters(digits: str, letter: str) -> None:
    body = "201" + digits[3:] + "5"
    data = census(ChildIdentifiers=[_ident(UPN=letter + body)])
    expected = FLAGGED if letter != upn_check_letter(body) else []
    assert failing_rows("cin", "1510", data) == expected
