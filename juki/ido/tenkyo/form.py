"""The 転居届 entry form, in the order of the paper form (a 区間転入 in its own words)."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from jputil import numbers

from ...forms_fields import WarekiDateField
from .. import kernel
from .entry import KUKAN_TENNYU, SETAI_MODES, TENKYO, Move, TenkyoEntry, tenkyo_entry
from .plan import planned

#: the entry's items a saved entry redisplays as they are
INITIAL_ITEMS = (
    "todoke_date",
    "tenkyo_date",
    "chouaza",
    "banchi",
    "katagaki",
    "setai_mode",
    "setai_nushi",
    "join_setai_bango",
    "staying_setai_nushi",
)
#: the fields whose choices are the household's members
CHOICE_FIELDS = ("movers", "setai_nushi", "staying_setai_nushi")


class TenkyoForm(kernel.SearchRedisplayMixin, kernel.HouseholdSearchMixin, kernel.CityAddressForm):
    """転居届, in the order of the paper form. The household is found by a 宛名番号.

    The persons' checkboxes, the household handling and the 続柄 fields appear once the
    household is known (the searched 宛名番号 is posted with the form; the button
    ``search`` only redisplays). A 区間転入 uses the same form in its own words.
    """

    move: ClassVar[Move] = TENKYO
    field_order = ("todoke_date", "tenkyo_date")

    todoke_date = WarekiDateField(label="届出年月日", allow_future=False, default_today=True)
    tenkyo_date = WarekiDateField(label="転居した年月日（異動日）", allow_future=False)
    atena_bango = forms.CharField(
        label="宛名番号（届出の世帯を検索）", max_length=10, help_text="世帯の誰か1人の宛名番号"
    )
    movers = forms.MultipleChoiceField(
        label="転居する方", widget=forms.CheckboxSelectMultiple, required=False
    )
    setai_mode = forms.ChoiceField(
        label="世帯の扱い",
        choices=list(SETAI_MODES.items()),
        widget=forms.RadioSelect,
        initial="same",
    )
    setai_nushi = forms.ChoiceField(
        label="新しい世帯の世帯主（新しい世帯をつくるとき）", required=False
    )
    join_setai_bango = forms.CharField(
        label="入る世帯の世帯番号（転居先の世帯に入るとき）", max_length=12, required=False
    )
    staying_setai_nushi = forms.ChoiceField(
        label="元の世帯の新しい世帯主（世帯主が転居し、2人以上が残るとき）", required=False
    )

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial: dict[str, Any] = {}
        if entry:
            typed = TenkyoEntry.from_json(entry)
            initial = kernel.household_initial(
                typed, INITIAL_ITEMS, atena_bango=(typed.atena_bangos or ("",))[0]
            )
        super().__init__(data, initial=initial)
        if self.move is not TENKYO:
            for f in self.fields.values():
                f.label = str(f.label).replace("転居", self.move.name)
            self.set_choices("setai_mode", list(self.move.setai_modes().items()), blank=False)
        searched = (data.get("atena_bango") if data is not None else None) or initial.get(
            "atena_bango"
        )
        self.household = self.find_household(searched)
        where = self.move.name
        self.offer_household(
            CHOICE_FIELDS,
            label=lambda m: (
                f"{m.full_name}の続柄（{where}先の世帯での続柄／残る方は変わるときだけ）"
            ),
            help_text=lambda m: f"現在：{m.zokugara}",
        )

    @property
    def zokugara_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("zokugara_")]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.ready_to_plan():
            return cleaned
        movers = list(cleaned.get("movers") or [])
        mode = cleaned["setai_mode"]
        typed = self.typed_zokugara(cleaned, self.household)
        zoku, staying = kernel.split_zokugara(typed, movers)
        entry = tenkyo_entry(
            todoke_date=cleaned["todoke_date"],
            tenkyo_date=cleaned["tenkyo_date"],
            atena_bangos=movers,
            chouaza=cleaned["chouaza"].code,
            banchi=cleaned["banchi"].strip(),
            katagaki=cleaned.get("katagaki", "").strip(),
            setai_mode=mode,
            setai_nushi=cleaned.get("setai_nushi", ""),
            join_setai_bango=numbers.normalize_digits(cleaned.get("join_setai_bango", "")),
            zokugara=zoku,  # left out by tenkyo_entry when the whole household moves
            staying_setai_nushi=cleaned.get("staying_setai_nushi", ""),
            staying_zokugara=staying,
            setai_bango=self.household[0].setai.setai_bango,
        )
        move = self.move
        self.accept(
            entry,
            lambda: planned(TenkyoEntry.from_json(entry), move=move),
            {"atena_bangos": "movers", "zokugara": "movers"},
        )
        return cleaned


class KukanTennyuForm(TenkyoForm):
    """区間転入届: the 転居届's form, for a move into this 区 from another 行政区."""

    move: ClassVar[Move] = KUKAN_TENNYU
