"""Read a CIN census XML file (ours or another system's) into the contract tables.

The file is streamed one ``Child`` at a time (lxml iterparse, each child cleared once
flattened), so 25,000 children read in a couple of seconds in little memory. Values are
kept as the text in the file; a value the XSD would reject is for the rules to report,
not the reader. Only what makes the file impossible to flatten is refused, with a
``ReturnFileError`` naming the line and element: XML that is not well formed, a root
other than ``Message``, no ``Children``, a ``Child`` without a ``LAchildID``, or no
collection year (no Header ReferenceDate and no ``year=``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import polars as pl
from lxml import etree

from safeguard.returns.importing import ReturnFileError
from safeguard.returns.periods import collection_end, collection_start
from safeguard.returns.rules.registry import ReturnData
from safeguard.returns.tables import CIN_TABLES, ROW

Element = etree._Element
Row = dict[str, str | int | None]


def _name(element: Element) -> str:
    """The element's local name (a namespace another system added is ignored)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # a comment or processing instruction
    return tag if "}" not in tag else tag.rsplit("}", 1)[-1]


def _line(element: Element) -> int:
    return int(getattr(element, "sourceline", None) or 0)


def _value(element: Element) -> str | None:
    value = (element.text or "").strip()
    return value or None


def _children(element: Element) -> Iterator[Element]:
    """Child elements only (no comments or processing instructions)."""
    return element.iterchildren("{*}*")


def _fields(element: Element, columns: tuple[str, ...], row: Row) -> Row:
    """Fill the row's leaf columns from the element's children (first occurrence wins)."""
    for child in _children(element):
        name = _name(child)
        if name in columns and row.get(name) is None:
            row[name] = _value(child)
    return row


class _Flattener:
    def __init__(self, file: str) -> None:
        self.file = file
        self.rows: dict[str, list[Row]] = {name: [] for name in CIN_TABLES}

    def add(self, table: str, element: Element, row: Row) -> Row:
        row[ROW] = _line(element)
        self.rows[table].append(row)
        return row

    def header(self, element: Element) -> None:
        row: Row = {}
        for part in _children(element):
            if _name(part) in ("CollectionDetails", "Source"):
                _fields(part, CIN_TABLES["Header"], row)
        self.add("Header", element, row)

    def child(self, element: Element) -> None:
        parts = list(_children(element))
        identifiers = next((p for p in parts if _name(p) == "ChildIdentifiers"), None)
        child_id = None
        if identifiers is not None:
            found = next((c for c in _children(identifiers) if _name(c) == "LAchildID"), None)
            child_id = _value(found) if found is not None else None
        if identifiers is None or child_id is None:
            raise ReturnFileError(
                self.file,
                "a child without an LA child id cannot be read",
                line=_line(identifiers if identifiers is not None else element),
                element="Child",
                expected="<ChildIdentifiers><LAchildID>…</LAchildID> in every <Child>",
            )
        key: Row = {"LAchildID": child_id}
        self.add(
            "ChildIdentifiers",
            identifiers,
            _fields(identifiers, CIN_TABLES["ChildIdentifiers"], dict(key)),
        )
        episodes = 0
        for part in parts:
            name = _name(part)
            if name == "ChildCharacteristics":
                self.characteristics(part, key)
            elif name == "CINdetails":
                episodes += 1
                self.episode(part, {**key, "CINdetailsID": str(episodes)})

    def characteristics(self, element: Element, key: Row) -> None:
        self.add("ChildCharacteristics", element, _fields(element, ("Ethnicity",), dict(key)))
        for part in _children(element):
            if _name(part) == "Disabilities":
                for code in _children(part):
                    if _name(code) == "Disability":
                        self.add("Disabilities", code, {**key, "Disability": _value(code)})

    def episode(self, element: Element, key: Row) -> None:
        self.add("CINdetails", element, _fields(element, CIN_TABLES["CINdetails"], dict(key)))
        assessments = plans = 0
        for part in _children(element):
            name = _name(part)
            if name == "Assessments":
                assessments += 1
                self.assessment(part, {**key, "AssessmentID": str(assessments)})
            elif name == "CINPlanDates":
                self.add("CINplanDates", part, _fields(part, CIN_TABLES["CINplanDates"], dict(key)))
            elif name == "Section47":
                self.add("Section47", part, _fields(part, CIN_TABLES["Section47"], dict(key)))
            elif name == "ChildProtectionPlans":
                plans += 1
                self.cp_plan(part, {**key, "CPPID": str(plans)})

    def assessment(self, element: Element, key: Row) -> None:
        self.add("Assessments", element, _fields(element, CIN_TABLES["Assessments"], dict(key)))
        for part in _children(element):
            if _name(part) == "FactorsIdentifiedAtAssessment":
                for factor in _children(part):
                    if _name(factor) == "AssessmentFactors":
                        row = {**key, "AssessmentFactors": _value(factor)}
                        self.add("AssessmentFactors", factor, row)

    def cp_plan(self, element: Element, key: Row) -> None:
        columns = CIN_TABLES["ChildProtectionPlans"]
        self.add("ChildProtectionPlans", element, _fields(element, columns, dict(key)))
        for part in _children(element):
            if _name(part) == "Reviews":
                for review in _children(part):
                    if _name(review) == "CPPreviewDate":
                        self.add("Reviews", review, {**key, "CPPreviewDate": _value(review)})

    def tables(self) -> dict[str, pl.DataFrame]:
        out = {}
        for name, columns in CIN_TABLES.items():
            rows = self.rows[name]
            data: dict[str, list[object]] = {c: [r.get(c) for r in rows] for c in columns}
            data[ROW] = [r[ROW] for r in rows]
            schema: dict[str, pl.DataType] = {c: pl.Utf8() for c in columns}
            schema[ROW] = pl.Int64()
            out[name] = pl.DataFrame(data, schema=schema)
        return out


