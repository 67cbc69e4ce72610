from django.apps import AppConfig


class QualityConfig(AppConfig):
    """Quality assurance: case audits and dip samples, practice meetings, supervision,
    complaints, compliments and family feedback."""

    name = "safeguard.quality"
    label = "quality"
    verbose_name = "Quality assurance"
