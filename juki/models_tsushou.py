"""通称の記載・削除の履歴 (住基法施行令第30条の25第2号, 第30条の26; 施行規則第45条).

A 外国人住民's 住民票 carries, besides the 通称 itself, the 市町村名 and 年月日 on which
each 通称 was 記載 and, once removed, 削除 (with the 通称 removed). One row per 通称 that
was ever recorded; the row of the current 通称 has no 削除. 標準仕様書 1.1.2 (j20) and
1.1.7 (j70); shown on the resident page (j350).
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models


class TsushouRireki(models.Model):
    """One 通称 of a 外国人住民: when and where it was 記載, and 削除 if it was."""

    jumin = models.ForeignKey("juki.Jumin", on_delete=models.PROTECT, related_name="tsushou_rireki")
    tsushou = models.CharField("通称", max_length=100)
    tsushou_kana = models.CharField("通称（フリガナ）", max_length=200, blank=True)
    kisai_date = models.DateField("記載年月日")
    kisai_shichouson = models.CharField("記載した市町村名", max_length=60)
    sakujo_date = models.DateField("削除年月日", null=True, blank=True)
    sakujo_shichouson = models.CharField("削除した市町村名", max_length=60, blank=True)

    class Meta:
        verbose_name = "通称の履歴"
        verbose_name_plural = "通称の履歴"
        ordering: ClassVar[list[str]] = ["jumin", "kisai_date", "id"]

    def __str__(self) -> str:
        return f"{self.jumin_id} {self.tsushou} {self.kisai_date}"
