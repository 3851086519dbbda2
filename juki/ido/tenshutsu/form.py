"""転出届's entry form, in the order of the paper form; the household is found by a 宛名番号."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms

from counter.procedure_kinds import get_kind
from counter.services import ProcedureRefused

from ...forms_fields import WarekiDateField
from ...gaiji import MojiCheckedForm
from ...models import Jumin, JuminStatus
from ...services import live_members
from .. import kernel
from .entry import TenshutsuEntry

if TYPE_CHECKING:
    from .kind import TenshutsuKind

CODE = "tenshutsu"
#: the plan names the persons ``atena_bangos``; the form ticks them in ``leavers``
ALIASES = {"atena_bangos": "leavers"}


class TenshutsuForm(kernel.SearchRedisplayMixin, MojiCheckedForm, forms.Form):
    """転出届, in the order of the paper form. The household is found by a 宛名番号.

    The members' checkboxes, the new 世帯主 and the 続柄 fields appear once the
    household is known (the searched 宛名番号 is posted with the form).
    """

    moji_fields = ("tenshutsusaki", "tenshutsusaki_country")

    atena_bango = forms.CharField(
        label="宛名番号（届出の世帯を検索）", max_length=10, help_text="世帯の誰か1人の宛名番号"
    )
    todoke_date = WarekiDateField(label="届出年月日", allow_future=False, default_today=True)
    tenshutsu_yotei_date = WarekiDateField(
        label="転出予定年月日",
        help_text="転出の前か、転出から14日以内。それより後の届出は転出証明書に準ずる証明書になります。",
    )
    kokugai = forms.BooleanField(label="国外転出", required=False)
    tokurei = forms.BooleanField(
        label="特例転出（個人番号カードで転入する：転出証明書は交付しない）", required=False
    )
    tenshutsusaki_postal_code = forms.CharField(
        label="転出先の郵便番号", max_length=8, required=False
    )
    tenshutsusaki = forms.CharField(label="転出先の住所", max_length=180, required=False)
    tenshutsusaki_country = forms.CharField(
        label="転出先の国・地域（国外転出）", max_length=60, required=False
    )
    leavers = forms.MultipleChoiceField(
        label="転出する方", widget=forms.CheckboxSelectMultiple, required=True
    )
    new_setai_nushi = forms.ChoiceField(
        label="新しい世帯主（世帯主が転出するとき）", required=False
    )

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial: dict[str, Any] = {}
        if entry:
            typed = TenshutsuEntry.from_json(entry)
            initial = {
                "atena_bango": (typed.atena_bangos or ("",))[0],
                "todoke_date": typed.todoke_date,
                "tenshutsu_yotei_date": typed.tenshutsu_yotei_date,
                "kokugai": typed.kokugai,
                "tokurei": typed.tokurei,
                "tenshutsusaki_postal_code": typed.tenshutsusaki_postal_code,
                "tenshutsusaki": typed.tenshutsusaki,
                "tenshutsusaki_country": typed.tenshutsusaki_country,
                "leavers": list(typed.atena_bangos),
                "new_setai_nushi": typed.new_setai_nushi,
                **{f"zokugara_{a}": z for a, z in typed.zokugara_changes.items()},
            }
        super().__init__(data, initial=initial)
        searched = (data.get("atena_bango") if data is not None else None) or initial.get(
            "atena_bango"
        )
        self.household: list[Jumin] = []
        self.entry: dict[str, Any] = {}
        atena = kernel.typed_atena_bango(searched)
        if atena:
            person = Jumin.objects.of_atena(atena).first()
            if person is not None and person.status == JuminStatus.LIVE:
                self.household = kernel.ordered(live_members(person.setai))  # j1010
        choices = [(m.atena_bango, f"{m.full_name}（{m.zokugara}）") for m in self.household]
        leavers = self.fields["leavers"]
        assert isinstance(leavers, forms.MultipleChoiceField)
        leavers.choices = choices
        nushi = self.fields["new_setai_nushi"]
        assert isinstance(nushi, forms.ChoiceField)
        nushi.choices = [("", "―"), *choices]
        for m in self.household:
            self.fields[f"zokugara_{m.atena_bango}"] = forms.CharField(
                label=f"{m.full_name}の新しい続柄（変わるときだけ）", max_length=40, required=False
            )

    @property
    def zokugara_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("zokugara_")]

    def typed_entry(self, cleaned: dict[str, Any]) -> TenshutsuEntry:
        """The entry from what was typed (a field in error is left empty)."""
        changes = {
            m.atena_bango: (cleaned.get(f"zokugara_{m.atena_bango}") or "").strip()
            for m in self.household
        }
        return TenshutsuEntry(
            todoke_date=cleaned.get("todoke_date"),
            tenshutsu_yotei_date=cleaned.get("tenshutsu_yotei_date"),
            kokugai=bool(cleaned.get("kokugai")),
            tokurei=bool(cleaned.get("tokurei")),
            tenshutsusaki_postal_code=(cleaned.get("tenshutsusaki_postal_code") or "")
            .strip()
            .replace("-", ""),
            tenshutsusaki=(cleaned.get("tenshutsusaki") or "").strip(),
            tenshutsusaki_country=(cleaned.get("tenshutsusaki_country") or "").strip(),
            setai_bango=self.household[0].setai.setai_bango,
            atena_bangos=tuple(cleaned.get("leavers") or ()),
            new_setai_nushi=cleaned.get("new_setai_nushi") or "",
            zokugara_changes={k: v for k, v in changes.items() if v},
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.household:
            self.add_error("atena_bango", "住民である方の宛名番号で世帯を検索してください。")
            return cleaned
        # The plan runs even when a field is in error, so every other problem shows too.
        entry = self.typed_entry(cleaned)
        try:
            cast("TenshutsuKind", get_kind(CODE)).planned(entry)
        except ProcedureRefused as refusal:
            kernel.show_problems(self, refusal, aliases=ALIASES)
            return cleaned
        if not self.errors:
            self.entry = entry.to_json()
        return cleaned
