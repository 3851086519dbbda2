"""日締め (stats.views_nikkei.nikkei_close through counter.fees.do_close_day): a closed day
is locked on every screen that writes money; a later correction is a row of an open day
and shows there."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter import fees
from counter.models_fees import FeeRow, FeeRowKind, Reji, RejiClosing
from counter.procedure_kinds import FeeBasis
from counter.refusals import ProcedureRefused
from stats.forms_nikkei import AdjustForm, CloseForm, DayForm, MonthForm, YearForm
from stats.nikkei.report import day_report

from .conftest import login_as
from .factories import receive
from .fee_stub import (  # noqa: F401  (fixtures)
    JUMINHYO,
    approved_fee,
    fee_kind_fixture,
    price_300_fixture,
    reji_fixture,
)
from .nikkei_rows import Issue, write_issues

PAST = datetime.date(2025, 6, 2)
CLOSE = "/stats/nikkei/close/"


def token() -> str:
    return uuid.uuid4().hex


def close(client: Client, reji: Reji, day: datetime.date, counted: str) -> Any:
    data = {"day": day.isoformat(), "reji": str(reji.pk), "counted_yen": counted}
    return client.post(CLOSE, {**data, "form_token": token()})


@pytest.fixture
def past_rows(reji: Reji, contractor: Any) -> list[FeeRow]:
    """On PAST at R1: 住民票の写し 2通 (600円) and 1通 公用."""
    return write_issues(
        [Issue(reji, PAST, JUMINHYO, 2), Issue(reji, PAST, JUMINHYO, 1, FeeBasis.KOUYOU)],
        reception=receive(contractor, "tenkyo"),
        user=contractor,
    )


@pytest.mark.django_db
def test_a_clerk_closes_a_reji_with_the_cash_counted_and_sees_the_difference(
    client: Client, clerk: Any, reji: Reji, past_rows: list[FeeRow]
) -> None:
    login_as(client, clerk)
    page = client.get(f"{CLOSE}?day={PAST.isoformat()}").content.decode()
    assert "令和7年6月2日" in page and "600円" not in page  # counted blind: no expected yet
    response = close(client, reji, PAST, "500")
    assert response.status_code == 302
    closing = RejiClosing.objects.get()
    assert (closing.counted_yen, closing.expected_yen, closing.closed_by) == (500, 600, clerk)
    page = client.get(response["Location"]).content.decode()
    assert "日締め済" in page and "△100円（不足）" in page
    assert day_report(PAST).cash[0].difference_yen == -100


@pytest.mark.django_db
@pytest.mark.parametrize(
    "counted, message",
    [
        ("", "数えた現金の額を入力してください。"),
        ("abc", "現金有高は半角数字（円）で入力してください。"),
        ("-1", "現金有高は0円以上で入力してください。"),
        ("1000000000", "現金有高は100,000,000円以下で入力してください。"),
    ],
)
def test_a_bad_count_is_refused_next_to_the_field_keeping_what_was_typed(
    client: Client, clerk: Any, reji: Reji, counted: str, message: str
) -> None:
    login_as(client, clerk)
    response = close(client, reji, PAST, counted)
    assert response.status_code == 200
    assert response.context["form"].errors["counted_yen"] == [message]
    assert f'value="{counted}"' in response.content.decode() or not counted
    assert not RejiClosing.objects.exists()


@pytest.mark.django_db
def test_a_day_to_come_cannot_be_closed(client: Client, clerk: Any, reji: Reji) -> None:
    login_as(client, clerk)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = close(client, reji, tomorrow, "0")
    assert response.context["form"].errors["day"] == ["未来の日付は入力できません。"]
    assert not RejiClosing.objects.exists()


@pytest.mark.django_db
def test_a_closed_day_is_not_closed_again_through_the_screen(
    client: Client, clerk: Any, supervisor: Any, reji: Reji, past_rows: list[FeeRow]
) -> None:
    login_as(client, clerk)
    close(client, reji, PAST, "600")
    login_as(client, supervisor)
    response = close(client, reji, PAST, "0")
    assert response.status_code == 200
    assert "日締め済みのため、日締めは記録できません" in response.content.decode()
    assert RejiClosing.objects.get().counted_yen == 600


@pytest.mark.django_db
@pytest.mark.usefixtures("fee_kind", "price_300")
def test_once_today_is_closed_no_screen_takes_refunds_or_fees_for_it(
    client: Client, contractor: Any, clerk: Any, supervisor: Any, reji: Reji
) -> None:
    taken = approved_fee(contractor, clerk)
    fees.do_handover(
        taken.reception,
        [taken],
        received_yen=300,
        acting_user=contractor,
        terminal=contractor.default_terminal,
    )
    waiting = approved_fee(contractor, clerk)
    today = timezone.localdate()
    login_as(client, clerk)
    assert close(client, reji, today, "300").status_code == 302
    before = day_report(today)
    rows = FeeRow.objects.count()

    login_as(client, contractor)  # 交付 with its fee, at the closed レジ
    response = client.post(
        f"/receptions/{waiting.reception_id}/handover/",
        {"received_yen": "300", "confirmed": "on", "form_token": token()},
    )
    assert "日締め済みのため、収納は記録できません" in response.content.decode()
    login_as(client, clerk)  # 返金 of today's fee
    row = FeeRow.objects.get()
    response = client.post(
        f"/receptions/{taken.reception_id}/refund/",
        {"row": str(row.pk), "reason": "誤交付", "form_token": token()},
    )
    assert "日締め済みのため、返金は記録できません" in response.content.decode()
    with pytest.raises(ProcedureRefused, match="日締め済み"):  # 調整 (a service only)
        fees.do_adjust(
            reji,
            adjusts_date=today,
            code=JUMINHYO,
            label="住民票の写し",
            amount_yen=100,
            reason="訂正",
            acting_user=clerk,
        )
    login_as(client, supervisor)
    assert "日締め済み" in close(client, reji, today, "0").content.decode()
    assert FeeRow.objects.count() == rows
    assert day_report(today) == before


@pytest.mark.django_db
def test_a_correction_of_a_closed_day_is_a_row_of_the_open_day_and_shows_there(
    client: Client, clerk: Any, supervisor: Any, reji: Reji, past_rows: list[FeeRow]
) -> None:
    login_as(client, clerk)
    close(client, reji, PAST, "600")
    closed_before = day_report(PAST)
    fees.do_refund(past_rows[0], reason="誤交付", acting_user=clerk)
    fees.do_adjust(
        reji,
        adjusts_date=PAST,
        code=JUMINHYO,
        label="住民票の写し",
        amount_yen=100,
        reason="釣銭の誤り",
        acting_user=clerk,
    )
    assert day_report(PAST) == closed_before  # the closed day never changes
    today = timezone.localdate()
    total = day_report(today).total
    assert (total.refunds, total.refund_yen, total.adjust_yen, total.net_yen) == (
        2,
        -600,
        100,
        -500,
    )
    login_as(client, supervisor)
    page = client.get(f"/stats/nikkei/?day={today.isoformat()}").content.decode()
    assert "返金・調整の明細" in page and "誤交付" in page and "釣銭の誤り" in page
    assert "令和7年6月2日" in page
    csv_url = f"/stats/nikkei/?day={today.isoformat()}&format=csv&table=corrections"
    rows = client.get(csv_url).content.decode("utf-8-sig").splitlines()
    corrected = [row.split(",")[5] for row in rows[1:]]
    assert corrected == ["2025-06-02", "2025-06-02"]  # each names the closed day it corrects
    kinds = set(FeeRow.objects.exclude(kind=FeeRowKind.SHUUNOU).values_list("kind", flat=True))
    assert kinds == {FeeRowKind.HENKIN, FeeRowKind.CHOUSEI}


# --------------------------------------------------------------------------- the command


@pytest.mark.django_db
def test_the_command_writes_the_days_csv(reji: Reji, past_rows: list[FeeRow], capsys: Any) -> None:
    call_command("nikkei", PAST.isoformat(), "--format", "csv")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("日付,区分,レジコード,レジ,手数料コード,事務,交付（通常）,手数料")
    assert lines[1] == f"2025-06-02,事務別,,,{JUMINHYO},住民票の写し,2,600,1,0,0,0,0,0,0,600,,,"
    assert (
        lines[2]
        == f"2025-06-02,レジ別,R1,窓口1レジ,{JUMINHYO},住民票の写し,2,600,1,0,0,0,0,0,0,600,,,"
    )
    assert lines[3] == "2025-06-02,レジ小計,R1,窓口1レジ,,小計,2,600,1,0,0,0,0,0,0,600,600,,"
    assert lines[4] == "2025-06-02,合計,,,,合計,2,600,1,0,0,0,0,0,0,600,600,,"


@pytest.mark.django_db
def test_the_command_writes_text_and_refuses_a_bad_date(
    reji: Reji, past_rows: list[FeeRow], capsys: Any
) -> None:
    call_command("nikkei", PAST.isoformat(), "--format", "text")
    out = capsys.readouterr().out
    assert out.startswith("日計表 令和7年6月2日\n") and "住民票の写し" in out
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("nikkei", "R7.6.2")


# --------------------------------------------------------------------------- the forms


def _japanese(errors: dict[str, list[str]]) -> bool:
    return all(any(ord(ch) > 0x3000 for ch in e) for messages in errors.values() for e in messages)


@pytest.mark.django_db
@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(day=st.text(max_size=14), counted=st.text(max_size=14), reji=st.text(max_size=4))
def test_the_closing_form_never_fails_and_speaks_japanese(
    day: str, counted: str, reji: str
) -> None:
    form = CloseForm({"day": day, "counted_yen": counted, "reji": reji})
    assert form.is_valid() or _japanese(form.errors)


@given(
    day=st.text(max_size=14),
    year=st.text(max_size=6),
    month=st.text(max_size=3),
    basis=st.text(max_size=6),
)
@settings(max_examples=80, deadline=None)
def test_the_period_forms_never_fail_and_speak_japanese(
    day: str, year: str, month: str, basis: str
) -> None:
    for form in (
        DayForm({"day": day}),
        MonthForm({"year": year, "month": month}),
        YearForm({"year": year, "basis": basis}),
    ):
        assert form.is_valid() or _japanese(form.errors)


# --------------------------------------------------------------------------- 調整


ADJUST = "/stats/nikkei/adjust/"


@pytest.mark.django_db
@pytest.mark.usefixtures("price_300")
def test_an_adjustment_screen_corrects_a_closed_day_on_todays_open_day(
    client: Client, clerk: Any, reji: Reji, past_rows: list[FeeRow]
) -> None:
    login_as(client, clerk)
    data = {
        "reji": str(reji.pk),
        "adjusts_date": "R7.6.2",
        "code": JUMINHYO,
        "amount_yen": "△100",
        "reason": "釣銭の渡し過ぎ",
    }
    response = client.post(ADJUST, {**data, "form_token": token()})
    assert response.context["form"].errors["adjusts_date"] == [
        "調整は日締めした日の訂正です（締めていない日は、その日の返金で直してください）。"
    ]
    close(client, reji, PAST, "500")
    assert client.post(ADJUST, {**data, "form_token": token()}).status_code == 302
    row = FeeRow.objects.get(kind=FeeRowKind.CHOUSEI)
    assert (row.business_date, row.adjusts_date, row.amount_yen) == (
        timezone.localdate(),
        PAST,
        -100,
    )
    assert row.label == "住民票の写し" and row.recorded_by == clerk


@pytest.mark.django_db
@pytest.mark.usefixtures("price_300")
def test_an_adjustment_is_refused_when_today_is_closed_too(
    client: Client, clerk: Any, reji: Reji, past_rows: list[FeeRow]
) -> None:
    login_as(client, clerk)
    close(client, reji, PAST, "600")
    close(client, reji, timezone.localdate(), "0")
    data = {"reji": str(reji.pk), "adjusts_date": PAST.isoformat(), "code": JUMINHYO}
    response = client.post(
        ADJUST, {**data, "amount_yen": "100", "reason": "訂正", "form_token": token()}
    )
    assert "日締め済みのため、調整は記録できません" in response.content.decode()
    assert not FeeRow.objects.filter(kind=FeeRowKind.CHOUSEI).exists()


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    day=st.text(max_size=12),
    amount=st.one_of(st.text(max_size=10), st.integers().map(str)),
    reason=st.text(max_size=250),
    code=st.text(max_size=20),
)
def test_the_adjustment_form_never_fails_and_speaks_japanese(
    day: str, amount: str, reason: str, code: str
) -> None:
    form = AdjustForm(
        {"reji": "1", "adjusts_date": day, "code": code, "amount_yen": amount, "reason": reason},
        jimu=[(JUMINHYO, "住民票の写し")],
    )
    assert form.is_valid() or _japanese(form.errors)
