"""The register of 支援措置 (事務処理要領 第6-10; 標準仕様書 j160, j410, j440).

A measure has a life of its own (ADR 0008's habit for things beyond one visit): its
FSMField moves only through juki.shien.services, and each move writes a
ShienSochiRireki row (who, when, from, to, reason). The persons are held by 宛名番号,
so a 除票 and a later 住民票 of the same person stay protected (ADR 0021).
"""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from counter.reads import PersonalRow
from jputil import searchkeys


class SochiState(models.TextChoices):
    KARI = "kari", "仮支援措置"
    KAKUTEI = "kakutei", "支援措置"
    SHUURYOU_SHINSEI = "shuuryou_shinsei", "終了確認待ち"
    SHUURYOU = "shuuryou", "終了"


#: the states in which a measure protects (a 仮支援措置 from the moment it is entered;
#: a measure whose end waits for the second 職員 still protects)
ACTIVE_STATES = (SochiState.KARI, SochiState.KAKUTEI, SochiState.SHUURYOU_SHINSEI)


class IkenKikan(models.TextChoices):
    """The body whose opinion supports the 申出 (事務処理要領 第6-10-(2))."""

    KEISATSU = "keisatsu", "警察"
    HAIGUSHA_CENTER = "haigusha_center", "配偶者暴力相談支援センター"
    JIDOU_SOUDANJO = "jidou_soudanjo", "児童相談所"
    SONOTA = "sonota", "その他"


class ShuuryouJiyu(models.TextChoices):
    """Why a measure ends (標準仕様書 j440: 申出, 期間満了, 市区町村長の判断)."""

    MOUSHIDE = "moushide", "申出者からの終了の申出"
    MANRYOU = "manryou", "期間満了"
    HANDAN = "handan", "市区町村長の判断"


def _is_city_staff(_instance: Any, user: Any) -> bool:
    return bool(user.has_perm("counter.approve_procedure"))


class ShienSochi(PersonalRow, ConcurrentTransitionMixin, models.Model):
    """One 支援措置: the 申出, its persons, the 加害者 as known, the opinion, the period.

    Its 加害者 items are personal data: a screen that loads them has read them."""

    read_kind: ClassVar[str] = "shien_sochi"
    read_fields: ClassVar[frozenset[str]] = frozenset(
        {"kagaisha_shimei", "kagaisha_kana", "kagaisha_seinengappi", "kagaisha_jusho"}
    )

    state = FSMField(
        "状態", default=SochiState.KARI, choices=SochiState.choices, protected=True, db_index=True
    )
    moushide_date = models.DateField("申出日")
    #: 対象事務: the 窓口区分 codes (counter.registry) whose procedures the measure blocks
    taishou_jimu = models.JSONField("対象事務", default=list)

    kagaisha_shimei = models.CharField("加害者の氏名", max_length=100, blank=True)
    kagaisha_kana = models.CharField("加害者の氏名（フリガナ）", max_length=200, blank=True)
    kagaisha_seinengappi = models.DateField("加害者の生年月日", null=True, blank=True)
    kagaisha_jusho = models.CharField("加害者の住所", max_length=200, blank=True)
    #: folded keys of the 加害者's name (jputil.searchkeys), compared with a requester's
    kagaisha_key_kanji = models.CharField(max_length=200, blank=True, editable=False)
    kagaisha_key_kana = models.CharField(max_length=200, blank=True, editable=False)

    iken_kikan = models.CharField("意見を述べた機関", max_length=20, choices=IkenKikan.choices)
    iken_kikan_name = models.CharField("機関の名称", max_length=100, blank=True)
    iken_date = models.DateField("意見の日付", null=True, blank=True)

    kaishi_date = models.DateField("開始日", null=True, blank=True)
    shuuryou_date = models.DateField("終了日", null=True, blank=True)
    enchou_count = models.PositiveSmallIntegerField("延長回数", default=0)
    shuuryou_jiyu = models.CharField(
        "終了事由", max_length=20, choices=ShuuryouJiyu.choices, blank=True
    )
    memo = models.CharField("備考", max_length=400, blank=True)

    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="入力者"
    )
    entered_at = models.DateTimeField("入力日時")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="確認者",
    )
    shuuryou_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="終了の入力者",
    )

    class Meta:
        verbose_name = "支援措置"
        verbose_name_plural = "支援措置"
        permissions = (("lift_shien_sochi", "支援措置の一時解除を申請できる（支援措置責任者）"),)

    def __str__(self) -> str:
        return f"支援措置 第{self.pk}号（{self.get_state_display()}）"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.kagaisha_key_kanji = searchkeys.fold_kanji(self.kagaisha_shimei)
        self.kagaisha_key_kana = searchkeys.fold_kana(self.kagaisha_kana)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "kagaisha_key_kanji", "kagaisha_key_kana"}
        super().save(*args, **kwargs)

    def read_subject(self) -> tuple[str, str]:
        return str(self.pk), f"支援措置 第{self.pk}号"

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def is_kari(self) -> bool:
        return self.state == SochiState.KARI

    @property
    def mark_label(self) -> str:
        return "仮支援措置" if self.is_kari else "支援措置"

    def ending_soon(self, today: datetime.date | None = None) -> bool:
        """From one month before the end (j440): 延長 may be asked, the alert shows."""
        from .periods import ending_soon

        return self.is_active and ending_soon(self.shuuryou_date, today or timezone.localdate())

    def expired(self, today: datetime.date | None = None) -> bool:
        """Past an unextended end: an alert, never a lift (j410: the end does not lift)."""
        day = today or timezone.localdate()
        return self.is_active and self.shuuryou_date is not None and day > self.shuuryou_date

    # --- transitions: called only from juki.shien.services ---

    @transition(
        field=state, source=SochiState.KARI, target=SochiState.KAKUTEI, permission=_is_city_staff
    )
    def kakutei(self) -> None:
        """確認: a second 職員 confirms the 仮支援措置 (the period starts)."""

    @transition(
        field=state,
        source=SochiState.KAKUTEI,
        target=SochiState.KAKUTEI,
        permission=_is_city_staff,
    )
    def enchou(self) -> None:
        """延長: one more year from the day after the end."""

    @transition(
        field=state,
        source=[SochiState.KARI, SochiState.KAKUTEI],
        target=SochiState.SHUURYOU_SHINSEI,
        permission=_is_city_staff,
    )
    def shuuryou_shinsei(self) -> None:
        """終了の入力: the measure still protects until a second 職員 confirms."""

    @transition(
        field=state,
        source=SochiState.SHUURYOU_SHINSEI,
        target=SochiState.SHUURYOU,
        permission=_is_city_staff,
    )
    def shuuryou(self) -> None:
        """終了の確認 by a second 職員."""

    @transition(
        field=state,
        source=SochiState.SHUURYOU_SHINSEI,
        target=SochiState.KAKUTEI,
        permission=_is_city_staff,
    )
    def shuuryou_torikeshi(self) -> None:
        """終了の取消: the second 職員 does not confirm the end."""


