"""The 世帯変更届 entry form, in the order of the paper form."""

from __future__ import annotations

from typing import Any

from django import forms

from jputil import numbers

from ...forms_fields import WarekiDateField
from ...models import Jumin, JuminStatus
from .. import kernel
from .derive import SETAINUSHI, derive_zokugara
from .entry import CODE, HENKOU, SetaiHenkouEntry, setai_henkou_entry
from .plan import planned


class SetaiHenkouForm(kernel.SearchRedisplayMixin, kernel.HouseholdSearchMixin, forms.Form):
    """世帯変更届, in the order of the paper form: 届出, the kind of change, the household
    (searched by a 宛名番号), and per variant the members, the 世帯主 and the 続柄.

    The ``search`` button only redisplays; with 世帯主変更 and a new head chosen it
    pre-fills the 続柄 that can be derived (``derive_zokugara``).
    """

    todoke_date = WarekiDateField(label="届出年月日", allow_future=False, default_today=True)
    ido_date = WarekiDateField(label="変更があった年月日（異動日）", allow_future=False)
    henkou = forms.ChoiceField(
        label="変更の種類", choices=list(HENKOU.items()), widget=forms.RadioSelect
    )
    atena_bango = forms.CharField(
        label="宛名番号（届出の世帯を検索）", max_length=10, help_text="世帯の誰か1人の宛名番号"
    )
    movers = forms.MultipleChoiceField(
        label="新しい世帯に移る方（世帯分離）", widget=forms.CheckboxSelectMultiple, required=False
    )
    setai_nushi = forms.ChoiceField(
        label="世帯主（世帯分離：新しい世帯の世帯主／世帯主変更：新しい世帯主）", required=False
    )
    staying_setai_nushi = forms.ChoiceField(
        label="残る世帯の新しい世帯主（世帯分離で世帯主が移り、2人以上が残るとき）", required=False
    )
    other_setai_bango = forms.CharField(
        label="合併する世帯の世帯番号（世帯合併：同じ住所の世帯）", max_length=12, required=False
    )

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial = self._initial(SetaiHenkouEntry.from_json(entry)) if entry else {}
        source = data if data is not None else initial
        self.household = self.find_household(source.get("atena_bango"))
        self.other_household: list[Jumin] = []
        other_bango = numbers.normalize_digits(str(source.get("other_setai_bango") or ""))
        if other_bango:
            other, members = kernel.find_household(other_bango)
            if other is not None and (not self.household or other.pk != self.household[0].setai_id):
                self.other_household = members
        if data is not None and data.get("search") and data.get("henkou") == "nushi_henkou":
            data = self._prefill(data)
        super().__init__(data, initial=initial)
        self.offer_household(
            ("movers", "setai_nushi", "staying_setai_nushi"),
            label=lambda m: f"{m.full_name}の新しい続柄",
            help_text=lambda m: f"現在：{m.zokugara}（変わる方・世帯主変更では全員）",
        )
        for m in self.other_household:
            self.add_zokugara_field(
                m,
                label=f"{m.full_name}の続柄（合併後の世帯主との続柄）",
                help_text=f"世帯番号 {m.setai.setai_bango}・現在：{m.zokugara}",
            )

    @staticmethod
    def _initial(entry: SetaiHenkouEntry) -> dict[str, Any]:
        """The saved entry redisplayed; the household is searched by its first member."""
        searched = (
            Jumin.objects.filter(setai__setai_bango=entry.setai_bango, status=JuminStatus.LIVE)
            .order_by("atena_bango")
            .values_list("atena_bango", flat=True)
            .first()
            or ""
        )
        names = (
            "todoke_date",
            "ido_date",
            "henkou",
            "setai_nushi",
            "staying_setai_nushi",
            "other_setai_bango",
        )
        initial = kernel.household_initial(entry, names, atena_bango=searched)
        return initial

    def _prefill(self, data: Any) -> Any:
        """世帯主変更: the derivable 続柄 to the chosen new head, where still blank."""
        head = next((m for m in self.household if m.atena_bango == data.get("setai_nushi")), None)
        if head is None:
            return data
        data = data.copy()
        for atena, z in derive_zokugara(self.household, head).items():
            if not data.get(f"zokugara_{atena}"):
                data[f"zokugara_{atena}"] = z
        data[f"zokugara_{head.atena_bango}"] = SETAINUSHI
        return data

    @property
    def zokugara_fields(self) -> list[forms.BoundField]:
        return [
            self[f"zokugara_{m.atena_bango}"]
            for m in self.household
            if f"zokugara_{m.atena_bango}" in self.fields
        ]

    @property
    def other_zokugara_fields(self) -> list[forms.BoundField]:
        return [self[f"zokugara_{m.atena_bango}"] for m in self.other_household]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.ready_to_plan():
            return cleaned
        henkou = cleaned["henkou"]
        movers = list(cleaned.get("movers") or []) if henkou == "bunri" else []
        typed = self.typed_zokugara(cleaned, self.household)
        staying: dict[str, str] = {}
        if henkou == "bunri":
            zoku, staying = kernel.split_zokugara(typed, movers)
        else:
            now = {m.atena_bango: m.zokugara for m in self.household}
            zoku = {a: z for a, z in typed.items() if henkou == "nushi_henkou" or z != now[a]}
        if henkou == "gappei":
            zoku.update(self.typed_zokugara(cleaned, self.other_household))
        entry = setai_henkou_entry(
            henkou=henkou,
            setai_bango=self.household[0].setai.setai_bango,
            ido_date=cleaned["ido_date"],
            todoke_date=cleaned["todoke_date"],
            atena_bangos=movers,
            setai_nushi=cleaned.get("setai_nushi", ""),
            other_setai_bango=numbers.normalize_digits(cleaned.get("other_setai_bango", "")),
            zokugara=zoku,
            staying_setai_nushi=cleaned.get("staying_setai_nushi", ""),
            staying_zokugara=staying,
        )
        self.accept(
            entry,
            lambda: planned(SetaiHenkouEntry.from_json(entry), code=CODE),
            {"atena_bangos": "movers"},
        )
        return cleaned