def _root_name(path: Path) -> tuple[str, int]:
    """The root element's name and line, read from the start of the file only."""
    for _event, element in etree.iterparse(str(path), events=("start",), huge_tree=True):
        return _name(element), _line(element)
    return "", 0


def _stream(path: Path, flattener: _Flattener) -> None:
    file = str(path)
    seen_children = False
    try:
        root, line = _root_name(path)
        if root != "Message":
            raise ReturnFileError(
                file,
                "this is not a CIN census file",
                line=line,
                element=root,
                expected="the root element <Message>",
            )
        # Only these elements reach Python; everything inside a Child is read from it.
        wanted = ("{*}Children", "{*}Header", "{*}Child")
        for event, element in etree.iterparse(
            str(path), events=("start", "end"), tag=wanted, remove_comments=True, huge_tree=True
        ):
            if event == "start":
                seen_children = seen_children or _name(element) == "Children"
                continue
            name = _name(element)
            parent = element.getparent()
            parent_name = _name(parent) if parent is not None else ""
            if name == "Header" and parent_name == "Message":
                flattener.header(element)
                element.clear()
            elif name == "Child" and parent_name == "Children" and parent is not None:
                flattener.child(element)
                element.clear(keep_tail=False)
                while element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as error:
        raise ReturnFileError(
            file,
            f"the XML is not well formed: {error.msg}",
            line=error.lineno,
            expected="well-formed XML",
        ) from None
    except OSError as error:
        raise ReturnFileError(file, f"the file cannot be read: {error}") from None
    if not seen_children:
        raise ReturnFileError(
            file,
            "the file has no children",
            element="Message",
            expected="<Children> after the <Header>",
        )


def _year_from_header(file: str, header: pl.DataFrame) -> int:
    if header.is_empty() or header["ReferenceDate"][0] is None:
        raise ReturnFileError(
            file,
            "the collection year is not known",
            element="ReferenceDate",
            expected="a Header ReferenceDate, or --year YYYY",
        )
    text = str(header["ReferenceDate"][0])
    line = int(header[ROW][0])
    try:
        day = dt.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        day = None
    if day is None:
        raise ReturnFileError(
            file,
            "the collection year cannot be read from the reference date",
            line=line,
            element="ReferenceDate",
            value=text,
            expected="YYYY-MM-DD, or --year YYYY",
        )
    # The census reference date is 31 March; a year ending on it names the collection.
    return day.year if day.month <= 3 else day.year + 1


def read_cin_census(path: Path, *, year: int | None = None) -> ReturnData:
    """The census in ``path`` as the contract tables (``_row`` = the element's line)."""
    flattener = _Flattener(str(path))
    _stream(path, flattener)
    tables = flattener.tables()
    if year is None:
        year = _year_from_header(str(path), tables["Header"])
    header = tables["Header"]
    la_code = str(header["LEA"][0]) if header.height and header["LEA"][0] is not None else ""
    return ReturnData(
        kind="cin",
        tables=tables,
        collection_start=collection_start(year),
        collection_end=collection_end(year),
        la_code=la_code,
    )
