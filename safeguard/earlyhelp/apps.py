"""Early help: requests (via the Early Help Hub, partners, families or step-down from social
care), early help assessments, Team Around the Family plans and reviews, lead professionals,
and step up to / step down from children's social care."""

from django.apps import AppConfig


class EarlyhelpConfig(AppConfig):
    name = "safeguard.earlyhelp"
    label = "earlyhelp"
    verbose_name = "Early help"

    def ready(self) -> None:
        from safeguard.cin import hooks as cin_hooks
        from safeguard.earlyhelp.services import (
            start_early_help_for_mash_decision,
            step_up_on_referral,
        )
        from safeguard.frontdoor import hooks

        hooks.register_early_help_starter(start_early_help_for_mash_decision)
        cin_hooks.register_referral_opened_action(step_up_on_referral)
