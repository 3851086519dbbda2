"""The counter's visit and procedure machine (imported by counter.models).

A Reception (受付) is one visit: who came, the ID checked, the 番号札. It carries one or
more Procedures, each of a registered kind (転入, 転出 …). Every procedure lives through

    受付 → 仮登録 → 照合 → 承認 → 交付 → 完了
             ↑   差戻し ┘        (取下げ from any state before 承認)

Transitions are methods below; only `counter.services` calls them. Each writes a
ProcedureTransition row. The register changes at 承認, inside the same transaction, by
the kind's `apply()` (counter.procedure_kinds).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from . import registry
from .reads import PersonalRow


class VisitorKind(models.TextChoices):
    HONNIN = "honnin", "本人"
    DOITSU_SETAI = "doitsu_setai", "同一世帯の者"
    DAIRININ = "dairinin", "代理人（委任状あり）"


class ReceptionChannel(models.TextChoices):
    """How a request reached the office: at the window (with a 番号札) or by post (郵送請求:
    no 番号札, never called; its 受付番号 is numbered apart from the window's tickets)."""

    MADOGUCHI = "madoguchi", "窓口"
    YUUSOU = "yuusou", "郵送"


class IdDocument(models.TextChoices):
    """本人確認書類. One of the photo kinds suffices; otherwise two others are needed."""

    MYNUMBER_CARD = "mynumber_card", "個人番号カード"
    DRIVER_LICENSE = "driver_license", "運転免許証"
    PASSPORT = "passport", "旅券"
    ZAIRYU_CARD = "zairyu_card", "在留カード・特別永住者証明書"
    OTHER_PHOTO = "other_photo", "その他の顔写真付き公的証明書"
    HOKENSHO = "hokensho", "健康保険の資格確認書等"
    NENKIN_TECHO = "nenkin_techo", "年金手帳・年金証書"
    OTHER = "other", "その他（キャッシュカード・学生証等）"


PHOTO_ID_DOCUMENTS = frozenset(
    {
        IdDocument.MYNUMBER_CARD,
        IdDocument.DRIVER_LICENSE,
        IdDocument.PASSPORT,
        IdDocument.ZAIRYU_CARD,
        IdDocument.OTHER_PHOTO,
    }
)


class TicketSequence(models.Model):
    """The last 番号札 given per day and category (row-locked to number)."""

    ticket_date = models.DateField()
    #: a registered 窓口区分 code (counter.registry.Category)
    category = models.CharField(max_length=20)
    last_no = models.PositiveIntegerField(default=0)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["ticket_date", "category"], name="ticket_seq_unique")
        ]

    def __str__(self) -> str:
        return f"{self.ticket_date} {self.category} {self.last_no}"


class Reception(models.Model):
    """受付: one visit, with its 番号札."""

    ticket_date = models.DateField("受付日")
    #: a registered 窓口区分 code; its label comes from the app that declares it
    category = models.CharField("窓口区分", max_length=20)
    ticket_no = models.PositiveIntegerField("番号札")
    channel = models.CharField(
        "受付経路", max_length=10, choices=ReceptionChannel.choices, default="madoguchi"
    )
    visitor_kind = models.CharField("来庁者", max_length=20, choices=VisitorKind.choices)
    visitor_name = models.CharField("来庁者の氏名", max_length=100)
    id_documents = models.JSONField("確認した本人確認書類", default=list)
    has_ininjo = models.BooleanField("委任状", default=False)
    note = models.CharField("備考", max_length=200, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="受付者", on_delete=models.PROTECT, related_name="+"
    )
    terminal_code = models.CharField("受付端末", max_length=20)
    received_at = models.DateTimeField("受付日時")
    called_at = models.DateTimeField("呼出日時", null=True, blank=True)
    called_window = models.CharField("呼出窓口", max_length=20, blank=True)

    class Meta:
        verbose_name = "受付"
        verbose_name_plural = "受付"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["ticket_date", "category", "channel", "ticket_no"],
                name="reception_ticket_unique",
            )
        ]

    def __str__(self) -> str:
        if self.channel == ReceptionChannel.YUUSOU:
            return f"{self.category_label} 郵送{self.ticket_no}番"
        return f"{self.category_label} {self.ticket_no}番"

    @property
    def category_label(self) -> str:
        """The 窓口区分's name, from the registry (the app that declares it)."""
        return registry.category_label(self.category)

    def get_category_display(self) -> str:
        """Django's name for the label, kept for templates: the choices are the registry's."""
        return self.category_label


class ProcedureState(models.TextChoices):
    UKETSUKE = "uketsuke", "受付"
    KARI_TOUROKU = "kari_touroku", "仮登録"
    SHOUGOU = "shougou", "照合"
    SHOUNIN = "shounin", "承認"
    KOUFU = "koufu", "交付"
    KANRYOU = "kanryou", "完了"
    SASHIMODOSHI = "sashimodoshi", "差戻し"
    TORISAGE = "torisage", "取下げ"


S = ProcedureState
# The named sets of states, once (the transitions below, the services, the screens and
# the apps above counter read these; never spell them out again).
#: still open: reserves the persons it touches, waits for the window or the back office
OPEN_STATES = (S.UKETSUKE, S.KARI_TOUROKU, S.SHOUGOU, S.SASHIMODOSHI)
#: 取下げ is possible (any state before 承認)
WITHDRAWABLE = OPEN_STATES
#: the window may (re-)enter the procedure (仮登録)
ENTERABLE_STATES = (S.UKETSUKE, S.KARI_TOUROKU, S.SASHIMODOSHI)
#: approved: the register was changed by this procedure's apply()
APPROVED_STATES = (S.SHOUNIN, S.KOUFU, S.KANRYOU)
#: nothing more happens at the counter
FINISHED_STATES = (S.KOUFU, S.KANRYOU, S.TORISAGE)


def _is_window_staff(instance: models.Model, user: Any) -> bool:
    return bool(user.has_perm("counter.view_resident"))


def _is_city_staff(instance: models.Model, user: Any) -> bool:
    return bool(user.has_perm("counter.approve_procedure"))


def _approver_is_independent(instance: Any, user: Any) -> bool:
    """Maker-checker on this round's fields; services.do_approve reads every round's
    仮登録 and 照合 from the transition history (a 差戻し starts a new round)."""
    return user.pk not in (instance.entered_by_id, instance.checked_by_id)


def _may_approve(instance: models.Model, user: Any) -> bool:
    return _is_city_staff(instance, user) and _approver_is_independent(instance, user)


def _has_entry(instance: Any) -> bool:
    return bool(instance.entry)


