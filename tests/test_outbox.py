"""The outbox (送信待ち): written with the change, delivered once, retried, visible to staff."""

from __future__ import annotations

import datetime
import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from counter import outbox, registry
from counter.messages import MessageField, MessageType
from counter.models import (
    AuditAction,
    AuditLog,
    OutboxMessage,
    OutboxStatus,
    StaffUser,
)
from counter.outbox_adapters import DirectoryAdapter, OutboxAdapter, adapter_class
from counter.tasks import deliver_due_messages, deliver_message
from jputil.wareki import to_wareki

from .conftest import login_as

pytestmark = pytest.mark.django_db

#: the message these tests send, to any destination (the outbox's own tests need no app's)
SHIKEN = MessageType(
    code="shiken_tsuchi",
    label="試験通知",
    version=1,
    destinations=("jukinet_cs", "takka_kokuho", "takka_zei"),
    trigger="tests/test_outbox.py",
    fields=(
        MessageField("juminhyo_code", "str", required=False),
        MessageField("ido_ymd", "date", required=False),
        MessageField("day", "date", required=False),
        MessageField("name", "str", required=False),
    ),
)


@pytest.fixture(autouse=True)
def _shiken_type() -> Any:
    with registry.temporarily(outbox_message_types=[SHIKEN]):
        yield


class FlakyAdapter(OutboxAdapter):
    """Fails `failures` times, then writes the file as the directory adapter does."""

    failures: ClassVar[int] = 2
    calls: ClassVar[int] = 0

    def send(self, message: OutboxMessage) -> None:
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            raise ConnectionError(f"CS に接続できません（{type(self).calls} 回目）")
        DirectoryAdapter(self.destination).send(message)


class BrokenAdapter(OutboxAdapter):
    def send(self, message: OutboxMessage) -> None:
        raise TimeoutError("応答がありません")


@pytest.fixture
def outbox_dir(settings: Any, tmp_path: Path) -> Path:
    settings.OUTBOX_DIR = tmp_path / "outbox"
    settings.OUTBOX_ADAPTERS = {}
    settings.OUTBOX_MAX_ATTEMPTS = 8
    return tmp_path / "outbox"


@pytest.fixture
def flaky(settings: Any, outbox_dir: Path) -> type[FlakyAdapter]:
    FlakyAdapter.calls = 0
    FlakyAdapter.failures = 2
    settings.OUTBOX_ADAPTERS = {"jukinet_cs": f"{__name__}.FlakyAdapter"}
    return FlakyAdapter


def files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def enqueue_one(key: str = "ido-1-jukinet_cs-honnin_kakunin_koshin", **extra: Any) -> OutboxMessage:
    return outbox.enqueue(
        destination=extra.pop("destination", "jukinet_cs"),
        message_type=extra.pop("message_type", "shiken_tsuchi"),
        payload=extra.pop("payload", {"juminhyo_code": "12345678901", "ido_ymd": "2026-11-21"}),
        idempotency_key=key,
        source_type="procedure",
        source_id="1",
        **extra,
    )


def make_due(message: OutboxMessage) -> None:
    OutboxMessage.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_a_rolled_back_change_leaves_nothing_and_sends_nothing(
    outbox_dir: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    class Rollback(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Rollback),
        transaction.atomic(),
    ):
        enqueue_one()
        raise Rollback
    assert callbacks == []
    assert OutboxMessage.objects.count() == 0
    assert files(outbox_dir) == []


