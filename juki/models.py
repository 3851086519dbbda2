"""The register: 住民 (residents), 世帯 (households), 異動履歴; the 町字 master is in address.py.

Names are stored exactly as entered (no Unicode normalization: NFC would turn 塚 U+FA10
into 塚 U+585A); the folded search keys beside them are what searches compare.
Dates that the standard lets be partly unknown or recorded as given (j80) are a pair:
a sortable `DateField` and a `*_hyoki` text that holds the recorded wording when the
date is not an ordinary calendar date.
"""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from counter.reads import PersonalRow
from jputil import searchkeys, wareki
from jputil.furigana import furigana_text as furigana_text

# the address master lives in its own module; the app reads every model from here
from .address import Chouaza as Chouaza
from .address import Gyouseiku as Gyouseiku
from .address import has_gyouseiku as has_gyouseiku
from .fields import SearchKeyField
from .gaiji import Gaiji as Gaiji
from .records import CURRENT_FIRST as CURRENT_FIRST
from .records import JuminQuerySet
from .validators import (
    validate_furigana,
    validate_juminhyo_code,
    validate_kojin_bango,
    validate_name_text,
    validate_zairyu_card_bango,
    validate_zokugara,
)
from .yobi_code import YobiJuminhyoCode as YobiJuminhyoCode


def recorded_date_text(value: datetime.date | None, hyoki: str, *, seireki: bool = False) -> str:
    """A register date as printed: the recorded wording (j80) when there is one."""
    if hyoki:
        if seireki:
            return (
                wareki.format_recorded_seireki(wareki.RecordedDate(value, hyoki))
                if value
                else hyoki
            )
        # j90: a wording typed in 西暦 (「1991年2月29日」) is printed in 和暦.
        return wareki.format_recorded_wareki(wareki.RecordedDate(value, hyoki)) if value else hyoki
    if value is None:
        return ""
    if seireki:
        return wareki.to_seireki(value)
    try:
        return wareki.to_wareki(value)
    except ValueError:
        return wareki.to_seireki(value)


TSUSHOU_JAPANESE_MESSAGE = (
    "通称は外国人住民の住民票にだけ記載できます（住民基本台帳法施行令第30条の25）。"
    "日本人の旧氏は「旧氏」欄に入力してください。"
)


