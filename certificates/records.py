"""The request side's records: the 交付履歴 (j300) and the 住居表示の実施 it certifies.

The 交付履歴 is written at 交付, in do_issue's transaction (ProcedureKind.issue): who was
issued what, for whom, on whose request and on what basis. It is kept for the city's
period (settings.KOUFU_RIREKI_RETENTION_YEARS) and never deleted before: a row refuses
its delete(), so does the queryset, and the admin offers no delete (標準仕様書 j300:
「交付履歴の保存期間内の削除」 is what the standard rules out).
"""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from counter.procedure_kinds import FeeBasis, RequesterCategory
from counter.procedure_models import Procedure
from counter.reads import PersonalRow

from .printing.models import HakkoKiroku


def retention_end(koufu_at: datetime.datetime) -> datetime.date:
    """The first day a row of ``koufu_at`` may go: the period counts from 1 January after
    the 交付 (文書の保存期間は翌年の1月1日から起算する, the usual rule of a city's
    文書管理規程), so it never ends early whatever day of the year the 交付 was."""
    day = timezone.localdate(koufu_at)
    years = int(settings.KOUFU_RIREKI_RETENTION_YEARS)
    return datetime.date(day.year + years + 1, 1, 1)


def _kept(rows: Any) -> list[str]:
    today = timezone.localdate()
    return [str(r.hakko_label) for r in rows if retention_end(r.koufu_at) > today]


class KoufuRirekiQuerySet(models.QuerySet["KoufuRireki"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        kept = _kept(self)
        if kept:
            raise PermissionError(
                f"交付履歴は保存期間内は削除できません（{kept[0]} ほか{len(kept)}件）。"
            )
        return super().delete()

    def expired(self, today: datetime.date | None = None) -> KoufuRirekiQuerySet:
        """Rows past their period (a purge takes these and nothing else)."""
        today = today or timezone.localdate()
        years = int(settings.KOUFU_RIREKI_RETENTION_YEARS)
        # koufu_at < 1 Jan of (today.year - years): the year's end + the period has passed
        limit = datetime.datetime(today.year - years, 1, 1, tzinfo=timezone.get_current_timezone())
        return self.filter(koufu_at__lt=limit)


class KoufuRireki(PersonalRow, models.Model):
    """交付履歴 (j300, j360): one row per certificate procedure handed over."""

    read_kind = "koufu_rireki"

    procedure = models.OneToOneField(
        Procedure, verbose_name="手続", on_delete=models.PROTECT, related_name="koufu_rireki"
    )
    koufu_at = models.DateTimeField("交付日時", db_index=True)
    basho = models.CharField("交付場所", max_length=50, blank=True)
    terminal_code = models.CharField("端末", max_length=20, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="交付者", on_delete=models.PROTECT, related_name="+"
    )
    shubetsu = models.CharField("種別", max_length=40, db_index=True)
    shubetsu_label = models.CharField("種別名", max_length=60)
    #: [{"atena_bango": "…", "shimei": "…"}] (不在住証明書: the name asked about)
    taishosha = models.JSONField("対象者", default=list)
    #: the items printed (世帯主・続柄, 本籍・筆頭者 …) and the style, as labels
    kisai_jiko = models.JSONField("記載事項", default=list)
    tsusu = models.PositiveIntegerField("通数")
    maisu = models.PositiveIntegerField("枚数")
    hakko_bangos = models.JSONField("発行番号", default=list)
    seikyusha_kubun = models.CharField(
        "請求者の区分", max_length=20, choices=RequesterCategory.choices, db_index=True
    )
    seikyusha_shimei = models.CharField("請求者", max_length=200)
    seikyu_jiyu = models.TextField("請求事由", blank=True)
    fee_basis = models.CharField(
        "手数料", max_length=10, choices=FeeBasis.choices, default=FeeBasis.TSUUJOU
    )

    objects = KoufuRirekiQuerySet.as_manager()

    class Meta:
        verbose_name = "交付履歴"
        verbose_name_plural = "交付履歴"
        ordering: ClassVar[list[str]] = ["-koufu_at", "-id"]

    def __str__(self) -> str:
        return f"{self.shubetsu_label} {self.hakko_label}"

    @property
    def hakko_label(self) -> str:
        return str(self.hakko_bangos[0]) if self.hakko_bangos else f"#{self.pk}"

    def read_subject(self) -> tuple[str, str]:
        names = "・".join(str(t.get("shimei", "")) for t in self.taishosha)
        return str(self.pk), f"交付履歴 {names}"

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if retention_end(self.koufu_at) > timezone.localdate():
            raise PermissionError("交付履歴は保存期間内は削除できません。")
        return super().delete(*args, **kwargs)


class KoufuTaisho(models.Model):
    """A person a 交付履歴 row names, one row each: the search by 宛名番号 or 氏名."""

    rireki = models.ForeignKey(
        KoufuRireki, on_delete=models.CASCADE, related_name="taisho", verbose_name="交付履歴"
    )
    atena_bango = models.CharField("宛名番号", max_length=10, blank=True, db_index=True)
    shimei = models.CharField("氏名", max_length=200)

    class Meta:
        verbose_name = "交付履歴の対象者"
        verbose_name_plural = "交付履歴の対象者"

    def __str__(self) -> str:
        return f"{self.shimei}（{self.atena_bango}）"


class KoufuShomeisho(models.Model):
    """One copy handed over: its 発行記録 (発行番号, the QR verify page's row) and the
    PDF as printed at 交付, so a reprint of that copy is the same paper. Kept with its
    交付履歴 row (PROTECT: the row's delete() rules)."""

    rireki = models.ForeignKey(
        KoufuRireki, on_delete=models.CASCADE, related_name="copies", verbose_name="交付履歴"
    )
    kiroku = models.OneToOneField(
        HakkoKiroku, on_delete=models.PROTECT, related_name="koufu", verbose_name="発行記録"
    )
    pdf = models.BinaryField("証明書（PDF）")
    page_count = models.PositiveSmallIntegerField("枚数")

    class Meta:
        verbose_name = "交付した証明書"
        verbose_name_plural = "交付した証明書"
        ordering: ClassVar[list[str]] = ["id"]

    def __str__(self) -> str:
        return str(self.kiroku_id)


class JukyoHyojiJisshi(models.Model):
    """住居表示の実施 (住居表示に関する法律第3条): one row per new 住所 it gave, with the
    old 表示 (地番) it replaced and the day it took effect. Master data of the city
    (標準仕様書 j240: 住居表示 is master data), entered from the 住居表示台帳; the
    住居表示変更証明書 reads it, never a resident's history (a 住居表示 changes the
    address of a building, whoever lives there)."""

    chouaza = models.ForeignKey(
        "juki.Chouaza", verbose_name="新しい町字", on_delete=models.PROTECT, related_name="+"
    )
    banchi = models.CharField("新しい街区符号・住居番号", max_length=60)
    kyu_hyoji = models.CharField("旧表示（地番）", max_length=200)
    jisshi_date = models.DateField("住居表示の実施日")
    kokuji = models.CharField("告示", max_length=100, blank=True)

    class Meta:
        verbose_name = "住居表示の実施"
        verbose_name_plural = "住居表示の実施"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["chouaza", "banchi"], name="jukyo_hyoji_one_per_new_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kyu_hyoji} → {self.chouaza.name}{self.banchi}"

    @property
    def shin_hyoji(self) -> str:
        c = self.chouaza
        return f"{c.prefecture}{c.city}{c.name}{self.banchi}"
