"""Users, their roles and capabilities, restricted records, grants, break-glass, notifications.

The policy (which role holds which capability) is data seeded from
``safeguard.access.roles``; which children a user may open is decided by the object rules
in ``safeguard.access.rules`` and read through ``safeguard.access.selectors.child_access``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from safeguard.access.roles import CAPABILITY_CODES, Agency
from safeguard.core import clock
from safeguard.core.models import BaseModel


def is_capability_permission(perm: str) -> bool:
    app_label, _, code = perm.partition(".")
    return app_label == "access" and code in CAPABILITY_CODES


class Capability(BaseModel):
    """Something a role allows: checked as the permission ``access.<code>``."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "capabilities"
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name


class Role(BaseModel):
    """A job a user does; it holds capabilities. Partner roles are scoped by agency."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    is_partner = models.BooleanField(
        default=False, help_text="Users with this role belong to a partner agency."
    )
    capabilities = models.ManyToManyField(Capability, blank=True, related_name="roles")

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in: staff of the authority or of a partner agency."""

    role = models.ForeignKey(
        Role, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    agency = models.CharField(
        max_length=20,
        choices=Agency.CHOICES,
        blank=True,
        help_text="Partner agency users only; blank for the authority's own staff.",
    )

    class Meta:
        verbose_name = "user"
        verbose_name_plural = "users"
        ordering = ("username",)

    def clean(self) -> None:
        super().clean()
        is_partner = bool(self.role_id) and self.role is not None and self.role.is_partner
        if is_partner and not self.agency:
            raise ValidationError({"agency": "Select the partner agency this user works for."})
        if not is_partner and self.agency:
            raise ValidationError(
                {"agency": "Only partner agency users have an agency: leave it blank for staff."}
            )

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        """Capabilities come only from the role, even for a superuser.

        A superuser keeps Django's powers in the admin (model permissions) but does not
        gain ``access.<capability>`` without a role holding it, so being an administrator
        never opens a child's record by itself.
        """
        if self.is_superuser and is_capability_permission(perm):
            from safeguard.access.backends import RoleCapabilityBackend

            return self.is_active and RoleCapabilityBackend().has_perm(self, perm, obj)
        return super().has_perm(perm, obj)


class RestrictionReason(models.TextChoices):
    ADOPTION = "adoption", "Adoption"
    STAFF_FAMILY = "staff_family", "A member of staff's own family"
    HIGH_PROFILE = "high_profile", "High-profile case"
    OTHER = "other", "Other"


class RestrictedRecord(BaseModel):
    """A child whose record only named people may open (while ``lifted_at`` is empty).

    The allocated worker and the team manager of the allocated worker's team keep
    access; everyone else needs a live ``AccessGrant``. Break-glass does not open it.
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="restrictions"
    )
    reason_category = models.CharField(max_length=20, choices=RestrictionReason.choices)
    note = models.TextField(blank=True)
    restricted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    restricted_at = models.DateTimeField(default=clock.now)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("-restricted_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(lifted_at__isnull=True),
                name="access_one_live_restriction_per_child",
            ),
            models.CheckConstraint(
                condition=models.Q(lifted_at__isnull=True)
                | models.Q(lifted_at__gte=models.F("restricted_at")),
                name="access_restriction_lifted_after_made",
            ),
        ]

    def __str__(self) -> str:
        return f"Restriction of {self.child_id} ({self.get_reason_category_display()})"


class AccessGrant(BaseModel):
    """Permission for one user to open one (usually restricted) child's record for a time."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_grants")
    child = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="access_grants"
    )
    granted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    starts_at = models.DateTimeField(default=clock.now)
    ends_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("-starts_at",)
        indexes = [models.Index(fields=["user", "child", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="access_grant_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Grant to {self.user_id} for {self.child_id} until {self.ends_at:%d/%m/%Y %H:%M}"

    @property
    def is_live(self) -> bool:
        now = clock.now()
        return self.revoked_at is None and self.starts_at <= now < self.ends_at


class BreakGlassAccess(BaseModel):
    """A user opened a record outside their rules, giving a reason; flagged and time-limited."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="break_glass_uses")
    child = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="break_glass_accesses"
    )
    reason = models.TextField()
    at = models.DateTimeField(default=clock.now)
    expires_at = models.DateTimeField()
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = "break-glass access"
        verbose_name_plural = "break-glass accesses"
        ordering = ("-at",)
        indexes = [models.Index(fields=["user", "child", "expires_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("at")),
                name="access_break_glass_expires_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Break-glass by {self.user_id} on {self.child_id} at {self.at:%d/%m/%Y %H:%M}"


class Notification(BaseModel):
    """An in-app message to one user (e.g. a report used break-glass)."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject
