"""郵送請求: what the envelope held and what went back (docs/adr/0031).

The request itself is the counter's reception (channel 郵送, no 番号札) and its
procedures (the certificate kinds, unchanged); the money is the counter's Payment and fee
rows (method 定額小為替). This row keeps only what a window visit does not have: the
day the envelope arrived and what was in it, the 返信先, the copy of the ID, the
定額小為替 enclosed, the shortfall asked for and the day it was sent back."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from counter.procedure_models import IdDocument
from counter.reads import PersonalRow


class Doufuu(models.TextChoices):
    """What the envelope held (①開封・仕分)."""

    SEIKYUSHO = "seikyusho", "交付請求書"
    ID_COPY = "id_copy", "本人確認書類の写し"
    KOGAWASE = "kogawase", "定額小為替"
    HENSHIN_FUTO = "henshin_futo", "返信用封筒（切手貼付）"
    ININJO = "ininjo", "委任状"
    SONOTA = "sonota", "その他"


class YuusouState(models.TextChoices):
    KAIFUU = "kaifuu", "開封・仕分済"
    FUSOKU = "fusoku", "不足照会中"
    HASSOU = "hassou", "発送済"


class YuusouSeikyu(PersonalRow, models.Model):
    """郵送請求: one envelope, its reception (channel 郵送) and what went back.

    Its 請求者 and 返信先 are personal data: a row loaded in a request is a read."""

    read_kind: ClassVar[str] = "yuusou"

    reception = models.OneToOneField(
        "counter.Reception", verbose_name="受付", on_delete=models.PROTECT, related_name="yuusou"
    )
    received_date = models.DateField("到着日", db_index=True)
    seikyusha_shimei = models.CharField("請求者（封筒の差出人）", max_length=200)
    doufuu = models.JSONField("同封物", default=list)
    id_copy = models.CharField(
        "本人確認書類の写し", max_length=30, choices=IdDocument.choices, blank=True
    )
    henshinsaki_jusho = models.CharField("返信先の住所", max_length=200)
    kogawase_yen = models.PositiveIntegerField("定額小為替（円）", default=0)
    kitte_yen = models.PositiveIntegerField("切手（円）", default=0)
    state = models.CharField(
        "状態", max_length=10, choices=YuusouState.choices, default=YuusouState.KAIFUU
    )
    fusoku_yen = models.PositiveIntegerField("不足額（円）", default=0)
    fusoku_at = models.DateTimeField("不足照会日時", null=True, blank=True)
    hassou_date = models.DateField("発送日", null=True, blank=True, db_index=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="開封者", on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField("開封日時")

    class Meta:
        verbose_name = "郵送請求"
        verbose_name_plural = "郵送請求"
        ordering: ClassVar[list[str]] = ["received_date", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=~Q(state="hassou") | Q(hassou_date__isnull=False),
                name="yuusou_hassou_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"郵送請求 {self.received_date} {self.seikyusha_shimei}"

    def read_subject(self) -> tuple[str, str]:
        return str(self.pk), self.seikyusha_shimei

    @property
    def doufuu_labels(self) -> list[str]:
        return [Doufuu(c).label for c in self.doufuu if c in Doufuu.values]
