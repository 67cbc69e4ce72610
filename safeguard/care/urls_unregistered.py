"""URLs of the unregistered placements register (included in the care app's namespace).
Every view declares its access rule (safeguard.access.decorators)."""

from django.urls import URLPattern, URLResolver, path

from safeguard.care import views_unregistered as views
from safeguard.care import views_unregistered_reports as report_views

REGISTER = "unregistered-placements/"
ENTRY = f"{REGISTER}<uuid:placement_id>/"
DOCUMENT = f"{REGISTER}documents/<uuid:document_id>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path(REGISTER, views.register, name="unregistered_register"),
    path(f"{REGISTER}add/<uuid:episode_id>/", views.add, name="unregistered_add"),
    path(ENTRY, views.entry, name="unregistered_entry"),
    path(f"{ENTRY}approval/", views.approval, name="unregistered_approval"),
    path(f"{ENTRY}reason/", views.reason, name="unregistered_reason"),
    path(f"{ENTRY}progress/", views.progress, name="unregistered_progress"),
    path(f"{ENTRY}visit/", views.visit, name="unregistered_visit"),
    path(f"{ENTRY}end/", views.end, name="unregistered_end"),
    path(f"{REGISTER}documents/", report_views.documents, name="unregistered_documents"),
    path(DOCUMENT, report_views.document, name="unregistered_document"),
    path(f"{DOCUMENT}pdf/", report_views.document_pdf, name="unregistered_document_pdf"),
    path(f"{DOCUMENT}csv/", report_views.document_csv, name="unregistered_document_csv"),
    path(f"{REGISTER}board/", report_views.board, name="unregistered_board"),
    path(f"{REGISTER}board/pdf/", report_views.board_pdf, name="unregistered_board_pdf"),
    path(f"{REGISTER}board/csv/", report_views.board_csv, name="unregistered_board_csv"),
    path(
        "children/<uuid:child_id>/unregistered-placements/",
        views.child_placements,
        name="child_unregistered_placements",
    ),
]
