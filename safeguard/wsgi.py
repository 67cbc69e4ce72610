"""WSGI entry point for production app servers."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings")
application = get_wsgi_application()

# Everything loaded at start-up (Django, the apps, code lists, the timescale registry)
# lives as long as the process: moving it out of the collector's reach stops the full
# collections that otherwise add tens of milliseconds to one request in twenty
# (docs/performance.md, "Practitioners' pages").
gc.freeze()
