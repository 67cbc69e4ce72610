from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "safeguard.assessment"
    label = "assessment"
    verbose_name = "Assessment"

    def ready(self) -> None:
        from safeguard.assessment.services import check_episode_closure
        from safeguard.cin import hooks

        hooks.register_closure_check(check_episode_closure)
