"""`safeguard import ssda903 DIR`: load another system's SSDA903 into the records.

Children are matched by LA child id (CHILD) and created from the Header file when new;
everything else is matched by the child and the row's own date, so importing the same
files again creates and updates nothing. Files are read and every value checked first
(``values``); then one transaction writes them, and a ``ReturnFileError`` at any point
(a value the import needs is blank) rolls the whole import back. A row the records
cannot take (a review on a day the child was not looked after, a child held with a
different date of birth) is rejected on its own and listed in the summary.

Steps, in order: people (Header, UASC) and the first child of a mother (``mothers``),
episodes and periods of care (``import_care``), the records that hang off them
(``import_records``), social worker episodes (here: a worker is matched by SW_ID = staff
id; one the records lack is created in the "Imported records" team). Writes are made as
one bulk "import" audit entry, not row by row (docs/audit.md).

What our own export changes on the way out is read back as no change (``export``):

- a UPN reason UN1 when UN6 is held (the census's finer reason for the same thing);
- a social worker episode's SW_DEC on the day the child's care ended (the file's
  Episodes all end by 31 March, the latest on that day) when the records hold the
  allocation running on after it: the export stops a care leaver's social worker
  episodes at the end of care, the case itself may have gone on.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguard.core import audit_hooks
from safeguard.core.codes import codelist
from safeguard.people.models import Person
from safeguard.people.services import register_person, update_person_details
from safeguard.returns.importing import ImportSummary
from safeguard.returns.ssda903 import import_care, import_records
from safeguard.returns.ssda903.cohorts import Year
from safeguard.returns.ssda903.export import UPN_UNKNOWN_IN_903
from safeguard.returns.ssda903.importing import Rejected, Row, Run, kept_end, need
from safeguard.returns.ssda903.mothers import import_mothers
from safeguard.returns.ssda903.reader import read_ssda903
from safeguard.returns.ssda903.values import typed_rows
from safeguard.returns.tables import ROW, SSDA903_TABLES
from safeguard.workforce.models import Allocation, ServiceArea, Team, Worker, WorkerRole

IMPORTED_TEAM = "Imported records"
#: Names for a person the return identifies only by number (the return holds no names).
UNNAMED = "Not recorded"


def import_ssda903(folder: Path, *, year: int | None = None) -> ImportSummary:
    """Import the files in ``folder`` for the collection year (default: from the files)."""
    data = read_ssda903(folder, year=year)
    rows = {name: typed_rows(name, data.table(name)) for name in SSDA903_TABLES}
    run = Run(span=Year(data.collection_start, data.collection_end), rows=rows)
    with transaction.atomic(), audit_hooks.suspended():
        import_people(run)
        import_uasc(run)
        import_mothers(run)
        import_care.import_episodes(run)
        import_records.import_reviews(run)
        import_records.import_oc2(run)
        import_records.import_oc3(run)
        import_records.import_adoption(run)
        import_records.import_prev_perm(run)
        import_records.import_missing(run)
        import_social_workers(run)
        _record(run, folder)
    return run.summary


def _record(run: Run, folder: Path) -> None:
    from safeguard.audit.services import record_event

    summary = run.summary
    changed = sum(summary.created.values()) + sum(summary.updated.values())
    record_event(
        action="import",
        summary=(
            f"{run.label} imported from {folder.name}: {sum(summary.created.values()):,} "
            f"created, {sum(summary.updated.values()):,} updated, "
            f"{len(summary.rejected):,} rejected"
        ),
        row_count=changed,
    )


# --- people -------------------------------------------------------------------------------


def import_people(run: Run) -> None:
    header: dict[str, Row] = {}
    for line in run.rows["Header"]:
        if line["CHILD"] in header:
            run.reject(
                line["CHILD"], "appears twice in the Header file; the first row is used", line[ROW]
            )
            continue
        header[line["CHILD"]] = line
    mentioned = sorted({r["CHILD"] for rows in run.rows.values() for r in rows})
    held: dict[str, Person] = {}
    for i in range(0, len(mentioned), 500):
        for person in Person.objects.filter(la_child_id__in=mentioned[i : i + 500]):
            held[person.la_child_id] = person
    for child in mentioned:
        row = header.get(child)
        found = held.get(child)
        try:
            if found is None and row is None:
                raise Rejected("is not in the Header file and not held in the records")
            if found is None:
                assert row is not None
                person = _register(row)
                run.count("created", "person")
            else:
                person = _update(run, found, row) if row is not None else found
        except Rejected as refusal:
            run.reject_child(child, str(refusal), row[ROW] if row else None)
            continue
        except ValidationError as error:
            run.reject_child(child, " ".join(error.messages), row[ROW] if row else None)
            continue
        run.people[child] = person


def _identity(row: Row) -> dict[str, str]:
    upn = row["UPN"] or ""
    unknown = upn if upn.upper() in codes_upn_unknown() else ""
    values = {"upn": "" if unknown else upn, "upn_unknown_reason": unknown.upper()}
    if row["SEX"]:
        values["gender"] = row["SEX"]
    if row["ETHNIC"]:
        values["ethnicity"] = row["ETHNIC"]
    return values


def codes_upn_unknown() -> frozenset[str]:
    """The reasons a UPN is unknown: the SSDA903 UPN column holds one instead of a UPN."""
    return frozenset(codelist("upn_unknown").labels)


def _register(row: Row) -> Person:
    with transaction.atomic():
        return register_person(
            la_child_id=row["CHILD"],
            first_name=UNNAMED,
            last_name=UNNAMED,
            date_of_birth=row["DOB"],
            **_identity(row),  # type: ignore[arg-type]
        )


def _update(run: Run, person: Person, row: Row) -> Person:
    dob: dt.date | None = row["DOB"]
    if dob is not None and person.date_of_birth is not None and dob != person.date_of_birth:
        raise Rejected(
            f"is held with date of birth {person.date_of_birth:%d/%m/%Y}, not {dob:%d/%m/%Y}"
        )
    changes: dict[str, object] = {
        n: v for n, v in _identity(row).items() if v and getattr(person, n) != v
    }
    if changes.get("upn"):
        changes["upn_unknown_reason"] = ""
    if changes.get("upn_unknown_reason") and person.upn:
        del changes["upn_unknown_reason"]  # a UPN held is not replaced by "unknown"
    held_as = UPN_UNKNOWN_IN_903.get(person.upn_unknown_reason)
    if held_as is not None and changes.get("upn_unknown_reason") == held_as:
        del changes["upn_unknown_reason"]  # UN1 is how the SSDA903 says the UN6 held
    if dob is not None and person.date_of_birth is None:
        changes["date_of_birth"] = dob
    if not changes:
        run.count("unchanged", "person")
        return person
    with transaction.atomic():
        person = update_person_details(
            person=person,
            expected_version=person.version,
            **changes,  # type: ignore[arg-type]
        )
    run.count("updated", "person")
    return person


def import_uasc(run: Run) -> None:
    """Listed in UASC: is or was an unaccompanied asylum-seeking child (DUC: when it ceased)."""
    for row, person in run.table("UASC"):
        ceased = row["DUC"] or person.uasc_ceased_on
        if person.is_uasc and person.uasc_ceased_on == ceased:
            run.count("unchanged", "UASC status")
            continue
        with run.row(row):
            run.people[row["CHILD"]] = update_person_details(
                person=person, expected_version=person.version, is_uasc=True, uasc_ceased_on=ceased
            )
            run.count("updated", "UASC status")


# --- social workers -----------------------------------------------------------------------


def import_social_workers(run: Run) -> None:
    by_child = run.by_child("SWEpisodes")
    if not by_child:
        return
    staff = sorted({need("SWEpisodes", r, "SW_ID") for rows in by_child.values() for r in rows})
    workers = {w.staff_id: w for w in Worker.objects.filter(staff_id__in=staff)}
    left = _care_ended(run)
    for person, rows in by_child.items():
        held = {a.started_on: a for a in Allocation.objects.filter(child=person)}
        rows = sorted(rows, key=lambda r: need("SWEpisodes", r, "SW_DECOM"))
        # Ended allocations first, so that "one open allocation per child" holds throughout.
        for index, row in sorted(enumerate(rows), key=lambda i: i[1]["SW_DEC"] is None):
            following = rows[index + 1] if index + 1 < len(rows) else None
            with run.row(row):
                _allocation(
                    run, person, row, following, held, workers, left.get(person.la_child_id)
                )


def _care_ended(run: Run) -> dict[str, dt.date]:
    """CHILD → the day care ended, for a child whose episodes in the file all end by 31 March."""
    ends: dict[str, list[dt.date | None]] = {}
    for row in run.rows["Episodes"]:
        ends.setdefault(row["CHILD"], []).append(row["DEC"])
    return {
        child: max(d for d in days if d is not None)
        for child, days in ends.items()
        if all(d is not None and d <= run.span.end for d in days)
    }


def _allocation(
    run: Run,
    person: Person,
    row: Row,
    following: Row | None,
    held: dict[dt.date, Allocation],
    workers: dict[str, Worker],
    care_ended: dt.date | None,
) -> None:
    start: dt.date = row["SW_DECOM"]
    worker = workers.get(row["SW_ID"]) or _imported_worker(run, row["SW_ID"], start, workers)
    allocation = held.get(start)
    held_end = allocation.ended_on if allocation else None
    ended = kept_end(row["SW_DEC"], held_end, run.span)
    if (
        care_ended is not None
        and ended == care_ended
        and allocation is not None
        and (held_end is None or held_end > care_ended)
    ):
        ended = held_end  # the export's cut at the end of care, not the allocation's end
    if ended is not None and ended < start:
        raise Rejected(f"the social worker episode from {start:%d/%m/%Y} ends before it starts")
    values: dict[str, object] = {
        "worker": worker,
        "ended_on": ended,
        "start_reason": row["SW_REASON"] or (allocation.start_reason if allocation else ""),
    }
    if allocation is None:
        allocation = Allocation(child=person, started_on=start)
        if following is not None and following["SW_DECOM"] == ended:
            values["end_reason"] = following["SW_REASON"] or ""
    run.save("social worker episode", allocation, values)


def _imported_worker(run: Run, staff_id: str, start: dt.date, workers: dict[str, Worker]) -> Worker:
    team, created = Team.objects.get_or_create(
        name=IMPORTED_TEAM, defaults={"service_area": ServiceArea.CHILDREN_IN_CARE}
    )
    if created:
        run.count("created", "team")
    earliest = min(
        r["SW_DECOM"] for r in run.rows["SWEpisodes"] if r["SW_ID"] == staff_id and r["SW_DECOM"]
    )
    worker = Worker.objects.create(
        staff_id=staff_id,
        first_name=UNNAMED,
        last_name=f"(social worker {staff_id})",
        role=WorkerRole.SOCIAL_WORKER,
        team=team,
        started_on=min(earliest, start),
    )
    run.count("created", "worker")
    workers[staff_id] = worker
    return worker


__all__ = ["IMPORTED_TEAM", "import_ssda903"]
