"""住民期間: one row per stretch of a person's stay in which the counted items hold.

A person counts on a day D when a current row has ``kaishi_date <= D < shuryo_date``
(an open ``shuryo_date`` is a stay that goes on). Rows of one record never overlap, so
the population on D is a count, and between two days it changes by exactly the rows
that start minus the rows that end in between (the 異動統計's balance, ADR 0039).

A row is never edited but to retire it: when the history of its record gains a row,
the record's 期間 are computed again; those no longer true get ``haishi_rireki`` (the
history row that made them wrong) and the new ones are added with ``kiroku_rireki``.
So the figures as the register stood after history row K can be asked again (ADR 0038).
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models


class JuminKikan(models.Model):
    """住民期間: a stretch of one 住民票's stay with the items the statistics count."""

    jumin = models.ForeignKey(
        "juki.Jumin", verbose_name="住民", on_delete=models.CASCADE, related_name="+"
    )
    kaishi_date = models.DateField("開始日")
    #: the first day the person no longer counts (消除年月日, 転出予定日, the next 期間's
    #: 開始日); NULL while the stay goes on
    shuryo_date = models.DateField("終了日", null=True, blank=True)
    #: 異動事由 (juki.IdoJiyu) of the change that starts the stretch: 転入, 出生, 転居 …
    kaishi_jiyu = models.CharField("開始の異動事由", max_length=30)
    #: 異動事由 of the change that ends it (a 消除's 消除事由, or the next 期間's 開始)
    shuryo_jiyu = models.CharField("終了の異動事由", max_length=30, blank=True)
    #: the history rows of the start and the end, for the 異動統計's details
    kaishi_rireki = models.ForeignKey(
        "juki.JuminRireki",
        verbose_name="開始の異動履歴",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    shuryo_rireki = models.ForeignKey(
        "juki.JuminRireki",
        verbose_name="終了の異動履歴",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )

    #: the stretch begins the stay (記載) / ends it (消除, 転出予定日); else it begins or
    #: ends at a change within the stay (転居, 世帯変更 …)
    kisai = models.BooleanField("記載による開始")
    shojo = models.BooleanField("消除による終了")

    chouaza_code = models.CharField("町字コード", max_length=11)
    setai_bango = models.CharField("世帯番号", max_length=10)
    shubetsu = models.CharField("住民種別", max_length=1)
    seibetsu = models.CharField("性別", max_length=1)
    #: 生年月日 as YYYYMMDD: the age on a day is one integer division (年齢計算ニ関スル法律)
    tanjo = models.IntegerField("生年月日（YYYYMMDD）")
    kokuseki = models.CharField("国籍・地域", max_length=60, blank=True)
    zairyu_shikaku = models.CharField("在留資格", max_length=60, blank=True)

    #: the newest history row of the record when this row was computed
    kiroku_rireki = models.BigIntegerField("記録時の異動履歴")
    #: the history row that made this row no longer true (NULL: current)
    haishi_rireki = models.BigIntegerField("廃止時の異動履歴", null=True, blank=True)

    class Meta:
        verbose_name = "住民期間"
        verbose_name_plural = "住民期間"
        indexes: ClassVar[list[models.Index]] = [
            # the population on a day reads the current rows only
            models.Index(
                fields=["kaishi_date", "shuryo_date"],
                condition=models.Q(haishi_rireki__isnull=True),
                name="kikan_current_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jumin_id} {self.kaishi_date}〜{self.shuryo_date or ''}"


class KikanShinchoku(models.Model):
    """How far the 住民期間 follow the history: every record with a history row up to
    ``rireki_made`` is computed (one row, pk 1)."""

    rireki_made = models.BigIntegerField("反映済みの異動履歴", default=0)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    class Meta:
        verbose_name = "住民期間の反映状況"
        verbose_name_plural = "住民期間の反映状況"

    def __str__(self) -> str:
        return str(self.rireki_made)
