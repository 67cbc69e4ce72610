"""Forms for the child protection steps: they check what was typed; the services decide."""

from safeguard.protection.forms.casework import (
    ConferenceNotRequiredForm,
    RequestConferenceForm,
    Section47OutcomeForm,
    StartSection47Form,
    StrategyDiscussionForm,
)
from safeguard.protection.forms.conferences import (
    AgencyReportForm,
    AttendanceForm,
    CancelConferenceForm,
    ConferenceOutcomeForm,
    InvitationsForm,
    MinutesSentForm,
    ScheduleConferenceForm,
)
from safeguard.protection.forms.plans import (
    ChangeCategoryForm,
    CoreGroupForm,
    EndPlanForm,
    EscalationForm,
    MidwayReviewForm,
    ResolveEscalationForm,
)

__all__ = [
    "AgencyReportForm",
    "AttendanceForm",
    "CancelConferenceForm",
    "ChangeCategoryForm",
    "ConferenceNotRequiredForm",
    "ConferenceOutcomeForm",
    "CoreGroupForm",
    "EndPlanForm",
    "EscalationForm",
    "InvitationsForm",
    "MidwayReviewForm",
    "MinutesSentForm",
    "RequestConferenceForm",
    "ResolveEscalationForm",
    "ScheduleConferenceForm",
    "Section47OutcomeForm",
    "StartSection47Form",
    "StrategyDiscussionForm",
]
