import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

RAG = [("red", "Red"), ("amber", "Amber"), ("green", "Green")]


def _base() -> list:
    return [
        (
            "id",
            models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False),
        ),
        ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
        ("updated_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
        ("version", models.PositiveIntegerField(default=1, editable=False)),
    ]


def _user(editable: bool = False) -> models.ForeignKey:
    return models.ForeignKey(
        blank=True,
        editable=editable,
        null=True,
        on_delete=django.db.models.deletion.SET_NULL,
        related_name="+",
        to=settings.AUTH_USER_MODEL,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("partnership", "0004_training"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ExceptionReport",
            fields=[
                *_base(),
                (
                    "agency",
                    models.CharField(
                        choices=[
                            ("police", "Police"),
                            ("health", "Health"),
                            ("education", "Education"),
                            ("probation", "Probation"),
                            ("housing", "Housing"),
                            ("local_authority", "Local authority (children's services)"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "quarter",
                    models.CharField(
                        help_text='The financial quarter, e.g. "2025-Q2".', max_length=7
                    ),
                ),
                ("risks", models.TextField(blank=True)),
                ("risks_rag", models.CharField(blank=True, choices=RAG, max_length=5)),
                ("emerging_priorities", models.TextField(blank=True)),
                (
                    "emerging_priorities_rag",
                    models.CharField(blank=True, choices=RAG, max_length=5),
                ),
                ("resources", models.TextField(blank=True)),
                ("resources_rag", models.CharField(blank=True, choices=RAG, max_length=5)),
                ("workforce", models.TextField(blank=True)),
                ("workforce_rag", models.CharField(blank=True, choices=RAG, max_length=5)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("submitted", "Submitted")],
                        default="draft",
                        max_length=10,
                    ),
                ),
                ("submitted_by_name", models.CharField(blank=True, max_length=160)),
                ("submitted_on", models.DateField(blank=True, null=True)),
                ("created_by", _user()),
                ("submitted_by", _user(editable=True)),
                ("updated_by", _user()),
            ],
            options={
                "ordering": ("-quarter", "agency"),
                "constraints": [
                    models.UniqueConstraint(
                        fields=("agency", "quarter"), name="partnership_exception_report_once"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PartnerSurveyResponse",
            fields=[
                *_base(),
                (
                    "agency",
                    models.CharField(
                        choices=[
                            ("police", "Police"),
                            ("health", "Health"),
                            ("education", "Education"),
                            ("probation", "Probation"),
                            ("housing", "Housing"),
                            ("voluntary", "Voluntary and community sector"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                ("responded_on", models.DateField()),
                (
                    "rating",
                    models.CharField(
                        choices=[
                            ("excellent", "Excellent"),
                            ("good", "Good"),
                            ("adequate", "Adequate"),
                            ("poor", "Poor"),
                        ],
                        max_length=10,
                    ),
                ),
                ("comments", models.TextField(blank=True)),
                ("created_by", _user()),
                ("updated_by", _user()),
            ],
            options={
                "ordering": ("-responded_on", "agency"),
                "indexes": [models.Index(fields=["responded_on"], name="partnership_survey_on")],
            },
        ),
    ]
