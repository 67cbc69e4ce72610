from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    """The safeguarding partnership's own processes. For now: allegations against people
    who work with children (the LADO)."""

    name = "safeguard.partnership"
    label = "partnership"
    verbose_name = "Safeguarding partnership"
