"""Admin pages for quality assurance: each process registers its models in its own module."""

from safeguard.quality import (  # noqa: F401
    admin_audits,
    admin_complaints,
    admin_meetings,
    admin_supervision,
)
