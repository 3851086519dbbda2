"""印鑑登録: the 印鑑登録原票, its life, its 登録証 numbers and its 印影.

A registration has a life of its own (docs/adr/0029): its FSMField moves only through
seal.services (照会中 → 登録 → 廃止, 照会中 → 失効; 廃止 → 登録 when a 転出 is undone), and
each move writes an InkanRireki row (who, when, from, to, reason). The 原票 is never
deleted: a 廃止 keeps it, closed (印鑑登録証明事務処理要領 第2-5).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django_fsm import FSMField, FSMModelMixin, transition

from counter.models_rireki import StatusRireki
from counter.reads import PersonalRow


class InkanStatus(models.TextChoices):
    SHOUKAI = "shoukai", "照会中"
    TOROKU = "toroku", "登録"
    HAISHI = "haishi", "廃止"
    SHIKKOU = "shikkou", "失効"


#: the states that count as "the person's registration" (one per person: 要領 第2-1)
OPEN_STATES = (InkanStatus.SHOUKAI, InkanStatus.TOROKU)


class HaishiReason(models.TextChoices):
    TENSHUTSU = "tenshutsu", "転出"
    SHIBOU = "shibou", "死亡"
    SHINSEI = "shinsei", "廃止申請"
    BOUSHITSU = "boushitsu", "亡失"
    SHOKKEN = "shokken", "職権"
    SHIMEI_HENKOU = "shimei_henkou", "氏名等の変更"
    KIGEN = "kigen", "回答期限の経過"


class TorokuHouhou(models.TextChoices):
    """How the person's will to register was confirmed (要領 第2-2-(2))."""

    SHOUKAI = "shoukai", "照会（照会書兼回答書）"
    SOKUJI_SHOMEI = "sokuji_shomei", "即時（官公署発行の顔写真付き書類）"
    SOKUJI_HOSHOU = "sokuji_hoshou", "即時（保証書）"


class ShimeiKeishiki(models.TextChoices):
    """Which of the person's names the seal shows (要領 第2-2-(3)-ア): the certificate
    states the name in that form."""

    SHIMEI = "shimei", "氏名"
    UJI = "uji", "氏"
    MEI = "mei", "名"
    KYUUJI = "kyuuji", "旧氏"
    TSUUSHOU = "tsuushou", "通称"
    KANA = "kana", "片仮名表記"