class Procedure(PersonalRow, ConcurrentTransitionMixin, models.Model):
    """One procedure of a visit; its kind's app owns the form, the rules and `apply()`.

    Its entry holds the persons' data: a screen that loads it has read them."""

    read_kind: ClassVar[str] = "procedure"
    read_fields: ClassVar[frozenset[str]] = frozenset({"entry", "entry_at_check", "result"})

    reception = models.ForeignKey(
        Reception, verbose_name="受付", on_delete=models.PROTECT, related_name="procedures"
    )
    kind = models.CharField("手続", max_length=40)
    state = FSMField(
        "状態", default=S.UKETSUKE, choices=ProcedureState.choices, protected=True, db_index=True
    )
    entry = models.JSONField("入力内容", default=dict, blank=True)
    entry_at_check = models.JSONField("照合時の入力内容", default=dict, blank=True)
    flags = models.JSONField("注意事項", default=list, blank=True)
    result = models.JSONField("承認結果", default=dict, blank=True)
    return_reason = models.CharField("差戻し・取下げの理由", max_length=400, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField("仮登録日時", null=True, blank=True)
    approved_at = models.DateTimeField("承認日時", null=True, blank=True)
    created_at = models.DateTimeField("受付日時")

    class Meta:
        verbose_name = "手続"
        verbose_name_plural = "手続"
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["state", "entered_at"], name="procedure_queue"),
            # 受付登録 counts the last 90 days' procedures by kind (kind_frequencies)
            models.Index(fields=["created_at", "kind"], name="procedure_received"),
        ]

    def __str__(self) -> str:
        return f"{self.reception} {self.kind} {self.get_state_display()}"

    # --- transitions: side effects are the callers' (counter.services), never here ---

    @transition(
        field=state,
        source=list(ENTERABLE_STATES),
        target=S.KARI_TOUROKU,
        conditions=[_has_entry],
        permission=_is_window_staff,
    )
    def kari_touroku(self) -> None:
        """仮登録: the entry is saved; nothing in the register changes."""

    @transition(field=state, source=S.KARI_TOUROKU, target=S.SHOUGOU, permission=_is_window_staff)
    def shougou(self) -> None:
        """照合: every block of the entry was compared with the paper form."""

    @transition(field=state, source=S.SHOUGOU, target=S.SHOUNIN, permission=_may_approve)
    def shounin(self) -> None:
        """承認: the caller applies the kind's change to the register in the same transaction."""

    @transition(field=state, source=S.SHOUGOU, target=S.SASHIMODOSHI, permission=_is_city_staff)
    def sashimodoshi(self) -> None:
        """差戻し: back to the window with a reason; re-entry goes to 仮登録 again."""

    @transition(field=state, source=S.SHOUNIN, target=S.KOUFU, permission=_is_window_staff)
    def koufu(self) -> None:
        """交付: documents handed over (and the fee taken, when the kind has one)."""

    @transition(field=state, source=S.KOUFU, target=S.KANRYOU, permission=_is_window_staff)
    def kanryou(self) -> None:
        """完了: the papers are filed (翌日処理)."""

    @transition(
        field=state, source=list(WITHDRAWABLE), target=S.TORISAGE, permission=_is_window_staff
    )
    def torisage(self) -> None:
        """取下げ: withdrawn before 承認; nothing changes."""

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_withdrawable(self) -> bool:
        return self.state in WITHDRAWABLE

    @property
    def is_approved(self) -> bool:
        return self.state in APPROVED_STATES


class ProcedureTransition(models.Model):
    """One row per transition: who, where, when, from, to, why. Append-only."""

    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="transitions")
    from_state = models.CharField("前の状態", max_length=20, choices=ProcedureState.choices)
    to_state = models.CharField("後の状態", max_length=20, choices=ProcedureState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作者", on_delete=models.PROTECT, related_name="+"
    )
    terminal_code = models.CharField("端末", max_length=20, blank=True)
    at = models.DateTimeField("日時")
    reason = models.CharField("理由", max_length=400, blank=True)

    class Meta:
        verbose_name = "手続の状態変更"
        ordering: ClassVar[list[str]] = ["procedure", "id"]

    def __str__(self) -> str:
        return f"{self.procedure_id}: {self.from_state} → {self.to_state}"


class Reservation(models.Model):
    """While a procedure is open it reserves what it touches (a person, a household).

    `subject` is an opaque key given by the kind (e.g. "jumin:0000000019"), so counter
    needs to know nothing of residents. At most one open reservation per subject.
    """

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="reservations")
    subject = models.CharField(max_length=60)
    label = models.CharField(max_length=200, blank=True)
    is_open = models.BooleanField(default=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["subject"], condition=Q(is_open=True), name="reservation_one_open"
            )
        ]

    def __str__(self) -> str:
        return self.subject


class FormSubmission(models.Model):
    """A one-time form token that was used, and where its result is.

    A resent or double-clicked form carries the same token: its insert fails on the
    unique key, nothing is done twice, and the user is sent to the first result.
    """

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    result_path = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.token
