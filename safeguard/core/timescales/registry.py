"""Every row of shared/domain/timescales.md as one declarative entry, in the table's order.

This list is the single source of truth that worklists, alerts, measures and data-quality
checks read. Change a number here (or locally, in SAFEGUARD_TIMESCALE_OVERRIDES) and every
consumer follows. ``interpretation`` records how an ambiguous row is read.
"""

from __future__ import annotations

from safeguard.core.timescales.model import Kind, Step, Timescale, Variant

WT2018_CH1 = "WT2018 ch.1"
CPR2010_R33 = "Care Planning Regs 2010 r.33"
HEALTH_GUIDANCE = "statutory guidance on health of looked-after children; seed 003/004"


def working_days(amount: int, *, before: bool = False) -> Step:
    return Step(Kind.WORKING_DAYS, amount, before=before)


def days(amount: int) -> Step:
    """Calendar-day ("days") rules roll forward to the next working day, as the table says."""
    return Step(Kind.DAYS, amount, roll_forward=True)


def weeks(amount: int) -> Step:
    return Step(Kind.WEEKS, amount)


def months(amount: int) -> Step:
    return Step(Kind.MONTHS, amount)


REGISTRY: tuple[Timescale, ...] = (
    Timescale(
        key="referral_decision",
        what="Referral acknowledged to referrer and next-step decision made",
        start_event="referral received",
        due="1 working day",
        source=WT2018_CH1,
        step=working_days(1),
    ),
    Timescale(
        key="assessment",
        what="Single (s17/s47) assessment completed; if late, reasons recorded",
        start_event="referral date, or date new information on an open case triggers re-assessment",
        due="45 working days",
        source=WT2018_CH1,
        step=working_days(45),
    ),
    Timescale(
        key="icpc",
        what="Initial child protection conference held",
        start_event="strategy discussion",
        due="15 working days",
        source=WT2018_CH1,
        step=working_days(15),
        interpretation="Counted from the strategy discussion at which s47 enquiries were "
        "initiated.",
    ),
    Timescale(
        key="icpc_notice",
        what="Partner agencies invited to an ICPC",
        start_event="ICPC date",
        due="invitations sent at least 5 working days before the ICPC",
        source="Dorset local rule, seed 000 §6.8 (quoracy)",
        step=working_days(5, before=True),
        interpretation="The due date is the latest send date: the 5th working day before "
        "the conference (an ICPC on Friday 11 January 2019 needs invitations out by Friday "
        "4 January). Sending earlier is on time.",
    ),
    Timescale(
        key="core_group",
        what="First core group meeting",
        start_event="ICPC",
        due="10 working days",
        source=WT2018_CH1,
        step=working_days(10),
    ),
    Timescale(
        key="rcpc_first",
        what="First review conference",
        start_event="ICPC",
        due="3 months",
        source=WT2018_CH1,
        step=months(3),
    ),
    Timescale(
        key="rcpc_next",
        what="Later review conferences",
        start_event="previous review conference",
        due="6 months",
        source=WT2018_CH1,
        step=months(6),
    ),
    Timescale(
        key="transfer_in_conference",
        what="Receiving authority's conference for a family that moved",
        start_event="notification of the move",
        due="15 working days",
        source=WT2018_CH1,
        step=working_days(15),
    ),
    Timescale(
        key="cp_plan_18",
        what="Review before a CP plan ends at 18",
        start_event="18th birthday",
        due="review planned before the birthday",
        source=WT2018_CH1,
        step=working_days(1, before=True),
        interpretation="The start is the 18th birthday itself (calendar.birthday(dob, 18); "
        "a 29 February birthday falls on 28 February). The review is due by the last "
        "working day before the birthday.",
    ),
    Timescale(
        key="cp_visit",
        what="Statutory CP visit (child seen)",
        start_event="plan start / previous visit",
        due="weekly, fortnightly or four-weekly (default four-weekly), judged by week window",
        source='seed 000, seed 004 ("seen in the last 4 weeks")',
        step=Step(Kind.WEEK_WINDOW, 4),
        context=("frequency",),
        interpretation="Frequency in weeks comes from the plan (context frequency: weekly, "
        "fortnightly, four-weekly or a number of weeks), else the default. The visit is due "
        "in the calendar week (Monday to Sunday) holding start + frequency weeks; any visit "
        "up to and including that Sunday is on time (an earlier visit is fine: it restarts "
        "the clock). Counting calendar days made correct weekly visits look late (seed 000 "
        "§6.27-6.28).",
    ),
    Timescale(
        key="cin_review",
        what="CIN plan review",
        start_event="CIN plan start / previous review",
        due="12 weeks (local CIN pathway)",
        source="seed 003 SIP key actions",
        step=weeks(12),
    ),
    Timescale(
        key="cin_visit",
        what="CIN visit",
        start_event="previous visit",
        due="local default 20 working days (configurable)",
        source="local practice",
        step=working_days(20),
    ),
    Timescale(
        key="lac_review_first",
        what="First looked-after review",
        start_event="date became looked after",
        due="20 working days",
        source=CPR2010_R33,
        step=working_days(20),
    ),
    Timescale(
        key="lac_review_second",
        what="Second looked-after review",
        start_event="first review",
        due="3 months",
        source=CPR2010_R33,
        step=months(3),
    ),
    Timescale(
        key="lac_review_next",
        what="Later looked-after reviews",
        start_event="previous review",
        due="6 months",
        source=CPR2010_R33,
        step=months(6),
    ),
    Timescale(
        key="lac_visit",
        what="Statutory visit to a child in care",
        start_event="placement start / previous visit",
        due="within 1 week of a new placement; then at most 6 weeks in the first year of a "
        "placement; then at most 3 months once a placement is long-term",
        source="Care Planning Regs 2010 r.28; seed 004 (seen within 6 weeks)",
        variants=(
            Variant("new_placement", "first visit of a new placement", weeks(1), "placement start"),
            Variant(
                "six_weekly",
                "later visits in the first year, or any placement not agreed as long-term",
                weeks(6),
                "previous visit",
            ),
            Variant(
                "long_term",
                "after the first year of a long-term placement",
                months(3),
                "previous visit",
            ),
        ),
        chooser="placement_stage",
        context=("placement_start", "long_term"),
        interpretation="Context placement_start (defaults to the start, i.e. the start is the "
        "placement start) and long_term (default false). Start on the placement start: 1 "
        "week. Start (the previous visit) in the placement's first year, or a placement "
        "not agreed as long-term: 6 weeks (r.28 keeps 6-weekly visits outside long-term "
        "placements). Previous visit after the first year of a long-term placement: 3 months.",
    ),
    Timescale(
        key="iha",
        what="Initial health assessment",
        start_event="became looked after",
        due="20 working days",
        source=HEALTH_GUIDANCE,
        step=working_days(20),
    ),
    Timescale(
        key="rha",
        what="Review health assessment",
        start_event="previous health assessment",
        due="6 months if under 5, 12 months if 5 or over",
        source=HEALTH_GUIDANCE,
        variants=(
            Variant("under_5", "child under 5 at the previous assessment", months(6)),
            Variant("5_and_over", "child 5 or over at the previous assessment", months(12)),
        ),
        chooser="age_under_5",
        context=("dob",),
        interpretation="Needs the date of birth (context dob). The child's age on the date "
        "of the previous health assessment decides the interval.",
    ),
    Timescale(
        key="dental",
        what="Dental check",
        start_event="previous check",
        due="12 months (for children in care 12+ months)",
        source="seed 004",
        step=months(12),
        interpretation="Applies to children looked after for 12 months or more; choosing "
        "the cohort is the caller's job.",
    ),
    Timescale(
        key="pep",
        what="Personal education plan",
        start_event="became looked after / previous PEP",
        due="first within 20 school days; then termly (3 a year)",
        source="seed 004",
        variants=(
            Variant(
                "first",
                "first PEP after becoming looked after",
                Step(Kind.SCHOOL_DAYS, 20),
                "date became looked after",
            ),
            Variant("termly", "later PEPs", Step(Kind.TERMS, 1), "previous PEP"),
        ),
        chooser="pep_stage",
        context=("stage", "terms"),
        interpretation="Context stage: first (default; start = date became looked after, due "
        "the 20th school day after) or termly (start = previous PEP, due the last school day "
        "of the term after the one the previous PEP was held in, or of the next term when "
        "it was held in a holiday), which gives one PEP every term. School days are working "
        "days inside a term and outside its half-term (core.SchoolTerm; pass terms= to "
        "avoid a database read).",
    ),
    Timescale(
        key="pathway_plan",
        what="Pathway plan for an eligible young person",
        start_event='16th birthday (PA allocated "as soon as possible after") / previous review',
        due="review every 6 months",
        source="seed 004; Care Leavers regs",
        step=months(6),
    ),
    Timescale(
        key="care_leaver_contact",
        what="Keeping in touch with a care leaver",
        start_event="previous contact",
        due="around 17th-18th and 19th-21st birthdays (DfE OC3 window); annually for 21-25",
        source="seed 004",
        step=Step(
            Kind.BIRTHDAY_WINDOW,
            1,
            months_before=3,
            months_after=1,
            first_age=17,
            last_age=25,
        ),
        context=("dob",),
        early_counts=False,
        interpretation="Needs the date of birth (context dob). Contact is due in a window "
        "from 3 months before to 1 month after each birthday from the 17th to the 25th "
        "(the SSDA903 'in touch' window, used yearly to 25). The due window is the first "
        "one that opens after the previous contact; contact is on time only inside it.",
    ),
    Timescale(
        key="rhi",
        what="Return home interview offered and held",
        start_event="child's return from a missing episode",
        due="72 hours (also reported: within 3 working days of notification of the return)",
        source="statutory guidance on missing children; seed 003 (OBA2-21), seed 004",
        variants=(
            Variant(
                "hours",
                "72 elapsed hours from the return",
                Step(Kind.HOURS, 72),
                "child's return from a missing episode",
            ),
            Variant(
                "working_days",
                "3 working days from notification of the return",
                working_days(3),
                "notification of the return",
            ),
        ),
        chooser="rhi_basis",
        context=("basis",),
        interpretation="Context basis: hours (default; start = the return, a timestamp; a "
        "bare date counts from midnight) or working_days (start = notification of the "
        "return).",
    ),
    Timescale(
        key="mace",
        what="Multi-Agency Child Exploitation meeting",
        start_event="moderation of a significant or moderate exploitation risk assessment",
        due="15 days",
        source="seed 000 §5.5",
        step=days(15),
    ),
    Timescale(
        key="mace_review",
        what="MACE review",
        start_event="previous MACE",
        due="6 weeks (significant risk), 12 weeks (moderate risk)",
        source="seed 004",
        variants=(
            Variant("significant", "significant risk", weeks(6)),
            Variant("moderate", "moderate risk", weeks(12)),
        ),
        chooser="risk",
        context=("risk",),
        interpretation="Needs the risk level (context risk: significant or moderate).",
    ),
    # -- CAROLE tactical group (issue 8) --
    Timescale(
        key="intelligence_review",
        what="Intelligence record reviewed",
        start_event="record created / previous review",
        due="3 months (local default)",
        source="seed 000 §5 (CAROLE tactical group); seed 002 §2.2",
        step=months(3),
        interpretation="The seeds say the tactical group receives and disseminates "
        "intelligence but set no review frequency: a local default of every third monthly "
        "meeting, configurable. Records no longer of concern are not reviewed.",
    ),
    Timescale(
        key="tactical_group_meeting",
        what="CAROLE tactical group meets",
        start_event="previous tactical group meeting",
        due="monthly (local default)",
        source="seed 000 §5.2; seed 002 §2.2 (the tactical group tracks high-risk cases)",
        step=months(1),
        interpretation="The group tracks the high-risk cohort monthly; the seeds give no "
        "frequency, so a local default, configurable.",
    ),
    # -- end CAROLE tactical group --
    Timescale(
        key="lado_informed",
        what="Designated officer (LADO) informed of an allegation",
        start_event="allegation reported to employer",
        due="1 working day",
        source="WT2018 ch.2",
        step=working_days(1),
        # LADO (partnership): how the rule is read.
        interpretation="Counted from the day the allegation came to the employer's "
        "attention or was made to the police; the LADO is told on time on or before the "
        "next working day. A contact that does not record that day is not judged.",
    ),
    # -- LADO: resolution (issue 8 worklists) --
    Timescale(
        key="lado_resolution",
        what="Allegation resolved: contact closed, or referral outcome recorded",
        start_event="LADO informed",
        due="1 month (most cases; 90% within 3 months, all but exceptional within 12)",
        source="Keeping children safe in education, Part four (timescales for allegations)",
        step=months(1),
        interpretation="The guidance expects most allegations resolved within one month of "
        "the designated officer being told (90% within three months, all but the most "
        "exceptional within a year). The LADO's work queue chases each open allegation "
        "from one month: a contact is resolved when it is closed, a referral when its "
        "outcome is recorded. A local authority can "
        "set its own practice standard (SAFEGUARD_TIMESCALE_OVERRIDES).",
    ),
    # -- end LADO --
    Timescale(
        key="serious_incident_notification",
        what="Serious incident notified to the national Panel and to the safeguarding partners",
        start_event="LA becomes aware of the incident",
        due="5 working days",
        source="WT2018 ch.4",
        step=working_days(5),
    ),
    Timescale(
        key="rapid_review",
        what="Rapid review completed and sent to the Panel",
        start_event="serious incident notification",
        due="15 working days",
        source="national Panel practice guidance",
        step=working_days(15),
    ),
    Timescale(
        key="cspr_publication",
        what="Local child safeguarding practice review published",
        start_event="decision to initiate the review",
        due="6 months",
        source="WT2018 ch.4",
        step=months(6),
    ),
    Timescale(
        key="cspr_copy_to_panel",
        what="Final report sent to the Panel and Secretary of State",
        start_event="planned publication date",
        due="at least 7 working days before publication",
        source="WT2018 ch.4",
        step=working_days(7, before=True),
        interpretation="The due date is the latest send date: the 7th working day before "
        "the planned publication date.",
    ),
    Timescale(
        key="partnership_report_copy",
        what="Yearly partnership report sent to the Panel and What Works Centre",
        start_event="publication",
        due="7 days",
        source="WT2018 ch.3",
        step=days(7),
    ),
    Timescale(
        key="coroner_notice",
        what="Coroner notifies CDOP of an investigation or post-mortem",
        start_event="coroner's decision",
        due="3 working days",
        source="WT2018 ch.5",
        step=working_days(3),
    ),
    Timescale(
        key="registrar_particulars",
        what="Registrar supplies death particulars",
        start_event="registration",
        due="7 days",
        source="WT2018 ch.5",
        step=days(7),
    ),
    Timescale(
        key="unregistered_weekly",
        what="Unregistered placement reported to Executive Director, IRO manager, Corporate "
        "Parenting Officer",
        start_event="placement start / previous report",
        due="weekly",
        source="seed 000 §4.2, seed 004",
        step=weeks(1),
    ),
    Timescale(
        key="unregistered_ofsted",
        what="Unregistered placement notified to Ofsted",
        start_event="placement start / previous notification",
        due="monthly",
        source="seed 000 §4.2",
        step=months(1),
    ),
    Timescale(
        key="unregistered_visit",
        what="Independent (Regulation 44-style) visit to an unregistered placement",
        start_event="placement start / previous visit",
        due="monthly",
        source="seed 000 §4.3",
        step=months(1),
    ),
    # -- unregistered placements: approval (issue 8 worklists) --
    Timescale(
        key="unregistered_approval",
        what="Unregistered placement approved by the Corporate Director",
        start_event="the child moving in",
        due="on or before the day the child moves in",
        source="seed 000 §4.2",
        step=Step(Kind.DAYS, 0),
        interpretation="The Corporate Director agrees the placement before the child moves "
        "in, or on the day in an emergency: the due date is the day the child moved in (a "
        "weekend or bank holiday included: the move happens that day). An approval recorded "
        "later is kept with its date and is late (measure UP-01).",
    ),
    # -- end unregistered placements --
    Timescale(
        key="complaint_response",
        what="Complaint answered",
        start_event="complaint received",
        due="20 working days",
        source="seed 004",
        step=working_days(20),
    ),
    Timescale(
        key="supervision",
        what="Case supervision of a social worker",
        start_event="previous supervision",
        due="local policy, default 4 weeks (configurable)",
        source="seed 003 (OBA2-03/04)",
        step=weeks(4),
    ),
    Timescale(
        key="section47_to_conference_request",
        what="Conference requested after s47 substantiated",
        start_event="s47 outcome",
        due="local, default 1 working day",
        source="seed 000 §6.6-6.7 (late notification to ICRS)",
        step=working_days(1),
    ),
    # -- fostering (issue 8) --
    Timescale(
        key="foster_carer_review",
        what="Foster carer household's approval reviewed",
        start_event="approval by the Agency Decision Maker / previous review",
        due="yearly (12 months)",
        source="Fostering Services (England) Regulations 2011 r.28; seed 003 A10.KA05",
        step=months(12),
    ),
    # -- end fostering --
    # -- domestic abuse (issue 8) --
    Timescale(
        key="ppn_consultation",
        what="Police PPN triaged: consultation outcome agreed",
        start_event="PPN received at the front door",
        due="1 working day",
        source="seed 004 §4.1e (PPN consultation model); WT2018 ch.1 decision timescale",
        step=working_days(1),
        interpretation="Read as the front door's 1 working day decision timescale applied "
        "to PPNs: the consultation outcome is on time on or before the next working day.",
    ),
    Timescale(
        key="hrda_plus_review",
        what="HRDA case whose risk has not reduced reviewed at HRDA Plus",
        start_event="HRDA daily meeting that found the risk not reduced",
        due="monthly (next HRDA Plus)",
        source="seed 004 §4.2b (monthly HRDA Plus)",
        step=months(1),
        interpretation="HRDA Plus is monthly, so a case is reviewed on time within a month "
        "of the daily meeting that found its risk not reduced.",
    ),
    # -- end domestic abuse --
)
