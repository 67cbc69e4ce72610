"""Serious incidents, rapid reviews and local child safeguarding practice reviews: the
notification, review, action plan, learning themes and products; and the starting list
of learning themes (the business unit keeps it up to date)."""

import uuid
from typing import Any

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from safeguard.core.reference import reference_id

THEMES = (
    ("neglect", "Neglect"),
    ("domestic_abuse", "Domestic abuse"),
    ("information_sharing", "Information sharing"),
    ("professional_curiosity", "Professional curiosity"),
    ("voice_of_the_child", "Voice of the child"),
    ("mental_health", "Mental health"),
    ("exploitation", "Exploitation (criminal or sexual)"),
    ("safe_sleep", "Safe sleep and co-sleeping"),
    ("adolescent_risk", "Adolescent risk"),
    ("transitions", "Transitions between services"),
    ("non_accidental_injury", "Injuries to babies and young children"),
    ("sexual_abuse", "Sexual abuse"),
)


def add_themes(apps: Any, schema_editor: Any) -> None:
    Theme = apps.get_model("partnership", "LearningTheme")
    for order, (code, label) in enumerate(THEMES, start=1):
        Theme.objects.get_or_create(
            code=code,
            defaults={
                "id": reference_id("partnership.LearningTheme", code),
                "label": label,
                "order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("partnership", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="LearningTheme",
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
                ("code", models.SlugField(max_length=40, unique=True)),
                ("label", models.CharField(max_length=120, unique=True)),
                ("order", models.PositiveSmallIntegerField(default=100)),
                (
                    "active",
                    models.BooleanField(default=True, help_text="Offered when themes are chosen."),
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
                "verbose_name": "practice review learning theme",
                "ordering": ("order", "label"),
            },
        ),
        migrations.CreateModel(
            name="SeriousIncident",
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
                    "reference",
                    models.CharField(
                        help_text="SI-year-number, given when it is recorded.",
                        max_length=20,
                        unique=True,
                    ),
                ),
                (
                    "child_identifier",
                    models.CharField(
                        help_text="Never a case number or person identifier.",
                        max_length=40,
                        verbose_name="child's initials or agreed name",
                    ),
                ),
                (
                    "la_area",
                    models.CharField(
                        choices=[
                            ("ours", "This authority"),
                            ("neighbour", "The neighbouring authority in the partnership"),
                        ],
                        max_length=12,
                        verbose_name="local authority area",
                    ),
                ),
                (
                    "incident_type",
                    models.CharField(
                        choices=[
                            ("death", "Death of a child"),
                            ("serious_harm", "Serious harm to a child"),
                        ],
                        max_length=14,
                    ),
                ),
                (
                    "looked_after",
                    models.BooleanField(default=False, verbose_name="the child was looked after"),
                ),
                (
                    "incident_on",
                    models.DateField(blank=True, null=True, verbose_name="date of the incident"),
                ),
                (
                    "aware_on",
                    models.DateField(verbose_name="date the local authority became aware"),
                ),
                ("summary", models.TextField(blank=True, verbose_name="what happened")),
                (
                    "panel_notified_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="date notified to the national Panel"
                    ),
                ),
                (
                    "partners_notified_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="date notified to the safeguarding partners",
                    ),
                ),
                (
                    "secretary_of_state_notified_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="date notified to the Secretary of State",
                    ),
                ),
                (
                    "ofsted_notified_on",
                    models.DateField(blank=True, null=True, verbose_name="date notified to Ofsted"),
                ),
                (
                    "rapid_review_held_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="date the rapid review was held"
                    ),
                ),
                (
                    "rapid_review_sent_on",
                    models.DateField(blank=True, null=True, verbose_name="date sent to the Panel"),
                ),
                ("rapid_review_facts", models.TextField(blank=True, verbose_name="the facts")),
                (
                    "immediate_actions",
                    models.TextField(blank=True, verbose_name="immediate actions"),
                ),
                (
                    "decision",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("local_cspr", "Local child safeguarding practice review"),
                            ("national_review", "National review recommended to the Panel"),
                            ("no_further_review", "No further review"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "decision_reasons",
                    models.TextField(blank=True, verbose_name="reasons for the decision"),
                ),
                (
                    "cspr_decided_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="date the local CSPR was decided"
                    ),
                ),
                ("reviewer_name", models.CharField(blank=True, max_length=120)),
                ("reviewer_organisation", models.CharField(blank=True, max_length=160)),
                (
                    "coi_declared",
                    models.BooleanField(
                        blank=True,
                        help_text="Blank until checked.",
                        null=True,
                        verbose_name="conflict of interest declared",
                    ),
                ),
                (
                    "coi_checked_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="date of the conflict of interest check"
                    ),
                ),
                (
                    "coi_outcome",
                    models.TextField(
                        blank=True, verbose_name="outcome of the conflict of interest check"
                    ),
                ),
                (
                    "planned_publication_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="planned publication date"
                    ),
                ),
                (
                    "copy_sent_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="date the final report went to the Panel and the Secretary of State",
                    ),
                ),
                (
                    "published_on",
                    models.DateField(blank=True, null=True, verbose_name="date published"),
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
                    "themes",
                    models.ManyToManyField(
                        blank=True, related_name="incidents", to="partnership.learningtheme"
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
                "verbose_name": "serious incident",
                "ordering": ("-aware_on", "-reference"),
                "indexes": [
                    models.Index(fields=["aware_on"], name="partnership_aware_o_3e714a_idx"),
                    models.Index(
                        fields=["rapid_review_held_on"], name="partnership_rapid_r_a18c93_idx"
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("incident_on__isnull", True),
                            ("incident_on__lte", models.F("aware_on")),
                            _connector="OR",
                        ),
                        name="partnership_si_incident_before_aware",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("decision", ""),
                            ("rapid_review_held_on__isnull", False),
                            _connector="OR",
                        ),
                        name="partnership_si_decision_at_rapid_review",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("cspr_decided_on__isnull", True),
                            ("decision", "local_cspr"),
                            _connector="OR",
                        ),
                        name="partnership_si_cspr_only_when_decided",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("published_on__isnull", True),
                            ("cspr_decided_on__isnull", False),
                            _connector="OR",
                        ),
                        name="partnership_si_published_cspr",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ReviewAction",
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
                ("action", models.TextField()),
                ("owner_agency", models.CharField(max_length=160, verbose_name="owner agency")),
                ("due_on", models.DateField(verbose_name="due date")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("not_started", "Not started"),
                            ("in_progress", "In progress"),
                            ("complete", "Complete"),
                        ],
                        default="not_started",
                        max_length=12,
                    ),
                ),
                ("completed_on", models.DateField(blank=True, null=True)),
                ("evidence", models.TextField(blank=True, verbose_name="evidence of completion")),
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
                (
                    "incident",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="actions",
                        to="partnership.seriousincident",
                    ),
                ),
            ],
            options={
                "verbose_name": "practice review action",
                "ordering": ("incident", "due_on", "created_at"),
                "indexes": [
                    models.Index(fields=["status", "due_on"], name="partnership_status_15a618_idx")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("completed_on__isnull", False),
                                ("status", "complete"),
                                models.Q(("evidence", ""), _negated=True),
                            ),
                            models.Q(
                                models.Q(("status", "complete"), _negated=True),
                                ("completed_on__isnull", True),
                            ),
                            _connector="OR",
                        ),
                        name="partnership_reviewaction_complete_with_evidence",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="LearningProduct",
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
                    "kind",
                    models.CharField(
                        choices=[
                            ("seven_minute_briefing", "7-minute briefing"),
                            ("webinar", "Webinar"),
                            ("practice_guidance", "Practice guidance"),
                            ("newsletter", "Newsletter article"),
                            ("learning_event", "Lunchtime learning or practitioner event"),
                            ("synopsis", "Synopsis of learning"),
                            ("other", "Other"),
                        ],
                        max_length=24,
                    ),
                ),
                ("title", models.CharField(max_length=200)),
                ("issued_on", models.DateField(verbose_name="date issued")),
                ("audience", models.CharField(max_length=200)),
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
                (
                    "incident",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="products",
                        to="partnership.seriousincident",
                    ),
                ),
            ],
            options={
                "verbose_name": "learning product",
                "ordering": ("incident", "issued_on"),
            },
        ),
        migrations.CreateModel(
            name="InformationRequest",
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
                ("agency", models.CharField(max_length=160)),
                ("sent_on", models.DateField()),
                ("due_on", models.DateField()),
                ("received_on", models.DateField(blank=True, null=True)),
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
                (
                    "incident",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="information_requests",
                        to="partnership.seriousincident",
                    ),
                ),
            ],
            options={
                "verbose_name": "CSPR information request",
                "ordering": ("incident", "sent_on", "agency"),
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("due_on__gte", models.F("sent_on"))),
                        name="partnership_inforequest_due_after_sent",
                    )
                ],
            },
        ),
        migrations.RunPython(add_themes, migrations.RunPython.noop),
    ]
