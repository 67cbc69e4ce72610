from django.apps import AppConfig


class FosteringConfig(AppConfig):
    """Fostering sufficiency: enquiries, assessments, approval, carer households, reviews."""

    name = "safeguard.fostering"
    label = "fostering"
    verbose_name = "Fostering"
