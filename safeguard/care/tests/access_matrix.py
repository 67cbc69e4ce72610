"""Authorization matrix cases for the care pages: record_casework holders who may open the child."""

from __future__ import annotations

from safeguard.access.testing.matrix import NOBODY, Case

#: Who may record casework for the social worker's allocated child (Team A).
CASEWORK_TEAM_A = {
    "social_worker",
    "consultant_social_worker",
    "team_manager",
    "service_manager",
}
URL_NAMES = (
    "care:start_care",
    "care:change_placement",
    "care:change_legal_status",
    "care:end_care",
    "care:record_review",
    "care:record_health_assessment",
    "care:record_pep",
    "care:record_care_leaver_contact",
    "care:record_pathway_plan_review",
)


def _allocated(w):
    return {"child_id": w.child_allocated.pk}


CASES = [
    *(Case(url_name=name, kwargs=_allocated, allowed=CASEWORK_TEAM_A) for name in URL_NAMES),
    *(
        Case(
            url_name=name,
            kwargs=_allocated,
            allowed=CASEWORK_TEAM_A,
            method="post",
            note="(empty form: re-rendered with errors)",
        )
        for name in URL_NAMES
    ),
    Case(
        url_name="care:start_care",
        kwargs=lambda w: {"child_id": w.child_other_team.pk},
        allowed=NOBODY,
        note="(another service's child: break-glass only)",
    ),
    Case(
        url_name="care:change_placement",
        kwargs=lambda w: {"child_id": w.child_restricted.pk},
        allowed={"social_worker", "team_manager"},
        note="(restricted: allocated worker and their team manager only)",
    ),
]

# The unregistered placements register declares its cases in its own module.
from safeguard.care.tests.access_matrix_unregistered import CASES as _UNREGISTERED  # noqa: E402

CASES += _UNREGISTERED
