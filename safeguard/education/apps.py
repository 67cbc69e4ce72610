from django.apps import AppConfig


class EducationConfig(AppConfig):
    """Children out of school: missing education, exclusions and part-time timetables."""

    name = "safeguard.education"
    label = "education"
    verbose_name = "Children out of school"
