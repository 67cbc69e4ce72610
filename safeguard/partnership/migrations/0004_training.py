"""Multi-agency training: courses, sessions, agencies, bookings and evaluations; and the
starting list of agencies (the business unit keeps it up to date)."""

import uuid

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from safeguard.core.reference import reference_id

AGENCIES = (
    ("Police", "police"),
    ("NHS community health services", "health"),
    ("Hospital trust", "health"),
    ("GP practices", "health"),
    ("Schools and academies", "education"),
    ("Further education colleges", "education"),
    ("Early years providers and childminders", "early_years"),
    ("Children's social care", "childrens_social_care"),
    ("Adult social care", "adult_services"),
    ("Probation Service", "probation"),
    ("Housing (council and housing associations)", "housing"),
    ("Voluntary and community organisations", "voluntary"),
    ("Sports and activity clubs", "voluntary"),
    ("Faith organisations", "voluntary"),
    ("Other", "other"),
)


def add_agencies(apps, schema_editor):
    agency = apps.get_model("partnership", "TrainingAgency")
    for name, sector in AGENCIES:
        agency.objects.get_or_create(
            name=name,
            defaults={"id": reference_id("partnership.TrainingAgency", name), "sector": sector},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("partnership", "0003_child_deaths"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Course",
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
                ("title", models.CharField(max_length=160, unique=True)),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("1", "Level 1 (awareness)"),
                            ("2", "Level 2 (foundation)"),
                            ("3", "Level 3 (Working Together)"),
                            ("4", "Level 4 (specialist and leaders)"),
                        ],
                        max_length=2,
                    ),
                ),
                (
                    "length",
                    models.DecimalField(decimal_places=1, help_text="E.g. 1 or 0.5.", max_digits=5),
                ),
                (
                    "length_unit",
                    models.CharField(choices=[("hours", "Hours"), ("days", "Days")], max_length=5),
                ),
                (
                    "mode",
                    models.CharField(
                        choices=[
                            ("face_to_face", "Face to face"),
                            ("virtual", "Virtual (Teams or Zoom)"),
                            ("e_learning", "E-learning"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "capacity",
                    models.PositiveIntegerField(
                        help_text="The usual number of places; each session may differ.",
                        verbose_name="places per session",
                    ),
                ),
                (
                    "price_per_place",
                    models.DecimalField(
                        decimal_places=2,
                        help_text="0 for a free course.",
                        max_digits=7,
                        verbose_name="price per place (£)",
                    ),
                ),
                ("provider", models.CharField(max_length=160)),
                ("description", models.TextField(blank=True)),
                ("active", models.BooleanField(default=True, help_text="Still on the menu.")),
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
                "ordering": ("title",),
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("length__gt", 0)),
                        name="partnership_course_length_positive",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("capacity__gt", 0)),
                        name="partnership_course_capacity_positive",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("price_per_place__gte", 0)),
                        name="partnership_course_price_not_negative",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="CourseSession",
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
                ("starts_on", models.DateField(verbose_name="date")),
                ("start_time", models.TimeField(blank=True, null=True)),
                (
                    "venue",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="venue or joining link"
                    ),
                ),
                ("capacity", models.PositiveIntegerField(verbose_name="places")),
                ("trainer", models.CharField(blank=True, max_length=160)),
                ("cancelled_on", models.DateField(blank=True, null=True)),
                ("attendance_recorded_on", models.DateField(blank=True, null=True)),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sessions",
                        to="partnership.course",
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
                "verbose_name": "training session",
                "ordering": ("starts_on", "start_time", "course__title"),
                "indexes": [
                    models.Index(fields=["starts_on"], name="partnership_session_starts_idx")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("capacity__gt", 0)),
                        name="partnership_session_capacity_positive",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("cancelled_on__isnull", True),
                            ("attendance_recorded_on__isnull", True),
                            _connector="OR",
                        ),
                        name="partnership_session_cancelled_or_attended",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="TrainingAgency",
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
                ("name", models.CharField(max_length=160, unique=True)),
                (
                    "sector",
                    models.CharField(
                        choices=[
                            ("police", "Police"),
                            ("health", "Health"),
                            ("education", "Education (schools and colleges)"),
                            ("early_years", "Early years"),
                            ("childrens_social_care", "Children's social care"),
                            ("adult_services", "Adult services"),
                            ("probation", "Probation"),
                            ("housing", "Housing"),
                            ("voluntary", "Voluntary and community sector"),
                            ("other", "Other"),
                        ],
                        max_length=30,
                    ),
                ),
                ("active", models.BooleanField(default=True, help_text="Offered when booking.")),
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
                "verbose_name": "training agency",
                "verbose_name_plural": "training agencies",
                "ordering": ("name",),
            },
        ),
        migrations.CreateModel(
            name="TrainingBooking",
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
                ("delegate_name", models.CharField(max_length=160)),
                ("delegate_role", models.CharField(max_length=160, verbose_name="delegate's role")),
                (
                    "delegate_email",
                    models.EmailField(max_length=254, verbose_name="delegate's email"),
                ),
                ("booked_on", models.DateField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("booked", "Booked"),
                            ("waiting", "On the waiting list"),
                            ("cancelled", "Cancelled"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "place_offered_on",
                    models.DateField(
                        blank=True,
                        help_text="A place freed by a cancellation, from the waiting list.",
                        null=True,
                    ),
                ),
                ("cancelled_on", models.DateField(blank=True, null=True)),
                (
                    "attendance",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("attended", "Attended"),
                            ("did_not_attend", "Did not attend"),
                            ("cancelled_late", "Cancelled late"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="bookings",
                        to="partnership.trainingagency",
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
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="bookings",
                        to="partnership.coursesession",
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
                "verbose_name": "training booking",
                "ordering": ("session", "booked_on", "created_at"),
                "indexes": [
                    models.Index(
                        fields=["session", "status"], name="partnership_booking_status_idx"
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("cancelled_on__isnull", False), ("status", "cancelled")),
                            models.Q(
                                models.Q(("status", "cancelled"), _negated=True),
                                ("cancelled_on__isnull", True),
                            ),
                            _connector="OR",
                        ),
                        name="partnership_booking_cancelled_iff_date",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("attendance", ""), ("status", "booked"), _connector="OR"
                        ),
                        name="partnership_booking_attendance_on_places",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="TrainingEvaluation",
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
                ("returned_on", models.DateField()),
                (
                    "rating",
                    models.PositiveSmallIntegerField(
                        help_text="1 (poor) to 5 (excellent).",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(5),
                        ],
                    ),
                ),
                ("comments", models.TextField(blank=True)),
                (
                    "learning_applied",
                    models.TextField(
                        blank=True,
                        help_text="In the delegate's words.",
                        verbose_name="how the learning will be applied",
                    ),
                ),
                (
                    "booking",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evaluation",
                        to="partnership.trainingbooking",
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
                "verbose_name": "training evaluation",
                "ordering": ("-returned_on",),
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("rating__gte", 1), ("rating__lte", 5)),
                        name="partnership_evaluation_rating_1_to_5",
                    )
                ],
            },
        ),
        migrations.RunPython(add_agencies, migrations.RunPython.noop),
    ]
