from django.apps import AppConfig


class CinConfig(AppConfig):
    name = "safeguard.cin"
    label = "cin"
    verbose_name = "Children in need"
