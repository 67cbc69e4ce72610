"""Authorization matrix cases for quality assurance, one module per process."""

from __future__ import annotations

from safeguard.quality.tests.access_matrix_audits import CASES as _AUDITS
from safeguard.quality.tests.access_matrix_complaints import CASES as _COMPLAINTS
from safeguard.quality.tests.access_matrix_meetings import CASES as _MEETINGS
from safeguard.quality.tests.access_matrix_supervision import CASES as _SUPERVISION

CASES = [*_AUDITS, *_SUPERVISION, *_MEETINGS, *_COMPLAINTS]
