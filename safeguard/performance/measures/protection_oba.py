"""Child protection conferences and plans in the OBA snapshot: quoracy, repeat plans and
advocacy (OBA2-10, OBA2-12, OBA2-16, OBA2-17), and the CP report's advocacy table.

Conferences are counted per child (the model holds one conference record per child, with
its own invitations and attendance, as the CIN census counts them); for a child
conferenced alone that is the same as counting meetings.
"""

from __future__ import annotations

import polars as pl

from safeguard.performance.data import Data, per_run
from safeguard.performance.measures.protection_common import (
    ADVOCACY_AGE,
    CP_LEAD,
    CP_REPORT_SOURCE,
    NOT_RECORDED,
    OBA_SOURCE,
    OUTCOMES_SOURCE,
    SELF_EVALUATION_SOURCE,
    age_on,
    breakdown,
    conferences_held,
    plans,
    with_children,
)
from safeguard.performance.periods import Period
from safeguard.performance.registry import (
    Figure,
    PeriodType,
    Polarity,
    Unit,
    count,
    in_period,
    measure,
    percent,
    rows,
)
from safeguard.protection.models import Agency, AttendanceStatus
from safeguard.protection.selectors import NOT_PARTNERS

AGENCY_LABELS = {str(a): str(a.label) for a in Agency}


@per_run
def quoracy(data: Data) -> pl.DataFrame:
    """Per conference: ``known`` (partners invited and attendance recorded) and the
    partner agencies invited that nobody attended from, as ``missing`` text.

    The same rule as ``protection.selectors.conference_quorum`` (what the chair's page
    shows), over every conference at once.
    """
    partners = pl.col("agency").is_in([str(a) for a in NOT_PARTNERS]).not_()
    invited = data.frame("conference_invitations").filter(partners)
    invited = invited.select("conference_id", "agency").unique()
    attendance = data.frame("conference_attendance")
    attended = attendance.filter(pl.col("status") == str(AttendanceStatus.ATTENDED))
    missing = (
        invited.join(
            attended.select("conference_id", "agency"), on=["conference_id", "agency"], how="anti"
        )
        .with_columns(
            label=pl.col("agency").replace_strict(AGENCY_LABELS, default=pl.col("agency"))
        )
        .sort("label")
        .group_by("conference_id")
        .agg(missing=pl.col("label").str.join(", "))
    )
    known = (
        invited.select("conference_id")
        .unique()
        .join(attendance.select("conference_id").unique(), on="conference_id", how="semi")
        .with_columns(known=pl.lit(True))
    )
    return known.join(missing, on="conference_id", how="left")


@measure(
    id="OBA2-10",
    name="CP conference quoracy",
    area="Child protection",
    cohort="Child protection conferences held in the period (initial and review), per child",
    numerator="Conferences at which every partner agency invited attended (health, police, "
    "school and the other partners; social care, the family, the child and advocates are "
    "not partners for quoracy)",
    denominator="Conferences held in the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=97.0,
    source=OBA_SOURCE,
    lead=CP_LEAD,
)
def conference_quoracy(data: Data, period: Period) -> Figure:
    """Judged from the invitations and the attendance list; where either is missing the
    chair's recorded "quorate" answer is used, and a conference with neither counts as
    not quorate ("quoracy not recorded") rather than being left out."""
    held = conferences_held(data).filter(in_period("held_on", period))
    held = held.join(quoracy(data), on="conference_id", how="left")
    known = pl.col("known").fill_null(False)
    held = held.with_columns(
        is_quorate=pl.when(known)
        .then(pl.col("missing").is_null())
        .otherwise(pl.col("quorate").fill_null(False)),
        why=pl.when(known & pl.col("missing").is_null())
        .then(pl.lit("every invited partner agency attended"))
        .when(known)
        .then(pl.concat_str(pl.lit("no one attended from "), pl.col("missing")))
        .when(pl.col("quorate").is_not_null())
        .then(
            pl.concat_str(
                pl.lit("recorded as "),
                pl.when(pl.col("quorate")).then(pl.lit("quorate")).otherwise(pl.lit("not quorate")),
                pl.lit(" (no invitation or attendance list)"),
            )
        )
        .otherwise(pl.lit("quoracy not recorded")),
    )
    record = pl.concat_str(pl.col("kind"), pl.lit(" conference"))
    return percent(
        rows(held.filter(pl.col("is_quorate")), on="held_on", record=record, detail="why"),
        rows(held, on="held_on", record=record, detail="why"),
    )


