"""A refused plan shown on its entry form: each problem next to its field."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms

from counter.kind_plan import Problem
from counter.services import ProcedureRefused


def show_problems(
    form: forms.BaseForm,
    refusal: ProcedureRefused,
    *,
    aliases: Mapping[str, str] | None = None,
    inner: forms.BaseForm | None = None,
    inner_prefix: str = "",
) -> None:
    """Put every problem of ``refusal`` on the form field it names; what was typed stays.

    ``aliases`` maps a plan's field name to the form's (e.g. atena_bangos → leavers); a
    plan's ``zokugara.<宛名番号>`` is the form's ``zokugara_<宛名番号>``. A problem on a
    field of ``inner`` (a nested person form whose fields the plan names
    ``inner_prefix`` + field) goes there and on top of the form too. A problem of no
    field of this form goes on top. A field that already shows an error of its own (the
    form's clean ran first) and the top are not told the same thing twice.
    """
    problems = getattr(refusal, "problems", None) or [Problem(refusal.field, refusal.message)]
    for problem in problems:
        name = problem.field or ""
        if name.startswith("zokugara."):
            name = "zokugara_" + name.split(".", 1)[1]
        name = (aliases or {}).get(name, name)
        if inner is not None and name.startswith(inner_prefix):
            inner_name = name.removeprefix(inner_prefix)
            if inner_name in inner.fields:
                if inner_name not in inner.errors:
                    inner.add_error(inner_name, problem.message)
                name = ""
        if name in form.fields:
            if name not in form.errors:
                form.add_error(name, problem.message)
        elif problem.message not in form.non_field_errors():
            form.add_error(None, problem.message)
