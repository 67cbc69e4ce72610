"""Users of the product. Roles, object rules and the audit log build on this."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person who signs in: staff of the authority or of a partner agency."""

    class Meta:
        verbose_name = "user"
        verbose_name_plural = "users"
        ordering = ("username",)
