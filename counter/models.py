"""Staff, terminals and the 操作ログ (audit trail)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC
from typing import Any, ClassVar, TypeVar

from django.contrib.auth.models import AbstractUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from . import registry
from .audit_keys import mac
from .fields import BulkJSONField
from .reads import PersonalRow

_M = TypeVar("_M", bound=models.Model)


class UndeletableQuerySet(models.QuerySet[_M]):
    """Rows the application never deletes (the 操作ログ, the messages to and from other
    systems): the refusal names them by their verbose_name."""

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError(f"{self.model._meta.verbose_name}は削除できません。")


class Undeletable(models.Model):
    """A row of an UndeletableQuerySet: it refuses its own delete() too."""

    class Meta:
        abstract = True

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError(f"{self._meta.verbose_name}は削除できません。")


class Terminal(models.Model):
    """端末: a window or back-office terminal; recorded with every action (j230)."""

    code = models.CharField("端末コード", max_length=20, unique=True)
    name = models.CharField("端末名", max_length=50)
    place = models.CharField("入力場所", max_length=50, help_text="本庁・支所・出張所・課など")
    printer_name = models.CharField("プリンタ名", max_length=50, blank=True)
    is_active = models.BooleanField("使用中", default=True)

    class Meta:
        verbose_name = "端末"
        verbose_name_plural = "端末"
        ordering: ClassVar[list[str]] = ["code"]

    def __str__(self) -> str:
        return f"{self.code}（{self.place}）"


class StaffUser(AbstractUser):
    """A member of staff. Roles are groups (see counter.roles)."""

    display_name = models.CharField("氏名", max_length=50, blank=True)
    default_terminal = models.ForeignKey(
        Terminal,
        verbose_name="既定の端末",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # j1390: per user, these items can be hidden on every screen.
    #: 表示設定 (j1390) by the code of each app's UserSetting (counter.registry); counter
    #: knows none of them
    display_settings = models.JSONField("表示設定", default=dict, blank=True)

    class Meta:
        verbose_name = "職員等利用者"
        verbose_name_plural = "職員等利用者"
        permissions = (
            ("view_resident", "住民を検索・照会できる"),
            ("view_kojin_bango", "個人番号を表示できる"),
            ("approve_procedure", "承認入力・差戻しができる"),
            ("view_auditlog", "操作ログを検索できる"),
            ("view_reports", "日計表・統計を見られる"),
            ("manage_masters", "マスタを管理できる"),
            ("manage_staff", "利用者を管理できる"),
        )

    def __str__(self) -> str:
        return self.display_name or self.username

    def setting(self, code: str) -> bool:
        """Whether this member of staff chose the 表示設定 ``code`` (off unless chosen)."""
        return bool((self.display_settings or {}).get(code, False))


class AuditAction(models.TextChoices):
    LOGIN = "login", "ログイン"
    LOGOUT = "logout", "ログアウト"
    LOGIN_FAILED = "login_failed", "ログイン失敗"
    LOCKED_OUT = "locked_out", "ロックアウト"
    UNLOCK = "unlock", "ロック解除"
    SESSION_EXPIRED = "session_expired", "セッション期限切れ"
    REFUSED = "refused", "拒否"
    SEARCH = "search", "検索"
    VIEW_RESIDENT = "view_resident", "住民照会"
    SHOW_KOJIN_BANGO = "show_kojin_bango", "個人番号表示"
    PRINT = "print", "印刷"
    CHANGE = "change", "変更"
    VIEW_AUDIT = "view_audit", "操作ログ照会"


class AuditLogQuerySet(UndeletableQuerySet["AuditLog"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("操作ログは変更できません。")


class AuditLog(Undeletable):
    """操作ログ: one row per act; append-only, chained by HMAC-SHA256.

    Each row's hash covers its own fields and the previous row's hash, keyed with a
    secret kept outside the database (`key_id` names it; counter.audit_keys), and
    `AuditChainHead` holds the last row's id and hash. Signed checkpoints written outside
    the database (counter.audit_checkpoint) pin the head and the row count, so
    `manage.py verify_audit` can prove that no row was changed, removed in the middle, or
    cut from the end, even by someone who can write the table (docs/adr/0015). Rows
    written before the key (`key_id` "") carry the plain SHA-256 of ADR 0004.
    """

    at = models.DateTimeField("日時", db_index=True)
    user = models.ForeignKey(
        StaffUser, verbose_name="利用者", null=True, blank=True, on_delete=models.PROTECT
    )
    username = models.CharField("利用者ID", max_length=150, blank=True)
    terminal_code = models.CharField("端末", max_length=20, blank=True)
    action = models.CharField("操作", max_length=30, choices=AuditAction.choices, db_index=True)
    target_type = models.CharField("対象の種類", max_length=30, blank=True)
    target_id = models.CharField("対象", max_length=40, blank=True, db_index=True)
    target_label = models.CharField("対象の表示", max_length=200, blank=True)
    path = models.CharField("画面", max_length=200, blank=True)
    ip_address = models.CharField("IPアドレス", max_length=45, blank=True)
    kojin_bango_shown = models.BooleanField("個人番号表示", default=False)
    detail = models.JSONField("詳細", default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    row_hash = models.CharField(max_length=64, unique=True)
    #: the key the hash is made with; "" for a row of the plain SHA-256 chain before it
    key_id = models.CharField("鍵ID", max_length=20, blank=True, default="")

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        verbose_name = "操作ログ"
        verbose_name_plural = "操作ログ"
        ordering: ClassVar[list[str]] = ["-id"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["username", "at"], name="audit_user_at"),
        ]

    def __str__(self) -> str:
        return f"{self.id} {self.get_action_display()} {self.username}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("操作ログは変更できません。")
        super().save(*args, **kwargs)

    def canonical_payload(self) -> str:
        """The text the hash covers: every field but the hashes, in a fixed form."""
        payload = {
            "id": self.id,
            "at": self.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "user_id": self.user_id,
            "username": self.username,
            "terminal_code": self.terminal_code,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "target_label": self.target_label,
            "path": self.path,
            "ip_address": self.ip_address,
            "kojin_bango_shown": self.kojin_bango_shown,
            "detail": self.detail,
        }
        return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def compute_hash(self) -> str:
        """The row's hash: HMAC under its key (AuditKeyError when that key is missing)."""
        if not self.key_id:
            return self.plain_hash()
        return mac(self.key_id, f"{self.key_id}\n{self.prev_hash}\n{self.canonical_payload()}")

    def plain_hash(self) -> str:
        """The keyless SHA-256 of ADR 0004: rows written before the key, and anyone's forgery."""
        text = self.prev_hash + "\n" + self.canonical_payload()
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


