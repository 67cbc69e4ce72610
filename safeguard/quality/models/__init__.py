"""Quality assurance records, one module per process: ``audits`` (case audits and dip
samples), ``supervision``, ``meetings`` (practice meetings) and ``complaints`` (complaints,
compliments and family feedback)."""

from safeguard.quality.models.audits import *  # noqa: F403
from safeguard.quality.models.complaints import *  # noqa: F403
from safeguard.quality.models.meetings import *  # noqa: F403
from safeguard.quality.models.supervision import *  # noqa: F403
