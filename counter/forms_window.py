"""Forms of the counter screens: 受付登録, 承認, 差戻し, 交付.

The rules of the procedure machine live in counter.services (do_receive checks the ID
documents and the 委任状); these forms only clean and convert what was typed and say in
Japanese what is expected.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Count
from django.utils import timezone

from . import registry
from .procedure_kinds import ProcedureKind, all_kinds
from .procedure_models import IdDocument, Procedure, VisitorKind

#: how far back 受付登録 counts the procedures received, to offer the frequent ones first
FREQUENCY_WINDOW = datetime.timedelta(days=90)
#: a kind's place among equally frequent ones when it declares none (`ProcedureKind.order`)
DEFAULT_KIND_ORDER = 100


def category_choices() -> list[tuple[str, str]]:
    """The 窓口区分 a reception may be given (declared by the apps), in the counter's order."""
    return [(c.code, c.label) for c in registry.categories()]


def default_category() -> str:
    """The first 窓口区分 of the counter (the one with the lowest order)."""
    return registry.categories()[0].code


def kind_choices() -> list[tuple[str, str]]:
    """Every procedure kind this counter takes, of every 窓口区分 (code, label)."""
    return [(k.code, str(k.label)) for k in all_kinds().values() if k.is_offered()]


def kind_frequencies() -> dict[str, int]:
    """How many procedures of each kind were received in the last 90 days (one query)."""
    since = timezone.now() - FREQUENCY_WINDOW
    rows = (
        Procedure.objects.filter(created_at__gte=since)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {str(row["kind"]): int(row["n"]) for row in rows}


def offered_kinds(category: str) -> list[ProcedureKind]:
    """The kinds of one 窓口区分 this counter takes, the most frequent first.

    Ties (an empty database, or kinds as frequent as each other) follow the kind's
    declared `order` (default 100), then the order the apps registered them.
    """
    kinds = [k for k in all_kinds().values() if str(k.category) == category and k.is_offered()]
    if not kinds:
        return []
    counts = kind_frequencies()
    position = {k.code: i for i, k in enumerate(kinds)}
    return sorted(
        kinds,
        key=lambda k: (
            -counts.get(k.code, 0),
            int(getattr(k, "order", DEFAULT_KIND_ORDER)),
            position[k.code],
        ),
    )


class ReceptionForm(forms.Form):
    """受付登録: who came, the ID shown, the procedures asked for.

    The procedures offered are those of the chosen 窓口区分 (`self.category_code`), the most
    frequent first; a procedure of another 区分 is refused next to the field, because
    its 番号札 would call the visitor to the wrong window.
    """

    category = forms.ChoiceField(
        label="窓口区分",
        choices=(),
        widget=forms.Select(attrs={"autofocus": True}),
        error_messages={"invalid_choice": "窓口区分を一覧から選んでください。"},
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
        error_messages={"required": "来庁者の氏名を入力してください。"},
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
        error_messages={
            "invalid_choice": "「%(value)s」はこの窓口で受け付けられる手続ではありません。"
        },
    )
    note = forms.CharField(
        label="備考",
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category_field = self.fields["category"]
        assert isinstance(category_field, forms.ChoiceField)
        category_field.choices = category_choices()
        category_field.initial = default_category()
        #: the 窓口区分 whose procedures are listed
        self.category_code = self.chosen_category()
        self.category_label = dict(category_choices()).get(self.category_code, self.category_code)
        #: the kinds of the chosen 窓口区分, the most frequent first (what the screen lists)
        self.kinds_offered = offered_kinds(self.category_code)
        # Every offered kind is a valid choice, so that one of another 区分 reaches
        # clean_kinds and is refused with a message naming its 区分.
        kinds_field = self.fields["kinds"]
        assert isinstance(kinds_field, forms.MultipleChoiceField)
        kinds_field.choices = kind_choices()

    def chosen_category(self) -> str:
        """The 区分 typed (bound) or asked for (initial); the default when unknown."""
        if self.is_bound:
            value = self.data.get(self.add_prefix("category"))
        else:
            value = self.initial.get("category")
        known = {code for code, _label in category_choices()}
        return str(value) if value in known else default_category()

    def kind_checkboxes(self) -> list[Any]:
        """The checkboxes of the chosen 区分's kinds, in the order offered."""
        by_code = {str(box.data["value"]): box for box in self["kinds"]}
        return [by_code[k.code] for k in self.kinds_offered if k.code in by_code]

    def clean_visitor_name(self) -> str:
        name = str(self.cleaned_data["visitor_name"]).strip()
        if not name:
            raise forms.ValidationError("来庁者の氏名を入力してください。")
        return name

    def clean_kinds(self) -> list[str]:
        codes = [str(code) for code in self.cleaned_data["kinds"]]
        category = self.cleaned_data.get("category")
        if not category:
            return codes  # the 区分 itself is wrong: its message is enough
        kinds = all_kinds()
        others = [kinds[code] for code in codes if str(kinds[code].category) != category]
        if others:
            labels = dict(category_choices())
            names = "、".join(
                f"{k.label}（{labels.get(str(k.category), k.category)}）" for k in others
            )
            raise forms.ValidationError(
                f"{names}は窓口区分「{labels.get(category, category)}」の手続ではありません。"
                "その区分の番号札を別に発行してください。"
            )
        return codes


def reception_redisplay(data: Any) -> ReceptionForm:
    """The form as posted, unvalidated (no error shown): after 「区分の手続を表示」."""
    initial: dict[str, Any] = {}
    for name, field in ReceptionForm.base_fields.items():
        if isinstance(field, forms.MultipleChoiceField):
            initial[name] = data.getlist(name)
        elif name in data:
            initial[name] = data.get(name)
    return ReceptionForm(initial=initial)


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
        error_messages={"required": "差戻しの理由を入力してください（窓口に表示されます）。"},
    )


class HandoverForm(forms.Form):
    """交付: irreversible, so the window confirms every document was handed over."""

    confirmed = forms.BooleanField(
        label="交付する書類をすべて渡し、返却するものを返しました",
        error_messages={
            "required": "交付する前に、書類を渡したことを確認してチェックを付けてください。"
        },
    )