class AuditChainHead(models.Model):
    """The one row that says where the 操作ログ chain ends; locked to append."""

    last_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    #: the last row of the plain SHA-256 chain written before the key (0: none); every
    #: checkpoint signs it, so a row after it rewritten without the key is named
    legacy_until = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "操作ログの末尾"

    def __str__(self) -> str:
        return f"{self.last_id}:{self.last_hash[:8]}"


# The visit and procedure machine, and the fees and the レジ (docs/adr/0024), live in
# their own modules for readability; importing them here registers their models. The
# other apps import them from counter.models.
from .models_fees import (  # noqa: E402
    FeeRow,
    FeeRowKind,
    Payment,
    Reji,
    RejiClosing,
    TesuryoMaster,
)
from .procedure_models import Procedure, Reception  # noqa: E402

__all__ = [
    "AuditAction",
    "AuditChainHead",
    "AuditLog",
    "FeeRow",
    "FeeRowKind",
    "HakkoKiroku",
    "Payment",
    "Procedure",
    "Reception",
    "Reji",
    "RejiClosing",
    "StaffUser",
    "Terminal",
    "TesuryoMaster",
]


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "送信待ち"
    DELIVERED = "delivered", "送信済み"
    FAILED = "failed", "送信失敗"


class KeptMessage(PersonalRow, Undeletable):
    """A message to or from another system, named by its idempotency key; its payload
    names persons, so a screen that loads it has read them (`counter.reads`)."""

    read_kind: ClassVar[str] = "message"
    read_fields: ClassVar[frozenset[str]] = frozenset({"payload"})
    idempotency_key: str
    get_status_display: Callable[[], str]

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.idempotency_key}（{self.get_status_display()}）"

    def read_subject(self) -> tuple[str, str]:
        return str(self.pk), str(self.__dict__.get("idempotency_key", ""))


