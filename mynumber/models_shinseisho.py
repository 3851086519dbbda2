"""The 個人番号カード交付申請書交付管理簿 (seed 004 「個人番号（カード交付申請書交付）」).

A 交付申請書 printed at the window (the CS terminal's 申請書発行) carries a 申請書ID and
its QR code, with which the resident applies online or by post; each one handed over is
a row here: to whom, who took it, which ID was shown, whether an envelope went with it.
Never deleted (it is the 管理簿)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from counter.models import Undeletable, UndeletableQuerySet
from counter.reads import PersonalRow


class ShinseishoKoufu(PersonalRow, Undeletable):
    """One 個人番号カード交付申請書 handed over."""

    read_kind: ClassVar[str] = "koufu_shinseisho"

    jumin = models.ForeignKey(
        "juki.Jumin", verbose_name="申請者", on_delete=models.PROTECT, related_name="+"
    )
    #: 23 digits, as the card management system's 申請書ID; printed with its QR code
    shinseisho_id = models.CharField("申請書ID", max_length=23, unique=True)
    koufu_date = models.DateField("交付日")
    uketorinin_kubun = models.CharField("受領者の区分", max_length=20)
    uketorinin_shimei = models.CharField("受領者の氏名", max_length=100)
    honnin_kakunin = models.CharField("本人確認書類", max_length=40)
    fuutou = models.BooleanField("郵送用封筒", default=False)
    procedure = models.ForeignKey(
        "counter.Procedure", on_delete=models.PROTECT, related_name="+", verbose_name="手続"
    )
    created_at = models.DateTimeField("記録日時")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="職員",
    )

    objects = UndeletableQuerySet["ShinseishoKoufu"].as_manager()

    class Meta:
        verbose_name = "交付申請書の交付"
        verbose_name_plural = "個人番号カード交付申請書交付管理簿"

    def __str__(self) -> str:
        return f"交付申請書 {self.shinseisho_id}"

    def read_subject(self) -> tuple[str, str]:
        return str(self.pk), f"交付申請書 {self.shinseisho_id}"
