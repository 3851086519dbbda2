"""The register's items as a form: the checks every entry screen (転入, 出生, 職権修正 …)
builds on. Dates are typed in 和暦 or 西暦; a 生年月日 may be a recorded date (j80)."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django import forms

from jputil import numbers, searchkeys

from .forms_fields import RecordedDateField, WarekiDateField
from .gaiji import MojiCheckedForm
from .models import Jumin, JuminShubetsu

#: recorded-date fields and the model field that keeps their wording (j80)
DATE_FIELDS = {
    "seinengappi": "seinengappi_hyoki",
    "jumin_date": "jumin_date_hyoki",
    "jusho_date": "jusho_date_hyoki",
    "gaikokujin_date": "gaikokujin_date_hyoki",
}

#: j60: items that may not be blank, per kind of resident (本籍 accepts 「なし」「不明」: j120)
REQUIRED_JAPANESE = {"honseki": "本籍", "juminhyo_code": "住民票コード"}
REQUIRED_FOREIGN = {
    "juminhyo_code": "住民票コード",
    "kokuseki": "国籍・地域",
    "gaikokujin_date": "外国人住民となった年月日",
    "kubun_30_45": "第30条の45区分",
}

#: the items that hold names and addresses as typed: only characters the register can
#: print and send (j1070, juki.gaiji); Latin letters are refused too in a 日本人's 氏名
MOJI_FIELDS = (
    "shi", "mei", "kyuuji", "tsushou", "name_alphabet", "hittousha", "honseki",
    "banchi", "katagaki", "zenjusho",
)  # fmt: skip
JAPANESE_NAME_FIELDS = ("shi", "mei", "kyuuji", "hittousha")

#: groups of the register's items, in the order the paper forms give them
NAME_FIELDS = ["shi", "mei", "shi_kana", "mei_kana"]
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
]


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
        for name, label in (REQUIRED_FOREIGN if foreign else REQUIRED_JAPANESE).items():
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(
                    name, f"{label}は空欄にできません（住民記録システム標準仕様書 j60）。"
                )
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
