"""個人番号カード: the card, its 電子証明書, its history and the PIN-setting records.

The card is not the 個人番号 (the register holds that, juki.Jumin.kojin_bango): a card row
links to its holder (Jumin) and carries what the card management system (J-LIS) and the
counter know of it. Its life (docs/adr/0035) moves only through mynumber.services, each
move a django-fsm transition that writes a CardRireki row (who, when, from, to, why):

    申請中 ──受領(交付前設定)──▶ 交付前 ──交付──▶ 交付済 ──一時停止(紛失)──▶ 一時停止
      │                          │                 ▲  │                  │
      │取消                       │取消              └──┼──一時停止解除(発見)─┘
      ▼                          ▼                    │
    取消 ◀───────────────────────┘           返納 ◀────┤ (施行令第15条: 返納, いつでも)
                                                       │
    申請中・交付前・交付済・一時停止 ──廃止(失効)──▶ 廃止 ──回収──▶ 回収

- 廃止: the card lapsed or was ended (番号法施行令第14条: 有効期間満了, 継続利用の期限経過,
  再交付を受けたとき, 死亡・職権消除 …); the card may still be out there.
- 回収: the city holds the ended card (the old card at a 再交付 or 更新; a 廃止 card found).
- 返納: the holder gave it back (番号法施行令第15条第4項); the card ends and is held.
- 取消: the 交付申請 was withdrawn before 交付 (交付申請取消).

The PINs are set at the CS terminal: a PinSetteiKiroku records which of the four was set,
changed or reset, when, by whom and with whom at the window; never a PIN or a part of
one (tests/mynumber/test_no_pin.py inspects every field).
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django_fsm import FSMField, FSMModelMixin, transition

from counter.models_rireki import ActedRecord, StatusRireki
from counter.reads import PersonalRow


class CardStatus(models.TextChoices):
    SHINSEI = "shinsei", "申請中"
    KOUFUMAE = "koufumae", "交付前"
    KOUFUZUMI = "koufuzumi", "交付済"
    ICHIJI_TEISHI = "teishi", "一時停止"
    HAISHI = "haishi", "廃止"
    KAISHU = "kaishu", "回収"
    HENNOU = "hennou", "返納"
    TORIKESHI = "torikeshi", "取消"


#: the states of "the person's card" (カード省令: 有効な個人番号カードを重ねて交付しない)
OPEN_STATES = (
    CardStatus.SHINSEI,
    CardStatus.KOUFUMAE,
    CardStatus.KOUFUZUMI,
    CardStatus.ICHIJI_TEISHI,
)
#: the states of a card in the holder's hands
HELD_STATES = (CardStatus.KOUFUZUMI, CardStatus.ICHIJI_TEISHI)


class ShinseiJiyu(models.TextChoices):
    """Why the card was applied for (the 交付申請書's 申請事由)."""

    SHINKI = "shinki", "新規"
    KOUSHIN = "koushin", "有効期限満了による更新"
    SAIKOUFU_FUNSHITSU = "saikoufu_funshitsu", "再交付（紛失・焼失）"
    SAIKOUFU_HASON = "saikoufu_hason", "再交付（著しい損傷）"
    SAIKOUFU_TSUIKIRAN = "saikoufu_tsuikiran", "再交付（追記欄の余白なし）"
    SAIKOUFU_SONOTA = "saikoufu_sonota", "再交付（その他）"


class ShinseiHouhou(models.TextChoices):
    """How the 交付申請 reached J-LIS (番号法第16条の2第2項: directly or through the city)."""

    YUUSOU = "yuusou", "郵送"
    ONLINE = "online", "オンライン（スマートフォン・パソコン）"
    MACHIKADO = "machikado", "証明写真機"
    MADOGUCHI = "madoguchi", "窓口（申請時来庁）"


class HaishiJiyu(models.TextChoices):
    """Why a card ended (番号法施行令第14条 の失効事由 and the city's own 廃止)."""

    KIGEN_MANRYO = "kigen_manryo", "有効期間の満了"
    KEIZOKU_KIGEN = "keizoku_kigen", "継続利用の期限経過（転入届から90日）"
    TENNYU_NASHI = "tennyu_nashi", "転出後に転入届なし"
    SAIKOUFU = "saikoufu", "再交付（新しいカードの交付）"
    SHIBOU = "shibou", "死亡"
    SHOKKEN = "shokken", "職権消除"
    KOUFU_KIGEN = "koufu_kigen", "交付期限の経過（未受領）"
    SONOTA = "sonota", "その他"


class Card(PersonalRow, FSMModelMixin, models.Model):
    """One 個人番号カード of one resident, from its 交付申請 to its end.

    A screen that loads one has read it (counter.reads: the 操作ログ)."""

    read_kind: ClassVar[str] = "mynumber_card"

    jumin = models.ForeignKey(
        "juki.Jumin", verbose_name="カード所有者", on_delete=models.PROTECT, related_name="+"
    )
    status = FSMField(
        "状態",
        max_length=10,
        choices=CardStatus.choices,
        default=CardStatus.SHINSEI,
        protected=True,
        db_index=True,
    )
    #: the card's 発行番号 as the card management system (J-LIS) gives it; blank until
    #: the card arrives at the city
    hakkou_bango = models.CharField("カード発行番号", max_length=20, blank=True)
    shinsei_date = models.DateField("交付申請日", null=True, blank=True)
    shinsei_jiyu = models.CharField(
        "申請事由", max_length=20, choices=ShinseiJiyu.choices, default=ShinseiJiyu.SHINKI
    )
    shinsei_houhou = models.CharField(
        "申請方法", max_length=10, choices=ShinseiHouhou.choices, default=ShinseiHouhou.YUUSOU
    )
    #: 特急発行 (令和6年12月〜: 新生児・紛失再交付等、J-LIS が短期間で発行)
    tokkyu = models.BooleanField("特急発行", default=False)
    #: the card this one replaces (再交付, 更新): ended and collected at this one's 交付
    kyuu_card = models.ForeignKey(
        "self",
        verbose_name="旧カード",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: the day J-LIS made the card (カード省令第26条: the 有効期限 counts from it)
    hakkou_date = models.DateField("発行日", null=True, blank=True)
    yuukou_kigen = models.DateField("有効期限", null=True, blank=True, db_index=True)
    #: 交付前設定: the day the city received and set the card up (it is 交付前 from then)
    settei_date = models.DateField("交付前設定日", null=True, blank=True)
    tsuchisho_sent_date = models.DateField("交付通知書の発送日", null=True, blank=True)
    #: the 交付通知書 came back undelivered (返戻): listed until sent again
    tsuchisho_returned_date = models.DateField("交付通知書の返戻日", null=True, blank=True)
    koufu_date = models.DateField("交付日", null=True, blank=True)
    teishi_date = models.DateField("一時停止日", null=True, blank=True)
    end_date = models.DateField("廃止・返納日", null=True, blank=True)
    haishi_jiyu = models.CharField(
        "廃止事由", max_length=20, choices=HaishiJiyu.choices, blank=True
    )
    kaishu_date = models.DateField("回収日", null=True, blank=True)
    #: 継続利用 (番号法第17条第2項, 施行令第14条): after a 転入 the card must be shown
    #: within 90 days of the 転入届 or it lapses; None when nothing is due
    keizoku_kigen = models.DateField("継続利用の期限", null=True, blank=True, db_index=True)
    keizoku_date = models.DateField("継続利用の処理日", null=True, blank=True)
    #: カード補記 due (番号法第17条第4項: 券面の記載事項の変更): since when, and what
    #: changed; cleared by do_hoki
    hoki_since = models.DateField("カード補記が必要となった日", null=True, blank=True)
    hoki_jiyu = models.CharField("カード補記の事由", max_length=200, blank=True)

    class Meta:
        verbose_name = "個人番号カード"
        verbose_name_plural = "個人番号カード"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["hakkou_bango"],
                condition=~Q(hakkou_bango=""),
                name="mynumber_card_hakkou_bango_unique",
            ),
            # カード省令: a valid card is not issued twice; a new one (再交付, 更新) may be
            # applied for while the old one is held, and replaces it at its 交付
            models.UniqueConstraint(
                fields=["jumin"],
                condition=Q(status__in=["shinsei", "koufumae"]),
                name="mynumber_one_pending_card_per_person",
                violation_error_message="この方には交付前のカードが既にあります。",
            ),
            models.UniqueConstraint(
                fields=["jumin"],
                condition=Q(status__in=["koufuzumi", "teishi"]),
                name="mynumber_one_held_card_per_person",
                violation_error_message="この方は既に有効なカードをお持ちです。",
            ),
        ]

    def __str__(self) -> str:
        return f"個人番号カード {self.hakkou_bango or self.pk}（{self.get_status_display()}）"

    def read_subject(self) -> tuple[str, str]:
        return str(self.pk), f"個人番号カード {self.hakkou_bango or self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES

    @property
    def is_held(self) -> bool:
        return self.status in HELD_STATES

    # --- transitions: called only from mynumber.services (each writes a CardRireki) ---

    @transition(field=status, source=CardStatus.SHINSEI, target=CardStatus.KOUFUMAE)
    def uketori(self) -> None:
        """交付前設定: the card came from J-LIS, was checked against the register and set
        up at the CS terminal; the 交付通知書 goes out."""

    @transition(field=status, source=CardStatus.KOUFUMAE, target=CardStatus.KOUFUZUMI)
    def koufu(self) -> None:
        """交付 (番号法第17条第1項, 施行令第13条): handed over at the window."""

    @transition(field=status, source=CardStatus.KOUFUZUMI, target=CardStatus.ICHIJI_TEISHI)
    def teishi(self) -> None:
        """一時停止: the holder reported it lost (番号法第17条第5項)."""

    @transition(field=status, source=CardStatus.ICHIJI_TEISHI, target=CardStatus.KOUFUZUMI)
    def kaijo(self) -> None:
        """一時停止解除: the lost card was found and shown (発見)."""

    @transition(
        field=status,
        source=[CardStatus.KOUFUZUMI, CardStatus.ICHIJI_TEISHI],
        target=CardStatus.HENNOU,
    )
    def hennou(self) -> None:
        """返納 (番号法施行令第15条): the holder gives it back."""

    @transition(field=status, source=list(OPEN_STATES), target=CardStatus.HAISHI)
    def haishi(self) -> None:
        """廃止: the card lapsed or was ended (番号法施行令第14条)."""

    @transition(field=status, source=CardStatus.HAISHI, target=CardStatus.KAISHU)
    def kaishu(self) -> None:
        """回収: the city holds the ended card."""

    @transition(
        field=status,
        source=[CardStatus.SHINSEI, CardStatus.KOUFUMAE],
        target=CardStatus.TORIKESHI,
    )
    def torikeshi(self) -> None:
        """交付申請取消: withdrawn before 交付."""


