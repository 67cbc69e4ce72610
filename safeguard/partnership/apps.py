from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    """The safeguarding partnership's own processes: allegations against people who work
    with children (the LADO), practice reviews, child death reviews, multi-agency training
    and the partnership dataset."""

    name = "safeguard.partnership"
    label = "partnership"
    verbose_name = "Safeguarding partnership"
