"""A person's items as the 転入 and 職権記載 forms enter them, and their unsaved 住民票."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django import forms
from django.forms.utils import ErrorDict

from counter.procedure_kinds import ReviewBlock, ReviewRow

from ... import item_forms
from ...item_forms import JuminItemsForm
from ...models import (
    Chouaza,
    Jumin,
    JuminShubetsu,
    JuminStatus,
    recorded_date_text,
)
from . import dates

if TYPE_CHECKING:
    pass

#: the person items of the entry, in the order of the paper form
PERSON_FIELDS = [
    "shubetsu",
    *item_forms.NAME_FIELDS,
    "name_alphabet",
    *item_forms.OTHER_NAME_FIELDS,
    *item_forms.PERSONAL_FIELDS,
    "juminhyo_code",
    "kojin_bango",
    *item_forms.FOREIGN_FIELDS,
]


PERSON_DATE_FIELDS = {"seinengappi", "gaikokujin_date", "zairyu_manryo_date"}


PERSON_HYOKI = {"seinengappi": "seinengappi_hyoki", "gaikokujin_date": "gaikokujin_date_hyoki"}


#: every key of a person in the entry JSON
PERSON_KEYS = [*PERSON_FIELDS, *PERSON_HYOKI.values()]


FOREIGN_FIELDS = item_forms.FOREIGN_FIELDS


def tennyu_person(**items: Any) -> dict[str, Any]:
    """One person of an entry: every PERSON_KEYS key, dates as ISO strings."""
    person: dict[str, Any] = dict.fromkeys(PERSON_KEYS, "")
    person["shubetsu"] = JuminShubetsu.JAPANESE.value
    for key, value in items.items():
        if key not in person:
            raise KeyError(f"unknown person item: {key}")
        person[key] = dates.iso(value) if isinstance(value, datetime.date) else value
    return person


def person_jumin(p: dict[str, Any], entry: dict[str, Any], chouaza: Chouaza) -> Jumin:
    """The unsaved 住民票 of one incoming person (転入日 = 住民となった日 = 住所を定めた日)."""
    moved = cast(datetime.date, dates.from_iso(entry["tennyu_date"]))
    items: dict[str, Any] = {}
    for key in PERSON_KEYS:
        value = p.get(key, "")
        if key in PERSON_DATE_FIELDS:
            value = dates.from_iso(value)
        items[key] = value
    items["kojin_bango"] = items["kojin_bango"] or None
    items["juminhyo_code"] = items["juminhyo_code"] or None
    foreign = items["shubetsu"] == JuminShubetsu.FOREIGN
    if not foreign:
        for key in FOREIGN_FIELDS:
            items[key] = None if key in PERSON_DATE_FIELDS else ""
        items["gaikokujin_date_hyoki"] = ""
    elif items["gaikokujin_date"] is None:
        items["gaikokujin_date"] = moved
    return Jumin(
        **items,
        status=JuminStatus.LIVE,
        chouaza=chouaza,
        banchi=entry["banchi"],
        katagaki=entry.get("katagaki", ""),
        jumin_date=moved,
        jusho_date=moved,
        todoke_date=dates.from_iso(entry["todoke_date"]),
        zenjusho=entry["zenjusho"],
        zenjusho_postal_code=entry.get("zenjusho_postal_code", ""),
    )


def person_name(p: dict[str, Any]) -> str:
    return f"{p.get('shi', '')}　{p['mei']}" if p.get("mei") else str(p.get("shi", ""))


class TennyuPersonForm(JuminItemsForm):
    """One incoming person: the register's items, without the procedure-wide ones."""

    jumin_date = None  # type: ignore[assignment]  # from the 転入日
    jusho_date = None  # type: ignore[assignment]
    todoke_date = None  # type: ignore[assignment]

    class Meta(JuminItemsForm.Meta):
        fields: ClassVar[list[str]] = PERSON_FIELDS

    def __init__(self, *args: Any, plan_requires: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan_requires = frozenset(plan_requires)
        self.fields["zokugara"].help_text = "世帯主との続柄（例: 世帯主、妻、子、妻の子、同居人）"
        self.fields["kojin_bango"].help_text = "任意（個人番号カード等で確認できた場合）"

    def clean_zokugara(self) -> str:
        try:
            return dates.normalize_zokugara(self.cleaned_data.get("zokugara") or "")
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def validate_unique(self) -> None:
        """Checked across the whole entry by `examine()`, naming the person found."""

    def person_entry(self) -> dict[str, Any]:
        j = self.instance
        person: dict[str, Any] = {}
        for key in PERSON_KEYS:
            value = getattr(j, key)
            person[key] = dates.iso(value) if isinstance(value, datetime.date) else value or ""
        return tennyu_person(**person)


class BasePersonFormSet(forms.BaseFormSet):
    def show_as_posted(self) -> None:
        """Render the rows as posted, unvalidated: a search button only redisplays."""
        for f in self.forms:
            f._errors = ErrorDict()
            f.cleaned_data = {}
        # the formset's own error caches (django-stubs does not declare them)
        self._errors = [f._errors for f in self.forms]
        self._non_form_errors = self.error_class()

    def filled_forms(self) -> list[TennyuPersonForm]:
        return [
            cast(TennyuPersonForm, f)
            for i, f in enumerate(self.forms)
            if i < self.min_num or f.has_changed()
        ]


PersonFormSet = forms.formset_factory(
    TennyuPersonForm,
    formset=BasePersonFormSet,
    extra=0,
    min_num=1,
    validate_min=True,
    max_num=20,
    validate_max=True,
)


def initial_person(p: dict[str, Any]) -> dict[str, Any]:
    initial = dict(p)
    for key in PERSON_DATE_FIELDS:
        hyoki = PERSON_HYOKI.get(key)
        initial[key] = p.get(hyoki) if hyoki and p.get(hyoki) else dates.from_iso(p.get(key))
    return initial


def item_rows(j: Jumin) -> list[tuple[str, str]]:
    rows = [
        ("氏名", j.full_name),
        ("フリガナ", j.full_kana),
        ("生年月日", j.seinengappi_text),
        ("性別", j.get_seibetsu_display()),
        ("続柄", j.zokugara),
        ("住民種別", j.get_shubetsu_display()),
    ]
    if j.name_alphabet:
        rows.append(("氏名（アルファベット）", j.name_alphabet))
    if j.kyuuji:
        rows.append(("旧氏", j.kyuuji))
    if j.tsushou:
        rows.append(("通称", j.tsushou))
    if not j.is_foreign:
        rows += [("本籍", j.honseki), ("筆頭者", j.hittousha)]
    rows.append(("住民票コード", j.juminhyo_code or ""))
    rows.append(("個人番号", "記載あり" if j.kojin_bango else "―"))
    if j.is_foreign:
        rows += [
            ("国籍・地域", j.kokuseki),
            (
                "外国人住民となった年月日",
                recorded_date_text(j.gaikokujin_date, j.gaikokujin_date_hyoki),
            ),
            ("第30条の45区分", j.get_kubun_30_45_display() if j.kubun_30_45 else ""),
            ("在留資格", j.zairyu_shikaku),
            ("在留期間", j.zairyu_kikan),
            ("在留期間の満了の日", j.zairyu_manryo_text),
            ("在留カード等の番号", j.zairyu_card_bango),
        ]
        rows += [
            (label, value)
            for label, value in (("上陸期間", j.joriku_kikan), ("仮滞在期間", j.kari_taizai_kikan))
            if value
        ]
    return rows


def item_block(title: str, j: Jumin) -> ReviewBlock:
    """A person's items as one block of the 照合 and 審査 screens (nothing before)."""
    return ReviewBlock(title, [ReviewRow(label, "", value) for label, value in item_rows(j)])
