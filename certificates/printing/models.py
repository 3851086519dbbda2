"""The record of each printed copy (発行記録): what the QR verify page confirms.

One row per copy of a certificate, made by a final render (never by a draft), under the
same transaction that takes the 発行番号's serial. It holds no personal data: the verify
page is public and shows only these fields. Never deleted (DOMAIN.md "Every issue is
kept on record"); a copy reported void keeps its row with the reason.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from counter.models import Undeletable, UndeletableQuerySet


class ShomeiKind(models.TextChoices):
    """The printed kinds; the values are the 手数料 master's codes."""

    JUMINHYO = "juminhyo_utsushi", "住民票の写し"
    JOHYO = "johyo_utsushi", "除票の写し"
    KISAI_JIKO = "kisai_jiko", "記載事項証明書"
    FUZAIJU = "fuzaiju", "不在住証明書"
    JUKYO_HYOJI = "jukyo_hyoji", "住居表示変更証明書"


class HakkoKiroku(Undeletable):
    """One printed copy: its 発行番号 (j1040), kind, day, sheets, terminal and printer."""

    hakko_bango = models.CharField("発行番号", max_length=120, unique=True)
    #: the day's serial of the 発行番号 (with ``issued_on``, what the QR token names)
    serial = models.PositiveIntegerField("連番")
    kind = models.CharField("証明書の種類", max_length=20, choices=ShomeiKind.choices)
    issued_on = models.DateField("発行日")
    issued_at = models.DateTimeField("発行日時", auto_now_add=True)
    page_count = models.PositiveSmallIntegerField("枚数", default=0)
    terminal_code = models.CharField("端末", max_length=20, blank=True)
    printer = models.CharField("プリンタ", max_length=50, blank=True)
    kouyou = models.BooleanField("公用", default=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="発行者",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    void = models.BooleanField("無効", default=False)
    void_reason = models.CharField("無効の理由", max_length=200, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="無効の届出を受けた職員",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    voided_at = models.DateTimeField("無効の届出日時", null=True, blank=True)

    objects = UndeletableQuerySet["HakkoKiroku"].as_manager()

    class Meta:
        verbose_name = "証明書の発行記録"
        verbose_name_plural = "証明書の発行記録"
        ordering: ClassVar[list[str]] = ["-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["issued_on", "serial"], name="hakko_day_serial"),
        ]

    def __str__(self) -> str:
        return self.hakko_bango
