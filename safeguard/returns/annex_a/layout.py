"""Ofsted's Annex A lists: number, title, the months each looks back, and the headings.

Headings are Ofsted's, in the template's order; the coded ones are spelled exactly as the
data map spells them (including its "Eligibity Category" and "Suitability of
Accomodation"), so a sheet's headings are the keys a reader of the map looks for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

CHILD = (
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
)
DISABILITY = "Does the Child have a Disability"
TEAM = "Allocated Team"
WORKER = "Allocated Worker"
ALLOCATED = (TEAM, WORKER)


@dataclass(frozen=True)
class AnnexList:
    number: int
    title: str
    #: How far back the list looks from the as-at date (0: who is open on the day).
    months: int
    columns: tuple[str, ...]

    @property
    def sheet(self) -> str:
        return f"List {self.number}"

    @property
    def heading(self) -> str:
        return f"List {self.number}: {self.title}"


LISTS: tuple[AnnexList, ...] = (
    AnnexList(1, "Contacts", 6, (*CHILD, "Date of Contact", "Contact Source")),
    AnnexList(
        2,
        "Early Help",
        6,
        (
            *CHILD,
            "Assessment start date",
            "Assessment completion date",
            "Organisation completing assessment",
        ),
    ),
    AnnexList(
        3,
        "Referrals",
        6,
        (
            *CHILD,
            "Date of referral",
            "Referral Source",
            "Referral NFA?",
            "Number of Referrals in Last 12 Months",
            *ALLOCATED,
        ),
    ),
    AnnexList(
        4,
        "Assessments",
        6,
        (
            *CHILD,
            DISABILITY,
            "Continuous Assessment Start Date",
            "Child Seen During Continuous Assessment",
            "Continuous Assessment Date of Authorisation",
            "Was the child assessed as requiring LA children's social care support",
            *ALLOCATED,
        ),
    ),
    AnnexList(
        5,
        "Section 47 Enquiries and Initial Child Protection Conferences",
        6,
        (
            *CHILD,
            DISABILITY,
            "Strategy discussion initiating Section 47 Enquiry Start Date",
            "Was an Initial Child Protection Conference deemed unnecessary?",
            "Date of Initial Child Protection Conference",
            "Did the Initial Child Protection Conference Result in a Child Protection Plan",
            "Number of Section 47 Enquiries in the last 12 months",
            "Number of ICPCs in the last 12 months",
            *ALLOCATED,
        ),
    ),
    AnnexList(
        6,
        "Children in Need",
        6,
        (
            *CHILD,
            DISABILITY,
            "CIN Start Date",
            "Primary Need Code",
            "Date Child Was Last Seen",
            "CIN Closure Date",
            "Reason for Closure",
            "Case status",
            *ALLOCATED,
        ),
    ),
    AnnexList(
        7,
        "Child Protection",
        6,
        (
            *CHILD,
            DISABILITY,
            "Child Protection Plan Start Date",
            "Initial Category of Abuse",
            "Latest Category of Abuse",
            "Date of the Last Statutory Visit",
            "Was the Child Seen Alone?",
            "Date of latest review conference",
            "Child Protection Plan End Date",
            "Subject to Emergency Protection Order or Protected Under Police Powers in Last "
            "Six Months (Y/N)",
            "Number of Previous Child Protection Plans",
            *ALLOCATED,
        ),
    ),
    AnnexList(
        8,
        "Children in Care",
        6,
        (
            *CHILD,
            "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
            DISABILITY,
            "Date Started to be Looked After",
            "Child's Category of Need",
            "Is this a second or subsequent period of being a Looked After Child within the "
            "last 12 months (Y/N)",
            "Start date of current legal status",
            "Child's Legal Status",
            "Date of Latest Statutory Review",
            "Date of Last Social Work Visit",
            "What is the permanence plan for this child?",
            "Date of Last IRO Visit / Contact to the Child",
            "Date of Last Health Assessment",
            "Date of Last Dental Check",
            "Number of Placements in the Last 12 months",
            "Date Ceased to be Looked After",
            "Reason Ceased to be Looked After",
            "Start Date of Most Recent Placement",
            "Placement Type",
            "Placement Provider",
            "Placement postcode",
            "URN of Placement",
            "Placement Location",
            "LA of Placement",
            "Number of Episodes the Child has been 'Missing' from their Placement in the last "
            "12 months",
            "Number of Episodes the Child has been 'Absent' from their Placement in the last "
            "12 months",
            "Was the child offered a Return Interview after their last missing episode (Y/N)?",
            "Did the child accept a Return Interview after their last missing episode (Y/N)?",
            *ALLOCATED,
        ),
    ),
    AnnexList(
        9,
        "Care Leavers",
        0,
        (
            *CHILD,
            "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
            DISABILITY,
            *ALLOCATED,
            "Allocated Personal Advisor",
            "Eligibity Category",
            "Latest Pathway Plan Review Date",
            "LA in Touch",
            "Latest Date of Contact",
            "Type of accommodation",
            "Suitability of Accomodation",
            "Activity Status",
        ),
    ),
    AnnexList(
        10,
        "Adoption",
        12,
        (
            "Child Unique ID",
            "Family identifier",
            *CHILD[1:],
            DISABILITY,
            "Date the Child Entered Care",
            "Date of Decision that Child Should be Placed for Adoption",
            "Date of Placement Order",
            "Date of Matching Child and Prospective Adopters",
            "Date Placed for Adoption",
            "Date of Adoption Order",
            "Date of Decision that Child Should No Longer be Placed for Adoption",
            "Reason Why Child No Longer Placed for Adoption",
            "Date the child was placed for fostering in FFA or concurrent planning placement",
        ),
    ),
    AnnexList(
        11,
        "Adopters",
        12,
        (
            "Individual adopter identifier",
            "Family identifier",
            "Gender",
            "Ethnicity",
            "Disability",
            "Is the (prospective) adopter fostering for adoption?",
            "Date enquiry received",
            "Date Stage 1 started",
            "Date Stage 1 ended",
            "Date Stage 2 started",
            "Date Stage 2 ended",
            "Date application submitted",
            "Date application approved",
            "Date adopter matched with child(ren)",
            "Date child/children placed with adopter(s)",
            "No. of children placed",
            "Date of Adoption Order",
            "Date of leaving adoption process",
            "Reason for leaving adoption process",
        ),
    ),
)

BY_NUMBER = {annex.number: annex for annex in LISTS}


@dataclass(frozen=True)
class Window:
    """The days a list covers: ``start`` to ``as_at``, both included."""

    as_at: dt.date
    start: dt.date

    @classmethod
    def months_before(cls, as_at: dt.date, months: int) -> Window:
        """Six months before 31 March is 1 October to 31 March (the day after, six months
        back, so a window never covers the same calendar day twice)."""
        if months == 0:
            return cls(as_at, as_at)
        return cls(as_at, as_at - relativedelta(months=months) + dt.timedelta(days=1))

    def year(self) -> Window:
        """The 12 months to the as-at date (the lists' "in the last 12 months" counts)."""
        return Window.months_before(self.as_at, 12)
