"""Every work queue, in the order pages list them."""

from __future__ import annotations

from safeguard.worklists.builders import (
    case_audits,
    child_deaths,
    complaints,
    exploitation_tactical,
    fostering,
    frontdoor,
    lado,
    practice_reviews,
    supervision,
    training,
    unregistered,
)
from safeguard.worklists.queues.base import Queue

QUEUES: tuple[Queue, ...] = (
    Queue(
        slug="front-door",
        title="Front door: PPNs and HRDA Plus",
        capability="make_mash_decision",
        url_name="worklists:queue_front_door",
        intro="Police PPNs waiting for their consultation outcome, and HRDA cases whose "
        "risk has not reduced, due at the monthly HRDA Plus meeting.",
        read=frontdoor.front_door,
    ),
    Queue(
        slug="lado",
        title="LADO: allegations to resolve",
        capability="manage_lado_cases",
        url_name="worklists:queue_lado",
        intro="Open allegations against people who work with children, until the contact "
        "is closed or the referral's outcome is recorded.",
        read=lado.allegations,
    ),
    Queue(
        slug="fostering",
        title="Fostering: carer reviews",
        capability="manage_fostering",
        url_name="worklists:queue_fostering",
        intro="Approved foster carer households due their yearly review.",
        read=fostering.carer_reviews,
    ),
    Queue(
        slug="unregistered",
        title="Unregistered placements: approvals and visits",
        capability="view_unregistered_placements",
        url_name="worklists:queue_unregistered",
        intro="Placements on the register without the Corporate Director's approval, and "
        "each placement's monthly independent visit.",
        read=unregistered.placements,
    ),
    Queue(
        slug="carole-tactical",
        title="CAROLE tactical group: intelligence reviews and meetings",
        capability="manage_exploitation_intelligence",
        url_name="worklists:queue_carole_tactical",
        intro="Intelligence records due their three-monthly review while active or "
        "disrupted, and the tactical group's next monthly meeting.",
        read=exploitation_tactical.tactical,
    ),
    # -- issue 9: the partnership's and quality assurance's queues --
    Queue(
        slug="practice-reviews",
        title="Practice reviews: notifications, rapid reviews and actions",
        capability="manage_practice_reviews",
        url_name="worklists:queue_practice_reviews",
        intro="Serious incident notifications and rapid reviews due, practice reviews' "
        "copies to the Panel and publication, and action plan actions due or overdue.",
        read=practice_reviews.practice_reviews,
    ),
    Queue(
        slug="child-deaths",
        title="Child death reviews: notices and panel reviews",
        capability="manage_child_deaths",
        url_name="worklists:queue_child_deaths",
        intro="Coroner's notices and registrar's particulars not yet received, and child "
        "death reviews waiting for the CDOP panel.",
        read=child_deaths.child_deaths,
    ),
    Queue(
        slug="training",
        title="Training: attendance and waiting lists",
        capability="manage_training",
        url_name="worklists:queue_training",
        intro="Multi-agency training sessions held without their attendance recorded, and "
        "sessions in the next four weeks with people on the waiting list.",
        read=training.sessions,
    ),
    Queue(
        slug="case-audits",
        title="Case audits: due, moderation and actions",
        capability="manage_case_audits",
        url_name="worklists:queue_case_audits",
        intro="Audits due in the next six weeks or overdue, completed audits awaiting "
        "moderation, and audit actions past their due date.",
        read=case_audits.case_audits,
    ),
    Queue(
        slug="supervision",
        title="Supervision: due and overdue",
        capability="record_supervision",
        url_name="worklists:queue_supervision",
        intro="The workers you manage whose next case supervision is overdue or due within a week.",
        read=supervision.supervisions,
    ),
    Queue(
        slug="complaints",
        title="Complaints and family feedback",
        capability="manage_complaints",
        url_name="worklists:queue_complaints",
        intro="Complaint stages due a response within 20 working days of receipt, and family "
        "feedback due: six-monthly from open cases, and closures with no feedback yet.",
        read=complaints.complaints_and_feedback,
    ),
)
