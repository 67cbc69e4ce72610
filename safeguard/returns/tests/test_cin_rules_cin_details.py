"""CIN census rules on one CIN episode: codes, referral and closure dates."""

from __future__ import annotations

import pytest

from safeguard.returns.testing.builders import failing_rows
from safeguard.returns.tests.test_cin_rules_valid import CHILD, EPISODE, IDENT, census, with_

FLAGGED = [("CINdetails", 30, CHILD)]


@pytest.mark.parametrize(
    ("code", "values", "fails"),
    [
        ("8568", {"ReferralNFA": "yes"}, True),
        ("8568", {"ReferralNFA": None}, True),
        ("8568", {"ReferralNFA": "0"}, False),
        ("8568", {"ReferralNFA": "TRUE"}, False),
        # 1 April 2023 is a Saturday: the working day before it is Friday 31 March.
        ("8569Q", {"CINreferralDate": "2023-03-30", "ReferralNFA": "true"}, True),
        ("8569Q", {"CINreferralDate": "2023-03-31", "ReferralNFA": "true"}, False),
        ("8569Q", {"CINreferralDate": "2023-03-30", "ReferralNFA": "false"}, False),
        ("8600", {"CINreferralDate": "2024-04-01"}, True),
        ("8600", {"CINreferralDate": None}, True),
        ("8600", {"CINreferralDate": "2024-31-03"}, True),  # not a date
        ("8600", {"CINreferralDate": "2024-03-31"}, False),
        ("8610", {"PrimaryNeedCode": None}, True),
        ("8610", {"PrimaryNeedCode": None, "ReferralNFA": "true"}, False),
        ("8610", {"PrimaryNeedCode": "N4"}, False),
        ("8620", {"CINclosureDate": "2023-03-31", "ReasonForClosure": "RC7"}, True),
        ("8620", {"CINclosureDate": "2024-04-01", "ReasonForClosure": "RC7"}, True),
        ("8620", {"CINclosureDate": "2024-03-31", "ReasonForClosure": "RC7"}, False),
        ("8630", {"CINclosureDate": "2023-05-01"}, True),
        ("8630", {"CINclosureDate": "2023-05-02"}, False),
        ("8640", {"CINclosureDate": "2024-01-05", "ReasonForClosure": "RC10"}, True),
        ("8640", {"CINclosureDate": "2024-01-05", "ReasonForClosure": "RC9"}, False),
        ("8640", {"ReasonForClosure": None}, False),
        ("8650", {"PrimaryNeedCode": "N10"}, True),
        ("8650", {"PrimaryNeedCode": "N0"}, False),
        ("8650", {"PrimaryNeedCode": None}, False),
        ("8805", {"CINclosureDate": "2024-01-05"}, True),
        ("8805", {"CINclosureDate": "2024-01-05", "ReasonForClosure": "RC7"}, False),
        ("8810", {"ReasonForClosure": "RC7"}, True),
        ("8810", {"ReasonForClosure": "RC7", "CINclosureDate": "2024-01-05"}, False),
        ("8866", {"ReferralSource": "1E"}, True),
        ("8866", {"ReferralSource": None}, True),
        ("8866", {"ReferralSource": "10"}, False),
        ("8866", {"ReferralSource": "5D"}, False),
    ],
)
def test_episode_rules(code: str, values: dict[str, str | None], fails: bool) -> None:
    data = census(CINdetails=[with_(EPISODE, **values)])
    assert failing_rows("cin", code, data) == (FLAGGED if fails else [])


@pytest.mark.parametrize(
    ("code", "episode", "child", "fails"),
    [
        ("8555Q", {"CINreferralDate": "2023-05-02"}, {"PersonDeathDate": "2023-05-01"}, True),
        ("8555Q", {"CINreferralDate": "2023-05-02"}, {"PersonDeathDate": "2023-05-02"}, False),
        ("8585Q", {"CINclosureDate": "2024-01-05", "ReasonForClosure": "RC2"}, {}, True),
        (
            "8585Q",
            {"CINclosureDate": "2024-01-05", "ReasonForClosure": "RC2"},
            {"PersonDeathDate": "2024-01-05"},
            False,
        ),
        ("8585Q", {"CINclosureDate": "2024-01-05", "ReasonForClosure": "RC7"}, {}, False),
        # A pre-birth referral may come up to 280 days (40 weeks) before the birth.
        ("8606", {"CINreferralDate": "2023-06-01"}, {"PersonBirthDate": "2024-03-08"}, True),
        ("8606", {"CINreferralDate": "2023-06-02"}, {"PersonBirthDate": "2024-03-08"}, False),
        (
            "8606",
            {"CINreferralDate": "2023-06-01"},
            {"PersonBirthDate": None, "ExpectedPersonBirthDate": "2024-03-08"},
            True,
        ),
        (
            "8606",
            {"CINreferralDate": "2023-06-02"},
            {"PersonBirthDate": None, "ExpectedPersonBirthDate": "2024-03-08"},
            False,
        ),
    ],
)
def test_episode_against_child(
    code: str, episode: dict[str, str | None], child: dict[str, str | None], fails: bool
) -> None:
    data = census(CINdetails=[with_(EPISODE, **episode)], ChildIdentifiers=[with_(IDENT, **child)])
    assert failing_rows("cin", code, data) == (FLAGGED if fails else [])
