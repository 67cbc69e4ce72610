"""Performance pages, mounted at /performance/. Every view needs ``view_performance``."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from safeguard.performance.views import assets, measures, outcomes, products, reports

app_name = "performance"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", products.index, name="index"),
    path("scorecard/", products.scorecard, name="scorecard"),
    path("scorecard/export.<slug:fmt>", products.scorecard_export, name="scorecard_export"),
    path("measures/<str:measure_id>/", measures.measure_detail, name="measure"),
    path("measures/<str:measure_id>/rows.csv", measures.measure_rows_csv, name="measure_rows"),
    path("cp-annual/", reports.cp_annual_page, name="cp_annual"),
    path("cp-annual/export.<slug:fmt>", reports.cp_annual_export, name="cp_annual_export"),
    path("self-evaluation/", reports.self_evaluation_page, name="self_evaluation"),
    path(
        "self-evaluation/export.<slug:fmt>",
        reports.self_evaluation_export,
        name="self_evaluation_export",
    ),
    path("charts/vega-embed.js", assets.vega_embed, name="vega_embed"),
    path("outcomes/", outcomes.overview, name="outcomes"),
    path("outcomes/export.<slug:fmt>", outcomes.export, name="outcomes_export"),
    path("outcomes/<slug:code>/", outcomes.indicator, name="outcome"),
    path("outcomes/<slug:code>/commentary/", outcomes.commentary, name="outcome_commentary"),
    path("risks/", outcomes.risks, name="risks"),
]