def new_plans(data: Data, period: Period) -> pl.DataFrame:
    return plans(data).filter(in_period("start_date", period))


def previous_plan_text() -> pl.Expr:
    return (
        pl.when(pl.col("repeat"))
        .then(
            pl.concat_str(
                pl.lit("plan "),
                pl.col("plan_number").cast(pl.Utf8),
                pl.lit("; previous plan ended "),
                pl.col("previous_end").cast(pl.Utf8),
            )
        )
        .otherwise(pl.lit("first plan"))
    )


@measure(
    id="OBA2-12",
    name="CP re-registration (second or subsequent plan)",
    area="Child protection",
    cohort="Child protection plans that started in the period",
    numerator="Plans for a child who had been subject to a CP plan before, at any time "
    "(the DfE 'second or subsequent plan'); CP-07 and CP-08 split them by whether the "
    "previous plan ended within 2 years",
    denominator="Plans that started in the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER,
    good=18.4,
    source=f"{OBA_SOURCE}; {OUTCOMES_SOURCE} (second or subsequent CP plan); "
    f"{SELF_EVALUATION_SOURCE}",
    lead=CP_LEAD,
)
def repeat_plan_rate(data: Data, period: Period) -> Figure:
    started = new_plans(data, period)
    return percent(
        rows(
            started.filter(pl.col("repeat")),
            on="start_date",
            record="CP plan",
            detail=previous_plan_text(),
        ),
        rows(started, on="start_date", record="CP plan", detail=previous_plan_text()),
    )


def advocacy_cohort(data: Data, period: Period) -> tuple[pl.DataFrame, str]:
    """Conferences held in the period for children aged 8 or over on the day, with what
    was recorded about advocacy; and a note on children whose age is not recorded."""
    held = with_children(
        conferences_held(data).filter(in_period("held_on", period)), data, "conferenced_children"
    )
    held = held.with_columns(age=age_on(pl.col("held_on")))
    unknown = held.filter(
        pl.col("date_of_birth").is_null() & pl.col("expected_date_of_birth").is_null()
    )
    note = (
        f"{unknown.height} conference(s) for children with no date of birth recorded are not "
        "in the cohort (their age is not known)."
        if unknown.height
        else ""
    )
    cohort = held.filter(pl.col("age") >= ADVOCACY_AGE)
    advocates = (
        data.frame("conference_attendance")
        .filter(
            (pl.col("agency") == str(Agency.ADVOCATE))
            & (pl.col("status") == str(AttendanceStatus.ATTENDED))
        )
        .select("conference_id")
        .unique()
        .with_columns(advocate_attended=pl.lit(True))
    )
    listed = (
        data.frame("conference_attendance")
        .filter(pl.col("agency") == str(Agency.ADVOCATE))
        .select("conference_id")
        .unique()
        .with_columns(advocate_listed=pl.lit(True))
    )
    cohort = cohort.join(advocates, on="conference_id", how="left").join(
        listed, on="conference_id", how="left"
    )
    offered = pl.col("advocacy_offered")
    accepted = pl.col("advocacy_accepted")
    return cohort.with_columns(
        advocacy=pl.when(offered.is_null())
        .then(pl.lit(NOT_RECORDED))
        .when(offered.not_())
        .then(pl.lit("Not offered"))
        .when(accepted.fill_null(False))
        .then(pl.lit("Offered and accepted"))
        .otherwise(pl.lit("Offered, not taken up")),
        # The attendance list is the better record; without an advocate row in it, an
        # accepted offer is taken as the advocate attending.
        attended=pl.when(pl.col("advocate_listed").fill_null(False))
        .then(pl.col("advocate_attended").fill_null(False))
        .otherwise(accepted.fill_null(False)),
        attended_why=pl.when(pl.col("advocate_listed").fill_null(False))
        .then(pl.lit("from the attendance list"))
        .otherwise(pl.lit("advocacy accepted (no advocate in the attendance list)")),
    ), note


