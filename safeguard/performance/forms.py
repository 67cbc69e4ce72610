"""The lead officer's commentary on an outcome indicator for a quarter."""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.core.forms import GovukForm, VersionedForm
from safeguard.performance.products.outcomes import commentary_questions
from safeguard.performance.services import MAX_LENGTH

HINTS = {
    "telling_us": "What the figures, their trend and the benchmark say.",
    "what_changed": "What moved the figures since the last quarter, and why.",
    "issues": "What stands in the way, and the actions that will address it.",
}


class CommentaryForm(GovukForm):
    """The three answers of a commentary nobody has written yet for the quarter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, question in commentary_questions():
            self.fields[name] = forms.CharField(
                label=question,
                help_text=HINTS[name],
                required=False,
                max_length=MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 6}),
                error_messages={
                    "max_length": f"Write no more than {MAX_LENGTH:,} characters "
                    "(this has %(show_value)d)."
                },
            )


class EditCommentaryForm(VersionedForm, CommentaryForm):
    """A change to the quarter's commentary: carries the version the lead started from."""
