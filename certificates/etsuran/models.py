"""The 閲覧申出 (a booking with its own life), its history, and the visit of the day.

A booking lives for weeks (予約 → 審査中 → 承認 / 不承認 → 閲覧済, 取消 before the visit):
its FSMField moves only through certificates.etsuran.services, each move a
EtsuranRireki row. The visit (EtsuranKai) is the 閲覧簿's row: who saw which 町字 on
which day, the order the list was shown in (its seed), the persons transcribed and the
fee. ADR 0033.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from .rules import Mokuteki, MoushideshaKubun


class EtsuranState(models.TextChoices):
    YOYAKU = "yoyaku", "予約"
    SHINSACHU = "shinsachu", "審査中"
    SHONIN = "shonin", "承認"
    FUSHONIN = "fushonin", "不承認"
    ETSURANZUMI = "etsuranzumi", "閲覧済"
    TORIKESHI = "torikeshi", "取消"


class JikanWaku(models.TextChoices):
    GOZEN = "gozen", "午前（9時〜12時）"
    GOGO = "gogo", "午後（13時〜16時）"


class Narabi(models.TextChoices):
    """The order of the list: by address, or shuffled by a seed kept with the visit."""

    JUSHO = "jusho", "住所順"
    RANDOM = "random", "無作為の順（標準仕様書 j1320）"


def _is_city_staff(_instance: Any, user: Any) -> bool:
    return bool(user.has_perm("counter.approve_procedure"))


class EtsuranMoushide(ConcurrentTransitionMixin, models.Model):
    """One 閲覧の請求 (第11条) or 申出 (第11条の2): the items 第11条の2第2項 and 省令第2条
    ask for, the 町字 and the slot booked."""

    state = FSMField(
        "状態", default=EtsuranState.YOYAKU, choices=EtsuranState.choices, protected=True
    )
    moushidesha_kubun = models.CharField(
        "申出者の区分", max_length=10, choices=MoushideshaKubun.choices
    )
    #: 第11条の2第2項第1号: 氏名 (法人は名称), 住所 (主たる事務所), 代表者
    moushidesha_name = models.CharField("申出者の氏名（法人・機関の名称）", max_length=200)
    moushidesha_jusho = models.CharField("申出者の住所（所在地）", max_length=200)
    daihyosha = models.CharField("代表者（機関は請求者の職・氏名）", max_length=200, blank=True)
    mokuteki = models.CharField("利用目的", max_length=20, choices=Mokuteki.choices)
    #: published every year (第11条第3項, 第11条の2第12項: 利用目的の概要)
    mokuteki_gaiyou = models.CharField("利用目的の概要", max_length=400)
    #: 第11条の2第2項第3号・第5号: the 閲覧者 (a 法人's are its 役職員 or 構成員)
    etsuransha = models.JSONField("閲覧者", default=list)
    #: 第11条の2第2項第4号
    kanri_basho = models.CharField("保管場所", max_length=200, blank=True)
    kanri_sekininsha = models.CharField("管理責任者", max_length=100, blank=True)
    #: 第11条の2第2項第6号 (調査研究: 成果の取扱い)
    seika_toriatsukai = models.CharField("成果の取扱い（公表の方法）", max_length=400, blank=True)
    #: 省令第2条第1項: the 誓約書 among the documents the city asks for
    seiyakusho = models.BooleanField("誓約書を受領", default=False)
    chouaza = models.ForeignKey(
        "juki.Chouaza", on_delete=models.PROTECT, related_name="+", verbose_name="町字"
    )
    etsuran_date = models.DateField("閲覧日", db_index=True)
    jikan_waku = models.CharField("時間帯", max_length=10, choices=JikanWaku.choices)
    #: 閲覧に係る住民の範囲 (published: 省令第3条); an age band within the 町字
    nenrei_from = models.PositiveSmallIntegerField("年齢（から）", null=True, blank=True)
    nenrei_to = models.PositiveSmallIntegerField("年齢（まで）", null=True, blank=True)
    narabi = models.CharField("表示順", max_length=10, choices=Narabi.choices, default=Narabi.JUSHO)

    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="受付者"
    )
    entered_at = models.DateTimeField("受付日時")
    shinsa_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="審査者",
    )
    kettei_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="決定者",
    )
    kettei_at = models.DateTimeField("決定日時", null=True, blank=True)
    fushonin_riyu = models.CharField("不承認の理由", max_length=400, blank=True)

    class Meta:
        verbose_name = "閲覧申出"
        verbose_name_plural = "閲覧申出"
        ordering: ClassVar[list[str]] = ["-etsuran_date", "-id"]

    def __str__(self) -> str:
        return f"閲覧申出 第{self.pk}号（{self.get_state_display()}）"

    @property
    def hani_label(self) -> str:
        """閲覧に係る住民の範囲 as published."""
        band = ""
        if self.nenrei_from is not None or self.nenrei_to is not None:
            low = f"{self.nenrei_from}歳" if self.nenrei_from is not None else ""
            high = f"{self.nenrei_to}歳" if self.nenrei_to is not None else ""
            band = f"（{low}〜{high}）"
        return f"{self.chouaza.name}{band}"

    # --- transitions: called only from certificates.etsuran.services ---

    @transition(field=state, source=EtsuranState.YOYAKU, target=EtsuranState.SHINSACHU)
    def shinsa(self) -> None:
        """審査の開始: the documents are read against the rules (省令第2条)."""

    @transition(
        field=state,
        source=EtsuranState.SHINSACHU,
        target=EtsuranState.SHONIN,
        permission=_is_city_staff,
    )
    def shonin(self) -> None:
        """承認 by a 職員 who did not enter nor review the booking."""

    @transition(
        field=state,
        source=EtsuranState.SHINSACHU,
        target=EtsuranState.FUSHONIN,
        permission=_is_city_staff,
    )
    def fushonin(self) -> None:
        """不承認, with its reason."""

    @transition(field=state, source=EtsuranState.SHONIN, target=EtsuranState.ETSURANZUMI)
    def etsuran(self) -> None:
        """閲覧済: the visit of the day ended with the count transcribed."""

    @transition(
        field=state,
        source=[EtsuranState.YOYAKU, EtsuranState.SHINSACHU, EtsuranState.SHONIN],
        target=EtsuranState.TORIKESHI,
    )
    def torikeshi(self) -> None:
        """取消 (the 申出者 withdraws, or does not come) before the visit ends."""


class EtsuranRireki(models.Model):
    """One move of a booking: who, when, from, to, and why."""

    moushide = models.ForeignKey(EtsuranMoushide, on_delete=models.PROTECT, related_name="rireki")
    from_state = models.CharField("変更前", max_length=20, blank=True)
    to_state = models.CharField("変更後", max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="職員"
    )
    at = models.DateTimeField("日時")
    reason = models.CharField("理由", max_length=400, blank=True)

    class Meta:
        verbose_name = "閲覧申出の履歴"
        verbose_name_plural = "閲覧申出の履歴"
        ordering: ClassVar[list[str]] = ["moushide", "id"]

    def __str__(self) -> str:
        return f"{self.moushide_id}: {self.from_state} → {self.to_state}"


class EtsuranKai(models.Model):
    """The visit of the day: a row of the 閲覧簿."""

    moushide = models.OneToOneField(
        EtsuranMoushide, on_delete=models.PROTECT, related_name="kai", verbose_name="閲覧申出"
    )
    etsuran_date = models.DateField("閲覧日", db_index=True)
    #: 省令第2条第3項: the 閲覧者's photo ID, as shown
    honnin_kakunin = models.CharField("本人確認書類", max_length=100)
    etsuransha_shimei = models.CharField("当日の閲覧者", max_length=200)
    #: the shuffled order's seed: a reprint of the list comes out the same
    seed = models.BigIntegerField("並びの種")
    list_count = models.PositiveIntegerField("閲覧に供した人数", default=0)
    tenki_kensu = models.PositiveIntegerField("転記した件数", null=True, blank=True)
    unit_yen = models.PositiveIntegerField("1件あたりの手数料", default=0)
    amount_yen = models.PositiveIntegerField("手数料", default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="担当"
    )
    started_at = models.DateTimeField("開始日時")
    ended_at = models.DateTimeField("終了日時", null=True, blank=True)
    #: the fee taken at the レジ (counter.charges.do_charge): its FeeRow is the money the
    #: 日計表 adds up; amount_yen above is what the end of the visit computed
    payment = models.OneToOneField(
        "counter.Payment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="収納",
    )

    class Meta:
        verbose_name = "閲覧簿"
        verbose_name_plural = "閲覧簿"
        ordering: ClassVar[list[str]] = ["-etsuran_date", "-id"]

    def __str__(self) -> str:
        return f"閲覧 第{self.pk}号"


class EtsuranHyoji(models.Model):
    """One showing of a visit's list (screen or print): the persons shown, in the order
    shown, as they were at that moment. A resident's disclosure record (ADR 0034) finds
    the 閲覧 that showed them here; a protected person, never in a list, is never here.

    The 宛名番号 are one text, each between spaces (「 0000000019 0000000027 」): one row
    per showing whatever the list's length, found by a portable `contains` (the rows are
    a few per visit and a few visits a month)."""

    kai = models.ForeignKey(
        EtsuranKai, on_delete=models.PROTECT, related_name="hyoji", verbose_name="閲覧"
    )
    shown_at = models.DateTimeField("表示日時")
    printed = models.BooleanField("印刷", default=False)
    count = models.PositiveIntegerField("人数")
    atena_bangos = models.TextField("表示した住民の宛名番号")

    class Meta:
        verbose_name = "閲覧用リストの表示"
        verbose_name_plural = "閲覧用リストの表示"
        ordering: ClassVar[list[str]] = ["kai", "id"]

    def __str__(self) -> str:
        return f"{self.kai} {self.count}人"

    @staticmethod
    def pack(atena_bangos: list[str]) -> str:
        return f" {' '.join(atena_bangos)} "

    @staticmethod
    def needle(atena_bango: str) -> str:
        """What `atena_bangos__contains` looks for: one whole 宛名番号."""
        return f" {atena_bango} "

    def unpacked(self) -> list[str]:
        return self.atena_bangos.split()
