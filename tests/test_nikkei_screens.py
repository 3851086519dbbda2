"""The 日計表 screens (stats.views_nikkei): the report, its CSV and PDF, the 月計 and
年計, the 日締め; a closed day cannot be changed through any screen."""

from __future__ import annotations

import csv
import datetime
import io
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from counter import fees
from counter.models_fees import FeeRow, Payment, Reji
from counter.procedure_kinds import FeeBasis
from jputil.wareki import to_wareki

from .conftest import login_as
from .factories import TerminalFactory, receive
from .fee_stub import (  # noqa: F401  (fixtures)
    JUMINHYO,
    approved_fee,
    fee_kind_fixture,
    price_300_fixture,
    reji_fixture,
)
from .nikkei_rows import Issue, write_issues
from .test_documents import pdftotext, squash

PAST = datetime.date(2025, 6, 2)  # a Monday, long closed in any test run


def token() -> str:
    return uuid.uuid4().hex


def csv_rows(response: Any) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def handed_over(contractor: Any, clerk: Any, **kwargs: Any) -> Payment | None:
    proc = approved_fee(contractor, clerk, **kwargs)
    return fees.do_handover(
        proc.reception,
        [proc],
        received_yen=1000,
        acting_user=contractor,
        terminal=contractor.default_terminal,
    )


@pytest.fixture
def past_day(reji: Reji, contractor: Any) -> list[FeeRow]:
    """On PAST at R1: 住民票の写し 2通 (600円), 1通 公用, 1通 免除."""
    return write_issues(
        [
            Issue(reji, PAST, JUMINHYO, 2),
            Issue(reji, PAST, JUMINHYO, 1, FeeBasis.KOUYOU),
            Issue(reji, PAST, JUMINHYO, 1, FeeBasis.MENJO),
        ],
        reception=receive(contractor, "tenkyo"),
        user=contractor,
    )


# --------------------------------------------------------------------------- the journey


@pytest.mark.django_db
@pytest.mark.usefixtures("fee_kind", "price_300", "reji")
def test_a_300_yen_issue_paid_with_1000_yen_shows_one_issue_and_300_yen(
    client: Client, contractor: Any, clerk: Any, supervisor: Any
) -> None:
    payment = handed_over(contractor, clerk)
    assert payment is not None and payment.change_yen == 700
    login_as(client, supervisor)
    response = client.get("/stats/nikkei/")
    report = response.context["report"]
    assert (report.total.issued, report.total.fees_yen) == (1, 300)
    page = response.content.decode()
    assert to_wareki(timezone.localdate()) in page and "300円" in page


# --------------------------------------------------------------------------- the report


@pytest.mark.django_db
def test_the_report_csv_of_each_table(
    client: Client, supervisor: Any, reji: Reji, past_day: list[FeeRow]
) -> None:
    login_as(client, supervisor)
    url = f"/stats/nikkei/?day={PAST.isoformat()}&format=csv&table="
    response = client.get(url + "jimu")
    assert response["Content-Disposition"] == 'attachment; filename="nikkei-2025-06-02-jimu.csv"'
    jimu = csv_rows(response)
    assert jimu[0][:4] == ["事務", "手数料コード", "交付（通常）", "手数料"]
    # 交付, 手数料, 公用, 免除, 郵送（通）, うち定額小為替, 返金（通）, 返金額, 調整額, 差引
    figures = ["2", "600", "1", "1", "0", "0", "0", "0", "0", "600"]
    assert jimu[1] == ["住民票の写し", JUMINHYO, *figures]
    assert jimu[2][0] == "合計" and jimu[2][-1] == "600"
    by_reji = csv_rows(client.get(url + "reji"))
    assert [r[:2] for r in by_reji[1:]] == [
        ["R1", "住民票の写し"],
        ["R1", "小計"],
        ["合計", "合計"],
    ]
    cash = csv_rows(client.get(url + "cash"))
    assert cash[0] == ["レジ", "計算上の現金", "現金有高", "過不足", "日締め"]
    assert cash[1][:4] == ["R1", "600", "", ""]
    corrections = csv_rows(client.get(url + "corrections"))
    assert corrections[0][0] == "区分" and len(corrections) == 1
    assert client.get(url + "nothing").status_code == 404
    assert client.get(f"/stats/nikkei/?day={PAST.isoformat()}&format=xls").status_code == 404


