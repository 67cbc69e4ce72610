from django.apps import AppConfig


class WorklistsConfig(AppConfig):
    name = "safeguard.worklists"
    label = "worklists"
    verbose_name = "Worklists"
