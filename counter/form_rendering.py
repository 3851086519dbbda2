"""How every form of the system renders and checks its fields (settings.FORM_RENDERER).

One place, so that every screen and every procedure kind gets the same habits without a
line of its own:

- a value longer than its item is refused by the server with a message naming the item
  and the count (「氏は100文字以内で入力してください（入力は123文字）。」). The browser
  never cuts it: Django's ``maxlength`` attribute would make it drop the 101st character
  without a word (and count a 𠮷 as two), so it is rendered as ``data-maxlength`` for
  the live counter of static/js/app.js instead;
- a required item says so to assistive technology (``aria-required``), as the 「必須」
  badge of includes/field.html says it on the screen;
- a text item refuses control characters (NUL and the rest of Unicode's Cc, except a
  line break or tab in a multi-line item), lone surrogates and U+FFFD (what is left of
  text sent in another character set), with a message next to the item: such a value
  would be stored unseen, or fail the database (PostgreSQL refuses NUL in text).
"""

from __future__ import annotations

import copy
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.forms import BoundField, CharField, Field, Form, MultiValueField, Textarea, Widget
from django.forms.renderers import DjangoTemplates
from django.forms.widgets import ChoiceWidget


def max_length_message(label: str, limit: int) -> str:
    """The refusal of a too long value; ``%(show_value)d`` is the length typed."""
    safe_label = label.replace("%", "%%")
    return f"{safe_label}は{limit}文字以内で入力してください（入力は%(show_value)d文字）。"


#: what a multi-line item may hold of the control characters
MULTILINE_CONTROLS = frozenset("\t\n\r")


def unreadable_character(value: str, *, multiline: bool = False) -> str | None:
    """The first character a text item may not hold, or None."""
    for char in value:
        if char == "\ufffd":
            return char
        if unicodedata.category(char) in ("Cc", "Cs") and not (
            multiline and char in MULTILINE_CONTROLS
        ):
            return char
    return None


def control_character_message(label: str, char: str) -> str:
    if char == "\ufffd":
        return (
            f"{label}に読み取れない文字があります（別の文字コードで送られた可能性）。"
            "入力し直してください。"
        )
    return f"{label}に使えない文字（制御文字 U+{ord(char):04X}）が含まれています。"


class PlainTextValidator:
    """Refuses what `unreadable_character` finds, naming the item."""

    def __init__(self, label: str, *, multiline: bool) -> None:
        self.label = label
        self.multiline = multiline

    def __call__(self, value: Any) -> None:
        if not isinstance(value, str):
            return
        char = unreadable_character(value, multiline=self.multiline)
        if char is not None:
            raise ValidationError(
                control_character_message(self.label, char), code="control_character"
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlainTextValidator) and (self.label, self.multiline) == (
            other.label,
            other.multiline,
        )

    def __hash__(self) -> int:
        return hash((self.label, self.multiline))


def guard_text(field: Field, label: str) -> None:
    """Give a text field (and each text part of a multi-value field) the validator above,
    in place of Django's NUL-only one; the form's own copy of the field is changed."""
    if isinstance(field, MultiValueField):
        for part in field.fields:
            guard_text(part, label)
    if not isinstance(field, CharField):
        return
    if any(isinstance(v, PlainTextValidator) for v in field.validators):
        return
    kept = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
    multiline = isinstance(field.widget, Textarea)
    field.validators = [*kept, PlainTextValidator(label, multiline=multiline)]


class CounterBoundField(BoundField):
    def __init__(self, form: Form, field: Field, name: str) -> None:
        super().__init__(form, field, name)
        guard_text(field, str(self.label))
        limit = getattr(field, "max_length", None)
        # The form holds its own copy of the field (and of its messages), so this
        # reaches no other form; a message the form wrote itself is kept.
        if limit is not None and "max_length" not in field.error_messages:
            field.error_messages["max_length"] = max_length_message(str(self.label), int(limit))

    def build_widget_attrs(self, attrs: Any, widget: Widget | None = None) -> dict[str, Any]:
        built: dict[str, Any] = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        # A group of radios or checkboxes is marked on its legend, not on each box.
        is_group = isinstance(widget, ChoiceWidget) and widget.input_type in ("radio", "checkbox")
        if self.field.required and not is_group and not widget.is_hidden:
            built["aria-required"] = "true"
        return built

    def as_widget(
        self, widget: Widget | None = None, attrs: Any = None, only_initial: bool = False
    ) -> Any:
        widget = widget or self.field.widget
        if "maxlength" in widget.attrs:
            widget = copy.copy(widget)
            widget.attrs = dict(widget.attrs)
            widget.attrs["data-maxlength"] = widget.attrs.pop("maxlength")
        return super().as_widget(widget, attrs, only_initial)


class CounterFormRenderer(DjangoTemplates):
    """Django's own templates, with the bound field above for every form."""

    bound_field_class = CounterBoundField
