"""The record of each printed copy (発行記録): what the QR verify page confirms.

One row per copy of a certificate of any app (the 住民票の写し and its kin, the
印鑑登録証明書), made by a final render (never by a draft), under the same transaction
that takes the 発行番号's serial. It holds no personal data: the verify page is public and
shows only these fields. Never deleted (DOMAIN.md "Every issue is kept on record"); a
copy reported void keeps its row with the reason.

Moved from certificates.printing (docs/adr/0030): the table keeps its name, so the copies
recorded before the move are still found by their QR codes.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from counter.models import Undeletable, UndeletableQuerySet


def kind_choices() -> list[tuple[str, str]]:
    """The printed kinds every app declares (CounterApp.shomei_kinds); the values are the
    手数料 master's codes. A callable: an app adding a kind changes no migration."""
    from counter import registry

    return registry.shomei_kinds()


class HakkoKiroku(Undeletable):
    """One printed copy: its 発行番号 (j1040), kind, day, sheets, terminal and printer."""

    hakko_bango = models.CharField("発行番号", max_length=120, unique=True)
    #: the day's serial of the 発行番号 (with ``issued_on``, what the QR token names)
    serial = models.PositiveIntegerField("連番")
    kind = models.CharField("証明書の種類", max_length=20, choices=kind_choices)
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
        # the table certificates created before the move (docs/adr/0030)
        db_table = "certificates_hakkokiroku"
        verbose_name = "証明書の発行記録"
        verbose_name_plural = "証明書の発行記録"
        ordering: ClassVar[list[str]] = ["-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["issued_on", "serial"], name="hakko_day_serial"),
        ]

    def __str__(self) -> str:
        return self.hakko_bango