class InkanToroku(PersonalRow, FSMModelMixin, models.Model):
    """One 印鑑登録 of one resident: the 印鑑登録原票 (one open registration per person).

    A screen that loads one has read it (counter.reads: the 操作ログ)."""

    read_kind: ClassVar[str] = "inkan_toroku"

    jumin = models.ForeignKey(
        "juki.Jumin", verbose_name="登録者", on_delete=models.PROTECT, related_name="+"
    )
    status = FSMField(
        "状態",
        max_length=10,
        choices=InkanStatus.choices,
        default=InkanStatus.TOROKU,
        protected=True,
        db_index=True,
    )
    #: 印鑑登録番号 (要領 第2-4: the 原票's number); blank for a registration made before
    #: numbers were kept here
    toroku_bango = models.CharField("印鑑登録番号", max_length=12, blank=True)
    houhou = models.CharField(
        "登録の方法", max_length=20, choices=TorokuHouhou.choices, default=TorokuHouhou.SHOUKAI
    )
    shinsei_date = models.DateField("申請年月日", null=True, blank=True)
    #: 照会: the day by which the 回答書 must come back (settings.SEAL_KAITOU_KIGEN_DAYS)
    kaitou_kigen = models.DateField("回答期限", null=True, blank=True)
    toroku_date = models.DateField("登録年月日", null=True, blank=True)
    haishi_date = models.DateField("廃止年月日", null=True, blank=True)
    haishi_reason = models.CharField(
        "廃止事由", max_length=20, choices=HaishiReason.choices, blank=True
    )
    shimei_keishiki = models.CharField(
        "印影の氏名の形",
        max_length=10,
        choices=ShimeiKeishiki.choices,
        default=ShimeiKeishiki.SHIMEI,
    )
    #: the characters the seal shows, as read at 照合 (checked again on a change of 氏名)
    inei_moji = models.CharField("印影の文字", max_length=100, blank=True)
    #: 成年被後見人 as the entry states it (要領 第2-1-(2): in person with the 法定代理人)
    seinen_hikoukennin = models.BooleanField("成年被後見人", default=False)
    houtei_dairinin = models.CharField("法定代理人", max_length=100, blank=True)
    #: 即時登録 by 保証書: the 保証人's own registration (要領 第2-2-(2)-イ)
    hoshounin = models.ForeignKey(
        "self",
        verbose_name="保証人の印鑑登録",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: 即時登録 by a photo ID: which one (counter.procedure_models.PHOTO_ID_DOCUMENTS)
    honnin_kakunin = models.CharField("本人確認書類", max_length=40, blank=True)

    class Meta:
        verbose_name = "印鑑登録"
        verbose_name_plural = "印鑑登録"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["jumin"],
                condition=Q(status__in=["shoukai", "toroku"]),
                name="inkan_one_open_per_person",
                violation_error_message="この方は既に印鑑を登録しています（1人1個）。",
            ),
            models.UniqueConstraint(
                fields=["toroku_bango"],
                condition=~Q(toroku_bango=""),
                name="inkan_toroku_bango_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"印鑑登録 {self.toroku_bango or self.pk}（{self.get_status_display()}）"

    #: 廃止 → 登録 only when the 廃止's cause is undone (転出取消)
    RESTORABLE: ClassVar[frozenset[str]] = frozenset({HaishiReason.TENSHUTSU})

    def read_subject(self) -> tuple[str, str]:
        return str(self.pk), f"印鑑登録 {self.toroku_bango or self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES

    def restore(self) -> int:
        """廃止 → 登録 again, for a 廃止 whose cause was undone (転出取消); 0 when this
        registration is not one (another 廃止事由, or not 廃止)."""
        from . import services

        return services.restore(self)

    # --- transitions: called only from seal.services (each writes an InkanRireki) ---

    @transition(field=status, source=InkanStatus.SHOUKAI, target=InkanStatus.TOROKU)
    def kaitou(self) -> None:
        """回答: the 回答書 came back within the period; the seal is registered."""

    @transition(field=status, source=InkanStatus.SHOUKAI, target=InkanStatus.SHIKKOU)
    def shikkou(self) -> None:
        """失効: the 回答書 did not come back by the 回答期限."""

    @transition(
        field=status, source=[InkanStatus.SHOUKAI, InkanStatus.TOROKU], target=InkanStatus.HAISHI
    )
    def haishi(self) -> None:
        """廃止: 申請 (亡失), or by itself on 転出, 死亡, 職権消除, 氏名の変更."""

    @transition(
        field=status,
        source=InkanStatus.HAISHI,
        target=InkanStatus.TOROKU,
        conditions=[lambda self: getattr(self, "haishi_reason", "") in InkanToroku.RESTORABLE],
    )
    def fukkatsu(self) -> None:
        """廃止 → 登録: the 転出 that ended it was undone (転出取消)."""


class InkanRireki(StatusRireki):
    """One move of a registration: who, when, from, to, why (the 原票's history)."""

    toroku = models.ForeignKey(
        InkanToroku, on_delete=models.CASCADE, related_name="rireki", verbose_name="印鑑登録"
    )
    from_status = models.CharField("変更前", max_length=10, choices=InkanStatus.choices, blank=True)
    to_status = models.CharField("変更後", max_length=10, choices=InkanStatus.choices)

    class Meta(StatusRireki.Meta):
        verbose_name = "印鑑登録の履歴"
        verbose_name_plural = "印鑑登録の履歴"


class TorokushoEndReason(models.TextChoices):
    SAIKOUFU = "saikoufu", "再交付"
    HAISHI = "haishi", "登録の廃止"


class Torokusho(models.Model):
    """A 印鑑登録証 number (要領 第3): one in use per registration; a 再交付 ends the old
    one at that moment, kept with its end so a presented old card is refused by name."""

    toroku = models.ForeignKey(
        InkanToroku, on_delete=models.CASCADE, related_name="torokusho", verbose_name="印鑑登録"
    )
    bango = models.CharField("登録証番号", max_length=12, unique=True)
    issued_at = models.DateTimeField("交付日時")
    ended_at = models.DateTimeField("無効となった日時", null=True, blank=True)
    end_reason = models.CharField(
        "無効の事由", max_length=10, choices=TorokushoEndReason.choices, blank=True
    )

    class Meta:
        verbose_name = "印鑑登録証"
        verbose_name_plural = "印鑑登録証"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["toroku"],
                condition=Q(ended_at__isnull=True),
                name="inkan_one_torokusho_in_use",
            )
        ]

    def __str__(self) -> str:
        return f"登録証 {self.bango}"

    @property
    def is_valid(self) -> bool:
        return self.ended_at is None


class IneiYouto(models.TextChoices):
    TOROKU = "toroku", "登録印影"
    SHOUGOU = "shougou", "照合用の押印"
    HOSHOUNIN = "hoshounin", "保証人の押印（保証書）"


class Inei(models.Model):
    """A 印影 scanned at the window (PNG/JPEG), with its physical size in mm.

    Kept as bytes in the database (docs/adr/0029): it commits or rolls back with the
    registration, and a closed network keeps no separate file store to back up. Uploaded
    at 仮登録 (``toroku`` empty), attached to the registration at 承認."""

    MAX_BYTES: ClassVar[int] = 2 * 1024 * 1024

    toroku = models.ForeignKey(
        InkanToroku,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="inei",
        verbose_name="印鑑登録",
    )
    youto = models.CharField("用途", max_length=10, choices=IneiYouto.choices)
    content_type = models.CharField("形式", max_length=20)
    image = models.BinaryField("画像")
    sha256 = models.CharField("ハッシュ", max_length=64)
    width_px = models.PositiveIntegerField("幅（画素）")
    height_px = models.PositiveIntegerField("高さ（画素）")
    dpi = models.PositiveIntegerField("解像度（dpi）", null=True, blank=True)
    width_mm = models.DecimalField("幅（mm）", max_digits=5, decimal_places=1)
    height_mm = models.DecimalField("高さ（mm）", max_digits=5, decimal_places=1)
    uploaded_at = models.DateTimeField("取込日時")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="取込者",
    )

    class Meta:
        verbose_name = "印影"
        verbose_name_plural = "印影"

    def __str__(self) -> str:
        return f"印影 {self.width_mm}×{self.height_mm}mm"


# the copies of the 印鑑登録証明書 (seal.inkan_shomei), in their own module
from .models_shomei import InkanShomeiKoufu  # noqa: E402

__all__ = [
    "HaishiReason",
    "Inei",
    "IneiYouto",
    "InkanRireki",
    "InkanShomeiKoufu",
    "InkanStatus",
    "InkanToroku",
    "ShimeiKeishiki",
    "TorokuHouhou",
    "Torokusho",
    "TorokushoEndReason",
]
