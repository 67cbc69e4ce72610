# Case audits and dip samples (issue 9). Written from `makemigrations --dry-run`.

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from safeguard.core.reference import reference_id

#: The maintained list of practice themes starts with these (QA keeps it in the admin).
PRACTICE_THEMES = [
    (
        "Absent parents and partners",
        "Fathers, absent parents and new partners are identified and assessed.",
    ),
    ("Family history", "History and previous involvement inform the assessment."),
    ("Child's voice", "The child's wishes and feelings shape the plan."),
    ("Drift and delay", "Plans progress without drift; delay is challenged."),
    ("Management oversight", "Decisions are recorded with rationale; supervision is reflective."),
    ("Partnership working", "Partners share information and contribute to plans."),
    ("Neglect", "Cumulative neglect is recognised and acted on."),
    ("Domestic abuse", "The impact of domestic abuse on the child is assessed."),
    ("Exploitation and missing", "Risks outside the home are identified and responded to."),
    ("Quality of plans", "Plans are SMART and understood by the family."),
    ("Recording and chronology", "Records are up to date and the chronology is maintained."),
]


def add_themes(apps, schema_editor):
    PracticeTheme = apps.get_model("quality", "PracticeTheme")
    for name, description in PRACTICE_THEMES:
        PracticeTheme.objects.get_or_create(
            name=name,
            defaults={
                "id": reference_id("quality.PracticeTheme", name),
                "description": description,
            },
        )


