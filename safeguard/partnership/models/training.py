"""Multi-agency training: the partnership's courses, their sessions, bookings by agency,
attendance and evaluations (seed 001, "Multi Agency Training and Practice Improvement").

The partnership business unit runs a menu of **courses** (Level 3 Working Together, the
Update, Managing Allegations...), each delivered on **sessions** (a date with its own
places). Agencies **book** delegates onto a session; a booking beyond the places goes on
the session's **waiting list**, and a cancellation offers the place to the first waiting.
After the session the unit records **attendance** (attended, did not attend, cancelled
late) and the **evaluation** forms returned. The quarterly table of seed 001 counts these:
courses, spaces, bookings, attendance and feedback forms.

Delegates are practitioners, not children or families: their names and emails are
personal data all the same, so pages listing them are audited.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from safeguard.core.models import BaseModel

__all__ = [
    "AgencySector",
    "Attendance",
    "BookingStatus",
    "Course",
    "CourseLevel",
    "CourseSession",
    "DeliveryMode",
    "LengthUnit",
    "TrainingAgency",
    "TrainingBooking",
    "TrainingEvaluation",
]


class AgencySector(models.TextChoices):
    """The kind of agency a delegate comes from (the table's attendance by agency)."""

    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education (schools and colleges)"
    EARLY_YEARS = "early_years", "Early years"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    ADULT_SERVICES = "adult_services", "Adult services"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    VOLUNTARY = "voluntary", "Voluntary and community sector"
    OTHER = "other", "Other"


class CourseLevel(models.TextChoices):
    LEVEL_1 = "1", "Level 1 (awareness)"
    LEVEL_2 = "2", "Level 2 (foundation)"
    LEVEL_3 = "3", "Level 3 (Working Together)"
    LEVEL_4 = "4", "Level 4 (specialist and leaders)"


class LengthUnit(models.TextChoices):
    HOURS = "hours", "Hours"
    DAYS = "days", "Days"


class DeliveryMode(models.TextChoices):
    FACE_TO_FACE = "face_to_face", "Face to face"
    VIRTUAL = "virtual", "Virtual (Teams or Zoom)"
    E_LEARNING = "e_learning", "E-learning"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"


class Attendance(models.TextChoices):
    """Recorded after the session, for each booked place."""

    ATTENDED = "attended", "Attended"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"
    CANCELLED_LATE = "cancelled_late", "Cancelled late"


class TrainingAgency(BaseModel):
    """An agency whose staff book places: the unit keeps the list."""

    name = models.CharField(max_length=160, unique=True)
    sector = models.CharField(max_length=30, choices=AgencySector.choices)
    active = models.BooleanField(default=True, help_text="Offered when booking.")

    class Meta:
        ordering = ("name",)
        verbose_name = "training agency"
        verbose_name_plural = "training agencies"

    def __str__(self) -> str:
        return self.name


class Course(BaseModel):
    """A course on the partnership's training menu."""

    title = models.CharField(max_length=160, unique=True)
    level = models.CharField(max_length=2, choices=CourseLevel.choices)
    length = models.DecimalField(max_digits=5, decimal_places=1, help_text="E.g. 1 or 0.5.")
    length_unit = models.CharField(max_length=5, choices=LengthUnit.choices)
    mode = models.CharField(max_length=20, choices=DeliveryMode.choices)
    capacity = models.PositiveIntegerField(
        "places per session", help_text="The usual number of places; each session may differ."
    )
    price_per_place = models.DecimalField(
        "price per place (£)", max_digits=7, decimal_places=2, help_text="0 for a free course."
    )
    provider = models.CharField(max_length=160)
    description = models.TextField(blank=True)
    active = models.BooleanField(default=True, help_text="Still on the menu.")

    class Meta:
        ordering = ("title",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(length__gt=0), name="partnership_course_length_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gt=0), name="partnership_course_capacity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(price_per_place__gte=0),
                name="partnership_course_price_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def length_label(self) -> str:
        """ "1 day", "½ day", "3 hours"."""
        number = f"{float(self.length):g}"
        if number == "0.5":
            number = "½"
        unit = self.get_length_unit_display().lower()
        return f"{number} {unit.rstrip('s') if number in ('1', '½') else unit}"


class CourseSession(BaseModel):
    """One date a course runs on, with its own places."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    starts_on = models.DateField("date")
    start_time = models.TimeField(null=True, blank=True)
    venue = models.CharField("venue or joining link", max_length=200, blank=True)
    capacity = models.PositiveIntegerField("places")
    trainer = models.CharField(max_length=160, blank=True)
    cancelled_on = models.DateField(null=True, blank=True)
    attendance_recorded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("starts_on", "start_time", "course__title")
        verbose_name = "training session"
        indexes = [models.Index(fields=["starts_on"], name="partnership_session_starts_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gt=0), name="partnership_session_capacity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(cancelled_on__isnull=True)
                | models.Q(attendance_recorded_on__isnull=True),
                name="partnership_session_cancelled_or_attended",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course.title}, {self.starts_on:%d/%m/%Y}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_on is not None


class TrainingBooking(BaseModel):
    """A delegate's place (or place on the waiting list) on a session."""

    session = models.ForeignKey(CourseSession, on_delete=models.PROTECT, related_name="bookings")
    agency = models.ForeignKey(TrainingAgency, on_delete=models.PROTECT, related_name="bookings")
    delegate_name = models.CharField(max_length=160)
    delegate_role = models.CharField("delegate's role", max_length=160)
    delegate_email = models.EmailField("delegate's email")
    booked_on = models.DateField()
    status = models.CharField(max_length=10, choices=BookingStatus.choices)
    place_offered_on = models.DateField(
        null=True, blank=True, help_text="A place freed by a cancellation, from the waiting list."
    )
    cancelled_on = models.DateField(null=True, blank=True)
    attendance = models.CharField(max_length=20, choices=Attendance.choices, blank=True)

    class Meta:
        ordering = ("session", "booked_on", "created_at")
        verbose_name = "training booking"
        indexes = [
            models.Index(fields=["session", "status"], name="partnership_booking_status_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="cancelled", cancelled_on__isnull=False)
                | (~models.Q(status="cancelled") & models.Q(cancelled_on__isnull=True)),
                name="partnership_booking_cancelled_iff_date",
            ),
            models.CheckConstraint(
                condition=models.Q(attendance="") | models.Q(status="booked"),
                name="partnership_booking_attendance_on_places",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegate_name} ({self.agency}): {self.session}"


class TrainingEvaluation(BaseModel):
    """The feedback form a delegate who attended returned."""

    booking = models.OneToOneField(
        TrainingBooking, on_delete=models.CASCADE, related_name="evaluation"
    )
    returned_on = models.DateField()
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (poor) to 5 (excellent).",
    )
    comments = models.TextField(blank=True)
    learning_applied = models.TextField(
        "how the learning will be applied", blank=True, help_text="In the delegate's words."
    )

    class Meta:
        ordering = ("-returned_on",)
        verbose_name = "training evaluation"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5),
                name="partnership_evaluation_rating_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"Evaluation by {self.booking.delegate_name}: {self.rating}/5"
