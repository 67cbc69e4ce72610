"""The tables of each return: the one contract shared by exports, readers, importers and rules.

A return is held as a mapping of table name to a Polars frame. Every column is text
(``pl.Utf8``), exactly as it appears in the file, and null when the element or cell is
absent or empty: rules parse what they need (``returns.rules.expr``), so a badly
formatted value is itself something a rule can report rather than a reader crash.
Every table also has ``_row``: the line in the source file (the element's line in XML,
the line number in CSV, header = line 1), so an error report can point at it.

CIN census XML is hierarchical; it is flattened to the tables below, keyed by
``LAchildID`` and, below the CIN episode, ``CINdetailsID`` (1, 2, ... in document order
within the child), ``AssessmentID`` and ``CPPID`` (1, 2, ... within the episode).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

ROW = "_row"

#: CIN census tables and their columns (XSD element names), in file order.
CIN_TABLES: Mapping[str, tuple[str, ...]] = {
    "Header": (
        "Collection",
        "Year",
        "ReferenceDate",
        "SourceLevel",
        "LEA",
        "SoftwareCode",
        "Release",
        "SerialNo",
        "DateTime",
    ),
    "ChildIdentifiers": (
        "LAchildID",
        "UPN",
        "FormerUPN",
        "UPNunknown",
        "PersonBirthDate",
        "ExpectedPersonBirthDate",
        "GenderCurrent",
        "PersonDeathDate",
    ),
    "ChildCharacteristics": ("LAchildID", "Ethnicity"),
    "Disabilities": ("LAchildID", "Disability"),
    "CINdetails": (
        "LAchildID",
        "CINdetailsID",
        "CINreferralDate",
        "ReferralSource",
        "PrimaryNeedCode",
        "CINclosureDate",
        "ReasonForClosure",
        "DateOfInitialCPC",
        "ReferralNFA",
    ),
    "Assessments": (
        "LAchildID",
        "CINdetailsID",
        "AssessmentID",
        "AssessmentActualStartDate",
        "AssessmentInternalReviewDate",
        "AssessmentAuthorisationDate",
    ),
    "AssessmentFactors": ("LAchildID", "CINdetailsID", "AssessmentID", "AssessmentFactors"),
    "CINplanDates": ("LAchildID", "CINdetailsID", "CINPlanStartDate", "CINPlanEndDate"),
    "Section47": (
        "LAchildID",
        "CINdetailsID",
        "S47ActualStartDate",
        "InitialCPCtarget",
        "DateOfInitialCPC",
        "ICPCnotRequired",
    ),
    "ChildProtectionPlans": (
        "LAchildID",
        "CINdetailsID",
        "CPPID",
        "CPPstartDate",
        "CPPendDate",
        "InitialCategoryOfAbuse",
        "LatestCategoryOfAbuse",
        "NumberOfPreviousCPP",
    ),
    "Reviews": ("LAchildID", "CINdetailsID", "CPPID", "CPPreviewDate"),
}

#: SSDA903 files (table name = the DfE's name for the file) and their columns, in order.
SSDA903_TABLES: Mapping[str, tuple[str, ...]] = {
    "Header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    "Episodes": (
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ),
    "Reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
    "UASC": ("CHILD", "DOB", "SEX", "DUC"),
    "OC2": (
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
    "OC3": ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    "AD1": (
        "CHILD",
        "DOB",
        "DATE_INT",
        "DATE_MATCH",
        "FOSTER_CARE",
        "NB_ADOPTR",
        "SEX_ADOPTR",
        "LS_ADOPTR",
    ),
    "PlacedAdoption": ("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
    "PrevPerm": ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"),
    "Missing": ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
    "SWEpisodes": ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"),
}

#: The file each SSDA903 table is written to and read from.
SSDA903_FILES: Mapping[str, str] = {name: f"{name}.csv" for name in SSDA903_TABLES}

#: Ofsted's provider list, a look-up a few SSDA903 rules need (``ReturnData.reference``
#: key ``provider_info``): one row per URN; codes comma-separated; dates DD/MM/YYYY.
PROVIDER_INFO_COLUMNS: tuple[str, ...] = (
    "URN",
    "PLACE_CODES",  # placement types (Episodes.PLACE) the provider may take, e.g. "K2,R1"
    "PROVIDER_CODES",  # placement provider codes (Episodes.PLACE_PROVIDER), e.g. "PR1"
    "POSTCODE",  # the provider's postcode
    "LA_CODE",  # the local authority code of the provider's location
    "REG_DATE",  # registered from
    "REG_END",  # registration ended (null while registered)
)

#: A postcode look-up (``ReturnData.reference`` key ``postcodes``) for the SSDA903 rules
#: on placement location and distance (164, 169, 179, 1015): the local authority of each
#: postcode and its grid position in metres (easting, northing), as text.
POSTCODE_COLUMNS: tuple[str, ...] = ("POSTCODE", "LA_CODE", "EASTING", "NORTHING")

#: The child key of each return.
CHILD_KEY = {"cin": "LAchildID", "ssda903": "CHILD"}

Tables = Mapping[str, pl.DataFrame]


def empty_table(columns: tuple[str, ...]) -> pl.DataFrame:
    """A table with no rows but every column, so rules never meet a missing column."""
    schema: dict[str, pl.DataType] = {name: pl.Utf8() for name in columns}
    schema[ROW] = pl.Int64()
    return pl.DataFrame(schema=schema)


def table_from_rows(
    columns: tuple[str, ...], rows: Sequence[Mapping[str, str | int | None]]
) -> pl.DataFrame:
    """Build a contract table from dicts (absent keys are null); ``_row`` defaults to 1, 2, ..."""
    data = {name: [row.get(name) for row in rows] for name in columns}
    for name in columns:
        data[name] = [None if v is None or v == "" else str(v) for v in data[name]]
    data[ROW] = [
        i + 1 if row.get(ROW) is None else int(row[ROW])  # type: ignore[arg-type]
        for i, row in enumerate(rows)
    ]
    schema: dict[str, pl.DataType] = {name: pl.Utf8() for name in columns}
    schema[ROW] = pl.Int64()
    return pl.DataFrame(data, schema=schema)


def complete(
    tables: Mapping[str, pl.DataFrame], layout: Mapping[str, tuple[str, ...]]
) -> dict[str, pl.DataFrame]:
    """Every table of the layout, empty where the input has none."""
    return {name: tables.get(name, empty_table(columns)) for name, columns in layout.items()}
