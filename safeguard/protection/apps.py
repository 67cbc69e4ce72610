from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "safeguard.protection"
    label = "protection"
    verbose_name = "Child protection"

    def ready(self) -> None:
        from safeguard.cin import hooks
        from safeguard.protection import services

        hooks.register_closure_check(services.check_episode_closure)
        hooks.register_cin_plan_start_check(services.check_cin_plan_start)
        hooks.register_visit_check(services.check_visit)
