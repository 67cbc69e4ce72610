from django.apps import AppConfig


class SynthConfig(AppConfig):
    """The synthetic local authority: a reproducible, calibrated generator."""

    name = "safeguard.synth"
    label = "synth"
    verbose_name = "Synthetic authority"
