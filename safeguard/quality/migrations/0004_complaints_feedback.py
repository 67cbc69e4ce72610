"""Complaints (each stage its own record), compliments and family feedback."""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("quality", "0003_practice_meetings"),
        ("care", "0003_unregistered_placements"),
        ("cin", "0002_cin_plans_visits_closure_sign_off"),
        ("people", "0002_population_estimate"),
        ("workforce", "0003_qa_officer_role"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Complaint",
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
                    models.CharField(help_text="CMP-year-number.", max_length=20, unique=True),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("formal", "Formal"), ("informal", "Informal")], max_length=10
                    ),
                ),
                (
                    "stage",
                    models.CharField(
                        choices=[
                            ("stage_1", "Stage 1: local resolution"),
                            ("stage_2", "Stage 2: investigation"),
                            ("stage_3", "Stage 3: review panel"),
                            (
                                "ombudsman",
                                "Referred to the Local Government and Social Care Ombudsman",
                            ),
                        ],
                        max_length=10,
                    ),
                ),
                ("received_on", models.DateField()),
                ("complainant_name", models.CharField(max_length=160)),
                (
                    "complainant_relationship",
                    models.CharField(
                        choices=[
                            ("parent", "Parent"),
                            ("carer", "Carer"),
                            ("young_person", "The young person"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "service_area",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("mash", "MASH and front door"),
                            ("early_help", "Early help"),
                            ("assessment", "Assessment"),
                            ("cin", "Children in need and child protection"),
                            ("cic", "Children in care"),
                            ("care_leavers", "Care leavers"),
                            ("disability", "Children with disabilities"),
                            ("qa", "Quality assurance (conference chairs and IROs)"),
                            ("business_support", "Business support"),
                            ("partnership", "Safeguarding partnership"),
                            ("performance", "Performance and intelligence"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("communication", "Communication"),
                            ("delay", "Delay"),
                            ("decision", "A decision"),
                            ("staff_conduct", "Staff conduct"),
                            ("quality_of_service", "Quality of service"),
                            ("other", "Other"),
                        ],
                        max_length=24,
                    ),
                ),
                ("summary", models.TextField(help_text="What the complaint is about.")),
                (
                    "response_due_on",
                    models.DateField(
                        blank=True,
                        help_text="Timescale complaint_response (none at the Ombudsman).",
                        null=True,
                    ),
                ),
                ("responded_on", models.DateField(blank=True, null=True)),
                ("response_summary", models.TextField(blank=True)),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("justified", "Justified"),
                            ("partly_justified", "Partly justified"),
                            ("not_justified", "Not justified"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        max_length=20,
                    ),
                ),
                ("learning_points", models.TextField(blank=True)),
                (
                    "child",
                    models.ForeignKey(
                        blank=True,
                        help_text="The child the complaint is about, when it is about one.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="complaints",
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
                    "previous",
                    models.OneToOneField(
                        blank=True,
                        help_text="The earlier stage this one escalates.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="escalation",
                        to="quality.complaint",
                    ),
                ),
                (
                    "team",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="complaints",
                        to="workforce.team",
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
                "ordering": ("-received_on", "reference"),
                "indexes": [
                    models.Index(fields=["received_on"], name="quality_com_receive_2c64db_idx"),
                    models.Index(fields=["responded_on"], name="quality_com_respond_ebcd32_idx"),
                    models.Index(
                        fields=["child", "received_on"], name="quality_com_child_i_f29353_idx"
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("responded_on__isnull", True),
                            ("responded_on__gte", models.F("received_on")),
                            _connector="OR",
                        ),
                        name="quality_complaint_responded_after_received",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("kind", "informal"), _negated=True),
                            ("stage", "stage_1"),
                            _connector="OR",
                        ),
                        name="quality_complaint_informal_at_stage_1",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Compliment",
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
                ("received_on", models.DateField()),
                ("received_from", models.CharField(max_length=160, verbose_name="from")),
                ("summary", models.TextField()),
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
                    "team",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="compliments",
                        to="workforce.team",
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
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="compliments",
                        to="workforce.worker",
                    ),
                ),
            ],
            options={
                "ordering": ("-received_on", "-created_at"),
                "indexes": [
                    models.Index(fields=["received_on"], name="quality_com_receive_371d46_idx")
                ],
            },
        ),
        migrations.CreateModel(
            name="FamilyFeedback",
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
                    "occasion",
                    models.CharField(
                        choices=[
                            ("closure", "At case closure"),
                            ("six_monthly", "Six-monthly, while the case is open"),
                        ],
                        max_length=12,
                    ),
                ),
                ("received_on", models.DateField()),
                (
                    "respondent",
                    models.CharField(
                        choices=[
                            ("parent", "Parent"),
                            ("carer", "Carer"),
                            ("young_person", "The young person"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "clear_information",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("agree", "Agree"),
                            ("neither", "Neither agree nor disagree"),
                            ("disagree", "Disagree"),
                        ],
                        help_text="Blank: not answered.",
                        max_length=10,
                        verbose_name="I was given clear information",
                    ),
                ),
                (
                    "able_to_talk",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("agree", "Agree"),
                            ("neither", "Neither agree nor disagree"),
                            ("disagree", "Disagree"),
                        ],
                        help_text="Blank: not answered.",
                        max_length=10,
                        verbose_name="I felt able to talk",
                    ),
                ),
                (
                    "listened_to",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("agree", "Agree"),
                            ("neither", "Neither agree nor disagree"),
                            ("disagree", "Disagree"),
                        ],
                        help_text="Blank: not answered.",
                        max_length=10,
                        verbose_name="I felt listened to",
                    ),
                ),
                (
                    "involved",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("agree", "Agree"),
                            ("neither", "Neither agree nor disagree"),
                            ("disagree", "Disagree"),
                        ],
                        help_text="Blank: not answered.",
                        max_length=10,
                        verbose_name="I was involved in the decisions",
                    ),
                ),
                (
                    "made_difference",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("agree", "Agree"),
                            ("neither", "Neither agree nor disagree"),
                            ("disagree", "Disagree"),
                        ],
                        help_text="Blank: not answered.",
                        max_length=10,
                        verbose_name="The service made a difference",
                    ),
                ),
                ("comments", models.TextField(blank=True)),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="family_feedback",
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
                    "episode",
                    models.ForeignKey(
                        blank=True,
                        help_text="The child in need episode (CIN and child protection work).",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="family_feedback",
                        to="cin.cinepisode",
                    ),
                ),
                (
                    "period_of_care",
                    models.ForeignKey(
                        blank=True,
                        help_text="The period of care, for a child looked after.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="family_feedback",
                        to="care.periodofcare",
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
                "verbose_name": "family feedback response",
                "ordering": ("-received_on", "-created_at"),
                "indexes": [
                    models.Index(fields=["received_on"], name="quality_fam_receive_c5e928_idx"),
                    models.Index(
                        fields=["child", "received_on"], name="quality_fam_child_i_94f22e_idx"
                    ),
                ],
            },
        ),
    ]
