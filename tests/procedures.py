"""Walking procedures through the machine, for every test that needs one.

The helpers the kinds' test files used to copy (receive, enter_and_check, run/approve,
fresh, last_rireki, the outbox of a procedure) and what the contract tests add: a
procedure walked to any state, the POST data a form renders (``post_data``), and a
snapshot of every table (``snapshot``) to prove that a failed act changed nothing.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from django import forms
from django.apps import apps
from django.forms.formsets import BaseFormSet

from counter import services
from counter.procedure_kinds import get_kind
from counter.procedure_models import Procedure, ProcedureState
from counter.templatetags.counter_tags import FORM_TOKEN_FIELD
from juki.models import Jumin, JuminRireki

S = ProcedureState

#: the apps whose tables a failed act must leave as they were
PROJECT_APPS = ("counter", "juki", "certificates", "seal", "mynumber", "stats")


# --------------------------------------------------------------------------- walking


def receive(user: Any, kind: str, *, visitor_name: str = "髙橋　一郎") -> Procedure:
    """受付 of one procedure of ``kind`` (its own 窓口区分) by ``user``."""
    return services.do_receive(
        acting_user=user,
        terminal=user.default_terminal,
        category=get_kind(kind).category,
        visitor_kind="honnin",
        visitor_name=visitor_name,
        id_documents=["mynumber_card"],
        has_ininjo=False,
        kinds=[kind],
    ).procedures.get()


def enter(kind: str, entry: dict[str, Any], contractor: Any) -> Procedure:
    """受付 and 仮登録 of ``entry``."""
    return services.do_enter(
        receive(contractor, kind),
        entry,
        acting_user=contractor,
        terminal=contractor.default_terminal,
    )


def enter_and_check(kind: str, entry: dict[str, Any], contractor: Any) -> Procedure:
    """受付, 仮登録 and 照合 of ``entry``: the procedure waits for 審査."""
    return services.do_check(
        enter(kind, entry, contractor),
        acting_user=contractor,
        terminal=contractor.default_terminal,
        all_ticked=True,
    )


def approve(procedure: Procedure, clerk: Any) -> Procedure:
    return services.do_approve(procedure, acting_user=clerk, terminal=clerk.default_terminal)


def run(kind: str, entry: dict[str, Any], contractor: Any, clerk: Any) -> Procedure:
    """A procedure of ``kind`` walked to 承認."""
    return approve(enter_and_check(kind, entry, contractor), clerk)


def procedure_in(
    state: ProcedureState, kind: str, entry: dict[str, Any], contractor: Any, clerk: Any
) -> Procedure:
    """A procedure of ``kind`` walked to ``state`` the legal way."""
    proc = receive(contractor, kind)
    if state == S.UKETSUKE:
        return proc
    if state == S.TORISAGE:
        return services.do_withdraw(proc, acting_user=contractor, terminal=None, reason="本人申出")
    proc = services.do_enter(proc, entry, acting_user=contractor, terminal=None)
    if state == S.KARI_TOUROKU:
        return proc
    proc = services.do_check(proc, acting_user=contractor, terminal=None, all_ticked=True)
    if state == S.SHOUGOU:
        return proc
    if state == S.SASHIMODOSHI:
        return services.do_return(proc, acting_user=clerk, terminal=None, reason="続柄の誤り")
    proc = approve(proc, clerk)
    if state == S.SHOUNIN:
        return proc
    proc = services.do_issue(proc, acting_user=contractor, terminal=None)
    if state == S.KOUFU:
        return proc
    return services.do_complete(proc, acting_user=contractor, terminal=None)


#: each transition of the machine (its method name) → the service that does it
ACTS: dict[str, Callable[[Procedure, dict[str, Any], Any, Any], Procedure]] = {
    "kari_touroku": lambda p, e, co, cl: services.do_enter(p, e, acting_user=co, terminal=None),
    "shougou": lambda p, e, co, cl: services.do_check(
        p, acting_user=co, terminal=None, all_ticked=True
    ),
    "shounin": lambda p, e, co, cl: services.do_approve(p, acting_user=cl, terminal=None),
    "sashimodoshi": lambda p, e, co, cl: services.do_return(
        p, acting_user=cl, terminal=None, reason="理由"
    ),
    "koufu": lambda p, e, co, cl: services.do_issue(p, acting_user=co, terminal=None),
    "kanryou": lambda p, e, co, cl: services.do_complete(p, acting_user=co, terminal=None),
    "torisage": lambda p, e, co, cl: services.do_withdraw(
        p, acting_user=co, terminal=None, reason="理由"
    ),
}


def machine_transitions() -> dict[str, tuple[set[str], str]]:
    """What the machine says: transition name → (the states it starts from, its target)."""
    field = Procedure._meta.get_field("state")
    out: dict[str, tuple[set[str], str]] = {}
    for t in field.get_all_transitions(Procedure):  # type: ignore[attr-defined]
        sources = out.get(t.name, (set(), t.target))[0]
        if t.source == "*":
            sources |= set(ProcedureState.values)
        else:
            sources.add(t.source)
        out[t.name] = (sources, t.target)
    return out


# --------------------------------------------------------------------------- the register


def fresh(j: Jumin) -> Jumin:
    return Jumin.objects.select_related("chouaza", "setai__setai_nushi").get(pk=j.pk)


def last_rireki(j: Jumin) -> JuminRireki:
    row = JuminRireki.objects.filter(jumin=j).order_by("-rireki_no").first()
    assert row is not None
    return row


def messages(proc: Procedure) -> set[tuple[str, str]]:
    """The (destination, message type) of every outbox message a procedure wrote."""
    from counter.models import OutboxMessage

    return {
        (m.destination, m.message_type)
        for m in OutboxMessage.objects.filter(source_type="procedure", source_id=str(proc.pk))
    }


def destinations() -> Counter[str]:
    from counter.models import OutboxMessage

    return Counter(OutboxMessage.objects.values_list("destination", flat=True))


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table of the project's apps (to compare before and after)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for label in PROJECT_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            out[model._meta.label] = list(model._default_manager.order_by("pk").values())
    return out


# --------------------------------------------------------------------------- forms as posted


def _widget_items(widget: dict[str, Any]) -> list[tuple[str, str]]:
    """What a browser posts for one rendered widget (its template context)."""
    if widget.get("subwidgets"):  # MultiWidget, MultipleHiddenInput
        return [item for sub in widget["subwidgets"] for item in _widget_items(sub)]
    attrs = widget.get("attrs") or {}
    if attrs.get("disabled"):
        return []
    if "optgroups" in widget:  # Select, RadioSelect, CheckboxSelectMultiple
        return [
            (option["name"], str(option["value"]))
            for _group, options, _index in widget["optgroups"]
            for option in options
            if option["selected"]
        ]
    if widget.get("type") == "checkbox":
        return [(widget["name"], str(widget.get("value") or "on"))] if attrs.get("checked") else []
    if widget.get("type") == "file":
        return []
    value = widget.get("value")
    return [(widget["name"], "" if value is None else str(value))]


def _field_items(bf: forms.BoundField) -> list[tuple[str, str]]:
    if bf.field.disabled:
        return []  # a browser does not post a disabled input
    widget = bf.field.widget
    context = widget.get_context(bf.html_name, bf.value(), bf.build_widget_attrs({}))
    return _widget_items(context["widget"])


def parts(form: forms.BaseForm) -> Iterator[forms.BaseForm]:
    """The form and every form it carries: its formsets' (with their management form)
    and nested forms (``self.person``, ``self.items`` …), as one page renders them."""
    yield form
    for value in vars(form).values():
        if isinstance(value, BaseFormSet):
            yield value.management_form
            for sub in value.forms:
                yield from parts(sub)
        elif isinstance(value, forms.BaseForm) and value is not form:
            yield from parts(value)


def post_items(form: forms.BaseForm) -> list[tuple[str, str]]:
    """What submitting the rendered ``form`` posts, in order (names repeat for lists)."""
    return [item for part in parts(form) for bf in part for item in _field_items(bf)]


def post_data(form: forms.BaseForm, *, token: bool = False) -> dict[str, Any]:
    """The POST data of the rendered ``form`` (a list where a name repeats); with
    ``token`` a fresh one-time form token, as the page carries."""
    data: dict[str, Any] = {}
    for name, value in post_items(form):
        if name in data:
            kept = data[name]
            data[name] = [*kept, value] if isinstance(kept, list) else [kept, value]
        else:
            data[name] = value
    if token:
        data[FORM_TOKEN_FIELD] = uuid.uuid4().hex
    return data


def field_errors(form: forms.BaseForm, html_name: str) -> list[str]:
    """The errors shown next to the field posted as ``html_name`` (in any part)."""
    for part in parts(form):
        for name in part.fields:
            if part.add_prefix(name) == html_name:
                return [str(e) for e in part.errors.get(name, [])]
    raise LookupError(f"the form has no field posted as {html_name!r}")
