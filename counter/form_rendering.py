"""How every form of the system renders and checks its fields (settings.FORM_RENDERER).

One place, so that every screen and every procedure kind gets the same habits without a
line of its own:

- a value longer than its item is refused by the server with a message naming the item
  and the count (「氏は100文字以内で入力してください（入力は123文字）。」). The browser
  never cuts it: Django's ``maxlength`` attribute would make it drop the 101st character
  without a word (and count a 𠮷 as two), so it is rendered as ``data-maxlength`` for
  the live counter of static/js/app.js instead;
- a required item says so to assistive technology (``aria-required``), as the 「必須」
  badge of includes/field.html says it on the screen.
"""

from __future__ import annotations

import copy
from typing import Any

from django.forms import BoundField, Field, Form, Widget
from django.forms.renderers import DjangoTemplates
from django.forms.widgets import ChoiceWidget


def max_length_message(label: str, limit: int) -> str:
    """The refusal of a too long value; ``%(show_value)d`` is the length typed."""
    safe_label = label.replace("%", "%%")
    return f"{safe_label}は{limit}文字以内で入力してください（入力は%(show_value)d文字）。"


class CounterBoundField(BoundField):
    def __init__(self, form: Form, field: Field, name: str) -> None:
        super().__init__(form, field, name)
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
