"""The register's items as a form: the checks every entry screen (転入, 出生, 職権修正 …)
builds on. Dates are typed in 和暦 or 西暦; a 生年月日 may be a recorded date (j80)."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django import forms

from jputil import numbers, searchkeys

from .forms_fields import RecordedDateField, WarekiDateField
from .gaiji import MojiCheckedForm
from .models import Jumin, JuminShubetsu, Kubun3045

#: recorded-date fields and the model field that keeps their wording (j80)
DATE_FIELDS = {
    "seinengappi": "seinengappi_hyoki",
    "jumin_date": "jumin_date_hyoki",
    "jusho_date": "jusho_date_hyoki",
    "gaikokujin_date": "gaikokujin_date_hyoki",
}

#: j60: items that may not be blank, per kind of resident. 戸籍の表示 is 本籍 and 筆頭者
#: (住基法第7条第4号); both accept 「なし」「不明」 (j120).
REQUIRED_JAPANESE = {"honseki": "本籍", "hittousha": "筆頭者", "juminhyo_code": "住民票コード"}
REQUIRED_FOREIGN = {
    "juminhyo_code": "住民票コード",
    "kokuseki": "国籍・地域",
    "gaikokujin_date": "外国人住民となった年月日",
    "kubun_30_45": "第30条の45区分",
}
#: j60 "listed 30条の45 items": what the table of 住基法第30条の45 records for each 区分
#: (the card's number for a 中長期在留者 or 特別永住者, the 上陸期間 of a 一時庇護許可者, the
#: 仮滞在期間 of a 仮滞在許可者; a 経過滞在者 has none)
REQUIRED_BY_KUBUN = {
    Kubun3045.CHUCHOKI.value: {"zairyu_card_bango": "在留カードの番号"},
    Kubun3045.TOKUBETSU_EIJU.value: {"zairyu_card_bango": "特別永住者証明書の番号"},
    Kubun3045.ICHIJI_HIGO.value: {"joriku_kikan": "上陸期間"},
    Kubun3045.KARI_TAIZAI.value: {"kari_taizai_kikan": "仮滞在期間"},
}

#: the items that hold names and addresses as typed: only characters the register can
#: print and send (j1070, juki.gaiji); Latin letters are refused too in a 日本人's 氏名
MOJI_FIELDS = (
    "shi", "mei", "kyuuji", "tsushou", "name_alphabet", "hittousha", "honseki",
    "banchi", "katagaki", "zenjusho",
)  # fmt: skip
JAPANESE_NAME_FIELDS = ("shi", "mei", "kyuuji", "hittousha")

#: groups of the register's items, in the order the paper forms give them
#: shi_kana/mei_kana are the search フリガナ; shi_furigana/mei_furigana the legal 氏名の
#: 振り仮名 (住基法第7条第1号の2), which a 転入 takes from the 転出証明書 (住基令第23条)
NAME_FIELDS = ["shi", "mei", "shi_kana", "mei_kana", "shi_furigana", "mei_furigana"]
OTHER_NAME_FIELDS = ["kyuuji", "kyuuji_kana", "tsushou", "tsushou_kana"]
PERSONAL_FIELDS = ["seinengappi", "seibetsu", "zokugara", "honseki", "hittousha"]
#: the items only a foreign resident has (j60)
FOREIGN_FIELDS = [
    "kokuseki",
    "gaikokujin_date",
    "kubun_30_45",
    "zairyu_shikaku",
    "zairyu_kikan",
    "zairyu_manryo_date",
    "zairyu_card_bango",
    "joriku_kikan",
    "kari_taizai_kikan",
]


KYUUJI_ARTICLE = "住基令第30条の13"


def kyuuji_pair_problem(kyuuji: str, kyuuji_kana: str) -> tuple[str, str] | None:
    """旧氏 and its 振り仮名 are recorded together or not at all (住基令第30条の13, as
    amended from 2025-05-26): the field left blank and the message, or None."""
    if kyuuji.strip() and not kyuuji_kana.strip():
        return (
            "kyuuji_kana",
            f"旧氏を記載するときは旧氏の振り仮名も記載してください（{KYUUJI_ARTICLE}）。",
        )
    if kyuuji_kana.strip() and not kyuuji.strip():
        return (
            "kyuuji",
            f"旧氏の振り仮名だけを記載することはできません（旧氏と併せて、{KYUUJI_ARTICLE}）。",
        )
    return None


class JuminItemsForm(MojiCheckedForm, forms.ModelForm):
    """住民票の記載事項. Names are stored exactly as typed (no normalization)."""

    moji_fields = MOJI_FIELDS

    seinengappi = RecordedDateField(label="生年月日", allow_future=False)
    jumin_date = RecordedDateField(label="住民となった年月日", allow_future=False)
    jusho_date = RecordedDateField(label="住所を定めた年月日", allow_future=False)
    gaikokujin_date = RecordedDateField(
        label="外国人住民となった年月日", required=False, allow_future=False
    )
    todoke_date = WarekiDateField(label="届出年月日", required=False, allow_future=False)
    zairyu_manryo_date = WarekiDateField(label="在留期間の満了の日", required=False)

    class Meta:
        model = Jumin
        fields: ClassVar[list[str]] = [
            "shubetsu",
            *NAME_FIELDS,
            *OTHER_NAME_FIELDS,
            "name_alphabet",
            *PERSONAL_FIELDS,
            "jumin_date",
            "jusho_date",
            "todoke_date",
            "chouaza",
            "banchi",
            "katagaki",
            "zenjusho",
            "kojin_bango",
            "juminhyo_code",
            *FOREIGN_FIELDS,
        ]

    #: blank items the procedure's plan refuses itself, with its own rule's message
    plan_requires: frozenset[str] = frozenset()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("shi", "mei", "kyuuji", "tsushou"):
            cast(forms.CharField, self.fields[name]).strip = False  # names keep their spaces

    def moji_japanese_names(self) -> tuple[str, ...]:
        shubetsu = self.cleaned_data.get("shubetsu") or self.instance.shubetsu
        return () if shubetsu == JuminShubetsu.FOREIGN else JAPANESE_NAME_FIELDS

    def _kana(self, name: str) -> str:
        return searchkeys.to_katakana_input(self.cleaned_data.get(name) or "")

    def clean_shi_kana(self) -> str:
        return self._kana("shi_kana")

    def clean_mei_kana(self) -> str:
        return self._kana("mei_kana")

    def clean_shi_furigana(self) -> str:
        return self._kana("shi_furigana")

    def clean_mei_furigana(self) -> str:
        return self._kana("mei_furigana")

    def clean_kyuuji_kana(self) -> str:
        return self._kana("kyuuji_kana")

    def clean_tsushou_kana(self) -> str:
        return self._kana("tsushou_kana")

    def clean_kojin_bango(self) -> str | None:
        return numbers.normalize_digits(self.cleaned_data.get("kojin_bango") or "") or None

    def clean_juminhyo_code(self) -> str | None:
        return numbers.normalize_digits(self.cleaned_data.get("juminhyo_code") or "") or None

    def clean_zairyu_card_bango(self) -> str:
        return (self.cleaned_data.get("zairyu_card_bango") or "").strip().upper()

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        foreign = cleaned.get("shubetsu") == JuminShubetsu.FOREIGN
        required = dict(REQUIRED_FOREIGN if foreign else REQUIRED_JAPANESE)
        if foreign:
            required.update(REQUIRED_BY_KUBUN.get(str(cleaned.get("kubun_30_45") or ""), {}))
        for name, label in required.items():
            # A form without the item (出生: the 住民票コード comes at 承認) does not ask it.
            if name in self.plan_requires or name not in self.fields or name in self.errors:
                continue
            if not cleaned.get(name):
                self.add_error(
                    name, f"{label}は空欄にできません（住民記録システム標準仕様書 j60）。"
                )
        pair = kyuuji_pair_problem(cleaned.get("kyuuji") or "", cleaned.get("kyuuji_kana") or "")
        if pair is not None and pair[0] not in self.errors:
            self.add_error(pair[0], pair[1])
        birth = cleaned.get("seinengappi")
        since = cleaned.get("jumin_date")
        if birth and since and since.sort_date < birth.sort_date:
            self.add_error("jumin_date", "住民となった年月日が生年月日より前になっています。")
        return cleaned

    def _post_clean(self) -> None:
        # The model keeps a recorded date as (sortable date, wording); unpack before
        # the model's own validation runs.
        for name, hyoki_attr in DATE_FIELDS.items():
            value = self.cleaned_data.get(name)
            if value is not None:
                self.cleaned_data[name] = value.sort_date
                setattr(self.instance, hyoki_attr, value.text)
        super()._post_clean()  # type: ignore[misc]
