"""The front door's forms: a contact, MASH triage, partner checks and the MASH decision.

Forms check shapes only (a date is a date, a time is a time, a choice is in its list);
the services in ``safeguard.frontdoor.services`` decide what is allowed and their errors
land back on the field they name.
"""

from safeguard.frontdoor.forms.contact import AddChildForm, CloseContactForm, ContactForm
from safeguard.frontdoor.forms.fields import MomentForm, TimeField
from safeguard.frontdoor.forms.mash import (
    DecisionForm,
    FeedbackForm,
    PartnerCheckAnswerForm,
    PartnerCheckRequestForm,
    QueueFilterForm,
    TriageForm,
)

__all__ = [
    "AddChildForm",
    "CloseContactForm",
    "ContactForm",
    "DecisionForm",
    "FeedbackForm",
    "MomentForm",
    "PartnerCheckAnswerForm",
    "PartnerCheckRequestForm",
    "QueueFilterForm",
    "TimeField",
    "TriageForm",
]