@pytest.mark.django_db
def test_the_report_pdf_is_in_wareki_with_the_figures(
    client: Client, supervisor: Any, past_day: list[FeeRow], tmp_path: Path
) -> None:
    login_as(client, supervisor)
    response = client.get(f"/stats/nikkei/?day={PAST.isoformat()}&format=pdf")
    assert response["Content-Type"] == "application/pdf"
    text = squash(pdftotext(response.content, tmp_path))
    assert "日計表" in text and "令和7年6月2日" in text
    assert "住民票の写し" in text and "600円" in text and "現金の照合" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/stats/gekkei/?year=2025&month=6", "/stats/nenkei/?year=2025&basis=nendo"]
)
def test_the_gekkei_and_nenkei_pdf(
    client: Client, supervisor: Any, past_day: list[FeeRow], tmp_path: Path, path: str
) -> None:
    login_as(client, supervisor)
    text = squash(pdftotext(client.get(path + "&format=pdf").content, tmp_path))
    assert "600円" in text and ("令和7年6月" in text or "令和7年度" in text)


@pytest.mark.django_db
def test_the_gekkei_and_nenkei_csv(client: Client, supervisor: Any, past_day: list[FeeRow]) -> None:
    login_as(client, supervisor)
    days = csv_rows(client.get("/stats/gekkei/?year=2025&month=6&format=csv&table=steps"))
    assert len(days) == 1 + 30 + 1  # header, each day of June, 合計
    assert days[2][0] == "2025-06-02" and days[2][-2] == "600"
    assert days[2][-1] == "未締めあり"
    months = csv_rows(client.get("/stats/nenkei/?year=2025&basis=nendo&format=csv&table=steps"))
    assert [m[0] for m in months[1:4]] == ["2025-04", "2025-05", "2025-06"]
    assert months[3][-1] == "600" and months[-1][0] == "合計"  # no 日締め column by month
    calendar = csv_rows(client.get("/stats/nenkei/?year=2025&basis=nen&format=csv&table=steps"))
    assert calendar[1][0] == "2025-01" and calendar[6][-1] == "600"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, message",
    [
        ("/stats/nikkei/?day=R7.13.1", "日付"),
        ("/stats/gekkei/?year=abc&month=6", "正しく選択してください"),
        ("/stats/nenkei/?year=2025&basis=x", "正しく選択してください"),
    ],
)
def test_bad_input_is_a_japanese_message_not_a_500(
    client: Client, supervisor: Any, path: str, message: str
) -> None:
    login_as(client, supervisor)
    response = client.get(path)
    assert response.status_code == 200
    assert message in response.content.decode()


# --------------------------------------------------------------------------- queries


def _issues(reji: Reji, contractor: Any, count: int) -> None:
    write_issues(
        [Issue(reji, PAST, JUMINHYO, 1) for _ in range(count)],
        reception=receive(contractor, "tenkyo"),
        user=contractor,
    )


#: every signed-in page: the session, the user, the roles; the session's save (3)
BASE = 6


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, queries",
    [
        # BASE + by 事務, by レジ・事務, by レジ, total, closings, レジ, the 返金・調整 page
        (f"/stats/nikkei/?day={PAST.isoformat()}", BASE + 7),
        # BASE + by 事務, by レジ, by day, total, レジ
        ("/stats/gekkei/?year=2025&month=6", BASE + 5),
        ("/stats/nenkei/?year=2025&basis=nendo", BASE + 5),
        # BASE + the active レジ, the closings of the day
        (f"/stats/nikkei/close/?day={PAST.isoformat()}", BASE + 2),
    ],
)
@pytest.mark.parametrize("rows", [1, 12])
def test_the_report_pages_take_a_fixed_number_of_queries(
    client: Client,
    supervisor: Any,
    contractor: Any,
    reji: Reji,
    django_assert_num_queries: Any,
    path: str,
    queries: int,
    rows: int,
) -> None:
    second = Reji.objects.create(
        code="R2", name="窓口2レジ", terminal=TerminalFactory(code="本庁2")
    )
    _issues(reji, contractor, rows)
    _issues(second, contractor, rows)
    login_as(client, supervisor)
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_each_download_is_a_print_row_in_the_audit_log(
    client: Client, supervisor: Any, past_day: list[FeeRow]
) -> None:
    from counter.models import AuditAction, AuditLog

    login_as(client, supervisor)
    client.get(f"/stats/nikkei/?day={PAST.isoformat()}&format=csv&table=jimu")
    client.get("/stats/gekkei/?year=2025&month=6&format=pdf")
    forms = [
        row.detail.get("form")
        for row in AuditLog.objects.filter(action=AuditAction.PRINT).order_by("pk")
    ]
    assert forms == ["日計表（jimu）CSV", "月計 PDF"]


def test_the_sample_nikkei_is_in_sample_forms_and_needs_no_rows(tmp_path: Path) -> None:
    from counter import documents
    from stats.documents_nikkei import NIKKEI_NAME, build_sample_nikkei

    assert documents.sample_form_builders()[NIKKEI_NAME] is build_sample_nikkei
    text = squash(pdftotext(build_sample_nikkei(), tmp_path))
    assert "令和8年4月1日" in text and "1,800円" in text and "△100円（不足）" in text