def _advocacy_detail() -> pl.Expr:
    return pl.concat_str(
        pl.lit("aged "), pl.col("age").cast(pl.Utf8), pl.lit("; "), pl.col("advocacy")
    )


@measure(
    id="OBA2-16",
    name="Children offered an advocate for a CP conference",
    area="Child protection",
    cohort="Conferences (initial and review) held in the period for children aged 8 or over",
    numerator="Those where the child was offered (referred to) an advocate; from April 2019 "
    "referral is opt-out",
    denominator="Conferences held in the period for children aged 8 or over on the day",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=100.0,
    source=f"{OBA_SOURCE}; {CP_REPORT_SOURCE}",
    lead=CP_LEAD,
)
def advocate_offered(data: Data, period: Period) -> Figure:
    cohort, note = advocacy_cohort(data, period)
    record = pl.concat_str(pl.col("kind"), pl.lit(" conference"))
    figure = percent(
        rows(
            cohort.filter(pl.col("advocacy_offered").fill_null(False)),
            on="held_on",
            record=record,
            detail=_advocacy_detail(),
        ),
        rows(cohort, on="held_on", record=record, detail=_advocacy_detail()),
    )
    figure.note = note
    return figure


@measure(
    id="OBA2-17",
    name="Advocate attended the CP conference",
    area="Child protection",
    cohort="Conferences (initial and review) held in the period for children aged 8 or over",
    numerator="Those an advocate attended: an advocate marked as attending in the "
    "conference attendance list or, where the list has no advocate, advocacy accepted",
    denominator="Conferences held in the period for children aged 8 or over on the day",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source=OBA_SOURCE,
    lead=CP_LEAD,
)
def advocate_attended(data: Data, period: Period) -> Figure:
    cohort, note = advocacy_cohort(data, period)
    record = pl.concat_str(pl.col("kind"), pl.lit(" conference"))
    detail = pl.concat_str(_advocacy_detail(), pl.lit("; "), pl.col("attended_why"))
    figure = percent(
        rows(cohort.filter(pl.col("attended")), on="held_on", record=record, detail=detail),
        rows(cohort, on="held_on", record=record, detail=detail),
    )
    figure.note = note
    return figure


ADVOCACY_LABELS = ("Offered and accepted", "Offered, not taken up", "Not offered", NOT_RECORDED)


@measure(
    id="CP-20",
    name="Advocacy for children aged 8 or over being conferenced",
    area="Child protection",
    cohort="Conferences (initial and review) held in the period for children aged 8 or over",
    numerator="Conferences by what was recorded: offered (referred) and accepted, offered "
    "but not taken up, not offered, not recorded",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    frequency="Annual",
    source=CP_REPORT_SOURCE,
    lead=CP_LEAD,
)
def advocacy_breakdown(data: Data, period: Period) -> Figure:
    cohort, note = advocacy_cohort(data, period)
    record = pl.concat_str(pl.col("kind"), pl.lit(" conference"))
    figure = count(rows(cohort, on="held_on", record=record, detail=_advocacy_detail()))
    figure.breakdown = breakdown(cohort, "advocacy", ADVOCACY_LABELS)
    figure.note = note
    return figure
