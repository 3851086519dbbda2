"""Fees and the レジ (imported by counter.models): the 手数料 master, the cash registers,
the money taken at 交付, the fee rows and the closing of a register's day.

The fee rows (`FeeRow`) are the only source of money figures: a 日計表, a receipt or an
expected cash sum adds them up, and nothing else holds an amount of its own. A row is
never changed or deleted; a refund is a new row with a negative amount, a correction after
a day was closed is an adjustment row on an open day (docs/adr/0024).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from .procedure_kinds import FeeBasis


class ImmutableRow(models.Model):
    """A row of money: written once, never changed or deleted by the application."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError(f"{self._meta.verbose_name}は変更できません。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError(f"{self._meta.verbose_name}は削除できません。")


class TesuryoMaster(models.Model):
    """手数料マスタ: the city's price of one 事務 from a date (手数料条例).

    A price change is a new row from its date; the row in force before it only gets its
    `valid_to`, so what was charged on a past day can always be read again."""

    #: the FeeLine code (counter.procedure_kinds.FeeLine.code), e.g. "juminhyo_utsushi"
    code = models.CharField("手数料コード", max_length=40)
    label = models.CharField("事務", max_length=50)
    amount_yen = models.PositiveIntegerField("手数料（円）")
    valid_from = models.DateField("適用開始日")
    valid_to = models.DateField("適用終了日", null=True, blank=True, help_text="空欄は終了日なし")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登録者",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("登録日時", null=True, blank=True)

    class Meta:
        verbose_name = "手数料マスタ"
        verbose_name_plural = "手数料マスタ"
        ordering: ClassVar[list[str]] = ["code", "-valid_from"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="tesuryo_code_from"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="tesuryo_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.amount_yen}円（{self.valid_from}〜）"


class Reji(models.Model):
    """レジ: the cash register of one window; a window terminal finds its レジ through
    `terminal.reji` (one register per window, docs/adr/0024)."""

    code = models.CharField("レジコード", max_length=20, unique=True)
    name = models.CharField("レジ名", max_length=50)
    terminal = models.OneToOneField(
        "counter.Terminal",
        verbose_name="窓口（端末）",
        on_delete=models.PROTECT,
        related_name="reji",
    )
    is_active = models.BooleanField("使用中", default=True)

    class Meta:
        verbose_name = "レジ"
        verbose_name_plural = "レジ"
        ordering: ClassVar[list[str]] = ["code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class PaymentMethod(models.TextChoices):
    """How the fee was paid: cash at the window, or 定額小為替 in a 郵送請求's envelope
    (a 郵便局's 定額小為替証書, cashed by the city like cash: docs/adr/0031)."""

    GENKIN = "genkin", "現金"
    KOGAWASE = "kogawase", "定額小為替"


class ChangeMethod(models.TextChoices):
    """How the change went back: cash at the window; by post as 定額小為替 or 切手."""

    GENKIN = "genkin", "現金"
    KOGAWASE = "kogawase", "定額小為替"
    KITTE = "kitte", "切手"


class Payment(ImmutableRow):
    """収納: the money of one hand-over: the total of its fee rows, what was received and
    the change (computed, never typed). Its receipt number is unique per レジ and day."""

    #: blank for a charge that no reception's procedure carries (counter.charges: a 閲覧)
    reception = models.ForeignKey(
        "counter.Reception",
        verbose_name="受付",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    reji = models.ForeignKey(Reji, verbose_name="レジ", on_delete=models.PROTECT, related_name="+")
    #: the JST day the money was taken (timezone.localdate)
    business_date = models.DateField("収納日")
    total_yen = models.PositiveIntegerField("合計（円）")
    received_yen = models.PositiveIntegerField("お預かり（円）")
    change_yen = models.PositiveIntegerField("お釣り（円）")
    method = models.CharField(
        "収納方法", max_length=10, choices=PaymentMethod.choices, default="genkin"
    )
    change_method = models.CharField(
        "お釣りの返し方", max_length=10, choices=ChangeMethod.choices, default="genkin"
    )
    receipt_no = models.PositiveIntegerField("領収書番号")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="収納者", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("収納日時")

    class Meta:
        verbose_name = "収納"
        verbose_name_plural = "収納"
        ordering: ClassVar[list[str]] = ["-recorded_at", "-pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["reji", "business_date", "receipt_no"], name="payment_receipt_unique"
            ),
            models.CheckConstraint(
                condition=Q(change_yen=F("received_yen") - F("total_yen")),
                name="payment_change_is_computed",
            ),
        ]

    def __str__(self) -> str:
        return f"領収書 {self.business_date} {self.receipt_no}番"


class FeeRowKind(models.TextChoices):
    SHUUNOU = "shuunou", "収納"
    HENKIN = "henkin", "返金"
    CHOUSEI = "chousei", "調整"


class FeeRow(ImmutableRow):
    """手数料行: one fee line charged at 交付 (per certificate and copy), a refund of one
    (a new row, negative), or an adjustment for a closed day. The only money figures."""

    kind = models.CharField(
        "区分", max_length=10, choices=FeeRowKind.choices, default=FeeRowKind.SHUUNOU
    )
    payment = models.ForeignKey(
        Payment,
        verbose_name="収納",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rows",
    )
    procedure = models.ForeignKey(
        "counter.Procedure",
        verbose_name="手続",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fee_rows",
    )
    reception = models.ForeignKey(
        "counter.Reception",
        verbose_name="受付",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fee_rows",
    )
    reji = models.ForeignKey(Reji, verbose_name="レジ", on_delete=models.PROTECT, related_name="+")
    business_date = models.DateField("計上日", db_index=True)
    #: the 手数料 master's code (the 事務 the 日計表 sums by)
    code = models.CharField("手数料コード", max_length=40)
    label = models.CharField("事務", max_length=50)
    basis = models.CharField("区分（通常・公用・免除）", max_length=10, choices=FeeBasis.choices)
    #: the master's price on the day of 交付 (also for 公用・免除, which are charged 0)
    unit_yen = models.IntegerField("単価（円）")
    #: copies; negative on a refund, so the counts net out as the amounts do
    quantity = models.IntegerField("通数")
    amount_yen = models.IntegerField("金額（円）")
    refund_of = models.OneToOneField(
        "self",
        verbose_name="返金した行",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="refund",
    )
    #: for an adjustment: the (closed) day it corrects
    adjusts_date = models.DateField("訂正する日", null=True, blank=True)
    reason = models.CharField("理由", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="記録者", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("記録日時")

    class Meta:
        verbose_name = "手数料行"
        verbose_name_plural = "手数料行"
        ordering: ClassVar[list[str]] = ["business_date", "pk"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["reji", "business_date"], name="feerow_reji_day"),
        ]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            # 公用 and 免除 are issued free, and still counted
            models.CheckConstraint(
                condition=Q(basis=FeeBasis.TSUUJOU) | Q(amount_yen=0), name="feerow_free_is_zero"
            ),
            models.CheckConstraint(
                condition=~Q(kind=FeeRowKind.HENKIN)
                | (Q(refund_of__isnull=False) & Q(amount_yen__lt=0)),
                name="feerow_refund_names_its_row",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.label} {self.amount_yen}円"

    @property
    def basis_label(self) -> str:
        return str(FeeBasis(self.basis).label)


class RejiClosing(models.Model):
    """日締め: a レジ's day closed with the cash counted; nothing more is written for that
    レジ and day (a later correction is an adjustment on an open day)."""

    reji = models.ForeignKey(Reji, verbose_name="レジ", on_delete=models.PROTECT, related_name="+")
    business_date = models.DateField("日付")
    counted_yen = models.IntegerField("現金有高（円）")
    #: the sum of the day's fee rows when closed
    expected_yen = models.IntegerField("計算上の現金（円）")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="締めた者",
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField("締め日時")

    class Meta:
        verbose_name = "日締め"
        verbose_name_plural = "日締め"
        ordering: ClassVar[list[str]] = ["-business_date", "reji"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["reji", "business_date"], name="reji_closing_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reji} {self.business_date} 締め"

    @property
    def difference_yen(self) -> int:
        """過不足: cash counted minus cash expected (negative: short)."""
        return self.counted_yen - self.expected_yen
