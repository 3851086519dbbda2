"""予備住民票コード (j870): the spare 住民票コード the 住基ネット CS gave this city.

Imported by juki.models, which the rest of the app reads it from; juki.code_pool is
what writes it.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from .validators import validate_juminhyo_code


class YobiJuminhyoCode(models.Model):
    """One spare 住民票コード (住基法第30条の2第2項: the 都道府県知事 designates the codes a
    市町村長 may record). Received from the CS, used once by one 承認, never deleted and
    never given again (a used row keeps its procedure)."""

    code = models.CharField(
        "住民票コード", max_length=11, unique=True, validators=[validate_juminhyo_code]
    )
    received_at = models.DateTimeField("受信日時", default=timezone.now)
    message = models.ForeignKey(
        "counter.InboxMessage",
        verbose_name="受信メッセージ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    used_at = models.DateTimeField("付番日時", null=True, blank=True)
    procedure = models.ForeignKey(
        "counter.Procedure",
        verbose_name="付番した手続",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "予備住民票コード"
        verbose_name_plural = "予備住民票コード"
        indexes: ClassVar[list[models.Index]] = [
            # the spare ones are counted and one is picked at every 付番
            models.Index(fields=["id"], condition=Q(used_at__isnull=True), name="yobi_code_unused"),
        ]

    def __str__(self) -> str:
        return self.code
