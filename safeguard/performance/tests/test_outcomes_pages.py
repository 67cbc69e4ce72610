"""The outcomes monitoring pages: the quarter's indicators, an indicator page, the lead
officers' commentary (saved, shown, stale edits refused), the risk register, downloads."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguard.access.testing.world import make_user
from safeguard.core import clock
from safeguard.performance import services
from safeguard.performance.models import IndicatorCommentary
from safeguard.performance.products.outcomes import last_complete_quarter
from safeguard.performance.tests.test_outcomes import cp_records  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

QUESTIONS = (
    "What are the indicators/performance measures telling us?",
    "What has changed and why?",
    "What are the issues and how can we address them?",
)


@pytest.fixture
def analyst(client):
    user = make_user("analyst", "performance_analyst")
    client.force_login(user)
    return user


@pytest.fixture
def lead(client):
    user = make_user("lead", "service_manager")
    client.force_login(user)
    return user


def page_url(code: str = "S01", quarter: str = "2025-Q2") -> str:
    return reverse("performance:outcome", kwargs={"code": code}) + f"?quarter={quarter}"


def commentary_url(code: str = "S01", quarter: str = "2025-Q2") -> str:
    return reverse("performance:outcome_commentary", kwargs={"code": code}) + f"?quarter={quarter}"


def answers(**overrides: str) -> dict[str, str]:
    return {"telling_us": "", "what_changed": "", "issues": ""} | overrides


# -- who may open them ------------------------------------------------------------------------


def test_the_pages_need_view_performance(client):
    client.force_login(make_user("worker", "social_worker"))
    for url in (
        reverse("performance:outcomes"),
        page_url(),
        reverse("performance:risks"),
        reverse("performance:outcomes_export", kwargs={"fmt": "csv"}),
        commentary_url(),
    ):
        assert client.get(url).status_code == 403, url


def test_only_lead_officers_write_commentary(client, analyst, cp_records):  # noqa: F811
    assert client.get(commentary_url()).status_code == 403
    assert client.post(commentary_url(), answers(telling_us="No")).status_code == 403
    assert not IndicatorCommentary.objects.exists()
    page = client.get(page_url()).content.decode()
    assert "Write the commentary" not in page


# -- the quarter's indicators -----------------------------------------------------------------


def test_the_overview_defaults_to_the_last_complete_quarter(client, analyst):
    page = client.get(reverse("performance:outcomes"))
    quarter = last_complete_quarter(clock.today())
    assert page.status_code == 200
    assert page.context["quarter"] == quarter
    text = page.content.decode()
    assert f"Outcomes-focused monitoring: {quarter.label}" in text
    for letter, meaning in (("R", "Not on track"), ("A", "Some concern"), ("G", "On track"),
                            ("ND", "No data")):  # fmt: skip
        assert f">{letter}</strong>" in text and meaning in text
    assert "rated against its benchmark" in text  # the rule is written on the page
    for code in ("S01", "S02"):
        assert page_url(code, quarter.code).replace("&", "&amp;") in text
    assert f"export.pdf?quarter={quarter.code}" in text
    assert f"export.csv?quarter={quarter.code}" in text


def test_the_overview_summarises_each_indicator(client, analyst, cp_records):  # noqa: F811
    page = client.get(reverse("performance:outcomes") + "?quarter=2025-Q2")
    text = page.content.decode()
    assert "Q2 2025-26" in text
    assert "England 3.2 (2024-25)" in text
    assert "On track" in text
    assert "?quarter=2025-Q1" in text  # previous quarter
    assert "?quarter=2025-Q3" in text  # next quarter (complete by now)
    assert 'href="/performance/risks/#risk-CRR-01"' in text


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2025-Q5", "Enter the quarter as YYYY-Qn"),
        ("2025Q1", "Enter the quarter as YYYY-Qn"),
        ("2999-Q1", "has not started yet"),
    ],
)
def test_a_bad_quarter_is_a_clear_error(client, lead, typed, message):
    for url in (
        reverse("performance:outcomes") + f"?quarter={typed}",
        page_url("S01", typed),
        commentary_url("S01", typed),
    ):
        page = client.get(url)
        assert page.status_code == 400, url
        text = page.content.decode()
        assert "<title>Error: " in text
        assert "There is a problem" in text and message in text
        assert 'href="#quarter"' in text and f'value="{typed}"' in text
    export = reverse("performance:outcomes_export", kwargs={"fmt": "csv"})
    assert client.get(f"{export}?quarter={typed}").status_code == 400
    assert client.post(commentary_url("S01", typed), answers(issues="x")).status_code == 400
    assert not IndicatorCommentary.objects.exists()


def test_an_unknown_indicator_or_format_is_not_found(client, analyst):
    assert client.get(page_url("S99")).status_code == 404
    assert (
        client.get(reverse("performance:outcomes_export", kwargs={"fmt": "xlsx"})).status_code
        == 404
    )


# -- an indicator's page ----------------------------------------------------------------------


def test_the_indicator_page(client, lead, cp_records):  # noqa: F811
    page = client.get(page_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "S01 Children subject to a child protection plan, rate per 10,000 children" in text
    assert "Director of Children&#x27;s Services" in text
    assert 'id="headline-S01">3.0</strong>' in text
    assert 'id="benchmark-S01">England 3.2 (2024-25)</dd>' in text
    # The trend chart, interactive, with its table alternative.
    assert 'data-chart-spec="chart-S01-trend-spec"' in text
    assert "The figures in this chart" in text
    assert reverse("performance:vega_embed") in text
    # Nothing written yet for the quarter.
    for question in QUESTIONS:
        assert question in text
    assert text.count("Not written yet") == 3
    assert "Write the commentary" in text
    # Linked measures open their drill-down for the quarter.
    for measure_id in ("OUT-L1", "OBA2-11", "OBA2-12"):
        drill = reverse("performance:measure", kwargs={"measure_id": measure_id})
        assert f'href="{drill}?period=quarter:2025-Q2"' in text
    assert 'data-chart-spec="chart-spark-OBA2-12-spec"' in text
    # Linked risks open the register.
    assert 'href="/performance/risks/#risk-CRR-01"' in text
    assert ">HIGH</strong>" in text and "WORSENING" in text
    assert "CRR-02" not in text
    assert "unsafe-eval" not in page["Content-Security-Policy"]


# -- commentary -------------------------------------------------------------------------------


def test_commentary_is_saved_and_shown_then_changed(client, lead, cp_records):  # noqa: F811
    form = client.get(commentary_url())
    assert form.status_code == 200
    text = form.content.decode()
    assert "Write the commentary" in text
    for question in QUESTIONS:
        assert question in text

    saved = client.post(
        commentary_url(), answers(telling_us="  Plans rose.\n\nAs expected.  ", issues="Capacity.")
    )
    assert saved.status_code == 302
    assert saved["Location"] == page_url() + "#commentary-S01"
    record = IndicatorCommentary.objects.get()
    assert (record.measure_id, record.period_code, record.version) == ("OUT-S01", "2025-Q2", 1)
    assert record.telling_us == "Plans rose.\n\nAs expected."
    assert record.created_by == lead

    page = client.get(page_url()).content.decode()
    assert "<p>Plans rose.</p>\n\n<p>As expected.</p>" in page
    assert "Capacity." in page
    assert page.count("Not written yet") == 1
    assert "Change the commentary" in page
    # Another quarter has its own (empty) commentary.
    assert client.get(page_url(quarter="2025-Q1")).content.decode().count("Not written yet") == 3

    edit = client.get(commentary_url())
    assert edit.context["form"].initial["version"] == 1
    assert 'type="hidden" name="version" value="1"' in edit.content.decode()
    assert "Plans rose." in edit.content.decode()
    changed = client.post(commentary_url(), answers(telling_us="Plans rose.", version="1"))
    assert changed.status_code == 302
    record.refresh_from_db()
    assert (record.version, record.issues) == (2, "")


def test_a_stale_edit_is_refused_and_keeps_the_text(client, lead, cp_records):  # noqa: F811
    IndicatorCommentary.objects.create(measure_id="OUT-S01", period_code="2025-Q2", issues="Old")
    services.save_commentary(
        measure_id="OUT-S01", period_code="2025-Q2", telling_us="", what_changed="",
        issues="A colleague's", expected_version=1,
    )  # fmt: skip
    page = client.post(commentary_url(), answers(issues="Mine", version="1"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "There is a problem" in text
    assert "changed by someone else" in text
    assert "Mine" in text  # the lead's text is kept to copy
    assert IndicatorCommentary.objects.get().issues == "A colleague's"


def test_a_commentary_written_meanwhile_is_not_overwritten(client, lead, cp_records):  # noqa: F811
    """Two leads open the empty form; the second to save is told, not silently winning."""
    client.get(commentary_url())
    services.save_commentary(
        measure_id="OUT-S01", period_code="2025-Q2", telling_us="First", what_changed="",
        issues="",
    )  # fmt: skip
    page = client.post(commentary_url(), answers(telling_us="Second"))
    assert page.status_code == 200
    assert "changed by someone else" in page.content.decode()
    assert IndicatorCommentary.objects.get().telling_us == "First"
    with pytest.raises(services.StaleRecordError):
        services.save_commentary(
            measure_id="OUT-S01", period_code="2025-Q2", telling_us="Second", what_changed="",
            issues="",
        )  # fmt: skip


def test_an_empty_or_overlong_commentary_is_refused(client, lead, cp_records):  # noqa: F811
    page = client.post(commentary_url(), answers())
    assert page.status_code == 200
    assert "Write at least one of the three answers." in page.content.decode()
    long = client.post(commentary_url(), answers(issues="x" * (services.MAX_LENGTH + 1)))
    assert "Write no more than 5,000 characters" in long.content.decode()
    assert not IndicatorCommentary.objects.exists()


@pytest.mark.parametrize(
    ("measure_id", "period_code", "field", "message"),
    [
        ("OBA2-11", "2025-Q2", "measure_id", "not an outcome indicator"),
        ("OUT-S01", "2025-08", "period_code", "Enter the quarter as YYYY-Qn"),
        ("OUT-S01", "2999-Q1", "period_code", "has not started yet"),
    ],
)
def test_the_service_checks_what_it_is_given(measure_id, period_code, field, message):
    with pytest.raises(ValidationError) as error:
        services.save_commentary(
            measure_id=measure_id, period_code=period_code, telling_us="x", what_changed="",
            issues="",
        )  # fmt: skip
    assert message in error.value.message_dict[field][0]


# -- the risk register and downloads ----------------------------------------------------------


def test_the_risk_register(client, analyst, cp_records):  # noqa: F811
    page = client.get(reverse("performance:risks"))
    assert page.status_code == 200
    text = page.content.decode()
    for ref in ("CRR-01", "CRR-02", "CRR-03"):
        assert f'id="risk-{ref}"' in text
    outcome = reverse("performance:outcome", kwargs={"code": "S01"})
    assert f'href="{outcome}"' in text
    drill = reverse("performance:measure", kwargs={"measure_id": "OBA2-02"})
    assert f'href="{drill}"' in text
    assert "Not recorded" in text  # never reviewed


def test_the_figures_download_as_csv(client, analyst, cp_records):  # noqa: F811
    response = client.get(
        reverse("performance:outcomes_export", kwargs={"fmt": "csv"}) + "?quarter=2025-Q2"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="outcomes-2025-Q2.csv"'
    lines = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(line["Indicator"], line["Ref"]) for line in lines] == [
        ("S01", "OUT-S01"), ("S01", "OUT-L1"), ("S01", "OBA2-11"), ("S01", "OBA2-12"),
        ("S02", "OUT-S02"), ("S02", "OUT-L4"), ("S02", "OUT-L5"), ("S02", "OBA3-05"),
    ]  # fmt: skip
    s01 = lines[0]
    assert (s01["Role"], s01["Current"], s01["Previous"], s01["RAG"]) == (
        "Indicator", "3.0", "2.0", "G",
    )  # fmt: skip
    assert s01["Benchmark"] == "England 3.2 (2024-25)"
    assert [s01[code] for code in ("2023-Q3", "2025-Q1", "2025-Q2")] == ["1.0", "2.0", "3.0"]
    assert lines[3]["RAG"] == "R" and lines[3]["Current"] == "50.0"


def test_every_indicator_page_downloads_as_one_pdf(client, analyst, cp_records):  # noqa: F811
    IndicatorCommentary.objects.create(measure_id="OUT-S01", period_code="2025-Q2", issues="x")
    response = client.get(
        reverse("performance:outcomes_export", kwargs={"fmt": "pdf"}) + "?quarter=2025-Q2"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'attachment; filename="outcomes-2025-Q2.pdf"'