#: the history row of a card put aside at 交付前設定 (it stays 申請中; the reason follows)
HORYUU_ACT = "交付前設定（保留）"


class CardRireki(StatusRireki):
    """One move or act on a card: who, when, from, to, why (the card's history)."""

    card = models.ForeignKey(
        Card, on_delete=models.CASCADE, related_name="rireki", verbose_name="個人番号カード"
    )
    from_status = models.CharField("変更前", max_length=10, choices=CardStatus.choices, blank=True)
    to_status = models.CharField("変更後", max_length=10, choices=CardStatus.choices)

    class Meta(StatusRireki.Meta):
        verbose_name = "個人番号カードの履歴"
        verbose_name_plural = "個人番号カードの履歴"


class CertShubetsu(models.TextChoices):
    """公的個人認証法: the two certificates a card carries."""

    SHOMEI = "shomei", "署名用電子証明書"
    RIYOUSHA = "riyousha", "利用者証明用電子証明書"


class CertStatus(models.TextChoices):
    YUUKOU = "yuukou", "有効"
    SHIKKOU = "shikkou", "失効"
    #: 一時保留: the card is 一時停止 (利用者証明用: resumes at 発見)
    HORYUU = "horyuu", "一時保留"


class CertShikkouJiyu(models.TextChoices):
    KIGEN_MANRYO = "kigen_manryo", "有効期間の満了"
    KIHON_JOHO = "kihon_joho", "住民票の記載事項の変更（氏名・住所等）"
    FUNSHITSU = "funshitsu", "カードの紛失（失効申請）"
    CARD_END = "card_end", "カードの廃止・返納"
    SHINSEI = "shinsei", "本人の失効申請"
    SAIHAKKOU = "saihakkou", "再発行（新しい証明書）"


