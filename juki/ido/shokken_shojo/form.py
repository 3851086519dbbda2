"""The 職権消除 entry form: the person, the 実態調査 (recorded, or entered now), the date
and reason, and the household when the 世帯主 is removed."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django import forms

from ...forms_fields import WarekiDateField
from ...models import JittaiChousa, JittaiKekka
from .. import kernel
from .entry import SHOJO_RIYU_DEFAULT, ChousaEntry, ShokkenShojoEntry
from .plan import planned

CHOUSA_FIELDS = ("chousa_date", "chousain", "kekka", "saikoku_date", "koji_date", "memo")


class ShokkenShojoForm(kernel.LeavingForm):
    """職権消除."""

    NEW = "new"

    shojo_date = WarekiDateField(label="職権消除の年月日", allow_future=False)
    riyu = forms.CharField(label="職権消除の理由", max_length=200, initial=SHOJO_RIYU_DEFAULT)
    chousa_id = forms.ChoiceField(label="実態調査", required=False)
    chousa_date = WarekiDateField(label="調査日", required=False, allow_future=False)
    chousain = forms.CharField(label="調査者", max_length=100, required=False)
    kekka = forms.ChoiceField(
        label="調査の結果", choices=[("", "―"), *JittaiKekka.choices], required=False
    )
    saikoku_date = WarekiDateField(label="催告日", required=False, allow_future=False)
    koji_date = WarekiDateField(label="公示日", required=False, allow_future=False)
    memo = forms.CharField(
        label="調査の内容",
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    field_order = (
        "atena_bango",
        "chousa_id",
        *CHOUSA_FIELDS,
        "shojo_date",
        "riyu",
        "new_setai_nushi",
    )
    entry_type: ClassVar[type[kernel.LeavingEntry]] = ShokkenShojoEntry

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        super().__init__(data, entry=entry)
        records = (
            list(JittaiChousa.objects.filter(jumin=self.person)) if self.person is not None else []
        )
        choice = cast(forms.ChoiceField, self.fields["chousa_id"])
        choice.choices = [
            (str(c.pk), f"{kernel.wareki_text(c.chousa_date)} {c.chousain} {c.get_kekka_display()}")
            for c in records
        ] + [(self.NEW, "この画面で調査の内容を入力する")]
        if not self.is_bound and not self.initial.get("chousa_id"):
            usable = [c for c in records if c.kekka == JittaiKekka.KYOJU_NASHI]
            self.initial["chousa_id"] = str(usable[0].pk) if usable else self.NEW

    def initial_from(self, entry: kernel.LeavingEntry) -> dict[str, Any]:
        e = cast(ShokkenShojoEntry, entry)
        chousa = e.chousa or ChousaEntry()
        return {
            **super().initial_from(e),
            **{name: getattr(chousa, name) for name in CHOUSA_FIELDS},
            "shojo_date": e.shojo_date,
            "riyu": e.riyu,
            "chousa_id": str(e.chousa_id) if e.chousa_id else self.NEW,
        }

    def build(self, cleaned: dict[str, Any], household: kernel.LeavingEntry) -> ShokkenShojoEntry:
        picked = cleaned.get("chousa_id") or self.NEW
        chousa = None
        if picked == self.NEW and (cleaned.get("chousa_date") or cleaned.get("chousain")):
            chousa = ChousaEntry(
                chousa_date=cleaned.get("chousa_date"),
                chousain=cleaned.get("chousain") or "",
                kekka=cleaned.get("kekka") or "",
                saikoku_date=cleaned.get("saikoku_date"),
                koji_date=cleaned.get("koji_date"),
                memo=cleaned.get("memo") or "",
            )
        return ShokkenShojoEntry(
            **kernel.household_fields(household),
            shojo_date=cleaned["shojo_date"],
            riyu=cleaned["riyu"].strip(),
            chousa_id=None if picked == self.NEW else int(picked),
            chousa=chousa,
        )

    def check(self, entry: kernel.LeavingEntry) -> None:
        planned(cast(ShokkenShojoEntry, entry))
