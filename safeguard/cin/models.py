"""Children-in-need episodes: referral to closure (CIN census CINdetails)."""

from __future__ import annotations

from django.db import models

from safeguard.core.codes import CodeField
from safeguard.core.models import BaseModel


class CINEpisode(BaseModel):
    """One referral to children's social care and everything until its closure.

    CIN census CINdetails is a projection of this row and its assessments, CIN plans,
    section 47 enquiries and CP plans.
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="cin_episodes"
    )
    referral_date = models.DateField("CIN referral date")
    referral_source = CodeField(codelist="referral_source")
    primary_need = CodeField(codelist="primary_need", blank=True)
    referral_nfa = models.BooleanField(
        "referral: no further action", default=False, help_text="CIN census ReferralNFA."
    )
    closure_date = models.DateField("CIN closure date", null=True, blank=True)
    reason_for_closure = CodeField(codelist="reason_for_closure", blank=True)
    is_re_referral = models.BooleanField(
        default=False, help_text="Referral within 12 months of a previous referral."
    )

    class Meta:
        verbose_name = "CIN episode"
        ordering = ("child", "referral_date")
        indexes = [
            models.Index(fields=["referral_date"]),
            models.Index(fields=["closure_date"]),
        ]

    def __str__(self) -> str:
        return f"CIN episode for {self.child} from {self.referral_date:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.closure_date is None