class DenshiShomeisho(models.Model):
    """One 電子証明書 recorded on a card (公的個人認証法): 署名用 or 利用者証明用."""

    card = models.ForeignKey(
        Card, on_delete=models.CASCADE, related_name="certificates", verbose_name="個人番号カード"
    )
    shubetsu = models.CharField("種別", max_length=10, choices=CertShubetsu.choices)
    status = models.CharField(
        "状態", max_length=10, choices=CertStatus.choices, default=CertStatus.YUUKOU
    )
    hakkou_date = models.DateField("発行日")
    yuukou_kigen = models.DateField("有効期限", db_index=True)
    shikkou_date = models.DateField("失効日", null=True, blank=True)
    shikkou_jiyu = models.CharField(
        "失効事由", max_length=20, choices=CertShikkouJiyu.choices, blank=True
    )

    class Meta:
        verbose_name = "電子証明書"
        verbose_name_plural = "電子証明書"
        ordering = ("card", "shubetsu", "hakkou_date", "id")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["card", "shubetsu"],
                condition=~Q(status="shikkou"),
                name="mynumber_one_live_cert_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_shubetsu_display()}（{self.get_status_display()}）"


class PinShurui(models.TextChoices):
    """The four 暗証番号 of a card (カード省令第33条, 公的個人認証法): which one was set."""

    SHOMEI = "shomei", "署名用電子証明書（英数字6〜16桁）"
    RIYOUSHA = "riyousha", "利用者証明用電子証明書（数字4桁）"
    JUKI = "juki", "住民基本台帳用（数字4桁）"
    KENMEN = "kenmen", "券面事項入力補助用（数字4桁）"


