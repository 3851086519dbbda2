"""The 職権記載 entry form: the reason and dates, the address and household, the person."""

from __future__ import annotations

from typing import Any

from django import forms

from counter.services import ProcedureRefused

from ...forms_fields import WarekiDateField
from .. import kernel
from .entry import KISAI_RIYU_DEFAULT, ShokkenKisaiEntry
from .plan import planned


class KisaiPersonForm(kernel.TennyuPersonForm):
    """The person of a 職権記載 (the 転入 items); 住民票コード may be blank (assigned)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["juminhyo_code"].help_text = "不明なら空欄（承認時に付番）"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        raw = (self.data.get(self.add_prefix("juminhyo_code")) or "").strip()
        if not raw and "juminhyo_code" in self.errors:
            del self.errors["juminhyo_code"]
        return cleaned


class ShokkenKisaiForm(kernel.NewcomerAddressForm):
    """職権記載; the person is ``form.person``."""

    field_order = ("riyu", "todoke_date", "jumin_date", "zenjusho")
    chouaza_label = "住所（町字）"
    moji_fields = (*kernel.CityAddressForm.moji_fields, "zenjusho")

    riyu = forms.CharField(
        label="職権記載の理由",
        max_length=200,
        initial=KISAI_RIYU_DEFAULT,
        help_text="例: 就籍の戸籍通知、裁判の確定、実態調査による未届転入の記載",
    )
    todoke_date = WarekiDateField(label="通知・届出年月日", allow_future=False, default_today=True)
    jumin_date = WarekiDateField(
        label="住民となった年月日（異動日）",
        allow_future=False,
        help_text="住所を定めた年月日も同じ",
    )
    zenjusho = forms.CharField(label="従前の住所", max_length=200, required=False)

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial: dict[str, Any] = {}
        person_initial: dict[str, Any] | None = None
        if entry and data is None:
            e = ShokkenKisaiEntry.from_json(entry)
            initial = {name: getattr(e, name) for name in self.base_fields}
            person_initial = kernel.initial_person(dict(e.persons[0])) if e.persons else None
        super().__init__(data, initial=initial)
        self.person = KisaiPersonForm(data, prefix="person", initial=person_initial)
        self.entry: dict[str, Any] | None = None

    def full_clean(self) -> None:
        super().full_clean()
        self.entry = None
        if not self.is_bound:
            return
        if not self.person.is_valid():
            self.add_error(None, "記載する方の項目に誤りがあります。")
        if self.errors:
            return
        c = self.cleaned_data
        entry = ShokkenKisaiEntry(
            **self.newcomer_address(),
            riyu=c["riyu"].strip(),
            todoke_date=c["todoke_date"],
            jumin_date=c["jumin_date"],
            zenjusho=c.get("zenjusho", ""),
            persons=(self.person.person_entry(),),
        )
        try:
            planned(entry)
        except ProcedureRefused as exc:
            kernel.show_problems(self, exc, inner=self.person, inner_prefix="persons.0.")
            return
        self.entry = entry.to_json()

    def is_valid(self) -> bool:
        return self.is_bound and not self.errors and self.entry is not None
