"""The counter screens: 受付登録 → 仮登録 → 照合 → 審査・承認 → 呼出 → 交付, driven through
the test client with the stub kind "stub_screen" (tests/screen_stub.py)."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from counter import services
from counter.models import AuditAction, AuditLog, OutboxMessage
from counter.procedure_models import (
    Procedure,
    ProcedureState,
    ProcedureTransition,
    Reception,
)
from counter.uketsuke_slip import build_sample_uketsuke_kakunin
from juki.manifest import IDO

from .conftest import login_as
from .screen_stub import STUB_DOCUMENT_SLUG, StubScreenKind

S = ProcedureState
KIND = StubScreenKind.code


def token() -> str:
    return uuid.uuid4().hex


def reception_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "category": "ido",
        "visitor_kind": "honnin",
        "visitor_name": "山田　太郎",
        "id_documents": ["driver_license"],
        "kinds": [KIND],
        "note": "",
        "form_token": token(),
    }
    data.update(overrides)
    return data


def receive_through_screen(client: Client, **overrides: Any) -> Reception:
    response = client.post("/receptions/new/", reception_data(**overrides))
    assert response.status_code == 302, response.content.decode()
    return Reception.objects.order_by("-pk").first()  # type: ignore[return-value]


def receive(user: Any, name: str = "山田　太郎") -> Reception:
    return services.do_receive(
        acting_user=user,
        terminal=user.default_terminal,
        category=IDO,
        visitor_kind="honnin",
        visitor_name=name,
        id_documents=["driver_license"],
        has_ininjo=False,
        kinds=[KIND],
    )


def entered(user: Any, subject: str = "A", memo: str = "") -> Procedure:
    proc = receive(user).procedures.get()
    return services.do_enter(
        proc, {"subject": subject, "memo": memo}, acting_user=user, terminal=None
    )


def checked(user: Any, subject: str = "A", memo: str = "") -> Procedure:
    proc = entered(user, subject, memo)
    return services.do_check(proc, acting_user=user, terminal=None, all_ticked=True)


@pytest.fixture(autouse=True)
def _reset_stub() -> None:
    StubScreenKind.applied.clear()


# --------------------------------------------------------------------------- roles

WINDOW = ["/receptions/", "/receptions/new/", "/calls/"]
BACKYARD = ["/review/", "/notices/today/"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona_name", "window_ok", "backyard_ok"),
    [
        ("contractor", True, False),
        ("clerk", True, True),
        ("supervisor", True, True),  # README: a 監督者 may do all a 職員 does
        ("administrator", False, False),
        ("outsider", False, False),
    ],
)
def test_each_screen_opens_for_its_roles_only(
    client: Client,
    request: pytest.FixtureRequest,
    persona_name: str,
    window_ok: bool,
    backyard_ok: bool,
) -> None:
    login_as(client, request.getfixturevalue(persona_name))
    for url in WINDOW:
        assert client.get(url).status_code == (200 if window_ok else 403), url
    for url in BACKYARD:
        assert client.get(url).status_code == (200 if backyard_ok else 403), url


@pytest.mark.django_db
def test_the_board_is_public_and_shows_no_names(client: Client, contractor, clerk) -> None:
    reception = receive(contractor, name="秘密　花子")
    proc = reception.procedures.get()
    proc = services.do_enter(proc, {"subject": "Q"}, acting_user=contractor, terminal=None)
    proc = services.do_check(proc, acting_user=contractor, terminal=None, all_ticked=True)
    services.do_approve(proc, acting_user=clerk, terminal=None)
    services.do_call(reception, acting_user=contractor, window="本庁1")
    for url in ("/board/", "/board/fragment/"):
        body = client.get(url).content.decode()  # anonymous
        assert f"{reception.ticket_no}<small>番</small>" in body
        assert "本庁1" in body
        for personal in ("秘密", "花子", "窓口　一郎", "区役　花子"):
            assert personal not in body, (url, personal)
    page = client.get("/board/").content.decode()
    assert 'hx-get="/board/fragment/"' in page and "every 5s" in page


@pytest.mark.django_db
def test_the_board_keeps_the_last_six_called(client: Client, contractor, clerk) -> None:
    receptions = []
    for i in range(8):
        proc = checked(contractor, subject=f"S{i}")
        services.do_approve(proc, acting_user=clerk, terminal=None)
        receptions.append(proc.reception)
    for r in receptions:
        services.do_call(r, acting_user=contractor, window="本庁1")
    body = client.get("/board/fragment/").content.decode()
    shown = [
        r.ticket_no
        for r in receptions
        if f">{r.ticket_no}<small>" in body or f">{r.ticket_no}番<" in body
    ]
    assert shown == [r.ticket_no for r in receptions[2:]]


# --------------------------------------------------------------------------- the journey


@pytest.mark.django_db
def test_reception_to_handover_through_the_screens(
    client: Client, contractor, clerk, second_clerk
) -> None:
    # ③④⑤ 受付・受付登録・番号札 (a city clerk at the window)
    login_as(client, clerk)
    reception = receive_through_screen(client)
    ticket_page = client.get(f"/receptions/{reception.pk}/").content.decode()
    assert f'<div class="ticket-number">{reception.ticket_no}' in ticket_page
    assert f"/receptions/{reception.pk}/uketsuke.pdf" in ticket_page
    slip = client.get(f"/receptions/{reception.pk}/uketsuke.pdf")
    assert slip["Content-Type"] == "application/pdf" and slip.content.startswith(b"%PDF")
    assert AuditLog.objects.filter(action=AuditAction.PRINT, target_type="reception").exists()
    proc = reception.procedures.get()

    # ⑧ 仮登録
    entry_page = client.get(f"/procedures/{proc.pk}/entry/").content.decode()
    assert "仮登録 (Alt+S)" in entry_page and "確認用住民票 (Alt+P)" in entry_page
    assert 'name="form_token"' in entry_page and "山田　太郎" in entry_page
    response = client.post(
        f"/procedures/{proc.pk}/entry/", {"subject": "A", "memo": "late", "form_token": token()}
    )
    assert response.status_code == 302 and response["Location"] == f"/procedures/{proc.pk}/check/"
    proc.refresh_from_db()
    assert proc.state == S.KARI_TOUROKU and proc.entry == {"subject": "A", "memo": "late"}

    # ⑩ 照合: two blocks, both ticked
    check_page = client.get(f"/procedures/{proc.pk}/check/").content.decode()
    assert check_page.count('name="block"') == 2
    client.post(f"/procedures/{proc.pk}/check/", {"block": ["0", "1"], "form_token": token()})
    proc.refresh_from_db()
    assert proc.state == S.SHOUGOU

    # 審査 queue and detail; the clerk who entered may not approve
    queue = client.get("/review/").content.decode()
    assert f"住民異動 {reception.ticket_no}番" in queue and "届出期間経過" in queue
    refused = client.post(f"/review/{proc.pk}/approve/", {"confirmed": "on", "form_token": token()})
    assert refused.status_code == 200
    assert "この手続を仮登録または照合した人は承認できません" in refused.content.decode()
    proc.refresh_from_db()
    assert proc.state == S.SHOUGOU

    # ⑫ 承認入力 by a second clerk
    login_as(client, second_clerk)
    detail = client.get(f"/review/{proc.pk}/").content.decode()
    assert "承認 (Alt+A)" in detail and "差戻し (Alt+R)" in detail
    assert '<span class="badge badge-changed">変更</span>' in detail
    response = client.post(
        f"/review/{proc.pk}/approve/", {"confirmed": "on", "form_token": token()}
    )
    assert response.status_code == 302
    proc.refresh_from_db()
    assert proc.state == S.SHOUNIN and proc.approved_by == second_clerk
    assert StubScreenKind.applied == [proc.pk]

    # ⑭ 呼出 from the window; the board shows the number and the window
    login_as(client, contractor)
    calls = client.get("/calls/").content.decode()
    assert f"住民異動 {reception.ticket_no}番" in calls
    client.post(f"/calls/{reception.pk}/call/")
    reception.refresh_from_db()
    assert reception.called_window == "本庁1"
    board = client.get("/board/fragment/").content.decode()
    assert f"{reception.ticket_no}<small>番</small>" in board and "本庁1" in board

    # ⑰ 交付: documents listed, a print logged, then issued after the confirmation tick
    page = client.get(f"/receptions/{reception.pk}/handover/").content.decode()
    assert "個人番号カード（裏書して返却）" in page and "交付 (Alt+K)" in page
    doc_url = f"/procedures/{proc.pk}/documents/{STUB_DOCUMENT_SLUG}.pdf"
    assert doc_url in page
    assert client.get(doc_url).content.startswith(b"%PDF")
    assert AuditLog.objects.filter(
        action=AuditAction.PRINT, target_type="procedure", target_id=str(proc.pk)
    ).exists()
    unconfirmed = client.post(f"/receptions/{reception.pk}/handover/", {"form_token": token()})
    assert "チェックを付けてください" in unconfirmed.content.decode()
    proc.refresh_from_db()
    assert proc.state == S.SHOUNIN
    done = client.post(
        f"/receptions/{reception.pk}/handover/",
        {"confirmed": "on", "form_token": token()},
        follow=True,
    )
    assert "交付済" in done.content.decode()
    proc.refresh_from_db()
    assert proc.state == S.KOUFU


# --------------------------------------------------------------------------- one-time token


@pytest.mark.django_db
def test_the_same_entry_form_posted_twice_moves_once(client: Client, contractor) -> None:
    login_as(client, contractor)
    proc = receive(contractor).procedures.get()
    form = {"subject": "A", "memo": "", "form_token": token()}
    first = client.post(f"/procedures/{proc.pk}/entry/", form)
    second = client.post(f"/procedures/{proc.pk}/entry/", form)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert ProcedureTransition.objects.filter(procedure=proc).count() == 1


@pytest.mark.django_db
def test_a_double_clicked_reception_gives_one_ticket(client: Client, contractor) -> None:
    login_as(client, contractor)
    data = reception_data()
    first = client.post("/receptions/new/", data)
    second = client.post("/receptions/new/", data)
    assert first["Location"] == second["Location"]
    assert Reception.objects.count() == 1


# --------------------------------------------------------------------------- bad input


@pytest.mark.django_db
def test_reception_errors_are_japanese_and_keep_what_was_typed(client: Client, contractor) -> None:
    login_as(client, contractor)
    response = client.post(
        "/receptions/new/",
        reception_data(visitor_name="", visitor_kind="dairinin", note="メモ残す"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "来庁者の氏名を入力してください。" in body
    assert "メモ残す" in body and 'value="dairinin"' in body
    # the service's rule, shown next to the ID documents field, typed values kept
    response = client.post(
        "/receptions/new/",
        reception_data(visitor_name="佐藤　一", id_documents=["hokensho"]),
    )
    body = response.content.decode()
    assert "顔写真付きのもの1点か、それ以外のもの2点が必要です" in body
    assert 'value="佐藤　一"' in body
    assert 'value="hokensho" aria-invalid="true" id="id_id_documents_5" checked' in body
    response = client.post("/receptions/new/", reception_data(kinds=[]))
    assert "受け付ける手続を1つ以上選んでください。" in response.content.decode()
    assert Reception.objects.count() == 0


@pytest.mark.django_db
def test_entry_errors_keep_the_form(client: Client, contractor) -> None:
    login_as(client, contractor)
    proc = receive(contractor).procedures.get()
    response = client.post(
        f"/procedures/{proc.pk}/entry/", {"subject": "bad", "memo": "残す", "form_token": token()}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "対象に「bad」は使えません" in body and 'value="残す"' in body
    # a refusal of the service (another open procedure holds the subject) is shown too
    entered(contractor, subject="X")
    response = client.post(
        f"/procedures/{proc.pk}/entry/", {"subject": "X", "memo": "", "form_token": token()}
    )
    body = response.content.decode()
    assert "で手続中です" in body and 'value="X"' in body
    # a missing or forged token: refused in Japanese, never a 500
    response = client.post(
        f"/procedures/{proc.pk}/entry/", {"subject": "Y", "form_token": "x" * 500}
    )
    assert response.status_code == 200 and "画面を開き直して" in response.content.decode()
    proc.refresh_from_db()
    assert proc.state == S.UKETSUKE


@pytest.mark.django_db
def test_confirmation_pdf_from_the_typed_form(client: Client, contractor) -> None:
    login_as(client, contractor)
    proc = receive(contractor).procedures.get()
    pdf = client.post(f"/procedures/{proc.pk}/confirmation.pdf", {"subject": "Z"})
    assert pdf["Content-Type"] == "application/pdf" and b"% Z" in pdf.content
    invalid = client.post(f"/procedures/{proc.pk}/confirmation.pdf", {"subject": ""})
    assert invalid.status_code == 200
    assert "対象を入力してください。" in invalid.content.decode()
    proc.refresh_from_db()
    assert proc.state == S.UKETSUKE and proc.entry == {}


@pytest.mark.django_db
def test_check_needs_every_block_ticked_and_keeps_ticks(client: Client, contractor) -> None:
    login_as(client, contractor)
    proc = entered(contractor)
    response = client.post(f"/procedures/{proc.pk}/check/", {"block": ["1"], "form_token": token()})
    body = response.content.decode()
    assert "すべての項目を届出書と照合し" in body
    assert 'value="1" checked' in body and 'value="0" checked' not in body
    proc.refresh_from_db()
    assert proc.state == S.KARI_TOUROKU


@pytest.mark.django_db
def test_changes_since_the_last_check_are_marked(client: Client, contractor, clerk) -> None:
    proc = checked(contractor, subject="A", memo="同じ")
    services.do_return(proc, acting_user=clerk, terminal=None, reason="対象の誤り")
    login_as(client, contractor)
    entry_page = client.get(f"/procedures/{proc.pk}/entry/").content.decode()
    assert "差戻しの理由：</strong>対象の誤り" in entry_page
    client.post(
        f"/procedures/{proc.pk}/entry/", {"subject": "B", "memo": "同じ", "form_token": token()}
    )
    body = client.get(f"/procedures/{proc.pk}/check/").content.decode()
    assert body.count('<tr class="changed">') == 1
    assert "変更 1件" in body


@pytest.mark.django_db
def test_approval_and_return_need_their_confirmation(client: Client, contractor, clerk) -> None:
    proc = checked(contractor)
    login_as(client, clerk)
    response = client.post(f"/review/{proc.pk}/approve/", {"form_token": token()})
    assert "「審査の内容を確認しました」にチェックを付けてください" in response.content.decode()
    response = client.post(f"/review/{proc.pk}/return/", {"reason": "  ", "form_token": token()})
    assert "差戻しの理由を入力してください" in response.content.decode()
    proc.refresh_from_db()
    assert proc.state == S.SHOUGOU
    client.post(f"/review/{proc.pk}/return/", {"reason": "続柄の誤り", "form_token": token()})
    proc.refresh_from_db()
    assert proc.state == S.SASHIMODOSHI and proc.return_reason == "続柄の誤り"
    # approving what is no longer in 照合: the service's message, no 500
    response = client.post(
        f"/review/{proc.pk}/approve/", {"confirmed": "on", "form_token": token()}
    )
    assert response.status_code == 200
    assert "状態が「差戻し」のため、この操作はできません。" in response.content.decode()


# --------------------------------------------------------------------------- query counts


def bulk_procedures(count: int, user: Any, state: ProcedureState = S.SHOUGOU) -> None:
    now = timezone.now()
    today = timezone.localdate(now)
    start = (
        Reception.objects.order_by("-ticket_no").values_list("ticket_no", flat=True).first() or 0
    ) + 1
    receptions = Reception.objects.bulk_create(
        [
            Reception(
                ticket_date=today,
                category=IDO,
                ticket_no=start + i,
                visitor_kind="honnin",
                visitor_name=f"来庁者{i}",
                id_documents=["passport"],
                received_by=user,
                terminal_code="本庁1",
                received_at=now,
            )
            for i in range(count)
        ]
    )
    if connection.vendor != "postgresql":  # SQLite's bulk_create may not return ids
        receptions = list(Reception.objects.order_by("-pk")[:count])
    Procedure.objects.bulk_create(
        [
            Procedure(
                reception=r,
                kind=KIND,
                state=state,
                entry={"subject": str(r.ticket_no)},
                flags=["届出期間経過"] if r.ticket_no % 2 else [],
                entered_by=user,
                entered_at=now - datetime.timedelta(minutes=r.ticket_no % 90),
                created_at=now,
            )
            for r in receptions
        ]
    )


def queries_for(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_the_review_queue_has_a_constant_query_count(
    client: Client, contractor, clerk, django_assert_max_num_queries
) -> None:
    login_as(client, clerk)
    bulk_procedures(5, contractor)
    few = queries_for(client, "/review/")
    bulk_procedures(495, contractor)
    with django_assert_max_num_queries(few):
        body = client.get("/review/").content.decode()
    assert "合計 500件" in body and "画面試験手続 500件" in body
    assert body.count("審査する") == 50  # one page


@pytest.mark.django_db
def test_the_reception_list_has_a_constant_query_count(
    client: Client, contractor, django_assert_max_num_queries
) -> None:
    login_as(client, contractor)
    bulk_procedures(3, contractor, state=S.UKETSUKE)
    few = queries_for(client, "/receptions/")
    bulk_procedures(200, contractor, state=S.KARI_TOUROKU)
    with django_assert_max_num_queries(few):
        body = client.get("/receptions/").content.decode()
    assert body.count(">照合</a>") == 2 * 200  # in 処理中 and in 自分の受付


# --------------------------------------------------------------------------- notices, slip


@pytest.mark.django_db
def test_todays_notices_to_other_departments(client: Client, clerk) -> None:
    now = timezone.now()
    for i, destination in enumerate(["takka_kokuho", "takka_kokuho", "takka_nenkin", "jukinet_cs"]):
        OutboxMessage.objects.create(
            destination=destination,
            message_type="転入",
            payload={"宛名番号": f"00000000{i}"},
            idempotency_key=f"k{i}",
            created_at=now,
        )
    OutboxMessage.objects.create(
        destination="takka_zei",
        message_type="転出",
        payload={},
        idempotency_key="old",
        created_at=now - datetime.timedelta(days=2),
    )
    login_as(client, clerk)
    body = client.get("/notices/today/").content.decode()
    assert "他課：国民健康保険（2件）" in body and "他課：国民年金（1件）" in body
    assert "住基ネット" not in body and "他課：税務" not in body


@pytest.mark.django_db
def test_the_sample_slip_needs_no_saved_reception() -> None:
    pdf = build_sample_uketsuke_kakunin()
    assert pdf.startswith(b"%PDF")
    assert not Reception.objects.exists()
