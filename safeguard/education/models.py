"""Children out of school (seeds 002 and 003): missing education, exclusions, part-time timetables.

A child missing education (CME) episode runs from the day the child was reported to the
authority's Children Missing Education group to the day it ended (back on a school roll,
elective home education, moved away ...). Exclusions follow the DfE's categories: a
suspension (fixed-period, in school days, half days allowed) or a permanent exclusion,
with a reason from the DfE list; a permanent exclusion stays in force until it is lifted
(reinstated by the governors or on review) or the child starts at a new school or full-time
provision. A part-time timetable is a reduced school day agreed with the school. The child is
out of school on a day when a CME episode is open or an exclusion is in force
(``safeguard.education.selectors``; OBA1-09 and OBA2-13).
"""

from __future__ import annotations

from django.db import models

from safeguard.core.models import BaseModel


class MissingEducationReason(models.TextChoices):
    NOT_ON_ROLL = "not_on_roll", "Not on a school roll (never registered)"
    REMOVED_FROM_ROLL = "removed_from_roll", "Removed from roll, no new school known"
    NEW_TO_AREA = "new_to_area", "New to the area, no school place"
    PERMANENTLY_EXCLUDED = "permanently_excluded", "Permanently excluded, no provision"
    NON_ATTENDANCE = "non_attendance", "Not attending, whereabouts not confirmed"
    NOT_ATTENDING_PROVISION = "not_attending_provision", "Not attending a learning centre"
    OTHER = "other", "Other"


class ReporterKind(models.TextChoices):
    SCHOOL = "school", "School"
    ATTENDANCE = "attendance", "Education welfare or attendance service"
    SOCIAL_CARE = "social_care", "Children's social care"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    OTHER_LA = "other_la", "Another local authority"
    PARENT = "parent", "Parent or carer"
    OTHER = "other", "Other agency"


class MissingEducationOutcome(models.TextChoices):
    BACK_ON_ROLL = "back_on_roll", "Back on a school roll"
    ALTERNATIVE_PROVISION = "alternative_provision", "Full-time alternative provision"
    ELECTIVE_HOME_EDUCATION = "elective_home_education", "Elective home education"
    MOVED_AWAY = "moved_away", "Moved out of the area (new authority told)"
    LEFT_SCHOOL_AGE = "left_school_age", "Reached the end of compulsory school age"
    OTHER = "other", "Other"


class ExclusionKind(models.TextChoices):
    SUSPENSION = "suspension", "Suspension (fixed period)"
    PERMANENT = "permanent", "Permanent exclusion"


class ExclusionReason(models.TextChoices):
    """The DfE reason categories for suspensions and permanent exclusions (school census)."""

    PHYSICAL_ASSAULT_PUPIL = "physical_assault_pupil", "Physical assault against a pupil"
    PHYSICAL_ASSAULT_ADULT = "physical_assault_adult", "Physical assault against an adult"
    VERBAL_ABUSE_PUPIL = (
        "verbal_abuse_pupil",
        "Verbal abuse or threatening behaviour against a pupil",
    )
    VERBAL_ABUSE_ADULT = (
        "verbal_abuse_adult",
        "Verbal abuse or threatening behaviour against an adult",
    )
    OFFENSIVE_WEAPON = (
        "offensive_weapon",
        "Use or threat of use of an offensive weapon or prohibited item",
    )
    BULLYING = "bullying", "Bullying"
    RACIST_ABUSE = "racist_abuse", "Racist abuse"
    SEXUAL_ORIENTATION_GENDER = (
        "sexual_orientation_gender",
        "Abuse against sexual orientation or gender identity",
    )
    DISABILITY_ABUSE = "disability_abuse", "Abuse relating to disability"
    ONLINE = "online", "Inappropriate use of social media or online technology"
    DAMAGE = "damage", "Damage"
    THEFT = "theft", "Theft"
    PERSISTENT_DISRUPTIVE = "persistent_disruptive", "Persistent disruptive behaviour"
    DRUG_ALCOHOL = "drug_alcohol", "Drug and alcohol related"
    SEXUAL_MISCONDUCT = "sexual_misconduct", "Sexual misconduct"
    OTHER = "other", "Other"


class MissingEducationEpisode(BaseModel):
    """A child of compulsory school age not on a roll or not receiving suitable education."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="missing_education_episodes"
    )
    reported_on = models.DateField(help_text="The day the Children Missing Education group knew.")
    reported_by = models.CharField(max_length=20, choices=ReporterKind.choices)
    reporter_name = models.CharField(
        max_length=160, blank=True, help_text="The school or agency, for example its name."
    )
    reason = models.CharField(max_length=30, choices=MissingEducationReason.choices)
    ended_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=30, choices=MissingEducationOutcome.choices, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ("-reported_on", "-created_at")
        indexes = [models.Index(fields=["reported_on"]), models.Index(fields=["ended_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True, outcome="")
                | (models.Q(ended_on__isnull=False) & ~models.Q(outcome="")),
                name="education_cme_ended_with_outcome",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("reported_on")),
                name="education_cme_ends_after_report",
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(ended_on__isnull=True),
                name="education_one_open_cme_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"Missing education from {self.reported_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class Exclusion(BaseModel):
    """A suspension or permanent exclusion from a school (DfE reason categories)."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="exclusions")
    kind = models.CharField(max_length=20, choices=ExclusionKind.choices)
    school_name = models.CharField(max_length=160)
    excluded_on = models.DateField(help_text="The first school day of the exclusion.")
    days = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="School days of a suspension (half days allowed); blank when permanent.",
    )
    ends_on = models.DateField(
        null=True, blank=True, help_text="The last school day of a suspension (derived)."
    )
    reason = models.CharField(max_length=30, choices=ExclusionReason.choices)
    lifted = models.BooleanField(
        default=False, help_text="Withdrawn by the head, or overturned (child reinstated)."
    )
    lifted_on = models.DateField(null=True, blank=True)
    reintegrated_on = models.DateField(
        null=True,
        blank=True,
        help_text="After a permanent exclusion: started at a new school or full-time provision.",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ("-excluded_on", "-created_at")
        indexes = [models.Index(fields=["excluded_on"]), models.Index(fields=["kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="suspension", days__gt=0, ends_on__isnull=False)
                | models.Q(kind="permanent", days__isnull=True, ends_on__isnull=True),
                name="education_days_only_for_suspensions",
            ),
            models.CheckConstraint(
                condition=models.Q(lifted=False, lifted_on__isnull=True)
                | models.Q(lifted=True, lifted_on__gte=models.F("excluded_on")),
                name="education_lifted_with_date",
            ),
            models.CheckConstraint(
                condition=models.Q(reintegrated_on__isnull=True)
                | models.Q(kind="permanent", reintegrated_on__gte=models.F("excluded_on")),
                name="education_reintegration_after_permanent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.school_name}, {self.excluded_on:%d/%m/%Y}"

    @property
    def is_permanent(self) -> bool:
        return self.kind == ExclusionKind.PERMANENT


class PartTimeTimetable(BaseModel):
    """A reduced school day agreed with the school (to be kept short and reviewed)."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="part_time_timetables"
    )
    school_name = models.CharField(max_length=160)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ("-started_on", "-created_at")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="education_timetable_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(ended_on__isnull=True),
                name="education_one_open_timetable_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"Part-time timetable at {self.school_name} from {self.started_on:%d/%m/%Y}"
