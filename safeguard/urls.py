"""Top-level URLs. Every view must declare an access rule (see safeguard.access)."""

from django.contrib import admin
from django.urls import include, path

from safeguard.core import views as core_views

admin.site.site_header = "Safeguard administration"
admin.site.site_title = "Safeguard"
admin.site.index_title = "Records and settings"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("", include("safeguard.access.urls")),
    path("children/", include("safeguard.people.urls")),
    # The practitioners' pages, one include per part of the journey.
    path("work/", include("safeguard.worklists.urls")),
    path("front-door/", include("safeguard.frontdoor.urls")),
    path("early-help/", include("safeguard.earlyhelp.urls")),
    path("assessments/", include("safeguard.assessment.urls")),
    path("children-in-need/", include("safeguard.cin.urls")),
    path("child-protection/", include("safeguard.protection.urls")),
    path("care/", include("safeguard.care.urls")),
    path("missing-and-exploitation/", include("safeguard.exploitation.urls")),
    path("partnership/", include("safeguard.partnership.urls")),  # LADO
    path("fostering/", include("safeguard.fostering.urls")),  # fostering (issue 8)
    path("education/", include("safeguard.education.urls")),  # children out of school
    path("quality/", include("safeguard.quality.urls")),  # quality assurance (issue 9)
    path("teams/", include("safeguard.workforce.urls")),
    path("audit/", include("safeguard.audit.urls")),
    path("governance/", include("safeguard.governance.urls")),
    path("performance/", include("safeguard.performance.urls")),
    path("returns/", include("safeguard.returns.urls")),
    path("admin/", admin.site.urls),
]
