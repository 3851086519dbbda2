"""Template tags of the counter screens (窓口・バックヤード).

``{% form_token %}``   the hidden one-time token of a form (a double click acts once)
``{{ state|state_badge }}``  a state word in a badge (never colour alone)
``{{ code|kind_label }}``    a procedure kind's Japanese name
``{{ dt|minutes_since }}``   whole minutes from ``dt`` until now
``{{ dt|wareki_datetime }}`` 「令和6年4月1日 10:05」 (local time)
"""

from __future__ import annotations

import datetime
import uuid

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from counter.procedure_kinds import all_kinds
from counter.procedure_models import ProcedureState
from jputil.template_filters import wareki_filter

register = template.Library()

#: the name of the hidden input that carries the one-time token (counter.form_tokens.claim_token)
FORM_TOKEN_FIELD = "form_token"  # noqa: S105  (a field name, not a secret)


@register.simple_tag
def form_token() -> SafeString:
    """A fresh one-time token: the service refuses a second submission carrying it."""
    return format_html(
        '<input type="hidden" name="{}" value="{}">', FORM_TOKEN_FIELD, uuid.uuid4().hex
    )


@register.filter
def state_label(state: str) -> str:
    """The state word (受付, 仮登録, 照合, 承認, 交付, 完了, 差戻し, 取下げ)."""
    try:
        return str(ProcedureState(state).label)
    except ValueError:
        return str(state)


@register.filter
def state_badge(state: str) -> SafeString:
    """The state word in a badge whose colour only repeats what the word says."""
    return format_html(
        '<span class="state state-{}">{}</span>', str(state), state_label(str(state))
    )


@register.filter
def kind_label(code: str) -> str:
    """The name of a procedure kind; the code itself when the kind is not registered."""
    kind = all_kinds().get(str(code))
    return str(kind.label) if kind is not None else str(code)


@register.filter
def minutes_since(moment: datetime.datetime | None) -> int | str:
    """Whole minutes from ``moment`` until now ("" when there is no moment)."""
    if not isinstance(moment, datetime.datetime):
        return ""
    return max(0, int((timezone.now() - moment).total_seconds() // 60))


@register.filter
def wareki_datetime(moment: datetime.datetime | None) -> str:
    """A moment as 和暦 date and local time: 「令和6年4月1日 10:05」 ("" for none)."""
    if not isinstance(moment, datetime.datetime):
        return ""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{wareki_filter(local.date())} {local:%H:%M}"