class OutboxMessage(KeptMessage):
    """送信待ち: one message to another system, written with the change that causes it.

    Written only by `counter.outbox.enqueue()` inside the caller's transaction, delivered
    by `counter.outbox.deliver()` (Celery) to the adapter of its destination. The
    idempotency key names the message for the receiver too, so a redelivery is harmless.
    Never deleted by the application.
    """

    #: a destination code some app declares (counter.registry.Destination)
    destination = models.CharField("送信先", max_length=30)
    message_type = models.CharField("種別", max_length=60)
    payload = BulkJSONField("内容", encoder=DjangoJSONEncoder)
    # Unique by a constraint, not `unique=True`: on PostgreSQL that adds a second, LIKE
    # index nothing uses, and an approval writes fifteen rows into both.
    idempotency_key = models.CharField("冪等キー", max_length=200)
    source_type = models.CharField("発生元の種類", max_length=30, blank=True)
    source_id = models.CharField("発生元", max_length=40, blank=True)
    created_at = models.DateTimeField("作成日時", default=timezone.now)
    status = models.CharField(
        "状態", max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField("試行回数", default=0)
    last_error = models.TextField("直近のエラー", blank=True)
    next_attempt_at = models.DateTimeField("次回試行日時", null=True, blank=True)
    delivered_at = models.DateTimeField("送信日時", null=True, blank=True)

    objects = UndeletableQuerySet["OutboxMessage"].as_manager()

    class Meta:
        verbose_name = "連携メッセージ"
        verbose_name_plural = "連携メッセージ"
        ordering: ClassVar[list[str]] = ["-id"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_status_next"),
            models.Index(fields=["source_type", "source_id"], name="outbox_source"),
            # the day's 他課 notices (views_backyard.notices_today) read by creation time
            models.Index(fields=["created_at"], name="outbox_created"),
        ]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["idempotency_key"], name="outbox_idempotency_key")
        ]

    @property
    def destination_label(self) -> str:
        return registry.destination_label(self.destination)

    def get_destination_display(self) -> str:
        """Django's name for the label, kept for templates: the choices are the registry's."""
        return self.destination_label


class InboxStatus(models.TextChoices):
    RECEIVED = "received", "受信（未使用）"
    USED = "used", "使用済み"


class InboxMessage(KeptMessage):
    """受信: one message from another system (e.g. the 転出証明書情報 from 住基ネット CS).

    Written only by `counter.inbox.receive()`, once per idempotency key (a message read
    twice is stored once). The app that registered the message type parses it and
    gives the keys it is found by (住民票コード, 個人番号, 氏名カナ); a procedure that
    relies on it marks it used at 承認, so it serves one procedure. Never deleted.
    """

    #: a destination code some app declares (the directory the message came from)
    source = models.CharField("受信元", max_length=30)
    message_type = models.CharField("種別", max_length=60, db_index=True)
    idempotency_key = models.CharField("冪等キー", max_length=200, unique=True)
    sender_code = models.CharField("送信元の団体コード", max_length=6, blank=True)
    payload = BulkJSONField("内容", encoder=DjangoJSONEncoder)
    #: " key1 key2 … " (searched with a contains lookup on " key ")
    lookup = models.CharField("検索キー", max_length=1000, blank=True)
    received_at = models.DateTimeField("受信日時", default=timezone.now)
    status = models.CharField(
        "状態", max_length=10, choices=InboxStatus.choices, default=InboxStatus.RECEIVED
    )
    used_by = models.ForeignKey(
        "counter.Procedure",
        verbose_name="使用した手続",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inbox_messages",
    )
    used_at = models.DateTimeField("使用日時", null=True, blank=True)

    objects = UndeletableQuerySet["InboxMessage"].as_manager()

    class Meta:
        verbose_name = "受信メッセージ"
        verbose_name_plural = "受信メッセージ"
        ordering: ClassVar[list[str]] = ["-id"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["message_type", "status"], name="inbox_type_status"),
        ]

    @property
    def source_label(self) -> str:
        return registry.destination_label(self.source)


class HakkoSerial(models.Model):
    """The day's 発行番号 serial (j1040), shared by every printed certificate (the
    住民票の写し and its kin, the 転出証明書): one row per day, taken under its row lock
    (counter.hakko_bango.next_serial), so two prints never share a number."""

    day = models.DateField("発行日", unique=True)
    last_value = models.PositiveIntegerField("最終連番", default=0)

    class Meta:
        verbose_name = "発行番号の連番"
        verbose_name_plural = "発行番号の連番"

    def __str__(self) -> str:
        return f"{self.day:%Y%m%d} {self.last_value}"


# the record of every printed copy (counter.shomei: certificates and seal print with it)
from .shomei.models import HakkoKiroku  # noqa: E402
