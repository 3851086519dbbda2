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
from django.db import models
from django.db.models import Q

from counter.fields import BulkJSONField
from counter.models import Undeletable, UndeletableQuerySet
from counter.reads import PersonalRow
from jputil import searchkeys, wareki

# the address master lives in its own module; the app reads every model from here
from .address import Chouaza as Chouaza
from .address import Gyouseiku as Gyouseiku
from .address import has_gyouseiku as has_gyouseiku
from .fields import SearchKeyField
from .gaiji import Gaiji as Gaiji
from .validators import (
    validate_furigana,
    validate_juminhyo_code,
    validate_kojin_bango,
    validate_name_text,
    validate_zairyu_card_bango,
    validate_zokugara,
)


def recorded_date_text(value: datetime.date | None, hyoki: str, *, seireki: bool = False) -> str:
    """A register date as printed: the recorded wording (j80) when there is one."""
    if hyoki:
        if seireki:
            return (
                wareki.format_recorded_seireki(wareki.RecordedDate(value, hyoki))
                if value
                else hyoki
            )
        return hyoki
    if value is None:
        return ""
    if seireki:
        return wareki.to_seireki(value)
    try:
        return wareki.to_wareki(value)
    except ValueError:
        return wareki.to_seireki(value)


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


class NenkinShubetsu(models.TextChoices):
    NONE = "", "―"
    DAI1 = "1", "第1号被保険者"
    DAI3 = "3", "第3号被保険者"


class Jumin(PersonalRow, models.Model):
    """住民票: one person's row in the register (住基法第7条, 第30条の45).

    Live rows and 除票 share the table: a removal (消除) sets `status` to 除票 and the
    row stays (kept 150 years, still certifiable). Every change adds a JuminRireki
    snapshot; `rireki_no` is the newest one's number.
    """

    # Unique by a constraint (jumin_atena_bango), not `unique=True`: on PostgreSQL that
    # adds a LIKE index nothing uses, written at every 記載.
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
    name_alphabet = models.CharField("氏名（アルファベット）", max_length=200, blank=True)
    kyuuji = models.CharField("旧氏", max_length=100, blank=True)
    kyuuji_kana = models.CharField("旧氏（フリガナ）", max_length=200, blank=True)
    tsushou = models.CharField("通称", max_length=100, blank=True)
    tsushou_kana = models.CharField("通称（フリガナ）", max_length=200, blank=True)

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

    # 消除 (除票)
    shojo_jiyu = models.CharField("消除事由", max_length=20, choices=ShojoJiyu.choices, blank=True)
    shojo_date = models.DateField("消除年月日", null=True, blank=True)
    tenshutsusaki = models.CharField("転出先", max_length=200, blank=True)

    # Folded keys (see jputil.searchkeys); computed in save().
    search_kana = SearchKeyField(max_length=400, editable=False, default="")
    search_mei_kana = SearchKeyField(max_length=200, editable=False, default="")
    search_kanji = SearchKeyField(max_length=200, editable=False, default="")

    updated_at = models.DateTimeField("更新日時", auto_now=True)

    SEARCH_KEY_SOURCES: ClassVar[dict[str, tuple[str, ...]]] = {
        "search_kana": ("shi_kana", "mei_kana"),
        "search_mei_kana": ("mei_kana",),
        "search_kanji": ("shi", "mei"),
    }

    class Meta:
        verbose_name = "住民"
        verbose_name_plural = "住民"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["atena_bango"], name="jumin_atena_bango"),
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
            # The unique indexes above cover live rows only; a 再転入 check or a search
            # that includes 除票 looks the numbers up among all rows.
            models.Index(fields=["juminhyo_code"], name="jumin_juminhyo_code"),
            models.Index(fields=["kojin_bango"], name="jumin_kojin_bango"),
            models.Index(fields=["zairyu_card_bango"], name="jumin_zairyu_card_bango"),
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

    @property
    def full_kana(self) -> str:
        return f"{self.shi_kana}　{self.mei_kana}".strip("　")

    @property
    def is_foreign(self) -> bool:
        return self.shubetsu == JuminShubetsu.FOREIGN

    @property
    def is_johyo(self) -> bool:
        return self.status == JuminStatus.JOHYO

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


class IdoJiyu(models.TextChoices):
    """異動事由 (j210): internal codes mapping to the standard's 記載・消除・修正."""

    IKOU = "ikou", "データ移行（記載）"
    TENNYU = "tennyu", "転入"
    KOKUGAI_TENNYU = "kokugai_tennyu", "国外からの転入"
    KUKAN_TENNYU = "kukan_tennyu", "区間転入"
    TENKYO = "tenkyo", "転居"
    SETAI_HENKOU = "setai_henkou", "世帯変更"
    SHUSSEI = "shussei", "出生"
    SHOKKEN_KISAI = "shokken_kisai", "職権記載"
    TENSHUTSU = "tenshutsu", "転出"
    KOKUGAI_TENSHUTSU = "kokugai_tenshutsu", "国外転出"
    SHIBOU = "shibou", "死亡"
    SHOKKEN_SHOJO = "shokken_shojo", "職権消除"
    SHOKKEN_SHUSEI = "shokken_shusei", "職権修正"
    TORIKESHI = "torikeshi", "取消"


class JuminRirekiQuerySet(UndeletableQuerySet["JuminRireki"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("異動履歴は変更できません。取消は取消の履歴を追加します。")


class JuminRireki(Undeletable):
    """異動履歴 (j200): a full snapshot of the person's row after each change.

    Keyed by 宛名番号 + 履歴番号 (1, 2, 3 …); the highest is the current row. The
    household's data of that moment (世帯番号, 世帯主, 続柄) is copied into the snapshot.
    Append-only: a cancellation adds a 取消 row, never edits or deletes one.
    """

    # Indexed by rireki_unique_no (jumin, rireki_no), which serves every look-up by person.
    jumin = models.ForeignKey(
        Jumin, on_delete=models.PROTECT, related_name="rireki", db_index=False
    )
    rireki_no = models.PositiveIntegerField("履歴番号")
    ido_jiyu = models.CharField("異動事由", max_length=30, choices=IdoJiyu.choices)
    ido_date = models.DateField("異動日")
    ido_date_hyoki = models.CharField("異動日（表記）", max_length=30, blank=True)
    todoke_date = models.DateField("届出日", null=True, blank=True)
    shori_date = models.DateField("処理日")
    processed_at = models.DateTimeField("処理日時")
    place = models.CharField("入力場所", max_length=50, blank=True)
    terminal_code = models.CharField("入力端末", max_length=20, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="処理者",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: generated by the 承認 (再転入 warnings of several persons can be long): never cut
    ryuiji = models.TextField("留意事項", blank=True)
    changed_fields = BulkJSONField("変更した項目", default=list)
    snapshot = BulkJSONField("記載内容")
    #: the procedure whose 承認 wrote the row (none for data migration and demo loads)
    procedure = models.ForeignKey(
        "counter.Procedure",
        verbose_name="手続",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rireki",
    )

    objects = JuminRirekiQuerySet.as_manager()

    class Meta:
        verbose_name = "異動履歴"
        verbose_name_plural = "異動履歴"
        ordering: ClassVar[list[str]] = ["jumin", "rireki_no"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["jumin", "rireki_no"], name="rireki_unique_no"),
        ]

    def __str__(self) -> str:
        return f"{self.jumin_id}-{self.rireki_no} {self.get_ido_jiyu_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("異動履歴は変更できません。")
        super().save(*args, **kwargs)


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
