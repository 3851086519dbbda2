"""The 職権修正 entry form: the person (by 宛名番号), the reason and dates, then their
items pre-filled from the register."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from counter.services import ProcedureRefused

from ...forms_fields import RecordedDateField, WarekiDateField
from ...item_forms import DATE_FIELDS, JuminItemsForm
from ...models import Jumin, furigana_text
from .. import kernel
from .entry import (
    KAKUNIN_FLAGS,
    KAKUNIN_LABELS,
    SHUSEI_FIELDS,
    SHUSEI_KEYS,
    ShokkenShuseiEntry,
    json_value,
    model_value,
    unconfirmed,
)
from .plan import planned


class ShuseiItemsForm(JuminItemsForm):
    """The person's items, pre-filled; 住民種別 and 住民票コード shown, not editable; each
    フリガナ's 確認フラグ (j180) a checkbox next to it."""

    jumin_date = RecordedDateField(label="住民となった年月日", allow_future=False)
    jusho_date = RecordedDateField(label="住所を定めた年月日", allow_future=False)
    todoke_date = None  # type: ignore[assignment]

    class Meta(JuminItemsForm.Meta):
        fields: ClassVar[list[str]] = ["shubetsu", "juminhyo_code", *SHUSEI_FIELDS]
        labels: ClassVar[dict[str, str]] = KAKUNIN_LABELS
        help_texts: ClassVar[dict[str, str]] = {
            flag: "フリガナを変更したときは、確認した場合だけチェック（未チェックは未確認）。"
            for flag in KAKUNIN_FLAGS
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shubetsu"].disabled = True
        self.fields["juminhyo_code"].disabled = True
        if not self.instance.is_foreign:
            for name in kernel.FOREIGN_FIELDS:
                del self.fields[name]

    def validate_unique(self) -> None:
        """The numbers are not edited here."""


def _recorded_initial(j: Jumin) -> dict[str, Any]:
    """A recorded date (j80) shows as its wording, not as its sort date."""
    return {name: getattr(j, hyoki) for name, hyoki in DATE_FIELDS.items() if getattr(j, hyoki)}


class ShokkenShuseiForm(forms.Form):
    """職権修正.

    Posting with 「表示」 (name="search") or for another person reloads the items from the
    register; otherwise the items as typed are compared with the register and only the
    changed ones go into the entry.
    """

    atena_bango = forms.CharField(label="宛名番号（修正する方）", max_length=12)
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)
    shusei_date = WarekiDateField(label="職権修正の年月日", allow_future=False)
    tsuchi_date = WarekiDateField(
        label="通知・届出年月日",
        required=False,
        allow_future=False,
        default_today=True,
        help_text="戸籍の通知など",
    )
    furigana_tsuchi = forms.ChoiceField(
        label="氏名の振り仮名の通知（住基法第9条第2項）",
        required=False,
        help_text="本籍地から受信した通知を選ぶと、その振り仮名を記載します（戸籍のとおり）。",
    )
    riyu = forms.CharField(
        label="修正の理由",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="例: 戸籍の記載との相違（戸籍法第24条第4項通知）、入力誤り",
    )

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        stored = ShokkenShuseiEntry.from_json(entry) if entry and data is None else None
        initial: dict[str, Any] = {"shusei_date": kernel.today()} if data is None else {}
        if stored is not None:
            initial = {
                "atena_bango": stored.atena_bango,
                "loaded": stored.atena_bango,
                "shusei_date": stored.shusei_date,
                "tsuchi_date": stored.tsuchi_date,
                "riyu": stored.riyu,
                "furigana_tsuchi": stored.furigana_tsuchi,
            }
        super().__init__(data, initial=initial)
        self.entry: dict[str, Any] | None = None
        self.items: ShuseiItemsForm | None = None
        self.reloaded = False
        searched = (data.get("atena_bango") if data is not None else None) or initial.get(
            "atena_bango"
        )
        self.person = kernel.live_person_of(str(searched or ""))
        self._offer_tsuchi(stored.furigana_tsuchi if stored else "")
        if self.person is None:
            return
        shown = Jumin.objects.get(pk=self.person.pk)  # the copy the form may modify
        if data is not None and "search" not in data and data.get("loaded") == shown.atena_bango:
            self.items = ShuseiItemsForm(data, prefix="items", instance=shown)
            return
        if data is not None:
            self.reloaded = True
        if stored is not None:
            for name, value in stored.changes.items():
                setattr(shown, name, model_value(name, value))
            changed = [k for k in SHUSEI_FIELDS if getattr(shown, k) != getattr(self.person, k)]
            for flag in unconfirmed(changed, stored.changes):
                setattr(shown, flag, False)  # as the plan will record it
        self.items = ShuseiItemsForm(
            prefix="items", instance=shown, initial=_recorded_initial(shown)
        )
        if data is not None:
            mutable = data.copy()
            mutable["loaded"] = shown.atena_bango
            self.data = mutable

    def _offer_tsuchi(self, stored_key: str) -> None:
        """The notices received for this person (and the one the entry holds)."""
        waiting = kernel.furigana_tsuchi.waiting_for(
            self.person.juminhyo_code if self.person else None
        )
        held = kernel.furigana_tsuchi.get(stored_key) if stored_key else None
        if held is not None and held.key not in {t.key for t in waiting}:
            waiting.append(held)
        field = self.fields["furigana_tsuchi"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "（適用しない）")] + [
            (
                t.key,
                f"{kernel.wareki_text(t.kisai_date)}戸籍記載 {t.shimei}："
                + furigana_text(t.shi_furigana, t.mei_furigana),
            )
            for t in waiting
        ]

    def full_clean(self) -> None:
        super().full_clean()
        self.entry = None
        if not self.is_bound:
            return
        if self.person is None:
            self.add_error("atena_bango", "住民である方の宛名番号を入力し、表示してください。")
            return
        if self.reloaded or self.items is None:
            return  # the items were (re)loaded: the clerk edits them, then posts again
        if not self.items.is_valid():
            self.add_error(None, "修正する項目に誤りがあります。")
        if self.errors:
            return
        before, after = self.person, self.items.instance
        c = self.cleaned_data
        key = c.get("furigana_tsuchi") or ""
        tsuchi = kernel.furigana_tsuchi.get(key) if key else None
        if tsuchi is not None:  # the 戸籍's 振り仮名, whatever was typed (住基法第9条第2項)
            after.shi_furigana, after.mei_furigana = tsuchi.shi_furigana, tsuchi.mei_furigana
        changes = {
            name: json_value(getattr(after, name))
            for name in SHUSEI_KEYS
            if (name in self.items.fields or name in DATE_FIELDS.values())
            and getattr(after, name) != getattr(before, name)
        }
        for flag, kanas in KAKUNIN_FLAGS.items():
            # left ticked over a changed フリガナ: the 職員 confirms the new one
            if getattr(after, flag) and set(kanas) & set(changes):
                changes[flag] = True
        entry = ShokkenShuseiEntry(
            atena_bango=before.atena_bango,
            setai_bango=before.setai.setai_bango
            if before.setai.setai_nushi_id == before.pk
            else "",
            shusei_date=c["shusei_date"],
            tsuchi_date=c.get("tsuchi_date"),
            riyu=c["riyu"].strip(),
            changes=changes,
            furigana_tsuchi=key,
        )
        try:
            planned(entry)
        except ProcedureRefused as exc:
            kernel.show_problems(self, exc, inner=self.items)
            return
        self.entry = entry.to_json()

    def is_valid(self) -> bool:
        return self.is_bound and not self.errors and self.entry is not None
