"""UPN check letters and NHS number check digits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguard.people.identifiers import (
    UPN_LETTERS,
    nhs_number_problem,
    normalise_nhs_number,
    normalise_upn,
    upn_check_letter,
    upn_problem,
)

#: Bodies (LA code, establishment, year, serial) with their hand-worked check letters.
WORKED = [
    # 9*2+5*3+0+0+0+0+1*8+7*9+8*10+3*11+0+1*13 = 230 = 10*23 → remainder 0 → A
    ("950000178301", "A"),
    # CIN census validator sample, valid: H243278544154
    ("243278544154", "H"),
]


def upn(body: str) -> str:
    return upn_check_letter(body) + body


@pytest.mark.parametrize(("body", "letter"), WORKED)
def test_check_letter_matches_worked_examples(body, letter):
    assert upn_check_letter(body) == letter
    assert upn_problem(letter + body) is None


@pytest.mark.parametrize("body", ["938612345001", "201000099000", "888777666555"])
def test_generated_upns_are_valid(body):
    assert upn_problem(upn(body)) is None


def test_alphabet_has_23_letters_without_i_o_s():
    assert len(UPN_LETTERS) == 23
    assert not set("IOS") & set(UPN_LETTERS)


def test_wrong_check_letter_is_a_mistyped_upn():
    good = upn("938612345001")
    wrong = next(letter for letter in UPN_LETTERS if letter != good[0])
    problem = upn_problem(wrong + good[1:])
    assert problem is not None
    assert f"should be {good[0]!r}, not {wrong!r}" in problem


def test_transposed_digits_are_caught():
    good = upn("938612345001")
    swapped = good[:2] + good[3] + good[2] + good[4:]
    assert swapped != good
    assert upn_problem(swapped) is not None


def test_temporary_upn_ending_in_a_letter_is_valid():
    temporary = upn("93861234500A")
    assert temporary[-1] == "A"
    assert upn_problem(temporary) is None
    assert upn_problem(upn("93861234500Z")) is None


def test_temporary_upn_letter_counts_in_the_check():
    assert upn_check_letter("93861234500A") != upn_check_letter("93861234500B")


@pytest.mark.parametrize("letter", ["I", "O", "S"])
def test_temporary_upn_cannot_end_in_i_o_or_s(letter):
    body = "93861234500" + letter
    problem = upn_problem("A" + body)
    assert problem is not None
    assert "cannot end in" in problem


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "A12345678901",  # 12 characters
        "A1234567890123",  # 14 characters
        "1234567890123",  # no check letter
        "A12345678901B2",
        "AB2345678901C",  # letter inside the body
        "a950000178301",  # lower case: normalise first
        "A95000017830 1",
        "A950000178301\n",  # "$" would have let the newline through
        "A٩50000178301",  # a non-ASCII digit
    ],
)
def test_bad_shapes_are_refused_with_a_reason(bad):
    problem = upn_problem(bad)
    assert problem is not None
    assert "13 characters" in problem


def test_check_letter_needs_a_twelve_character_body():
    with pytest.raises(ValueError, match="12 characters"):
        upn_check_letter("12345")
    with pytest.raises(ValueError, match="Unexpected character"):
        upn_check_letter("1234567890A1")


def test_normalise_upn():
    assert normalise_upn("  a950000178301 ") == "A950000178301"


@given(
    digits=st.text(alphabet="0123456789", min_size=11, max_size=11),
    last=st.sampled_from("0123456789" + UPN_LETTERS),
)
def test_any_body_prefixed_with_its_check_letter_is_valid(digits, last):
    body = digits + last
    assert upn_problem(upn_check_letter(body) + body) is None


@given(
    digits=st.text(alphabet="0123456789", min_size=11, max_size=11),
    last=st.sampled_from("0123456789" + UPN_LETTERS),
    data=st.data(),
)
def test_any_other_check_letter_is_refused(digits, last, data):
    body = digits + last
    right = upn_check_letter(body)
    wrong = data.draw(st.sampled_from([c for c in UPN_LETTERS if c != right]))
    assert upn_problem(wrong + body) is not None


@pytest.mark.parametrize("number", ["9434765919", "943 476 5919", "943-476-5919", "4010232137"])
def test_valid_nhs_numbers(number):
    assert nhs_number_problem(number) is None


def test_nhs_number_with_wrong_check_digit():
    problem = nhs_number_problem("9434765918")
    assert problem is not None
    assert "check digit" in problem


def test_nhs_number_whose_check_would_be_ten_is_never_valid():
    # 10 - 0s: weights give a check of 10 for this stem, so no final digit is valid.
    stem = next(
        s
        for s in (f"{n:09d}" for n in range(100000000, 100001000))
        if 11 - sum(int(d) * w for d, w in zip(s, range(10, 1, -1), strict=True)) % 11 == 10
    )
    assert all(nhs_number_problem(stem + str(d)) is not None for d in range(10))


FULLWIDTH = "".join(chr(0xFF10 + int(d)) for d in "9434765919")  # digits, but not ASCII


@pytest.mark.parametrize("bad", ["", "943476591", "94347659190", "94347659X9", FULLWIDTH])
def test_nhs_number_is_ten_ascii_digits(bad):
    assert nhs_number_problem(bad) == "An NHS number is 10 digits."


def test_normalise_nhs_number():
    assert normalise_nhs_number(" 943 476-5919 ") == "9434765919"
