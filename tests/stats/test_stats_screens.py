"""The statistics screens (監督者): 人口統計 as of a day, 異動統計 of a month and of a year
(a Celery run with its progress), their CSV and PDF, exact query counts, the 操作ログ."""

from __future__ import annotations

import csv
import datetime
import io
import uuid
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from counter.models import AuditAction, AuditLog
from counter.templatetags.counter_tags import FORM_TOKEN_FIELD
from juki.models import IdoJiyu
from stats.idou.models import ShukeiJob, ShukeiState

from ..conftest import login_as
from .simulation import Town

#: every signed-in page: the session, the user, the roles; the session's save (3)
BASE = 6


@pytest.fixture
def town(db: Any) -> Town:
    town = Town.build(5, residents=12)
    town.run(datetime.date(2025, 4, 1), days=61)
    return town


def _csv(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_the_month_page_shows_the_balance_of_every_chouaza_and_logs_a_search(
    client: Client, supervisor: Any, town: Town
) -> None:
    login_as(client, supervisor)
    response = client.get("/stats/idou/?year=2025&month=5")
    assert response.status_code == 200
    text = response.content.decode()
    assert "令和7年5月" in text and "期首人口" in text and "町字別" in text
    row = AuditLog.objects.filter(action=AuditAction.SEARCH).latest("pk")
    assert row.detail["screen"] == "異動統計（月）" and row.path == "/stats/idou/"


@pytest.mark.django_db
def test_the_month_csv_of_the_chouaza_table_ties_on_every_line(
    client: Client, supervisor: Any, town: Town
) -> None:
    login_as(client, supervisor)
    response = client.get("/stats/idou/?year=2025&month=5&format=csv&table=chouaza")
    rows = _csv(response.content)
    header, lines = rows[0], rows[1:]
    assert header[:4] == ["コード", "町字", "性別", "期首人口"] and header[-1] == "期末人口"
    at = {name: header.index(name) for name in ("期首人口", "増計", "減計", "期末人口")}
    for line in lines:
        start, zou, gen, end = (int(line[at[k]] or 0) for k in at)
        assert start + zou - gen == end, line
    assert AuditLog.objects.filter(action=AuditAction.PRINT).latest("pk").detail["form"] == (
        "異動統計（月）（chouaza）CSV"
    )


@pytest.mark.django_db
def test_the_month_pdf_is_printed(client: Client, supervisor: Any, town: Town) -> None:
    login_as(client, supervisor)
    response = client.get("/stats/idou/?year=2025&month=5&format=pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_a_bad_month_is_refused_in_japanese_next_to_the_field_and_kept(
    client: Client, supervisor: Any
) -> None:
    login_as(client, supervisor)
    response = client.get("/stats/idou/?year=2025&month=13")
    assert response.status_code == 200
    assert "正しく選択してください" in response.content.decode()
    assert response.context["form"]["month"].value() == "13"


@pytest.mark.django_db
def test_the_year_is_asked_for_run_in_celery_and_then_shown_with_its_monthly_trend(
    client: Client, supervisor: Any, town: Town, django_capture_on_commit_callbacks: Any
) -> None:
    login_as(client, supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/stats/idou/nen/", {"year": "2025", "basis": "nen", FORM_TOKEN_FIELD: uuid.uuid4().hex}
        )
    assert response.status_code == 302
    job = ShukeiJob.objects.get()
    assert (job.state, job.done, job.total) == (ShukeiState.DONE, 12, 12)
    page = client.get("/stats/idou/nen/?year=2025&basis=nen").content.decode()
    assert "<svg" in page and "月別" in page and "令和7年" in page
    url = "/stats/idou/nen/?year=2025&basis=nen&format=csv&table=tsuki"
    month_csv = _csv(client.get(url).content)
    assert [row[0] for row in month_csv[1:13]] == [f"2025-{m:02d}" for m in range(1, 13)]


@pytest.mark.django_db
def test_a_running_year_shows_its_progress_and_the_page_reloads_when_it_is_done(
    client: Client, supervisor: Any
) -> None:
    from django.utils import timezone

    job = ShukeiJob.objects.create(
        kind="idou_nen", params={"year": 2025, "basis": "nen"}, state=ShukeiState.RUNNING,
        done=5, total=12, requested_at=timezone.now(),
    )  # fmt: skip
    login_as(client, supervisor)
    page = client.get("/stats/idou/nen/?year=2025&basis=nen").content.decode()
    assert '<progress max="12" value="5">' in page and 'hx-trigger="every 2s"' in page
    fragment = client.get("/stats/idou/nen/?year=2025&basis=nen&part=progress")
    assert "HX-Refresh" not in fragment
    job.state = ShukeiState.FAILED
    job.save(update_fields=["state"])
    fragment = client.get("/stats/idou/nen/?year=2025&basis=nen&part=progress")
    assert fragment["HX-Refresh"] == "true"


@pytest.mark.django_db
def test_asking_for_a_year_twice_while_it_runs_runs_it_once(supervisor: Any) -> None:
    from stats.idou import jobs
    from stats.nikkei.periods import YearBasis

    first = jobs.do_request_nen(2025, YearBasis.NEN, acting_user=supervisor)
    again = jobs.do_request_nen(2025, YearBasis.NEN, acting_user=supervisor)
    assert first.pk == again.pk and ShukeiJob.objects.count() == 1


@pytest.mark.django_db
def test_the_jinko_page_draws_the_pyramid_without_any_script_and_lists_the_tables(
    client: Client, supervisor: Any, town: Town
) -> None:
    login_as(client, supervisor)
    response = client.get("/stats/jinko/?day=2025-05-31")
    text = response.content.decode()
    assert response.status_code == 200
    main = text.split("<main")[1]
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in main and "<script" not in main
    headings = ("住民種別・男女別", "世帯の種別", "町字別", "年齢（5歳階級）別", "国籍・地域別")
    for heading in headings:
        assert heading in text
    row = AuditLog.objects.filter(action=AuditAction.SEARCH).latest("pk")
    assert (row.detail["screen"], row.detail["day"]) == ("人口統計", "2025-05-31")


@pytest.mark.django_db
def test_the_jinko_csv_and_pdf(client: Client, supervisor: Any, town: Town) -> None:
    login_as(client, supervisor)
    rows = _csv(client.get("/stats/jinko/?day=2025-05-31&format=csv&table=nenrei5").content)
    assert rows[0] == ["年齢", "男", "女", "計"]
    assert rows[1][0] == "0〜4歳" and rows[-1][0] == "計"
    pdf = client.get("/stats/jinko/?day=2025-05-31&format=pdf")
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_a_bad_day_is_refused_in_japanese_and_kept(client: Client, supervisor: Any) -> None:
    login_as(client, supervisor)
    response = client.get("/stats/jinko/?day=R7.2.30")
    assert response.status_code == 200
    assert response.context["form"]["day"].value() == "R7.2.30"
    assert response.context["form"].errors["day"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, queries, aggregates",
    [
        # BASE + stats.jinko's catch-up once for the page (8 with its savepoint:
        # jinko.one_catch_up) + the 期間 that start or end with their addresses, the two
        # populations (2), the 町字 master, the 転居 of the month from the history, the
        # 操作ログ row (3)
        ("/stats/idou/?year=2025&month=5", BASE + 8 + 1 + 2 + 1 + 1 + 3, 2),
        # BASE + the 町字 master + the catch-up once (8) + 5 counts + the 操作ログ row (3)
        ("/stats/jinko/?day=2025-05-31", BASE + 1 + 8 + 5 + 3, 5),
    ],
)
@pytest.mark.parametrize("days", [10, 60])
def test_the_statistics_pages_take_a_fixed_number_of_queries(
    client: Client, supervisor: Any, django_assert_num_queries: Any, path: str, queries: int,
    aggregates: int, days: int,
) -> None:  # fmt: skip
    """On PostgreSQL each whole-register aggregate also sets its work_mem in a transaction
    of its own (savepoint, set_config, release: jinko.query.aggregate_memory)."""
    from django.db import connection

    town = Town.build(3, residents=8)
    town.run(datetime.date(2025, 4, 25), days=days)
    login_as(client, supervisor)
    client.get(path)  # the 住民期間 caught up with the history
    expected = queries + (3 * aggregates if connection.vendor == "postgresql" else 0)
    with django_assert_num_queries(expected):
        assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_manage_py_idou_writes_a_month_as_csv(town: Town) -> None:
    out = io.StringIO()
    call_command("idou", "--month", "2025-05", "--format", "csv", stdout=out)
    rows = _csv(out.getvalue().encode())
    assert rows[0][3] == "期首人口" and rows[-1][1] == "合計"


def test_the_kinds_the_town_writes_include_every_ido_jiyu_counted() -> None:
    """The simulation behind these tests writes every 異動事由 the 区分 name."""
    import inspect

    from . import simulation

    source = inspect.getsource(simulation)
    for jiyu in (IdoJiyu.TENNYU, IdoJiyu.KOKUGAI_TENNYU, IdoJiyu.SHUSSEI, IdoJiyu.TENKYO,
                 IdoJiyu.SHIBOU, IdoJiyu.SHOKKEN_SHOJO, IdoJiyu.TORIKESHI):  # fmt: skip
        assert f"IdoJiyu.{jiyu.name}" in source


@given(st.integers(1, 9999), st.integers(1, 12))
def test_the_month_of_manage_py_idou_reads_back_any_yyyy_mm(year: int, month: int) -> None:
    from stats.management.commands.idou import parse_month

    assert parse_month(f"{year:04d}-{month:02d}") == (year, month)


@given(st.text(max_size=12))
def test_anything_else_given_as_the_month_is_refused_in_japanese(text: str) -> None:
    from django.core.management.base import CommandError

    from stats.management.commands.idou import parse_month

    try:
        year, month = parse_month(text)
    except CommandError as refused:
        assert "YYYY-MM" in str(refused)
    else:
        assert 1 <= month <= 12 and f"{year:04d}-" in text.strip()


@pytest.mark.django_db
def test_a_bad_year_asked_for_is_refused_next_to_the_field_and_nothing_runs(
    client: Client, supervisor: Any
) -> None:
    login_as(client, supervisor)
    response = client.post(
        "/stats/idou/nen/", {"year": "1800", "basis": "nen", FORM_TOKEN_FIELD: uuid.uuid4().hex}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["year"]
    assert response.context["form"]["year"].value() == "1800"
    assert not ShukeiJob.objects.exists()


def test_the_sample_idou_pdf_is_in_the_manifest_and_prints() -> None:
    from counter import documents
    from stats.documents_idou import IDOU_NAME, build_sample_idou

    assert documents.sample_form_builders()[IDOU_NAME] is build_sample_idou
    pdf = build_sample_idou()
    assert pdf.startswith(b"%PDF") and (documents.page_count(pdf) or 0) >= 1
