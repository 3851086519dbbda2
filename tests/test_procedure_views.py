"""取下げ (window and backyard), 完了 after 交付, and the 監督者's list of procedures open
too long, driven through the test client with the stub kind "stub_screen"."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from counter import services
from counter.models import AuditAction, AuditLog
from counter.procedure_models import Procedure, ProcedureState, ProcedureTransition, Reservation

from .conftest import login_as
from .factories import receive
from .procedures import procedure_in
from .screen_stub import StubScreenKind

S = ProcedureState
KIND = StubScreenKind.code


def token() -> str:
    return uuid.uuid4().hex


def walked(state: S, contractor: Any, clerk: Any, subject: str = "A") -> Procedure:
    return procedure_in(state, KIND, {"subject": subject}, contractor, clerk)


def withdraw_url(procedure: Procedure, next_path: str = "") -> str:
    url = reverse("counter:procedure_withdraw", args=[procedure.pk])
    return f"{url}?next={next_path}" if next_path else url


# --------------------------------------------------------------------------- 取下げ


@pytest.mark.django_db
def test_a_withdrawn_procedure_frees_its_person_for_a_new_one_at_once(
    client: Client, contractor, clerk
) -> None:
    first = walked(S.KARI_TOUROKU, contractor, clerk, subject="A")
    login_as(client, contractor)
    page = client.get(withdraw_url(first)).content.decode()
    assert "取下げ：画面試験手続" in page and "対象 A" in page  # who will be released
    assert AuditLog.objects.filter(
        action=AuditAction.VIEW_RESIDENT, target_id=str(first.pk)
    ).exists()
    response = client.post(withdraw_url(first), {"reason": "本人の申出", "form_token": token()})
    assert response.status_code == 302
    assert response["Location"] == reverse("counter:reception_ticket", args=[first.reception_id])
    fresh = Procedure.objects.get(pk=first.pk)
    assert (fresh.state, fresh.return_reason) == (S.TORISAGE, "本人の申出")
    last = ProcedureTransition.objects.filter(procedure=first).last()
    assert (last.to_state, last.reason, last.by_id) == (S.TORISAGE, "本人の申出", contractor.pk)
    assert not Reservation.objects.filter(subject="stub:A", is_open=True).exists()
    followed = client.get(response["Location"]).content.decode()
    assert "取り下げました（対象 Aは別の手続で入力できます）" in followed
    # the same person, in a new procedure, at once
    second = receive(contractor, KIND).procedures.get()
    response = client.post(
        reverse("counter:procedure_entry", args=[second.pk]),
        {"subject": "A", "form_token": token()},
    )
    assert response.status_code == 302
    assert Procedure.objects.get(pk=second.pk).state == S.KARI_TOUROKU


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "取下げの理由を入力してください。"),
        ("　 ", "取下げの理由を入力してください。"),
        ("あ" * 401, "取下げの理由は400文字以内で入力してください（いまは401文字です）。"),
    ],
)
def test_the_reason_is_required_and_refused_next_to_the_field(
    client: Client, contractor, clerk, reason: str, message: str
) -> None:
    proc = walked(S.UKETSUKE, contractor, clerk)
    login_as(client, contractor)
    response = client.post(withdraw_url(proc), {"reason": reason, "form_token": token()})
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<p class="error" role="alert">{message}</p>' in body
    assert 'maxlength="400"' not in body  # never cut silently by the browser
    if reason.strip():
        assert reason in body  # what was typed stays
    assert Procedure.objects.get(pk=proc.pk).state == S.UKETSUKE


@pytest.mark.django_db
def test_the_backyard_withdraws_from_the_review_page(client: Client, contractor, clerk) -> None:
    proc = walked(S.SHOUGOU, contractor, clerk)
    login_as(client, clerk)
    review = client.get(reverse("counter:review_detail", args=[proc.pk])).content.decode()
    queue = reverse("counter:review_queue")
    link = f"{withdraw_url(proc)}?next={queue}"
    assert f'href="{link}"' in review
    response = client.post(
        withdraw_url(proc), {"reason": "書類不備", "next": queue, "form_token": token()}
    )
    assert response.status_code == 302 and response["Location"] == queue
    assert Procedure.objects.get(pk=proc.pk).state == S.TORISAGE


@pytest.mark.django_db
def test_the_window_pages_offer_withdrawal_while_it_is_possible(
    client: Client, contractor, clerk
) -> None:
    entered = walked(S.KARI_TOUROKU, contractor, clerk, subject="A")
    approved = walked(S.SHOUNIN, contractor, clerk, subject="B")
    login_as(client, contractor)
    for name in ("counter:procedure_entry", "counter:procedure_check"):
        page = client.get(reverse(name, args=[entered.pk])).content.decode()
        assert withdraw_url(entered) in page, name
    ticket = client.get(reverse("counter:reception_ticket", args=[entered.reception_id]))
    assert withdraw_url(entered) in ticket.content.decode()
    page = client.get(reverse("counter:procedure_entry", args=[approved.pk])).content.decode()
    assert withdraw_url(approved) not in page


@pytest.mark.django_db
def test_an_approved_procedure_cannot_be_withdrawn(client: Client, contractor, clerk) -> None:
    proc = walked(S.SHOUNIN, contractor, clerk)
    login_as(client, contractor)
    page = client.get(withdraw_url(proc)).content.decode()
    assert "状態が「承認」のため、この手続は取り下げられません" in page
    assert 'name="reason"' not in page
    response = client.post(withdraw_url(proc), {"reason": "申出", "form_token": token()})
    assert response.status_code == 200
    assert "状態が「承認」のため、この操作はできません。" in response.content.decode()
    assert Procedure.objects.get(pk=proc.pk).state == S.SHOUNIN


@pytest.mark.django_db
def test_a_resent_withdrawal_acts_once(client: Client, contractor, clerk) -> None:
    proc = walked(S.UKETSUKE, contractor, clerk)
    login_as(client, contractor)
    data = {"reason": "申出", "form_token": token()}
    assert client.post(withdraw_url(proc), data).status_code == 302
    assert client.post(withdraw_url(proc), data).status_code == 302
    assert ProcedureTransition.objects.filter(procedure=proc, to_state=S.TORISAGE).count() == 1


# --------------------------------------------------------------------------- 完了


def handed_over_on(day: datetime.date, contractor: Any, clerk: Any, subject: str) -> Procedure:
    proc = walked(S.KOUFU, contractor, clerk, subject=subject)
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    ProcedureTransition.objects.filter(procedure=proc, to_state=S.KOUFU).update(at=at)
    return proc


@pytest.mark.django_db
def test_a_days_handed_over_procedures_are_completed_together(
    client: Client, contractor, clerk
) -> None:
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    old_a = handed_over_on(yesterday, contractor, clerk, "A")
    old_b = handed_over_on(yesterday, contractor, clerk, "B")
    new = handed_over_on(today, contractor, clerk, "C")
    walked(S.SHOUNIN, contractor, clerk, "D")  # not handed over: not listed
    login_as(client, contractor)
    page = client.get(reverse("counter:completion")).content.decode()
    assert "交付済み 3件" in page
    assert page.index("この日の交付済み 2件を完了にする") < page.index(
        "この日の交付済み 1件を完了にする"
    )  # oldest day first
    response = client.post(
        reverse("counter:completion_post"),
        {"day": yesterday.isoformat(), "form_token": token()},
    )
    assert response.status_code == 302
    states = dict(Procedure.objects.values_list("pk", "state"))
    assert (states[old_a.pk], states[old_b.pk], states[new.pk]) == (S.KANRYOU, S.KANRYOU, S.KOUFU)
    assert "2件の手続を完了にしました。" in client.get(response["Location"]).content.decode()
    client.post(
        reverse("counter:completion_post"),
        {"reception": str(new.reception_id), "form_token": token()},
    )
    assert Procedure.objects.get(pk=new.pk).state == S.KANRYOU


@pytest.mark.django_db
def test_completing_nothing_says_so(client: Client, contractor) -> None:
    login_as(client, contractor)
    response = client.post(reverse("counter:completion_post"), {"form_token": token()}, follow=True)
    assert "完了にする交付日か受付を一つ選んでください。" in response.content.decode()
    response = client.post(
        reverse("counter:completion_post"),
        {"day": "2020-01-01", "form_token": token()},
        follow=True,
    )
    assert "完了にする交付済みの手続がありません。" in response.content.decode()


@pytest.mark.django_db
def test_the_completion_page_has_a_constant_query_count(
    client: Client, contractor, clerk, django_assert_num_queries
) -> None:
    today = timezone.localdate()
    login_as(client, contractor)
    client.get(reverse("counter:completion"))  # session and user cached as in use
    handed_over_on(today, contractor, clerk, "A")
    # session, user, roles, the handed-over procedures with their 交付 time, the
    # 操作ログ read row (head, row, head) and the session's save (savepoint, update, release)
    with django_assert_num_queries(10):
        client.get(reverse("counter:completion"))
    for subject in "BCDE":
        handed_over_on(today - datetime.timedelta(days=2), contractor, clerk, subject)
    with django_assert_num_queries(10):
        body = client.get(reverse("counter:completion")).content.decode()
    assert body.count(">完了にする</button>") == 5


# --------------------------------------------------------------------------- 長期未処理


def opened_days_ago(days: int, contractor: Any, clerk: Any, subject: str, state: S) -> Procedure:
    proc = walked(state, contractor, clerk, subject=subject)
    Procedure.objects.filter(pk=proc.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days, minutes=1)
    )
    return proc


@pytest.mark.django_db
def test_the_supervisor_sees_procedures_open_too_long_oldest_first(
    client: Client, contractor, clerk, supervisor, settings
) -> None:
    settings.PROCEDURE_OVERDUE_DAYS = 3
    oldest = opened_days_ago(10, contractor, clerk, "A", S.SASHIMODOSHI)
    old = opened_days_ago(4, contractor, clerk, "B", S.KARI_TOUROKU)
    opened_days_ago(2, contractor, clerk, "C", S.KARI_TOUROKU)  # not yet overdue
    opened_days_ago(20, contractor, clerk, "D", S.SHOUNIN)  # approved: not open
    opened_days_ago(20, contractor, clerk, "E", S.TORISAGE)  # withdrawn: not open
    login_as(client, supervisor)
    home = client.get(reverse("counter:home")).content.decode()
    assert reverse("counter:overdue") in home
    body = client.get(reverse("counter:overdue")).content.decode()
    assert "受付から3日以上" in body
    assert body.index(f"住民異動 {oldest.reception.ticket_no}番") < body.index(
        f"住民異動 {old.reception.ticket_no}番"
    )
    assert "10日" in body and "4日" in body and "2日" not in body
    assert "差戻し" in body and "仮登録" in body and "窓口　一郎" in body
    assert body.count(">取下げ</a>") == 2
    settings.PROCEDURE_OVERDUE_DAYS = 1
    assert client.get(reverse("counter:overdue")).content.decode().count(">取下げ</a>") == 3


@pytest.mark.django_db
def test_the_overdue_list_has_a_constant_query_count(
    client: Client, contractor, clerk, supervisor, django_assert_num_queries
) -> None:
    login_as(client, supervisor)
    client.get(reverse("counter:overdue"))
    opened_days_ago(5, contractor, clerk, "A", S.KARI_TOUROKU)
    # session, user, roles, one page of rows (LazyPaginator: no COUNT), the 操作ログ read
    # row (head, row, head) and the session's save (savepoint, update, release)
    with django_assert_num_queries(10):
        client.get(reverse("counter:overdue"))
    for subject in "BCDEFG":
        opened_days_ago(5, contractor, clerk, subject, S.UKETSUKE)
    with django_assert_num_queries(10):
        body = client.get(reverse("counter:overdue")).content.decode()
    assert body.count(">取下げ</a>") == 7


@pytest.mark.django_db
def test_only_the_supervisor_opens_the_overdue_list(client: Client, clerk) -> None:
    login_as(client, clerk)
    assert client.get(reverse("counter:overdue")).status_code == 403


@pytest.mark.django_db
def test_a_withdrawal_from_the_overdue_list_returns_to_it(
    client: Client, contractor, clerk, supervisor
) -> None:
    proc = opened_days_ago(5, contractor, clerk, "A", S.UKETSUKE)
    login_as(client, supervisor)
    overdue = reverse("counter:overdue")
    response = client.post(
        withdraw_url(proc), {"reason": "長期未処理", "next": overdue, "form_token": token()}
    )
    assert response.status_code == 302 and response["Location"] == overdue
    assert Procedure.objects.get(pk=proc.pk).state == S.TORISAGE
    assert services.maker_acts(proc) == []  # never entered
