"""The 出生 entry form: the child's items, the household, the dates, in the paper's order."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django import forms

from counter.services import ProcedureRefused
from jputil import numbers, wareki

from ...forms_fields import WarekiDateField
from ...item_forms import JuminItemsForm
from .. import kernel
from .entry import CHILD_FIELDS, ShusseiEntry
from .plan import planned


class ShusseiForm(JuminItemsForm):
    """出生届（戸籍の受理）."""

    jumin_date = None  # type: ignore[assignment]  # = 生年月日
    jusho_date = None  # type: ignore[assignment]
    gaikokujin_date = None  # type: ignore[assignment]
    zairyu_manryo_date = None  # type: ignore[assignment]
    todoke_date = WarekiDateField(label="届出年月日", allow_future=False, default_today=True)
    juri_date = WarekiDateField(
        label="受理年月日（戸籍）", allow_future=False, help_text="戸籍で出生届を受理した日"
    )
    setai_bango = forms.CharField(
        label="入る世帯の世帯番号",
        max_length=12,
        help_text="母または父の住んでいる世帯（世帯番号は住民票で確認）",
    )

    field_order = ("todoke_date", "juri_date", *CHILD_FIELDS, "setai_bango")

    class Meta(JuminItemsForm.Meta):
        fields: ClassVar[list[str]] = CHILD_FIELDS

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial: dict[str, Any] = {}
        if entry and data is None:
            e = ShusseiEntry.from_json(entry)
            initial = e.to_json()
            initial.update(
                todoke_date=e.todoke_date,
                juri_date=e.juri_date,
                seinengappi=e.seinengappi_hyoki or e.seinengappi,
            )
        # JuminItemsForm.__init__ expects the 旧氏・通称 fields: set up the names here.
        forms.ModelForm.__init__(self, data, initial=initial)
        for name in ("shi", "mei"):
            cast(forms.CharField, self.fields[name]).strip = False  # names keep their spaces
        self.entry: dict[str, Any] | None = None
        self.fields["seinengappi"].help_text = "不詳は「令和6年月日不詳」のように記録どおり"
        self.fields["zokugara"].help_text = "入る世帯の世帯主との続柄（例: 子、子の子、妻の子）"
        self.fields["honseki"].help_text = "父母の戸籍の本籍（子が入る戸籍）"
        self.fields["honseki"].required = True
        self.fields["hittousha"].required = True  # 戸籍の表示 (j60)

    clean_zokugara = kernel.TennyuPersonForm.clean_zokugara

    def clean_setai_bango(self) -> str:
        return numbers.normalize_digits(self.cleaned_data.get("setai_bango") or "")

    def clean(self) -> dict[str, Any]:
        # JuminItemsForm.clean() also requires a 住民票コード: assigned at 承認 here.
        forms.ModelForm.clean(self)
        cleaned = self.cleaned_data
        if self.errors:
            return cleaned
        birth = cast(wareki.RecordedDate, cleaned["seinengappi"])
        entry = ShusseiEntry(
            todoke_date=cleaned["todoke_date"],
            juri_date=cleaned["juri_date"],
            setai_bango=cleaned["setai_bango"],
            shi=cleaned["shi"],
            mei=cleaned.get("mei", ""),
            shi_kana=cleaned.get("shi_kana", ""),
            mei_kana=cleaned.get("mei_kana", ""),
            shi_furigana=cleaned.get("shi_furigana", ""),
            mei_furigana=cleaned.get("mei_furigana", ""),
            seibetsu=str(cleaned["seibetsu"]),
            seinengappi=birth.sort_date,
            seinengappi_hyoki=birth.text,
            zokugara=cleaned["zokugara"],
            honseki=cleaned.get("honseki", ""),
            hittousha=cleaned.get("hittousha", ""),
        )
        try:
            planned(entry)
        except ProcedureRefused as exc:
            kernel.show_problems(self, exc)
            return cleaned
        self.entry = entry.to_json()
        return cleaned

    def validate_unique(self) -> None:
        """Nothing unique is typed here (the 住民票コード is assigned at 承認)."""
