"""The QR code's signed token, the public verify page, the 職員's void report, and the
one 発行番号 serial every certificate shares (j1040)."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core import signing
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from certificates.items import Items
from certificates.printing import Style, render_juminhyo
from counter.hakko_bango import hakko_bango_for, next_serial
from counter.models import AuditLog
from counter.roles import Role
from counter.shomei import qr
from counter.shomei.models import HakkoKiroku
from counter.shomei.verify import VoidRefused, do_report_void

from ..conftest import login_as
from ..factories import StaffUserFactory
from .printing_helpers import context, family


def _kiroku(**kwargs: object) -> HakkoKiroku:
    values: dict[str, object] = {
        "hakko_bango": "20261203 墨田区 本庁1 プリンタ001 001",
        "kind": "juminhyo_utsushi",
        "issued_on": datetime.date(2026, 12, 3),
        "page_count": 2,
        "serial": 1,
    }
    return HakkoKiroku.objects.create(**{**values, **kwargs})


def _token(kiroku: HakkoKiroku) -> str:
    return qr.token_for(kiroku.issued_on, kiroku.serial)


# ----------------------------------------------------------------- the token


@pytest.mark.django_db
def test_the_token_round_trips_to_its_copy() -> None:
    kiroku = _kiroku()
    token = _token(kiroku)
    assert qr.key_of(token) == (kiroku.issued_on, kiroku.serial)


@given(
    st.dates(min_value=datetime.date(2000, 1, 1)),
    st.integers(min_value=1, max_value=10**6),
    st.integers(min_value=0, max_value=80),
)
def test_an_altered_token_is_refused(day: datetime.date, serial: int, position: int) -> None:
    token = qr.token_for(day, serial)
    i = position % len(token)
    altered = token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1 :]
    with pytest.raises(qr.BadToken):
        qr.key_of(altered)


def test_a_token_signed_for_another_use_is_refused() -> None:
    other = signing.Signer(salt="another.salt").sign("1")
    with pytest.raises(qr.BadToken):
        qr.key_of(other)


def test_a_bare_id_is_not_a_token() -> None:
    with pytest.raises(qr.BadToken):
        qr.key_of("1")


# ----------------------------------------------------------------- the verify page


@pytest.mark.django_db
def test_the_verify_page_confirms_a_printed_copy_without_personal_data(
    client: Client, tmp_path, django_assert_num_queries
) -> None:
    people = family(5)
    rendered = render_juminhyo(
        people, style=Style.RENKI, items=Items.zenbu(), context=context(), setai_zenin=True
    )
    assert rendered.kiroku is not None
    url = reverse(
        "hakko:verify",
        kwargs={"token": _token(rendered.kiroku)},
    )
    with django_assert_num_queries(1):
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert rendered.kiroku.hakko_bango in page
    assert "住民票の写し" in page and "2枚" in page and "令和" in page
    assert "有効" in page
    for personal in ("𠮷田", "SMITH", "吾妻橋", "昭和55年", people[0].atena_bango):
        assert personal not in page, personal


@pytest.mark.django_db
def test_the_qr_code_in_the_pdf_holds_the_verify_url() -> None:
    rendered = render_juminhyo(family(1), style=Style.RENKI, items=Items(), context=context())
    assert rendered.kiroku is not None
    url = qr.verify_url(_token(rendered.kiroku))
    assert url.startswith("http") and "/hakko/v/" in url
    assert qr.qr_data_uri(url).startswith("data:image/png")


@pytest.mark.django_db
def test_an_altered_or_unknown_token_shows_a_clear_message_never_a_500(client: Client) -> None:
    kiroku = _kiroku()
    token = _token(kiroku)
    for bad in (
        token[:-1] + ("x" if token[-1] != "x" else "y"),
        "x",
        qr.token_for(kiroku.issued_on, 999999),
    ):
        response = client.get(reverse("hakko:verify", kwargs={"token": bad}))
        assert response.status_code == 404
        assert "確認できません" in response.content.decode()


@pytest.mark.django_db
def test_the_verify_page_says_when_a_copy_was_reported_void(client: Client) -> None:
    kiroku = _kiroku()
    clerk = StaffUserFactory(username="void-clerk", roles=[Role.CLERK])
    do_report_void(kiroku.hakko_bango, reason="紛失の届出", acting_user=clerk)
    page = client.get(reverse("hakko:verify", kwargs={"token": _token(kiroku)}))
    text = page.content.decode()
    assert "この証明書は無効です" in text and "無効の届出があり" in text
    assert "紛失" not in text  # the reason is the city's record, not the public's


# ----------------------------------------------------------------- the void report


@pytest.mark.django_db
def test_a_void_report_needs_a_reason_and_a_known_number() -> None:
    clerk = StaffUserFactory(username="void-clerk2", roles=[Role.CLERK])
    kiroku = _kiroku()
    with pytest.raises(VoidRefused, match="理由"):
        do_report_void(kiroku.hakko_bango, reason="  ", acting_user=clerk)
    with pytest.raises(VoidRefused, match="見つかりません"):
        do_report_void("20990101 墨田区 999", reason="紛失", acting_user=clerk)
    do_report_void(kiroku.hakko_bango, reason="紛失", acting_user=clerk)
    with pytest.raises(VoidRefused, match="すでに"):
        do_report_void(kiroku.hakko_bango, reason="紛失", acting_user=clerk)
    kiroku.refresh_from_db()
    assert (kiroku.void, kiroku.void_reason, kiroku.voided_by) == (True, "紛失", clerk)


@pytest.mark.django_db
def test_a_clerk_reports_a_copy_void_on_the_screen(client: Client) -> None:
    clerk = StaffUserFactory(username="void-clerk3", roles=[Role.CLERK])
    kiroku = _kiroku()
    login_as(client, clerk)
    url = reverse("hakko:void")
    refused = client.post(url, {"hakko_bango": "nothing", "reason": "紛失"})
    assert refused.status_code == 200
    assert "見つかりません" in refused.content.decode()
    assert 'value="nothing"' in refused.content.decode()  # the form keeps what was typed
    done = client.post(url, {"hakko_bango": kiroku.hakko_bango, "reason": "印字の誤り"})
    assert done.status_code == 302
    kiroku.refresh_from_db()
    assert kiroku.void
    assert AuditLog.objects.filter(target_type="hakko", target_id=str(kiroku.pk)).exists()


@pytest.mark.django_db
def test_a_printed_copy_record_is_never_deleted() -> None:
    kiroku = _kiroku()
    with pytest.raises(PermissionError):
        kiroku.delete()
    with pytest.raises(PermissionError):
        HakkoKiroku.objects.all().delete()


# ----------------------------------------------------------------- one serial (j1040)


@pytest.mark.django_db
def test_the_serial_runs_per_day() -> None:
    day = datetime.date(2026, 12, 3)
    assert [next_serial(day) for _ in range(3)] == [1, 2, 3]
    assert next_serial(day + datetime.timedelta(days=1)) == 1


@pytest.mark.django_db
def test_the_tenshutsu_shomeisho_and_the_juminhyo_share_one_numbering() -> None:
    tenshutsu = hakko_bango_for("")  # what the 転出証明書 takes (juki.ido.kernel)
    rendered = render_juminhyo(
        family(1), style=Style.RENKI, items=Items(), context=context(day=timezone.localdate())
    )
    assert rendered.kiroku is not None
    assert tenshutsu.serial == "001"
    assert rendered.kiroku.hakko_bango.endswith(" 002")


@pytest.mark.pg_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_prints_never_share_a_serial() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions are exercised on PostgreSQL")
    day = datetime.date(2026, 12, 4)
    workers, each = 6, 10
    barrier = threading.Barrier(workers)
    taken: list[int] = []
    lock = threading.Lock()

    def take() -> None:
        try:
            barrier.wait()
            for _ in range(each):
                value = next_serial(day)
                with lock:
                    taken.append(value)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(taken) == list(range(1, workers * each + 1))


# ----------------------------------------------------------------- the Celery task


@pytest.mark.django_db
def test_the_print_task_prints_and_spools_a_final_copy(tmp_path, settings) -> None:
    from certificates.tasks import print_juminhyo

    settings.CERTIFICATE_SPOOL_DIR = str(tmp_path)
    people = family(2)
    result = print_juminhyo.delay(
        [p.atena_bango for p in people],
        style="renki",
        items=Items().to_json(),
        day=timezone.localdate().isoformat(),
        setai_zenin=True,
    ).get()
    kiroku = HakkoKiroku.objects.get(hakko_bango=result["hakko_bango"])
    assert (result["pages"], kiroku.page_count) == (1, 1)
    (spooled,) = tmp_path.glob("*.pdf")
    assert spooled.read_bytes().startswith(b"%PDF-")


# ----------------------------------------------------------------- the void form


@pytest.mark.django_db
def test_the_void_page_lists_with_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries
) -> None:
    clerk = StaffUserFactory(username="void-lister", roles=[Role.CLERK])
    for serial in range(1, 4):
        kiroku = _kiroku(hakko_bango=f"20261203 墨田区 {serial:03d}", serial=serial)
        do_report_void(kiroku.hakko_bango, reason="紛失", acting_user=clerk)
    login_as(client, clerk)
    client.get(reverse("hakko:void"))  # the session's first load
    with django_assert_num_queries(VOID_PAGE_QUERIES):
        response = client.get(reverse("hakko:void"))
    assert response.content.decode().count("<td>紛失</td>") == 3


#: session, user, its roles (groups), the list with its 職員 (one join), and the session's
#: idle-time stamp written back (savepoint, update, release)
VOID_PAGE_QUERIES = 7


@given(hakko_bango=st.text(max_size=130), reason=st.text(max_size=210))
def test_the_void_form_answers_any_input_in_japanese(hakko_bango: str, reason: str) -> None:
    from counter.shomei.verify import VoidForm

    form = VoidForm({"hakko_bango": hakko_bango, "reason": reason})
    if not form.is_valid():
        for messages in form.errors.values():
            assert all(any("\u3040" <= ch <= "\u9fff" for ch in m) for m in messages)
