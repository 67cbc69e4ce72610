from django.apps import AppConfig


class CareConfig(AppConfig):
    """Looked-after children, adoption and care leavers: the SSDA903 data spine."""

    name = "safeguard.care"
    label = "care"
    verbose_name = "Children in care and care leavers"

    def ready(self) -> None:
        from safeguard.care.services import check_visit_for_child_in_care
        from safeguard.cin import hooks

        hooks.register_visit_check(check_visit_for_child_in_care)