class Setai(models.Model):
    """世帯: a household. Its 世帯主 may be empty (j100)."""

    setai_bango = models.CharField("世帯番号", max_length=10, unique=True)
    setai_nushi = models.ForeignKey(
        "Jumin",
        verbose_name="世帯主",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: the members' order set by hand (宛名番号): kept until set again or the 世帯主
    #: changes (j1010, ADR 0020)
    kisai_jun = models.JSONField("記載順（手動）", default=list, blank=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)

    class Meta:
        verbose_name = "世帯"
        verbose_name_plural = "世帯"

    def __str__(self) -> str:
        return self.setai_bango


class JuminStatus(models.TextChoices):
    LIVE = "live", "住民"
    JOHYO = "johyo", "除票"


class Seibetsu(models.TextChoices):
    MALE = "1", "男"
    FEMALE = "2", "女"


class JuminShubetsu(models.TextChoices):
    JAPANESE = "1", "日本人"
    FOREIGN = "2", "外国人"


class Kubun3045(models.TextChoices):
    """住基法第30条の45 の区分."""

    CHUCHOKI = "1", "中長期在留者"
    TOKUBETSU_EIJU = "2", "特別永住者"
    ICHIJI_HIGO = "3", "一時庇護許可者"
    KARI_TAIZAI = "4", "仮滞在許可者"
    SHUSSEI_KEIKA = "5", "出生による経過滞在者"
    SOSHITSU_KEIKA = "6", "国籍喪失による経過滞在者"


class ShojoJiyu(models.TextChoices):
    TENSHUTSU = "tenshutsu", "転出"
    SHIBOU = "shibou", "死亡"
    SHOKKEN_SHOJO = "shokken_shojo", "職権消除"
    KOKUGAI_TENSHUTSU = "kokugai_tenshutsu", "国外転出"
    #: 指定都市: the 除票 the 区 left keeps at a 区間転入 (ADR 0021)
    KUKAN_TENSHUTSU = "kukan_tenshutsu", "区間転出"


class NenkinShubetsu(models.TextChoices):
    NONE = "", "―"
    DAI1 = "1", "第1号被保険者"
    DAI3 = "3", "第3号被保険者"


class Jumin(PersonalRow, models.Model):
    """住民票: one person's row in the register (住基法第7条, 第30条の45).

    Live rows and 除票 share the table: a removal (消除) sets `status` to 除票 and the
    row stays (kept 150 years, still certifiable: 住基法第15条の4). Every change adds a
    JuminRireki snapshot; `rireki_no` is the newest one's number. A 宛名番号 has one live
    row at most and may have 除票 beside it: a 再転入 makes a new row and a 区間転入
    leaves one in the 区 left, both linked by `zen_jumin` (j600, j470, ADR 0021).
    """

    # Unique among live rows by a constraint (jumin_atena_bango_unique_live), indexed
    # for every row by jumin_atena_bango.
    atena_bango = models.CharField("宛名番号", max_length=10)
    status = models.CharField(
        "状態", max_length=10, choices=JuminStatus.choices, default=JuminStatus.LIVE
    )  # no index of its own: nearly every row is live, so it would only mislead planners
    shubetsu = models.CharField(
        "住民種別", max_length=1, choices=JuminShubetsu.choices, default=JuminShubetsu.JAPANESE
    )
    rireki_no = models.PositiveIntegerField("履歴番号", default=0)

    # 氏名 (外国人住民は氏名のアルファベット表記と漢字表記)
    shi = models.CharField("氏", max_length=100, validators=[validate_name_text])
    mei = models.CharField("名", max_length=100, blank=True, validators=[validate_name_text])
    shi_kana = models.CharField(
        "氏（フリガナ）", max_length=200, blank=True, validators=[validate_furigana]
    )
    mei_kana = models.CharField(
        "名（フリガナ）", max_length=200, blank=True, validators=[validate_furigana]
    )
    furigana_kakunin = models.BooleanField("フリガナ確認済み", default=False)
    # 氏名の振り仮名 (住基法第7条第1号の2, since 2025-05-26): the legal item, for a 日本人
    # as the 戸籍 records it (第9条第2項 notice, 職権修正); not the search フリガナ above,
    # which staff type and searches fold. Either part may be unrecorded (【氏空欄】).
    shi_furigana = models.CharField(
        "氏の振り仮名", max_length=200, blank=True, validators=[validate_furigana]
    )
    mei_furigana = models.CharField(
        "名の振り仮名", max_length=200, blank=True, validators=[validate_furigana]
    )
    name_alphabet = models.CharField("氏名（アルファベット）", max_length=200, blank=True)
    # 旧氏 and its 振り仮名 are recorded together or not at all (住基令第30条の13)
    kyuuji = models.CharField("旧氏", max_length=100, blank=True)
    kyuuji_kana = models.CharField("旧氏（フリガナ）", max_length=200, blank=True)
    kyuuji_kana_kakunin = models.BooleanField("旧氏フリガナ確認済み", default=False)
    tsushou = models.CharField("通称", max_length=100, blank=True)
    tsushou_kana = models.CharField("通称（フリガナ）", max_length=200, blank=True)
    tsushou_kana_kakunin = models.BooleanField("通称フリガナ確認済み", default=False)

    seinengappi = models.DateField("生年月日", db_index=True)
    seinengappi_hyoki = models.CharField("生年月日（記録どおりの表記）", max_length=30, blank=True)
    seibetsu = models.CharField("性別", max_length=1, choices=Seibetsu.choices)

    setai = models.ForeignKey(
        Setai, verbose_name="世帯", on_delete=models.PROTECT, related_name="members"
    )
    zokugara = models.CharField("続柄", max_length=40, validators=[validate_zokugara])

    honseki = models.CharField("本籍", max_length=200, blank=True)
    hittousha = models.CharField("筆頭者", max_length=100, blank=True)

    jumin_date = models.DateField("住民となった年月日")
    jumin_date_hyoki = models.CharField("住民となった年月日（表記）", max_length=30, blank=True)
    # Indexed by jumin_address (chouaza, banchi): its own index would only slow each 記載.
    chouaza = models.ForeignKey(
        Chouaza, verbose_name="町字", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    banchi = models.CharField("番地", max_length=60)
    katagaki = models.CharField("方書", max_length=100, blank=True)
    jusho_date = models.DateField("住所を定めた年月日")
    jusho_date_hyoki = models.CharField("住所を定めた年月日（表記）", max_length=30, blank=True)
    todoke_date = models.DateField("届出年月日", null=True, blank=True)
    zenjusho = models.CharField("従前の住所", max_length=200, blank=True)
    zenjusho_postal_code = models.CharField("従前の住所の郵便番号", max_length=7, blank=True)

    # NULL, not "", for "none": the uniqueness among live rows must ignore the absent.
    kojin_bango = models.CharField(  # noqa: DJ001
        "個人番号", max_length=12, null=True, blank=True, validators=[validate_kojin_bango]
    )
    juminhyo_code = models.CharField(  # noqa: DJ001
        "住民票コード", max_length=11, null=True, blank=True, validators=[validate_juminhyo_code]
    )

    # 資格等 (住基法第7条第10号〜第11号の2)
    senkyo_touroku = models.BooleanField("選挙人名簿登録", default=False)
    kokuho_date = models.DateField("国民健康保険資格取得日", null=True, blank=True)
    kouki_date = models.DateField("後期高齢者医療資格取得日", null=True, blank=True)
    kaigo_date = models.DateField("介護保険資格取得日", null=True, blank=True)
    nenkin_shubetsu = models.CharField(
        "国民年金種別", max_length=1, choices=NenkinShubetsu.choices, blank=True
    )
    nenkin_date = models.DateField("国民年金資格取得日", null=True, blank=True)
    jidou_teate = models.BooleanField("児童手当受給", default=False)

    # 外国人住民 (第30条の45)
    kokuseki = models.CharField("国籍・地域", max_length=60, blank=True)
    gaikokujin_date = models.DateField("外国人住民となった年月日", null=True, blank=True)
    gaikokujin_date_hyoki = models.CharField(
        "外国人住民となった年月日（表記）", max_length=30, blank=True
    )
    kubun_30_45 = models.CharField(
        "第30条の45区分", max_length=1, choices=Kubun3045.choices, blank=True
    )
    zairyu_shikaku = models.CharField("在留資格", max_length=60, blank=True)
    zairyu_kikan = models.CharField("在留期間", max_length=30, blank=True)
    zairyu_manryo_date = models.DateField("在留期間の満了の日", null=True, blank=True)
    zairyu_card_bango = models.CharField(
        "在留カード等の番号", max_length=12, blank=True, validators=[validate_zairyu_card_bango]
    )
    # 第30条の45の表: 一時庇護許可者の上陸期間, 仮滞在許可者の仮滞在期間
    joriku_kikan = models.CharField("上陸期間", max_length=60, blank=True)
    kari_taizai_kikan = models.CharField("仮滞在期間", max_length=60, blank=True)

    # 消除 (除票)
    shojo_jiyu = models.CharField("消除事由", max_length=20, choices=ShojoJiyu.choices, blank=True)
    shojo_date = models.DateField("消除年月日", null=True, blank=True)
    tenshutsusaki = models.CharField("転出先", max_length=200, blank=True)
    #: set at the 転出's 承認 while the person stays a resident until the 消除 (j50,
    #: docs/adr/0017): a 転出予定者 is a live row with this date
    tenshutsu_yotei_date = models.DateField("転出予定年月日", null=True, blank=True)
    #: the 除票 this record follows (再転入: the one of the earlier stay; 区間転入: the
    #: one the 区 left keeps), so the person's records read as one chain
    zen_jumin = models.ForeignKey(
        "self",
        verbose_name="前の住民票（除票）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # Folded keys (see jputil.searchkeys); computed in save().
    search_kana = SearchKeyField(max_length=400, editable=False, default="")
    search_mei_kana = SearchKeyField(max_length=200, editable=False, default="")
    search_kanji = SearchKeyField(max_length=200, editable=False, default="")

    updated_at = models.DateTimeField("更新日時", auto_now=True)

    objects = JuminQuerySet.as_manager()

    SEARCH_KEY_SOURCES: ClassVar[dict[str, tuple[str, ...]]] = {
        "search_kana": ("shi_kana", "mei_kana"),
        "search_mei_kana": ("mei_kana",),
        "search_kanji": ("shi", "mei"),
    }

    class Meta:
        verbose_name = "住民"
        verbose_name_plural = "住民"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["atena_bango"],
                condition=Q(status="live"),
                name="jumin_atena_bango_unique_live",
                violation_error_message="この宛名番号の住民票は既にあります。",
            ),
            models.UniqueConstraint(
                fields=["kojin_bango"],
                condition=Q(status="live") & Q(kojin_bango__isnull=False),
                name="jumin_kojin_bango_unique_live",
                violation_error_message="この個人番号は他の住民に記載されています。",
            ),
            models.UniqueConstraint(
                fields=["juminhyo_code"],
                condition=Q(status="live") & Q(juminhyo_code__isnull=False),
                name="jumin_juminhyo_code_unique_live",
                violation_error_message="この住民票コードは他の住民に記載されています。",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            # A prefix is a range on the key and the first page is read in key order
            # straight from the index (juki.search, docs/adr/0005).
            models.Index(fields=["search_kana", "seinengappi", "id"], name="jumin_search_kana"),
            models.Index(
                fields=["search_mei_kana", "seinengappi", "id"], name="jumin_search_mei_kana"
            ),
            models.Index(fields=["search_kanji", "seinengappi", "id"], name="jumin_search_kanji"),
            # 氏 (+ 性別) + 町字: the 町字 is an equality, so the same range is read in key
            # order within it, instead of every person of a common surname (docs/adr/0023).
            models.Index(
                fields=["chouaza", "search_kana", "seinengappi", "id"],
                name="jumin_chouaza_search_kana",
            ),
            models.Index(
                fields=["chouaza", "search_kanji", "seinengappi", "id"],
                name="jumin_chouaza_search_kanji",
            ),
            models.Index(fields=["chouaza", "banchi"], name="jumin_address"),
            models.Index(fields=["atena_bango"], name="jumin_atena_bango"),
            # The unique indexes above cover live rows only; a 再転入 check or a search
            # that includes 除票 looks the numbers up among all rows.
            models.Index(fields=["juminhyo_code"], name="jumin_juminhyo_code"),
            models.Index(fields=["kojin_bango"], name="jumin_kojin_bango"),
            models.Index(fields=["zairyu_card_bango"], name="jumin_zairyu_card_bango"),
            # the 転出予定者 the 消除 task looks for (few rows: partial, docs/adr/0017)
            models.Index(
                fields=["tenshutsu_yotei_date"],
                condition=Q(tenshutsu_yotei_date__isnull=False),
                name="jumin_tenshutsu_yotei",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        changed = self.refresh_search_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *changed}
        super().save(*args, **kwargs)

    def refresh_search_keys(self) -> list[str]:
        """Recompute the folded keys; return the names of those that changed."""
        new = {
            "search_kana": searchkeys.kana_key(self.shi_kana, self.mei_kana),
            "search_mei_kana": searchkeys.fold_kana(self.mei_kana),
            "search_kanji": searchkeys.kanji_key(self.shi, self.mei),
        }
        changed = [name for name, value in new.items() if getattr(self, name) != value]
        for name in changed:
            setattr(self, name, new[name])
        return changed

    @property
    def full_name(self) -> str:
        return f"{self.shi}　{self.mei}" if self.mei else self.shi

    read_kind: ClassVar[str] = "jumin"

    def read_subject(self) -> tuple[str, str]:
        """The 操作ログ's name for a person read: 宛名番号 and name (only loaded fields)."""
        loaded = self.__dict__
        name = " ".join(str(loaded[f]) for f in ("shi", "mei") if loaded.get(f))
        return str(loaded.get("atena_bango") or self.pk), name

    def clean(self) -> None:
        # 通称 is an item of a 外国人住民's 住民票 only (住基法施行令第30条の25第1号).
        if self.tsushou and not self.is_foreign:
            raise ValidationError({"tsushou": TSUSHOU_JAPANESE_MESSAGE})

    @property
    def full_kana(self) -> str:
        return f"{self.shi_kana}　{self.mei_kana}".strip("　")

    @property
    def shimei_furigana(self) -> str:
        """氏名の振り仮名 as printed (住基法第7条第1号の2): 【氏空欄】/【名空欄】 stand
        for the part the 戸籍 has not recorded; empty when neither part is recorded."""
        return furigana_text(self.shi_furigana, self.mei_furigana, has_mei=bool(self.mei))

    @property
    def is_foreign(self) -> bool:
        return self.shubetsu == JuminShubetsu.FOREIGN

    @property
    def is_johyo(self) -> bool:
        return self.status == JuminStatus.JOHYO

    @property
    def is_tenshutsu_yotei(self) -> bool:
        """転出予定者: the 転出 is approved, the 消除 has not happened yet (ADR 0017)."""
        return self.status == JuminStatus.LIVE and self.tenshutsu_yotei_date is not None

    @property
    def address(self) -> str:
        """住所 as printed: 町字 and 番地, with the 方書 after a space."""
        base = f"{self.chouaza.prefecture}{self.chouaza.city}{self.chouaza.name}{self.banchi}"
        return f"{base}　{self.katagaki}" if self.katagaki else base

    @property
    def seinengappi_text(self) -> str:
        """生年月日 as recorded: 西暦 for a foreign resident (j90), else 和暦."""
        return recorded_date_text(self.seinengappi, self.seinengappi_hyoki, seireki=self.is_foreign)

    @property
    def zairyu_manryo_text(self) -> str:
        return wareki.to_seireki(self.zairyu_manryo_date) if self.zairyu_manryo_date else ""

    @property
    def kojin_bango_masked(self) -> str:
        return "●●●● ●●●● ●●●●" if self.kojin_bango else ""


class NumberSequence(models.Model):
    """A named counter for 宛名番号 and 世帯番号 (the check digit is added on top)."""

    name = models.CharField(max_length=30, unique=True)
    last_value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "採番"

    def __str__(self) -> str:
        return f"{self.name}={self.last_value}"


class JittaiKekka(models.TextChoices):
    """実態調査の結果."""

    KYOJU_NASHI = "kyoju_nashi", "居住の事実なし"
    KYOJU_ARI = "kyoju_ari", "居住の事実あり"
    FUMEI = "fumei", "不明（調査継続）"


class JittaiChousa(models.Model):
    """実態調査: the record of a residence check (住基法第34条), the ground of a 職権消除.

    A 職権消除 (juki.ido.shokken_shojo) is refused unless it references one of these whose
    result is 「居住の事実なし」. Append-only in practice: a new check is a new row.
    """

    jumin = models.ForeignKey(
        Jumin, verbose_name="調査対象者", on_delete=models.PROTECT, related_name="jittai_chousa"
    )
    chousa_date = models.DateField("調査日")
    chousain = models.CharField("調査者", max_length=100)
    kekka = models.CharField("結果", max_length=20, choices=JittaiKekka.choices)
    saikoku_date = models.DateField("催告日", null=True, blank=True)
    koji_date = models.DateField("公示日", null=True, blank=True)
    memo = models.CharField("調査の内容", max_length=400, blank=True)
    recorded_at = models.DateTimeField("記録日時", auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="記録者",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "実態調査"
        verbose_name_plural = "実態調査"
        ordering: ClassVar[list[str]] = ["jumin", "-chousa_date", "-id"]

    def __str__(self) -> str:
        return f"{self.jumin_id} {self.chousa_date} {self.get_kekka_display()}"


# The history rows (異動履歴, 通称) live in their own modules; their names stay importable here.
from .models_rireki import IdoJiyu as IdoJiyu  # noqa: E402
from .models_rireki import JuminRireki as JuminRireki  # noqa: E402
from .models_rireki import JuminRirekiQuerySet as JuminRirekiQuerySet  # noqa: E402
from .models_tsushou import TsushouRireki as TsushouRireki  # noqa: E402
from .shien.models import ShienAlertKakunin as ShienAlertKakunin  # noqa: E402
from .shien.models import ShienKaijo as ShienKaijo  # noqa: E402
from .shien.models import ShienSochi as ShienSochi  # noqa: E402
from .shien.models import ShienSochiRireki as ShienSochiRireki  # noqa: E402
from .shien.models import ShienTaishousha as ShienTaishousha  # noqa: E402