def test_enqueue_then_commit_writes_the_file_once(
    outbox_dir: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = enqueue_one(payload={"day": datetime.date(2026, 11, 21), "name": "髙橋 﨑"})
    assert len(callbacks) == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.DELIVERED
    assert message.attempts == 1
    assert message.delivered_at is not None
    written = files(outbox_dir)
    assert written == [outbox_dir / "jukinet_cs" / "ido-1-jukinet_cs-honnin_kakunin_koshin.json"]
    body = json.loads(written[0].read_text(encoding="utf-8"))
    assert body["idempotency_key"] == message.idempotency_key
    assert body["message_type"] == "shiken_tsuchi"
    assert body["source"] == {"type": "procedure", "id": "1"}
    assert body["payload"] == {"day": "2026-11-21", "name": "髙橋 﨑", "schema_version": 1}

    # delivering again (a redelivered task) changes nothing
    assert outbox.deliver(message.pk) is None
    assert files(outbox_dir) == written


@pytest.mark.django_db(transaction=True)
def test_enqueue_outside_a_transaction_is_refused(outbox_dir: Path) -> None:
    with pytest.raises(outbox.OutboxError):
        enqueue_one()
    assert OutboxMessage.objects.count() == 0


def test_the_same_idempotency_key_twice_gives_one_row_and_one_file(
    outbox_dir: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = enqueue_one()
        second = enqueue_one()
    assert first.pk == second.pk
    assert len(callbacks) == 1
    with django_capture_on_commit_callbacks(execute=True) as later:
        third = enqueue_one()
    assert third.pk == first.pk and later == []
    assert OutboxMessage.objects.count() == 1
    assert len(files(outbox_dir)) == 1


def test_a_reused_key_for_another_message_is_an_error(outbox_dir: Path) -> None:
    enqueue_one("k-1")
    with pytest.raises(outbox.OutboxError):
        enqueue_one("k-1", destination="takka_kokuho")


def test_a_batch_with_one_known_key_inserts_only_the_others_in_order(
    outbox_dir: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    known = enqueue_one("k-2")

    def message(key: str) -> outbox.OutgoingMessage:
        return outbox.OutgoingMessage(
            destination="jukinet_cs",
            message_type="shiken_tsuchi",
            payload={"name": key},
            idempotency_key=key,
            source_type="procedure",
            source_id="1",
        )

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rows = outbox.enqueue_many([message("k-1"), message("k-2"), message("k-3")])
    assert [r.idempotency_key for r in rows] == ["k-1", "k-2", "k-3"]
    assert rows[1].pk == known.pk
    assert OutboxMessage.objects.count() == 3
    assert len(callbacks) == 1  # one delivery scheduled, for the two new rows


@pytest.mark.parametrize("key", ["", "../evil", "a/b", ".hidden", "名前", "x" * 201])
def test_a_key_that_is_no_file_name_is_refused(outbox_dir: Path, key: str) -> None:
    with pytest.raises(outbox.OutboxError):
        enqueue_one(key)


def test_the_directory_adapter_is_idempotent_and_refuses_a_conflict(outbox_dir: Path) -> None:
    message = enqueue_one()
    adapter = DirectoryAdapter("jukinet_cs")
    adapter.send(message)
    adapter.send(message)
    assert len(files(outbox_dir)) == 1
    message.payload = {"changed": True}
    with pytest.raises(Exception, match="内容の異なる"):
        adapter.send(message)


def test_a_flaky_adapter_delivers_exactly_once_after_two_failures(
    flaky: type[FlakyAdapter],
    outbox_dir: Path,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    assert adapter_class("jukinet_cs") is FlakyAdapter
    assert adapter_class("takka_zei") is DirectoryAdapter
    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue_one()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)
    assert "ConnectionError" in message.last_error
    assert message.next_attempt_at is not None and message.next_attempt_at > timezone.now()

    # not due yet: the sweep leaves it alone
    assert deliver_due_messages.delay().get() == 0
    assert FlakyAdapter.calls == 1

    make_due(message)
    assert outbox.deliver_due() == 0
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 2)
    assert "2 回目" in message.last_error

    make_due(message)
    assert outbox.deliver_due() == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.DELIVERED, 3)
    assert FlakyAdapter.calls == 3
    assert len(files(outbox_dir)) == 1

    # later sweeps and tasks send nothing more
    make_due(message)
    assert outbox.deliver_due() == 0
    deliver_message.delay(message.pk)
    assert FlakyAdapter.calls == 3


def test_backoff_grows_and_is_capped(settings: Any) -> None:
    settings.OUTBOX_BACKOFF_BASE_SECONDS = 60
    settings.OUTBOX_BACKOFF_MAX_SECONDS = 3600
    waits = [outbox.backoff(n).total_seconds() for n in range(1, 10)]
    assert waits[:4] == [60, 120, 240, 480]
    assert max(waits) == 3600


def make_failed(settings: Any) -> OutboxMessage:
    settings.OUTBOX_ADAPTERS = {"jukinet_cs": f"{__name__}.BrokenAdapter"}
    settings.OUTBOX_MAX_ATTEMPTS = 3
    message = enqueue_one()
    for _ in range(3):
        assert outbox.deliver(message.pk) is not None
    message.refresh_from_db()
    return message


def test_after_max_attempts_the_message_fails(settings: Any, outbox_dir: Path) -> None:
    message = make_failed(settings)
    assert message.status == OutboxStatus.FAILED
    assert message.attempts == 3
    assert message.next_attempt_at is None
    assert "TimeoutError: 応答がありません" in message.last_error
    # a failed message waits for staff: neither the sweep nor a task sends it
    assert outbox.deliver(message.pk) is None
    assert outbox.deliver_due() == 0


def test_staff_retry_sends_a_failed_message_and_is_logged(
    settings: Any,
    outbox_dir: Path,
    clerk: StaffUser,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    message = make_failed(settings)
    settings.OUTBOX_ADAPTERS = {}  # the destination is back
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        retried = outbox.retry(message.pk, acting_user=clerk)
    assert (retried.status, retried.attempts) == (OutboxStatus.PENDING, 0)
    assert len(callbacks) == 1
    callbacks[0]()
    message.refresh_from_db()
    assert message.status == OutboxStatus.DELIVERED
    assert message.attempts == 1
    assert len(files(outbox_dir)) == 1

    row = AuditLog.objects.get(action=AuditAction.CHANGE, target_type="outbox")
    assert row.target_id == str(message.pk)
    assert row.user == clerk
    assert row.detail["operation"] == "outbox_retry"
    assert row.detail["previous_attempts"] == 3

    with pytest.raises(outbox.OutboxError):
        outbox.retry(message.pk, acting_user=clerk)


def test_outbox_messages_cannot_be_deleted(outbox_dir: Path) -> None:
    message = enqueue_one()
    with pytest.raises(PermissionError):
        message.delete()
    with pytest.raises(PermissionError):
        OutboxMessage.objects.all().delete()


# --- the screen --------------------------------------------------------------------------


def test_the_list_shows_undelivered_and_failed_messages(
    client: Client, clerk: StaffUser, settings: Any, outbox_dir: Path
) -> None:
    failed = make_failed(settings)
    pending = enqueue_one("ido-2-takka_kokuho-ido_tsuchi", destination="takka_kokuho")
    settings.OUTBOX_ADAPTERS = {}
    delivered = enqueue_one("ido-3-takka_zei-ido_tsuchi", destination="takka_zei")
    outbox.deliver(delivered.pk)

    login_as(client, clerk)
    page = client.get("/outbox/").content.decode()
    assert "連携メッセージ（送信待ち・失敗）" in page
    assert "住基ネット（市町村CS）" in page and "他課：国民健康保険" in page
    assert "他課：税務" not in page
    assert "送信失敗" in page and "TimeoutError" in page
    assert f'name="message" value="{failed.pk}"' in page
    assert f'name="message" value="{pending.pk}"' not in page
    local = timezone.localtime(failed.created_at)
    assert f"{to_wareki(local.date())} {local:%H:%M}" in page  # 和暦, as every counter screen

    only_failed = client.get("/outbox/?status=failed").content.decode()
    assert "他課：国民健康保険" not in only_failed and "住基ネット" in only_failed
    done = client.get("/outbox/?status=delivered").content.decode()
    assert "他課：税務" in done


def test_the_retry_button_sends_again(
    client: Client,
    supervisor: StaffUser,
    settings: Any,
    outbox_dir: Path,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    message = make_failed(settings)
    settings.OUTBOX_ADAPTERS = {}
    login_as(client, supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/outbox/retry/", {"message": message.pk, "status": "failed"})
    assert response.status_code == 302
    assert response["Location"] == "/outbox/?status=failed"
    message.refresh_from_db()
    assert message.status == OutboxStatus.DELIVERED
    assert AuditLog.objects.filter(
        action=AuditAction.CHANGE, target_type="outbox", user=supervisor
    ).exists()
    # a second click on the same (now delivered) message is refused politely
    again = client.post("/outbox/retry/", {"message": message.pk}, follow=True)
    assert "送信失敗の連携メッセージだけ" in again.content.decode()
    assert client.get("/outbox/retry/").status_code == 405


def test_the_retry_needs_a_csrf_token(client: Client, clerk: StaffUser, settings: Any) -> None:
    csrf_client = Client(enforce_csrf_checks=True)
    login_as(csrf_client, clerk)
    assert csrf_client.post("/outbox/retry/", {"message": "1"}).status_code == 403


def test_the_list_query_count_does_not_grow(
    client: Client,
    clerk: StaffUser,
    outbox_dir: Path,
    django_assert_max_num_queries: Callable[..., Any],
) -> None:
    destinations = list(registry.destinations())

    def add(n: int, start: int) -> None:
        OutboxMessage.objects.bulk_create(
            OutboxMessage(
                destination=destinations[i % len(destinations)],
                message_type="ido_tsuchi",
                payload={"n": i},
                idempotency_key=f"bulk-{i}",
                status=OutboxStatus.FAILED if i % 2 else OutboxStatus.PENDING,
                attempts=i % 9,
                last_error="OSError: disk full" if i % 2 else "",
            )
            for i in range(start, start + n)
        )

    login_as(client, clerk)
    add(1, 0)
    client.get("/outbox/")  # warm caches (content types, session)
    with django_assert_max_num_queries(12) as few:
        assert client.get("/outbox/").status_code == 200
    add(59, 1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/outbox/")
    assert response.status_code == 200
    # a page holds 50 of the 60: the failed half of them carry a retry button
    assert response.content.decode().count('name="message"') == 25


@pytest.mark.parametrize(
    ("persona_name", "status"),
    [
        ("contractor", 403),
        ("outsider", 403),
        ("clerk", 200),
        ("supervisor", 200),
        ("administrator", 200),
    ],
)
def test_who_may_see_the_outbox(
    client: Client, request: pytest.FixtureRequest, persona_name: str, status: int
) -> None:
    login_as(client, request.getfixturevalue(persona_name))
    assert client.get("/outbox/").status_code == status


def test_a_contractor_cannot_retry(client: Client, contractor: StaffUser, settings: Any) -> None:
    message = make_failed(settings)
    login_as(client, contractor)
    assert client.post("/outbox/retry/", {"message": message.pk}).status_code == 403
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED


def test_the_home_page_links_to_the_outbox_for_staff(
    client: Client, clerk: StaffUser, contractor: StaffUser
) -> None:
    login_as(client, clerk)
    assert "/outbox/" in client.get("/").content.decode()
    login_as(client, contractor)
    assert "/outbox/" not in client.get("/").content.decode()


# --- PostgreSQL: two workers at once ------------------------------------------------------


class SlowAdapter(OutboxAdapter):
    """Holds the row lock a while, counting its calls."""

    calls: ClassVar[int] = 0

    def send(self, message: OutboxMessage) -> None:
        type(self).calls += 1
        time.sleep(0.5)
        DirectoryAdapter(self.destination).send(message)


def in_threads(n: int, work: Callable[[], Any]) -> list[Any]:
    from django.db import connection

    barrier = threading.Barrier(n)
    results: list[Any] = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(work())
        except Exception as exc:  # kept and checked by the test
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


@pytest.mark.pg_only
@pytest.mark.django_db(transaction=True)
def test_two_workers_deliver_one_message_once(settings: Any, outbox_dir: Path) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("row locks (SELECT … FOR UPDATE SKIP LOCKED): PostgreSQL only")
    SlowAdapter.calls = 0
    settings.OUTBOX_ADAPTERS = {"jukinet_cs": f"{__name__}.SlowAdapter"}
    with transaction.atomic():
        OutboxMessage.objects.create(
            destination="jukinet_cs",
            message_type="ido_tsuchi",
            payload={},
            idempotency_key="race-1",
            next_attempt_at=timezone.now(),
        )  # written without enqueue(): no eager delivery before the race
    message = OutboxMessage.objects.get(idempotency_key="race-1")
    results = in_threads(2, lambda: outbox.deliver(message.pk))
    assert SlowAdapter.calls == 1
    assert sorted(r is None for r in results) == [False, True]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.DELIVERED, 1)


@pytest.mark.pg_only
@pytest.mark.django_db(transaction=True)
def test_two_transactions_enqueue_one_key_once(outbox_dir: Path) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL only")

    def work() -> int:
        with transaction.atomic():
            return enqueue_one("race-2").pk

    results = in_threads(3, work)
    assert len(set(results)) == 1, results
    assert OutboxMessage.objects.filter(idempotency_key="race-2").count() == 1
    assert len(files(outbox_dir)) == 1


def test_a_killed_writes_temporary_file_is_cleared_by_the_sweep(outbox_dir: Path) -> None:
    from counter.outbox_adapters import STALE_TEMPORARY_SECONDS, remove_stale_temporaries

    folder = outbox_dir / "jukinet_cs"
    folder.mkdir(parents=True)
    stale, fresh, real = folder / ".tmp-a.json", folder / ".tmp-b.json", folder / "k.json"
    for path in (stale, fresh, real):
        path.write_text("{}")
    old = time.time() - STALE_TEMPORARY_SECONDS - 5
    os.utime(stale, (old, old))
    os.utime(real, (old, old))
    assert remove_stale_temporaries() == 1
    assert not stale.exists() and fresh.exists() and real.exists()