class PinSousa(models.TextChoices):
    SETTEI = "settei", "設定（交付時）"
    HENKOU = "henkou", "変更"
    SAISETTEI = "saisettei", "再設定（初期化）"


class Raichousha(models.TextChoices):
    """Who stood at the CS terminal with the staff."""

    HONNIN = "honnin", "本人"
    HOUTEI_DAIRININ = "houtei", "法定代理人"
    DAIRININ = "dairinin", "任意代理人（照会書兼回答書）"


class PinSetteiKiroku(ActedRecord):
    """That a PIN of a card was set, changed or reset at the CS terminal.

    Holds which PIN, the act, when, by which staff and who was at the window (a 任意代理人
    only with the 照会書兼回答書 the holder answered); never the PIN, nor any part of it."""

    card = models.ForeignKey(
        Card, on_delete=models.CASCADE, related_name="pin_kiroku", verbose_name="個人番号カード"
    )
    shurui = models.CharField("対象", max_length=10, choices=PinShurui.choices)
    sousa = models.CharField("操作", max_length=10, choices=PinSousa.choices)
    raichousha = models.CharField(
        "来庁者", max_length=10, choices=Raichousha.choices, default=Raichousha.HONNIN
    )
    #: the 照会書兼回答書 was checked (required for a 任意代理人)
    shoukaisho = models.BooleanField("照会書兼回答書の確認", default=False)

    class Meta(ActedRecord.Meta):
        verbose_name = "暗証番号の設定記録"
        verbose_name_plural = "暗証番号の設定記録"

    def __str__(self) -> str:
        return f"{self.get_shurui_display()} {self.get_sousa_display()}"


# the records of the window 届出 (ADR 0037), in their own modules
from .models_shinseisho import ShinseishoKoufu  # noqa: E402
from .models_tsuchi import TsuchiCardTodoke, TsuchishoHenrei, TsuchishoHenreiRireki  # noqa: E402

__all__ = [
    "HELD_STATES",
    "OPEN_STATES",
    "Card",
    "CardRireki",
    "CardStatus",
    "CertShikkouJiyu",
    "CertShubetsu",
    "CertStatus",
    "DenshiShomeisho",
    "HaishiJiyu",
    "PinSetteiKiroku",
    "PinShurui",
    "PinSousa",
    "Raichousha",
    "ShinseiHouhou",
    "ShinseiJiyu",
    "ShinseishoKoufu",
    "TsuchiCardTodoke",
    "TsuchishoHenrei",
    "TsuchishoHenreiRireki",
]
