"""The copies of the 印鑑登録証明書 handed over (要領 第4): one row per copy, with its
発行記録 (counter.shomei: the 発行番号 and the QR verify page) and the PDF as printed, so
the 交付 screen hands over exactly what was numbered. Never deleted: a copy reported
void keeps its 発行記録 with the reason."""

from __future__ import annotations

from django.db import models

from counter.models import Undeletable, UndeletableQuerySet


class InkanShomeiKoufu(Undeletable):
    """One copy of a 印鑑登録証明書, issued at 交付 of its procedure."""

    procedure = models.ForeignKey(
        "counter.Procedure", on_delete=models.PROTECT, related_name="+", verbose_name="手続"
    )
    toroku = models.ForeignKey(
        "seal.InkanToroku",
        on_delete=models.PROTECT,
        related_name="shomei_koufu",
        verbose_name="印鑑登録",
    )
    #: the 登録証 number presented (要領 第4: the certificate is asked for with the card)
    torokusho_bango = models.CharField("提示された登録証番号", max_length=12)
    kiroku = models.OneToOneField(
        "counter.HakkoKiroku",
        on_delete=models.PROTECT,
        related_name="inkan_shomei",
        verbose_name="発行記録",
    )
    pdf = models.BinaryField("証明書")

    objects = UndeletableQuerySet["InkanShomeiKoufu"].as_manager()

    class Meta:
        verbose_name = "印鑑登録証明書の交付"
        verbose_name_plural = "印鑑登録証明書の交付"

    def __str__(self) -> str:
        return f"印鑑登録証明書 {self.kiroku_id}"
