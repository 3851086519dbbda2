"""Forms of the counter screens: 受付登録, 承認, 差戻し, 交付.

The rules of the procedure machine live in counter.services (do_receive checks the ID
documents and the 委任状); these forms only clean and convert what was typed and say in
Japanese what is expected.
"""

from __future__ import annotations

from typing import Any

from django import forms

from .procedure_kinds import all_kinds
from .procedure_models import CounterCategory, IdDocument, VisitorKind


def kind_choices() -> list[tuple[str, str]]:
    """Every procedure kind this counter takes, grouped in the order of the 窓口区分."""
    order = {c.value: i for i, c in enumerate(CounterCategory)}
    kinds = sorted(
        (k for k in all_kinds().values() if k.is_offered()),
        key=lambda k: (order.get(str(k.category), 99), k.label),
    )
    return [(k.code, str(k.label)) for k in kinds]


class ReceptionForm(forms.Form):
    """受付登録: who came, the ID shown, the procedures asked for."""

    category = forms.ChoiceField(
        label="窓口区分",
        choices=CounterCategory.choices,
        initial=CounterCategory.IDO,
        widget=forms.Select(attrs={"autofocus": True}),
    )
    visitor_kind = forms.ChoiceField(
        label="来庁者",
        choices=VisitorKind.choices,
        initial=VisitorKind.HONNIN,
        widget=forms.RadioSelect,
        error_messages={"required": "来庁者（本人・同一世帯の者・代理人）を選んでください。"},
    )
    visitor_name = forms.CharField(
        label="来庁者の氏名",
        max_length=100,
        error_messages={
            "required": "来庁者の氏名を入力してください。",
            "max_length": "来庁者の氏名は100文字以内で入力してください。",
        },
    )
    id_documents = forms.MultipleChoiceField(
        label="本人確認書類",
        choices=IdDocument.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="顔写真付きのもの1点、またはそれ以外のもの2点。",
    )
    has_ininjo = forms.BooleanField(label="委任状あり", required=False)
    kinds = forms.MultipleChoiceField(
        label="受け付ける手続",
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label="備考",
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "備考は200文字以内で入力してください。"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kinds"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = kind_choices()

    def clean_visitor_name(self) -> str:
        name = str(self.cleaned_data["visitor_name"]).strip()
        if not name:
            raise forms.ValidationError("来庁者の氏名を入力してください。")
        return name


class ApproveForm(forms.Form):
    """承認入力: irreversible, so the approver confirms with a tick (no pop-up)."""

    confirmed = forms.BooleanField(
        label="審査の内容を確認しました",
        error_messages={
            "required": "承認する前に「審査の内容を確認しました」にチェックを付けてください。"
        },
    )


class ReturnForm(forms.Form):
    """差戻し: back to the window, with the reason the window will read."""

    reason = forms.CharField(
        label="差戻しの理由",
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "差戻しの理由を入力してください（窓口に表示されます）。",
            "max_length": "差戻しの理由は400文字以内で入力してください。",
        },
    )


class HandoverForm(forms.Form):
    """交付: irreversible, so the window confirms every document was handed over."""

    confirmed = forms.BooleanField(
        label="交付する書類をすべて渡し、返却するものを返しました",
        error_messages={
            "required": "交付する前に、書類を渡したことを確認してチェックを付けてください。"
        },
    )
