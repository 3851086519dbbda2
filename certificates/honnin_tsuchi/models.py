"""The 本人通知's records: who registered, and every notice queued for them."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from counter.procedure_kinds import RequesterCategory
from counter.reads import PersonalRow

from ..records import KoufuRireki


class ShinseishaKubun(models.TextChoices):
    """Who asks for the registration (要綱: the 本人, or a 代理人 with its authority)."""

    HONNIN = "honnin", "本人"
    HOTEI_DAIRININ = "hotei_dairinin", "法定代理人"
    NINI_DAIRININ = "nini_dairinin", "任意代理人（委任状）"


class HonninTsuchiToroku(PersonalRow, models.Model):
    """One resident's registration (登録) to the 本人通知, until its 廃止."""

    read_kind = "honnin_tsuchi_toroku"

    atena_bango = models.CharField("宛名番号", max_length=10, db_index=True)
    shimei = models.CharField("氏名", max_length=200)
    #: blank: the notice goes to the address on the 住民票 at the time of the notice
    soufu_jusho = models.CharField("通知の送付先", max_length=200, blank=True)
    shinseisha_kubun = models.CharField(
        "申請者", max_length=20, choices=ShinseishaKubun.choices, default=ShinseishaKubun.HONNIN
    )
    dairinin_shimei = models.CharField("代理人の氏名", max_length=200, blank=True)
    toroku_date = models.DateField("登録日")
    haishi_date = models.DateField("廃止日", null=True, blank=True)
    haishi_riyu = models.CharField("廃止の理由", max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="受付者", on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField("受付日時")

    class Meta:
        verbose_name = "本人通知の登録"
        verbose_name_plural = "本人通知の登録"
        ordering: ClassVar[list[str]] = ["-toroku_date", "-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["atena_bango"],
                condition=models.Q(haishi_date__isnull=True),
                name="honnin_tsuchi_one_live_registration",
            )
        ]

    def __str__(self) -> str:
        return f"{self.shimei}（{self.atena_bango}）"

    def read_subject(self) -> tuple[str, str]:
        loaded = self.__dict__
        return str(loaded.get("atena_bango") or self.pk), str(loaded.get("shimei", ""))


class HonninTsuchi(PersonalRow, models.Model):
    """One notice: a 交付 about a registered person, by a category the program covers.

    It holds what the notice says and nothing of the requester but the category."""

    read_kind = "honnin_tsuchi"

    toroku = models.ForeignKey(
        HonninTsuchiToroku, on_delete=models.PROTECT, related_name="tsuchi", verbose_name="登録"
    )
    #: the 交付履歴 row it tells of (purged with it at the end of its period)
    rireki = models.ForeignKey(
        KoufuRireki, on_delete=models.CASCADE, related_name="honnin_tsuchi", verbose_name="交付履歴"
    )
    tsuchi_at = models.DateTimeField("通知日時")
    atena_bango = models.CharField("宛名番号", max_length=10)
    shimei = models.CharField("宛名（本人）", max_length=200)
    soufu_jusho = models.CharField("送付先", max_length=200)
    koufu_date = models.DateField("交付日")
    shubetsu_label = models.CharField("証明書の種別", max_length=60)
    tsusu = models.PositiveIntegerField("通数")
    seikyusha_kubun = models.CharField(
        "請求者の区分", max_length=20, choices=RequesterCategory.choices
    )

    class Meta:
        verbose_name = "本人通知"
        verbose_name_plural = "本人通知"
        ordering: ClassVar[list[str]] = ["-tsuchi_at", "-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["toroku", "rireki"], name="honnin_tsuchi_one_per_koufu")
        ]

    def __str__(self) -> str:
        return f"本人通知 {self.shimei} {self.koufu_date}"

    def read_subject(self) -> tuple[str, str]:
        loaded = self.__dict__
        return str(loaded.get("atena_bango") or self.pk), str(loaded.get("shimei", ""))


class DairiShorui(models.TextChoices):
    """What shows that the one asking represents the 本人 (個人情報の保護に関する法律
    第77条第2項: 本人の代理人であることを示す書類)."""

    KOSEKI = "koseki", "戸籍謄本・抄本等（親権者・未成年後見人）"
    TOUKI = "touki", "後見登記等の登記事項証明書（成年後見人）"
    ININJO = "ininjo", "委任状（本人の委任による代理人）"


#: the documents each kind of 代理人 may show for its authority
DAIRI_SHORUI: dict[str, frozenset[str]] = {
    ShinseishaKubun.HOTEI_DAIRININ: frozenset({DairiShorui.KOSEKI, DairiShorui.TOUKI}),
    ShinseishaKubun.NINI_DAIRININ: frozenset({DairiShorui.ININJO}),
}


class KaijiSeikyu(PersonalRow, models.Model):
    """One 開示請求 of a resident's disclosure record at the window: whose record, who
    asked (the 本人, or a 代理人 under 個人情報の保護に関する法律第76条第2項), the ID
    shown and the document of the 代理人's authority (第77条第2項)."""

    read_kind = "kaiji_seikyu"

    atena_bango = models.CharField("宛名番号（本人）", max_length=10, db_index=True)
    shimei = models.CharField("氏名（本人）", max_length=200)
    seikyusha_kubun = models.CharField(
        "請求者", max_length=20, choices=ShinseishaKubun.choices, default=ShinseishaKubun.HONNIN
    )
    dairinin_shimei = models.CharField("代理人の氏名", max_length=200, blank=True)
    honnin_kakunin = models.CharField("本人確認書類（窓口に来た方）", max_length=30)
    dairi_shorui = models.CharField(
        "代理人であることを示す書類", max_length=10, choices=DairiShorui.choices, blank=True
    )
    lines = models.PositiveIntegerField("開示した行数")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="職員"
    )
    at = models.DateTimeField("請求日時")

    class Meta:
        verbose_name = "交付・閲覧の記録の開示請求"
        verbose_name_plural = "交付・閲覧の記録の開示請求"
        ordering: ClassVar[list[str]] = ["-at", "-id"]

    def __str__(self) -> str:
        return f"開示請求 {self.shimei}（{self.get_seikyusha_kubun_display()}）"

    @property
    def seikyusha_label(self) -> str:
        """Who asked, as the record prints it: 「本人」 or 「法定代理人 山田　太郎」."""
        if self.seikyusha_kubun == ShinseishaKubun.HONNIN:
            return str(ShinseishaKubun.HONNIN.label)
        return f"{self.get_seikyusha_kubun_display()}　{self.dairinin_shimei}"

    def read_subject(self) -> tuple[str, str]:
        loaded = self.__dict__
        return str(loaded.get("atena_bango") or self.pk), str(loaded.get("shimei", ""))
