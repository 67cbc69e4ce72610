from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    """Measures, scorecards and reports computed from the case records."""

    name = "safeguard.performance"
    label = "performance"
    verbose_name = "Performance reporting"

    def ready(self) -> None:
        # Importing the measure modules fills the registry.
        from safeguard.performance import measures  # noqa: F401
