"""The entry form every certificate request shares: the 請求者's part of the 交付請求書.

``RequestForm(data, entry=…)``: unbound, it shows ``entry`` (the window reopens a
procedure; a new one shows the defaults); bound, it cleans, builds the typed entry
(``entry_class.from_json`` of the cleaned fields, so a kind writes no conversion),
plans it and puts each problem next to its field; after ``is_valid()``, ``form.entry``
is the entry's JSON. A kind adds its fields and names ``entry_class`` and ``check``.
"""

from __future__ import annotations

import dataclasses
from abc import abstractmethod
from typing import Any, ClassVar

from django import forms

from counter.kind_entry import Entry
from counter.procedure_kinds import RequesterCategory
from counter.procedure_models import IdDocument
from counter.services import ProcedureRefused
from juki.forms_fields import WarekiDateField
from juki.gaiji import MojiCheckedForm
from juki.ido import kernel as ido

from .disclosure import CHOICES, DEFAULT_KISAI
from .request import MAX_TSUSU, RiyuKubun, Shikaku


def _blank(choices: Any) -> list[tuple[str, str]]:
    return [("", "---------"), *choices]


def _text(label: str, max_length: int = 100, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=False, **kwargs)


def _area(label: str, **kwargs: Any) -> forms.CharField:
    return _text(label, 400, widget=forms.Textarea(attrs={"rows": 2}), **kwargs)


class KisaiField(forms.MultipleChoiceField):
    """The items ticked (certificates.items.Items' names)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, choices: Any = CHOICES, **kwargs: Any) -> None:
        super().__init__(choices=choices, required=False, **kwargs)


class RequestForm(MojiCheckedForm, forms.Form, metaclass=ido.AbstractFormMeta):
    """The 請求者, the basis of the request, 通数 and 免除 (see kernel.request)."""

    entry_class: ClassVar[type[Entry]]

    seikyusha_kubun = forms.ChoiceField(
        label="請求者の区分", choices=RequesterCategory.choices, widget=forms.RadioSelect
    )
    seikyusha_shimei = _text("請求者の氏名（法人・機関はその名称）", 200)
    seikyusha_jusho = _text("請求者の住所（所在地）", 200)
    seikyusha_seinengappi = WarekiDateField(
        label="請求者の生年月日", required=False, allow_future=False
    )
    seikyusha_atena_bango = _text(
        "請求者の宛名番号（本人・同一世帯・代理人のとき）", 10, help_text="4情報で探して選びます"
    )
    dairinin_shimei = _text("代理人の氏名")
    dairinin_jusho = _text("代理人の住所", 200)
    ininjo = forms.BooleanField(label="委任状あり", required=False)
    dairinin_shorui = forms.ChoiceField(
        label="代理人の本人確認書類", choices=_blank(IdDocument.choices), required=False
    )
    riyu_kubun = forms.ChoiceField(
        label="請求事由（第三者・士業）", choices=_blank(RiyuKubun.choices), required=False
    )
    riyu = _area("利用の目的（公用: 事務の名称と根拠の条項）")
    shikaku = forms.ChoiceField(
        label="特定事務受任者の資格", choices=_blank(Shikaku.choices), required=False
    )
    shokumu_seikyusho_bango = _text("職務上請求書の番号", 40)
    kouyou_kikan = _text("公用: 機関の名称", 200)
    kouyou_shokumei_shimei = _text("公用: 請求の任に当たる者の職名・氏名", 200)
    kouyou_jimu = _text("公用: 法令で定める事務の名称", 200)
    kouyou_konkyo = _text("公用: 根拠となる法令の条項", 200, help_text="例: 国税徴収法第141条")
    kouyou_jiyu_konnan = forms.BooleanField(
        label="公用: 犯罪捜査等のため請求事由を明らかにできない（第12条の2第2項第4号）",
        required=False,
    )
    bango_konkyo = _text(
        "公用: 個人番号の提供を認める番号法第19条の号", 100, help_text="例: 番号法第19条第8号"
    )
    hitsuyo_riyu = _area("基礎証明事項以外が必要な理由（第三者・士業・公用）")
    tsusu = forms.IntegerField(label="通数", min_value=1, max_value=MAX_TSUSU, initial=1)
    menjo = forms.BooleanField(label="手数料の免除", required=False)
    menjo_riyu = _text("免除の理由（条例の根拠）", 200)

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        super().__init__(data, initial=self.initial_from(entry))
        self.entry: dict[str, Any] = {}

    def initial_from(self, entry: dict[str, Any] | None) -> dict[str, Any]:
        """The fields' values of ``entry`` (a new request: the defaults)."""
        if not entry:
            return {"tsusu": 1, "kisai": list(DEFAULT_KISAI)}
        typed = self.entry_class.from_json(entry)
        initial: dict[str, Any] = {}
        for f in dataclasses.fields(typed):
            value = getattr(typed, f.name)
            initial[f.name] = list(value) if isinstance(value, tuple) else value
        return initial

    def build(self, cleaned: dict[str, Any]) -> Entry:
        """The typed entry of the cleaned fields (a field in error keeps its default)."""
        names = {f.name for f in dataclasses.fields(self.entry_class)}
        data = {}
        for name in names & set(cleaned):
            value = cleaned[name]
            data[name] = value.strip() if isinstance(value, str) else value
        return self.entry_class.from_json(data)

    @abstractmethod
    def check(self, entry: Entry) -> None:
        """Plan the entry (once per request): PlanRefused lists every problem."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        entry = self.build(cleaned)
        try:
            self.check(entry)
        except ProcedureRefused as refusal:
            ido.show_problems(self, refusal)
            return cleaned
        if not self.errors:
            self.entry = entry.to_json()
        return cleaned
