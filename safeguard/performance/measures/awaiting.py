"""OBA snapshot measures whose records do not exist yet: full definitions, no compute.

Each shows as "no data yet" with the reason (which records, which later issue) until the
issue that builds those records connects a compute function. Issue 8 builds exploitation
(CAROLE, MACE), children missing education and fostering; issue 9 the partnership and
quality assurance records (audits, dip samples, supervision, practice meetings,
complaints and feedback).
"""

from __future__ import annotations

from safeguard.performance.measures.front_door import OBA_SOURCE
from safeguard.performance.registry import Measure, PeriodType, Polarity, Unit, register

EXPLOITATION_LEAD = "Head of Service, Exploitation and Missing"
QA_LEAD = "Head of Quality Assurance"
WORKFORCE_LEAD = "Head of Workforce Development"
FOSTERING_LEAD = "Head of Fostering"
ISSUE_8 = "issue 8 (risks outside the home: exploitation, missing education, fostering)"
ISSUE_9 = "issue 9 (safeguarding partnership and quality assurance)"
PRACTICE_MEETINGS = (
    f"Practice meeting records (invited, timely apologies, attended) arrive with {ISSUE_9}."
)
CASE_AUDITS = (
    f"Case audit records (seven domains scored 1-10, overall grade) arrive with {ISSUE_9}."
)


def awaiting(**spec: object) -> Measure:
    spec.setdefault("source", OBA_SOURCE)
    return register(Measure(**spec))  # type: ignore[arg-type]


# -- How much did we do? ----------------------------------------------------------------
awaiting(
    id="OBA1-13",
    name="Outcome Star completed",
    area="Early help",
    cohort="Outcome Star readings on early help cases completed in the period",
    numerator="Outcome Star readings completed in the period",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.HIGHER,
    lead="Head of Early Help",
    awaiting="Outcome Star readings on early help cases are not recorded; no issue plans them "
    f"yet (nearest is {ISSUE_9}, family feedback and outcomes).",
)
awaiting(
    id="OBA1-15",
    name="Manager dip samples",
    area="Quality assurance",
    cohort="Case dip samples completed by managers in the period",
    numerator="Dip samples completed in the period",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.HIGHER,
    lead=QA_LEAD,
    awaiting=f"Case audit and dip sample records arrive with {ISSUE_9}.",
)

# -- How well did we do it? -------------------------------------------------------------
awaiting(
    id="OBA2-03",
    name="Supervisions completed",
    area="Workforce",
    cohort="Case supervisions due in the period (timescale registry: supervision, every 4 "
    "weeks by default)",
    numerator="Supervisions due in the period that were held",
    denominator="Supervisions due in the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    lead=WORKFORCE_LEAD,
    awaiting=f"Supervision records (due, held, cases discussed) arrive with {ISSUE_9}.",
)
awaiting(
    id="OBA2-04",
    name="Supervisions on time",
    area="Workforce",
    cohort="Case supervisions due in the period",
    numerator="Supervisions held on or before their due date",
    denominator="Supervisions due in the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    lead=WORKFORCE_LEAD,
    awaiting=f"Supervision records (due, held, cases discussed) arrive with {ISSUE_9}.",
)
awaiting(
    id="OBA2-07",
    name="Diagonal Slice attendance",
    area="Quality assurance",
    cohort="Staff invited to Diagonal Slice meetings held in the period",
    numerator="Invitees who attended",
    denominator="Invitees",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=90.0,
    lead=QA_LEAD,
    awaiting=PRACTICE_MEETINGS,
)
awaiting(
    id="OBA2-08",
    name="QA meeting attendance",
    area="Quality assurance",
    cohort="Staff invited to mandatory QA meetings held in the period",
    numerator="Invitees who attended",
    denominator="Invitees less those who sent timely apologies",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=75.0,
    lead=QA_LEAD,
    awaiting=PRACTICE_MEETINGS,
)
awaiting(
    id="OBA2-18",
    name="Complaints (formal and informal)",
    area="Quality assurance",
    cohort="Complaints received in the period",
    numerator="Complaints received, formal and informal",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    frequency="Quarterly",
    lead=QA_LEAD,
    awaiting=f"Complaint records (formal / informal, stage, response) arrive with {ISSUE_9}.",
)
awaiting(
    id="OBA2-19",
    name="Service user experience",
    area="Quality assurance",
    cohort="Family feedback responses received in the period (at case closure and six-monthly)",
    numerator="Responses agreeing the service made a difference",
    denominator="Feedback responses received",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    frequency="Quarterly",
    lead=QA_LEAD,
    awaiting=f"Family feedback survey records arrive with {ISSUE_9}.",
)
# OBA2-28 and OBA2-29 (fostering) are computed in measures/fostering.py (issue 8).

# -- Is anyone better off? --------------------------------------------------------------
awaiting(
    id="OBA3-02",
    name="Case audit average score",
    area="Quality assurance",
    cohort="Case audits completed in the period",
    numerator="Scores (1-10) over all seven domains of every audit",
    denominator="Domain scores recorded (average score)",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.SCORE,
    polarity=Polarity.HIGHER,
    good=7.5,
    lead=QA_LEAD,
    awaiting=CASE_AUDITS,
)
awaiting(
    id="OBA3-03",
    name="Audits by Ofsted grade",
    area="Quality assurance",
    cohort="Case audits completed in the period",
    numerator="Audits by overall grade: outstanding, good, requires improvement, inadequate",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    lead=QA_LEAD,
    awaiting=CASE_AUDITS,
)
awaiting(
    id="OBA3-04",
    name="Estimated Ofsted rating",
    area="Quality assurance",
    cohort="The service-wide judgement entered by the Director of Children's Services",
    numerator="Grade: 1 outstanding, 2 good, 3 requires improvement, 4 inadequate",
    denominator=None,
    period_type=PeriodType.AT_END,
    unit=Unit.SCORE,
    polarity=Polarity.LOWER,
    frequency="Quarterly",
    lead="Director of Children's Services",
    awaiting=f"The service-wide judgement record arrives with {ISSUE_9} (case audits).",
)
awaiting(
    id="OBA3-06",
    name="Partner experience",
    area="Partnership",
    cohort="Partner agency survey responses received in the year",
    numerator="Responses rating their experience of children's services as good or better",
    denominator="Partner survey responses",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    frequency="Annual",
    lead="Head of Safeguarding Partnership",
    awaiting=f"Partner experience survey records arrive with {ISSUE_9}.",
)
