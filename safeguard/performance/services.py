"""Writes for the performance app: the lead officers' commentary on an outcome indicator.

One transaction per service, keyword-only arguments, invariants checked before anything is
written; a rule broken raises ``ValidationError`` keyed by the field at fault, an edit made
from a copy someone has since replaced raises ``StaleRecordError`` (nothing written).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguard.core import clock
from safeguard.core.exceptions import StaleRecordError
from safeguard.performance.models import IndicatorCommentary
from safeguard.performance.periods import Period, PeriodError
from safeguard.performance.products.outcomes import INDICATORS_BY_MEASURE

#: Commentary fields hold a few paragraphs for a committee report, not documents.
MAX_LENGTH = 5000
FIELDS = ("telling_us", "what_changed", "issues")


@transaction.atomic
def save_commentary(
    *,
    measure_id: str,
    period_code: str,
    telling_us: str,
    what_changed: str,
    issues: str,
    expected_version: int | None = None,
) -> IndicatorCommentary:
    """Enter or change the three commentary fields of one indicator for one quarter.

    ``expected_version`` is the version the lead started from: None when they saw no
    commentary (so a record someone wrote meanwhile is not overwritten), the record's
    version when they changed one (a stale version raises ``StaleRecordError``).
    """
    if measure_id not in INDICATORS_BY_MEASURE:
        raise ValidationError({"measure_id": f"{measure_id} is not an outcome indicator."})
    try:
        quarter = Period.parse_quarter(period_code)
    except PeriodError as error:
        raise ValidationError({"period_code": str(error)}) from None
    if quarter.start > clock.today():
        raise ValidationError({"period_code": f"{quarter.label} has not started yet."})
    texts = {"telling_us": telling_us, "what_changed": what_changed, "issues": issues}
    texts = {name: (text or "").strip() for name, text in texts.items()}
    for name, text in texts.items():
        if len(text) > MAX_LENGTH:
            raise ValidationError(
                {name: f"Write no more than {MAX_LENGTH:,} characters (this has {len(text):,})."}
            )
    found = (
        IndicatorCommentary.objects.select_for_update()
        .filter(measure_id=measure_id, period_code=quarter.code)
        .first()
    )
    if found is None:
        if expected_version is not None:  # it was there when the lead opened it
            raise StaleRecordError(
                model_label=str(IndicatorCommentary._meta.verbose_name),
                pk=None,
                expected=expected_version,
                current=None,
            )
        if not any(texts.values()):
            raise ValidationError({"telling_us": "Write at least one of the three answers."})
        return IndicatorCommentary.objects.create(
            measure_id=measure_id, period_code=quarter.code, **texts
        )
    if expected_version is None or found.version != expected_version:
        raise StaleRecordError(
            model_label=str(IndicatorCommentary._meta.verbose_name),
            pk=found.pk,
            expected=expected_version or 0,
            current=found.version,
        )
    for name, text in texts.items():
        setattr(found, name, text)
    found.save(update_fields=list(FIELDS))
    return found