class Migration(migrations.Migration):
    initial = True
    dependencies = [
        ("people", "0002_population_estimate"),
        ("workforce", "0003_qa_officer_role"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditGroup",
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
                ("reference", models.CharField(max_length=20, unique=True)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("case_audit", "Case audit"),
                            ("dip_sample", "Manager dip sample"),
                            ("multi_agency", "Multi-agency audit"),
                            ("thematic", "Thematic audit"),
                        ],
                        max_length=20,
                    ),
                ),
                ("theme", models.CharField(help_text="What the audit looks at.", max_length=160)),
                (
                    "programme_month",
                    models.DateField(help_text="First day of the programme month."),
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
                "ordering": ("-programme_month", "reference"),
            },
        ),
        migrations.CreateModel(
            name="AuditParticipant",
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
                    "agency",
                    models.CharField(
                        help_text="For example police, health, school.", max_length=80
                    ),
                ),
                ("name", models.CharField(max_length=160)),
                ("role_title", models.CharField(blank=True, max_length=160, verbose_name="role")),
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
                    "group",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participants",
                        to="quality.auditgroup",
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
                "ordering": ("group", "agency", "name"),
            },
        ),
        migrations.CreateModel(
            name="PracticeTheme",
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
                ("name", models.CharField(max_length=120, unique=True)),
                ("description", models.TextField(blank=True)),
                (
                    "active",
                    models.BooleanField(default=True, help_text="Offered on the audit form."),
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
                "ordering": ("name",),
            },
        ),
        migrations.CreateModel(
            name="CaseAudit",
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
                    models.CharField(help_text="CA-year-number.", max_length=20, unique=True),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("case_audit", "Case audit"),
                            ("dip_sample", "Manager dip sample"),
                            ("multi_agency", "Multi-agency audit"),
                            ("thematic", "Thematic audit"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "programme_month",
                    models.DateField(help_text="First day of the programme month."),
                ),
                ("due_on", models.DateField()),
                ("completed_on", models.DateField(blank=True, null=True)),
                (
                    "grade",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("outstanding", "Outstanding"),
                            ("good", "Good"),
                            ("requires_improvement", "Requires improvement"),
                            ("inadequate", "Inadequate"),
                        ],
                        max_length=24,
                    ),
                ),
                ("strengths", models.TextField(blank=True)),
                ("areas_for_development", models.TextField(blank=True)),
                ("moderated_on", models.DateField(blank=True, null=True)),
                (
                    "moderated_grade",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("outstanding", "Outstanding"),
                            ("good", "Good"),
                            ("requires_improvement", "Requires improvement"),
                            ("inadequate", "Inadequate"),
                        ],
                        max_length=24,
                    ),
                ),
                ("moderation_reason", models.TextField(blank=True)),
                ("cancelled_on", models.DateField(blank=True, null=True)),
                ("cancel_reason", models.TextField(blank=True)),
                (
                    "auditor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="audits_to_complete",
                        to="workforce.worker",
                    ),
                ),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="case_audits",
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
                    "group",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="audits",
                        to="quality.auditgroup",
                    ),
                ),
                (
                    "moderated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "practitioner",
                    models.ForeignKey(
                        blank=True,
                        help_text="The allocated worker whose work is audited (when the audit was planned).",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="audits_of_their_work",
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
                (
                    "themes",
                    models.ManyToManyField(
                        blank=True, related_name="audits", to="quality.practicetheme"
                    ),
                ),
            ],
            options={
                "ordering": ("-programme_month", "due_on", "reference"),
                "indexes": [
                    models.Index(
                        fields=["auditor", "completed_on"], name="quality_cas_auditor_3c42e7_idx"
                    ),
                    models.Index(
                        fields=["child", "completed_on"], name="quality_cas_child_i_de5deb_idx"
                    ),
                    models.Index(fields=["completed_on"], name="quality_cas_complet_4aeb1c_idx"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("moderated_on__isnull", True),
                            models.Q(
                                ("completed_on__isnull", False),
                                ("moderated_on__gte", models.F("completed_on")),
                            ),
                            _connector="OR",
                        ),
                        name="quality_audit_moderated_after_completed",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ServiceJudgement",
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
                    "quarter_start",
                    models.DateField(help_text="First day of the financial quarter.", unique=True),
                ),
                (
                    "rating",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "1 Outstanding"),
                            (2, "2 Good"),
                            (3, "3 Requires improvement"),
                            (4, "4 Inadequate"),
                        ]
                    ),
                ),
                ("rationale", models.TextField()),
                ("recorded_on", models.DateField()),
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
                "ordering": ("-quarter_start",),
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("rating__gte", 1), ("rating__lte", 4)),
                        name="quality_judgement_1_to_4",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="CaseAuditAction",
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
                ("due_on", models.DateField()),
                ("completed_on", models.DateField(blank=True, null=True)),
                ("completion_note", models.TextField(blank=True)),
                (
                    "audit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="actions",
                        to="quality.caseaudit",
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
                    "worker",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="audit_actions",
                        to="workforce.worker",
                    ),
                ),
            ],
            options={
                "ordering": ("due_on", "created_at"),
                "indexes": [
                    models.Index(
                        fields=["worker", "completed_on"], name="quality_cas_worker__bd0e4e_idx"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="DomainScore",
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
                    "domain",
                    models.CharField(
                        choices=[
                            ("voice", "1. Voice and lived experience of the child"),
                            ("assessment", "2. Assessment and analysis of risk"),
                            ("planning", "3. Planning and review"),
                            ("oversight", "4. Management oversight and supervision"),
                            ("multi_agency", "5. Multi-agency working"),
                            ("recording", "6. Recording and chronology"),
                            ("impact", "7. Impact and outcomes for the child"),
                        ],
                        max_length=20,
                    ),
                ),
                ("score", models.PositiveSmallIntegerField()),
                ("evidence", models.TextField(blank=True)),
                (
                    "audit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="scores",
                        to="quality.caseaudit",
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
                "ordering": ("audit", "domain"),
                "constraints": [
                    models.UniqueConstraint(
                        fields=("audit", "domain"), name="quality_score_one_per_domain"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("score__gte", 1), ("score__lte", 10)),
                        name="quality_score_1_to_10",
                    ),
                ],
            },
        ),
        migrations.RunPython(add_themes, migrations.RunPython.noop),
    ]
