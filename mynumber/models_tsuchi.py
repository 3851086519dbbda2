"""The 個人番号通知書 returned by post, and what the window still does with a 通知カード.

``TsuchishoHenrei`` is the 個人番号通知書管理簿【返戻】 (seed 004 「個人番号（通知書交付）」):
a 通知書 the post brought back (あて所なし, 保管期間経過 …) is kept by the city; it is
handed over at the window to the person (or a 代理人) after the ID and the 代理権 are
checked, the visitor's name and the kind of ID written in the 管理簿; or it is destroyed
once the city's keeping period has passed. Its life is a protected FSMField moved only by
mynumber.services_todoke (保管中 → 交付済, 保管中 → 廃棄), each move one
``TsuchishoHenreiRireki`` row.

``TsuchiCardTodoke`` records a 通知カード 紛失届 or 返納届. The 通知カード was abolished on
2020-05-25 (令和元年法律第16号による番号法第7条の改正): none is issued, reissued or
endorsed since, but a card already held is still returned or reported lost under the
transitional rule (docs/adr/0037), and the CS terminal's 運用状況 is set from that.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from counter.models_rireki import StatusRireki
from counter.procedure_models import IdDocument
from counter.reads import PersonalRow


class HenreiStatus(models.TextChoices):
    HOKAN = "hokan", "保管中"
    KOUFU = "koufu", "交付済"
    HAIKI = "haiki", "廃棄"


class HenreiRiyu(models.TextChoices):
    """Why the post brought the 通知書 back (the 返戻文書's own words)."""

    ATESHO_NASHI = "atesho_nashi", "あて所に尋ねあたりません"
    HOKAN_KIKAN = "hokan_kikan", "保管期間経過"
    UKETORI_KYOHI = "uketori_kyohi", "受取拒否"
    SONOTA = "sonota", "その他"


class TsuchishoHenrei(PersonalRow, FSMModelMixin, models.Model):
    """One returned 個人番号通知書: a row of the 個人番号通知書管理簿【返戻】."""

    read_kind: ClassVar[str] = "tsuchisho_henrei"

    jumin = models.ForeignKey(
        "juki.Jumin", verbose_name="通知書の名あて人", on_delete=models.PROTECT, related_name="+"
    )
    status = FSMField(
        "状態",
        max_length=10,
        choices=HenreiStatus.choices,
        default=HenreiStatus.HOKAN,
        protected=True,
        db_index=True,
    )
    henrei_date = models.DateField("返戻を受けた日")
    henrei_riyu = models.CharField("返戻の理由", max_length=20, choices=HenreiRiyu.choices)
    #: the city keeps it until this day (settings.MYNUMBER_TSUCHISHO_HOKAN_DAYS), then destroys it
    hokan_kigen = models.DateField("保管期限")
    koufu_date = models.DateField("交付日", null=True, blank=True)
    #: 管理簿: 来庁者氏名・本人確認書類の種類 (seed ⑥)
    uketorinin_shimei = models.CharField("受領者の氏名", max_length=100, blank=True)
    uketorinin_kubun = models.CharField("受領者の区分", max_length=20, blank=True)
    honnin_kakunin = models.CharField("本人確認書類", max_length=40, blank=True)
    dairiken = models.CharField("代理権の確認書類", max_length=40, blank=True)
    haiki_date = models.DateField("廃棄日", null=True, blank=True)
    procedure = models.ForeignKey(
        "counter.Procedure",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="交付の手続",
    )

    class Meta:
        verbose_name = "返戻された個人番号通知書"
        verbose_name_plural = "個人番号通知書管理簿【返戻】"

    def __str__(self) -> str:
        return f"個人番号通知書（返戻）{self.pk}（{self.get_status_display()}）"

    def read_subject(self) -> tuple[str, str]:
        return str(self.pk), f"返戻された個人番号通知書 {self.pk}"

    @property
    def honnin_kakunin_label(self) -> str:
        return str(dict(IdDocument.choices).get(self.honnin_kakunin, self.honnin_kakunin))

    # --- transitions: called only from mynumber.services_todoke ---

    @transition(field=status, source=HenreiStatus.HOKAN, target=HenreiStatus.KOUFU)
    def koufu(self) -> None:
        """交付: handed over at the window, ID and 代理権 checked."""

    @transition(field=status, source=HenreiStatus.HOKAN, target=HenreiStatus.HAIKI)
    def haiki(self) -> None:
        """廃棄: not collected within the city's keeping period."""


class TsuchishoHenreiRireki(StatusRireki):
    """One move of a returned 通知書: who, when, from, to, why."""

    henrei = models.ForeignKey(
        TsuchishoHenrei, on_delete=models.CASCADE, related_name="rireki", verbose_name="通知書"
    )
    from_status = models.CharField(
        "変更前", max_length=10, choices=HenreiStatus.choices, blank=True
    )
    to_status = models.CharField("変更後", max_length=10, choices=HenreiStatus.choices)

    class Meta(StatusRireki.Meta):
        verbose_name = "返戻された個人番号通知書の履歴"
        verbose_name_plural = "返戻された個人番号通知書の履歴"


class TsuchiCardTodokeKind(models.TextChoices):
    FUNSHITSU = "funshitsu", "通知カード紛失届"
    HENNOU = "hennou", "通知カード返納届"


class TsuchiCardTodoke(PersonalRow, models.Model):
    """A 通知カード 紛失届 or 返納届 accepted (the CS terminal's 運用状況 follows it)."""

    read_kind: ClassVar[str] = "tsuchi_card_todoke"

    jumin = models.ForeignKey(
        "juki.Jumin", verbose_name="通知カードの名義人", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("届出", max_length=10, choices=TsuchiCardTodokeKind.choices)
    todoke_date = models.DateField("届出日")
    jiyu = models.CharField("事由", max_length=20)
    jiyu_label = models.CharField("事由（表示）", max_length=60)
    #: 国外転出: the card is endorsed (補記) and handed back (還付), not kept (seed ⑤⑦)
    kanpu = models.BooleanField("補記して還付", default=False)
    procedure = models.ForeignKey(
        "counter.Procedure", on_delete=models.PROTECT, related_name="+", verbose_name="手続"
    )
    created_at = models.DateTimeField("受理日時")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="受理した職員",
    )

    class Meta:
        verbose_name = "通知カードの届出"
        verbose_name_plural = "通知カードの届出"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.todoke_date}"

    def read_subject(self) -> tuple[str, str]:
        return str(self.pk), f"{self.get_kind_display()} {self.pk}"
