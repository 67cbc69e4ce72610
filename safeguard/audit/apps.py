from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "safeguard.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from safeguard.audit import capture

        capture.install()
