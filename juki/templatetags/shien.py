"""The 支援措置 mark and the address it may hide (juki.shien.marks)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..shien.marks import HIDDEN_ADDRESS, may_see_protected_address

register = template.Library()


@register.simple_tag
def shien_mark(marks: dict[str, str] | None, atena_bango: str) -> SafeString | str:
    """「支援措置」/「仮支援措置」 in red, with the word (never colour alone)."""
    label = (marks or {}).get(str(atena_bango))
    if not label:
        return ""
    return format_html('<span class="badge badge-shien" title="{}">{}</span>', label, label)


@register.simple_tag(takes_context=True)
def shien_address(
    context: template.Context, marks: dict[str, str] | None, atena_bango: str, address: str
) -> str:
    """The address, or a note that it is not shown, for a protected person."""
    if (marks or {}).get(str(atena_bango)) and not may_see_protected_address(
        context["request"].user
    ):
        return HIDDEN_ADDRESS
    return address


def mark_context(marks: dict[str, str], user: Any) -> dict[str, Any]:
    return {"shien_marks": marks, "shien_sees_address": may_see_protected_address(user)}
