from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    """The statutory returns (CIN census, SSDA903, Annex A) and the DfE validation rules."""

    name = "safeguard.returns"
    label = "returns"
    verbose_name = "Statutory returns"

    def ready(self) -> None:
        # Importing the rule modules fills the rule registry.
        from safeguard.returns import rules  # noqa: F401
