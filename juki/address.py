"""The address master: 町字 (juki.Chouaza) and, in a 指定都市, its 行政区 (ADR 0009).

Imported by juki.models, which the rest of the app reads them from.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models

from jputil import searchkeys


class Gyouseiku(models.Model):
    """行政区: a ward of a 指定都市 (j130, j230, j560). No rows for other municipalities.

    Whether the municipality has wards is a fact of its 町字 master: a 指定都市 loads its
    行政区 and gives each 町字 its ward; a move between wards is a 区間転入 (ADR 0009).
    """

    code = models.CharField(
        "行政区コード", max_length=5, unique=True, help_text="区の地方公共団体コード（5桁）"
    )
    name = models.CharField("行政区", max_length=20)

    class Meta:
        verbose_name = "行政区"
        verbose_name_plural = "行政区"
        ordering: ClassVar[list[str]] = ["code"]

    def __str__(self) -> str:
        return self.name


def has_gyouseiku() -> bool:
    """The municipality is a 指定都市 whose register is kept by 行政区."""
    return Gyouseiku.objects.exists()


class Chouaza(models.Model):
    """町字: the address master (j250), one row per 大字・丁目 of the municipality."""

    code = models.CharField(
        "町字コード", max_length=11, unique=True, help_text="都道府県2+市区町村3+大字3+小字3"
    )
    prefecture = models.CharField("都道府県", max_length=10)
    city = models.CharField("市区町村", max_length=20)
    name = models.CharField("町字", max_length=60)
    kana = models.CharField("町字カナ", max_length=120)
    search_kana = models.CharField(
        "町字カナ検索キー", max_length=120, db_index=True, editable=False
    )
    postal_code = models.CharField("郵便番号", max_length=7, db_index=True)
    is_active = models.BooleanField("使用中", default=True)
    gyouseiku = models.ForeignKey(
        Gyouseiku,
        verbose_name="行政区",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chouaza",
        help_text="指定都市のみ",
    )

    class Meta:
        verbose_name = "町字"
        verbose_name_plural = "町字"
        ordering: ClassVar[list[str]] = ["code"]

    def __str__(self) -> str:
        # 町字 names repeat across the wards of a 指定都市 (select_related("gyouseiku"))
        return f"{self.gyouseiku.name}　{self.name}" if self.gyouseiku else self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_kana = searchkeys.fold_kana(self.kana)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "kana" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_kana"}
        super().save(*args, **kwargs)

    @property
    def postal_code_display(self) -> str:
        return f"{self.postal_code[:3]}-{self.postal_code[3:]}" if self.postal_code else ""
