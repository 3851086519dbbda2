"""印鑑登録: the 印鑑登録原票, as far as the register's events need it.

The registration, its 印影 and the 登録証 come with the 印鑑登録 issue; what is here is
the part that other work already relies on: one registration per person at most, and
its end (廃止) by itself on 転出 or 死亡 (juki.reactions, see seal.reactions).
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q


class InkanStatus(models.TextChoices):
    TOROKU = "toroku", "登録"
    HAISHI = "haishi", "廃止"


class HaishiReason(models.TextChoices):
    TENSHUTSU = "tenshutsu", "転出"
    SHIBOU = "shibou", "死亡"
    SHINSEI = "shinsei", "廃止申請"
    BOUSHITSU = "boushitsu", "亡失"
    SHOKKEN = "shokken", "職権"


class InkanToroku(models.Model):
    """One 印鑑登録 of one resident (one seal per person: one open registration)."""

    jumin = models.ForeignKey(
        "juki.Jumin", verbose_name="登録者", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        "状態", max_length=10, choices=InkanStatus.choices, default=InkanStatus.TOROKU
    )
    toroku_date = models.DateField("登録年月日")
    haishi_date = models.DateField("廃止年月日", null=True, blank=True)
    haishi_reason = models.CharField(
        "廃止事由", max_length=20, choices=HaishiReason.choices, blank=True
    )

    class Meta:
        verbose_name = "印鑑登録"
        verbose_name_plural = "印鑑登録"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["jumin"],
                condition=Q(status="toroku"),
                name="inkan_one_open_per_person",
                violation_error_message="この方は既に印鑑を登録しています（1人1個）。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.jumin_id} {self.get_status_display()}"

    #: the transitions the register's events make (廃止 → 登録 only when a 転出 is undone)
    RESTORABLE: ClassVar[frozenset[str]] = frozenset({HaishiReason.TENSHUTSU})

    def restore(self) -> int:
        """廃止 → 登録 again, for a 廃止 whose cause was undone (転出取消); 0 when this
        registration is not one (another 廃止事由, or not 廃止)."""
        if self.status != InkanStatus.HAISHI or self.haishi_reason not in self.RESTORABLE:
            return 0
        return InkanToroku.objects.filter(pk=self.pk, status=InkanStatus.HAISHI).update(
            status=InkanStatus.TOROKU, haishi_date=None, haishi_reason=""
        )
