from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "safeguard.care"
    label = "care"
    verbose_name = "Children in care and care leavers"