class ShienTaishousha(PersonalRow, models.Model):
    """A person a measure protects: the 申出者 or one 併せて求める者 (by 宛名番号)."""

    read_kind: ClassVar[str] = "jumin"
    read_fields: ClassVar[frozenset[str]] = frozenset({"shimei"})

    sochi = models.ForeignKey(ShienSochi, on_delete=models.PROTECT, related_name="taishousha")
    atena_bango = models.CharField("宛名番号", max_length=10, db_index=True)
    shimei = models.CharField("氏名", max_length=200)
    is_moushidesha = models.BooleanField("申出者", default=False)

    class Meta:
        verbose_name = "支援対象者"
        verbose_name_plural = "支援対象者"
        ordering: ClassVar[list[str]] = ["sochi", "-is_moushidesha", "id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["sochi", "atena_bango"], name="shien_taishousha_once")
        ]

    def __str__(self) -> str:
        return f"{self.shimei}（{self.role_label}）"

    def read_subject(self) -> tuple[str, str]:
        loaded = self.__dict__
        return str(loaded.get("atena_bango", "")), str(loaded.get("shimei", ""))

    @property
    def role_label(self) -> str:
        return "申出者" if self.is_moushidesha else "併せて求める者"


class ShienSochiRireki(models.Model):
    """One move of a measure: who, when, from, to, and why."""

    sochi = models.ForeignKey(ShienSochi, on_delete=models.PROTECT, related_name="rireki")
    from_state = models.CharField("変更前", max_length=20, blank=True)
    to_state = models.CharField("変更後", max_length=20)
    act = models.CharField("操作", max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="職員"
    )
    at = models.DateTimeField("日時")
    reason = models.CharField("理由", max_length=400, blank=True)

    class Meta:
        verbose_name = "支援措置の履歴"
        verbose_name_plural = "支援措置の履歴"
        ordering: ClassVar[list[str]] = ["sochi", "id"]

    def __str__(self) -> str:
        return f"{self.sochi_id} {self.act} {self.at:%Y-%m-%d %H:%M}"

    @property
    def from_label(self) -> str:
        return SochiState(self.from_state).label if self.from_state else "（新規）"

    @property
    def to_label(self) -> str:
        return SochiState(self.to_state).label


class ShienKaijo(models.Model):
    """一時解除 for one procedure (j410): asked by the 支援措置責任者 with a reason,
    valid once a second 職員 confirms it, until `expires_at` (it ends by itself)."""

    sochi = models.ForeignKey(ShienSochi, on_delete=models.PROTECT, related_name="kaijo")
    procedure = models.ForeignKey(
        "counter.Procedure", on_delete=models.PROTECT, related_name="+", verbose_name="手続"
    )
    reason = models.CharField("理由", max_length=400)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="申請者"
    )
    requested_at = models.DateTimeField("申請日時")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="確認者",
    )
    confirmed_at = models.DateTimeField("確認日時", null=True, blank=True)
    expires_at = models.DateTimeField("有効期限", null=True, blank=True)

    class Meta:
        verbose_name = "支援措置の一時解除"
        verbose_name_plural = "支援措置の一時解除"

    def __str__(self) -> str:
        return f"一時解除 第{self.pk}号"

    def is_valid(self, now: datetime.datetime | None = None) -> bool:
        return self.expires_at is not None and (now or timezone.now()) < self.expires_at


class ShienAlertKakunin(models.Model):
    """A 職員 saw an attempt on a protected person (the 操作ログ row of the guard)."""

    audit_log = models.OneToOneField(
        "counter.AuditLog", on_delete=models.PROTECT, related_name="+", verbose_name="操作ログ"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="職員"
    )
    at = models.DateTimeField("確認日時")

    class Meta:
        verbose_name = "支援措置アラートの確認"
        verbose_name_plural = "支援措置アラートの確認"

    def __str__(self) -> str:
        return f"{self.audit_log_id} {self.at:%Y-%m-%d %H:%M}"
