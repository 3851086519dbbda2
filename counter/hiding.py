"""表示設定 (j1390) on the screens counter draws for every kind: 仮登録, 照合 and 審査.

標準仕様書 j1390: each member of staff may hide 戸籍の表示, 個人番号, 住民票コード and
在留資格等 on every screen. counter knows no item: an app's `UserSetting` names the rows
(by label) and the entry fields (by name) it hides, and this module masks them for the
member of staff who chose it. A row shows 「（非表示設定）」 instead of its value; an
entry field becomes a masked input (the value still round-trips with the form, so the
clerk can type and correct it without it being shown on the screen; docs/adr/0022).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms

from . import registry
from .procedure_kinds import ReviewBlock, ReviewRow

MASK = "（非表示設定）"
#: a hidden row that the procedure changes still reads as changed on the 審査 screen
MASK_CHANGED = "（非表示設定・変更あり）"


def chosen(user: Any) -> list[registry.UserSetting]:
    """The 表示設定 the signed-in member of staff chose (none for anyone else)."""
    setting = getattr(user, "setting", None)
    if setting is None:
        return []
    return [s for s in registry.user_settings() if setting(s.code)]


def _names(settings: Iterable[registry.UserSetting]) -> tuple[frozenset[str], frozenset[str]]:
    settings = list(settings)
    labels = frozenset(n for s in settings for n in s.row_labels)
    fields = frozenset(n for s in settings for n in s.field_names)
    return labels, fields


def hides_row(label: str, user: Any, extra: frozenset[str] = frozenset()) -> bool:
    labels, fields = _names(chosen(user))
    return _row_hidden(label, labels | extra, fields)


def _row_hidden(label: str, labels: frozenset[str], fields: frozenset[str]) -> bool:
    # an entry shown as it is stored names its rows by key ("persons．1．honseki")
    last = label.rsplit("．", 1)[-1]
    return label in labels or last in labels or last in fields


def masked(value: str) -> str:
    return MASK if value else value


def mask_blocks(
    blocks: list[ReviewBlock], user: Any, extra: frozenset[str] = frozenset()
) -> list[ReviewBlock]:
    """The 照合・審査 blocks with the rows this member of staff hides masked (and the
    ``extra`` rows a subject's mark hides from them: counter.registry.SubjectMark)."""
    labels, fields = _names(chosen(user))
    labels |= extra
    if not labels and not fields:
        return blocks
    return [
        ReviewBlock(
            b.title,
            [
                ReviewRow(
                    r.label,
                    masked(r.before),
                    MASK_CHANGED if r.changed and r.before and r.after else masked(r.after),
                )
                if _row_hidden(r.label, labels, fields)
                else r
                for r in b.rows
            ],
        )
        for b in blocks
    ]


def _inner_forms(form: Any) -> Iterable[forms.BaseForm]:
    """A kind's entry form and the forms it holds (persons' formsets, items …)."""
    seen: set[int] = set()
    stack = [form]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, forms.BaseFormSet):
            stack.extend(current.forms)
            continue
        if not isinstance(current, forms.BaseForm):
            continue
        yield current
        stack.extend(
            v for v in vars(current).values() if isinstance(v, forms.BaseForm | forms.BaseFormSet)
        )


def mask_form(form: Any, user: Any) -> Any:
    """The entry form with the fields this member of staff hides as masked inputs."""
    _labels, fields = _names(chosen(user))
    if not fields:
        return form
    for inner in _inner_forms(form):
        for name, field in inner.fields.items():
            if name in fields and not isinstance(field.widget, forms.HiddenInput):
                attrs = {**field.widget.attrs, "autocomplete": "off", "class": "masked-input"}
                attrs["title"] = MASK
                field.widget = forms.PasswordInput(render_value=True, attrs=attrs)
    return form


def subject_marks(subjects: Iterable[str], user: Any) -> tuple[list[str], frozenset[str]]:
    """The marks of a procedure's subjects for this user (「支援措置」: juki), as the
    screen shows them, and the rows they hide from this user."""
    marks = registry.subject_marks(list(subjects), user)
    shown = sorted({m.label for m in marks.values()})
    hidden = frozenset(r for m in marks.values() for r in m.hidden_rows)
    return shown, hidden
