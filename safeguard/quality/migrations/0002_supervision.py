# Case supervision (issue 9). Written from `makemigrations --dry-run`.

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("quality", "0001_case_audits"),
        ("people", "0002_population_estimate"),
        ("workforce", "0003_qa_officer_role"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Supervision",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False),
                ),
                (
                    "updated_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "due_on",
                    models.DateField(help_text="From the timescale registry (supervision)."),
                ),
                ("held_on", models.DateField(blank=True, null=True)),
                (
                    "not_held_reason",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("cancelled", "Cancelled"),
                            ("sickness", "Sickness"),
                            ("leave", "Annual or other leave"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "notes",
                    models.TextField(blank=True, help_text="Wellbeing, learning and development."),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "supervisee",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="supervisions",
                        to="workforce.worker",
                    ),
                ),
                (
                    "supervisor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="supervisions_given",
                        to="workforce.worker",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ("-due_on",),
                "indexes": [
                    models.Index(
                        fields=["supervisee", "due_on"], name="quality_sup_supervi_5d0c43_idx"
                    ),
                    models.Index(fields=["due_on"], name="quality_sup_due_on_dd5475_idx"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("held_on__isnull", False), ("not_held_reason", "")),
                            models.Q(
                                ("held_on__isnull", True),
                                models.Q(("not_held_reason", ""), _negated=True),
                            ),
                            _connector="OR",
                        ),
                        name="quality_supervision_held_or_reason",
                    ),
                    models.UniqueConstraint(
                        fields=("supervisee", "due_on"), name="quality_supervision_one_per_due_date"
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="SupervisionCase",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False),
                ),
                (
                    "updated_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "direction",
                    models.TextField(help_text="The management direction recorded for the child."),
                ),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="supervision_discussions",
                        to="people.person",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "supervision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="cases",
                        to="quality.supervision",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ("supervision", "child"),
                "indexes": [models.Index(fields=["child"], name="quality_sup_child_i_0f1567_idx")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("supervision", "child"), name="quality_supervision_case_once"
                    )
                ],
            },
        ),
    ]
