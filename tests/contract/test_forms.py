"""Contract: every kind's entry form gives back the entry it shows, and a refused entry
comes back as a message next to its field, never a 500, with what was typed kept."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from counter.procedure_kinds import get_kind
from counter.procedure_models import Procedure, ProcedureState
from counter.templatetags.counter_tags import FORM_TOKEN_FIELD
from juki.demo import examples

from ..conftest import login_as
from ..procedures import field_errors, post_data, post_items, receive
from .cases import as_posted, cases, normalised

pytestmark = pytest.mark.django_db


def shown_with(procedure: Procedure, entry: dict[str, Any]) -> Any:
    """The kind's unbound entry form showing ``entry`` (as when the window reopens it)."""
    procedure.entry = entry
    form = get_kind(procedure.kind).entry_form(procedure, None)
    procedure.entry = {}
    return form


@pytest.mark.parametrize(("code", "persons"), cases())
def test_the_entry_form_gives_back_the_entry_it_shows(code: str, persons: int, contractor) -> None:
    example = examples.for_kind(code, persons=persons)
    kind = get_kind(code)
    procedure = receive(contractor, code)
    data = as_posted(shown_with(procedure, example.entry))
    form = kind.entry_form(Procedure.objects.get(pk=procedure.pk), data)
    assert form.is_valid(), (form.errors, [dict(p.errors) for p in _parts(form)])
    assert normalised(kind.clean_entry(form)) == normalised(example.entry)


def _parts(form: Any) -> list[Any]:
    from ..procedures import parts

    return [p for p in parts(form) if p is not form and p.errors]


@pytest.mark.parametrize(("code", "persons"), cases())
def test_a_refused_entry_is_shown_next_to_its_field(
    code: str, persons: int, client, contractor
) -> None:
    example = examples.for_kind(code, persons=persons)
    procedure = receive(contractor, code)
    data = post_data(shown_with(procedure, example.refused_entry), token=True)
    login_as(client, contractor)
    response = client.post(reverse("counter:procedure_entry", args=[procedure.pk]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field_errors(form, example.refused_field), (
        f"{code}: no message next to {example.refused_field}",
        form.errors,
    )
    assert Procedure.objects.get(pk=procedure.pk).state == ProcedureState.UKETSUKE
    # what was typed is shown again: the same values in the same fields
    posted = {k: v for k, v in data.items() if k != FORM_TOKEN_FIELD}
    shown = post_data(form)
    assert {k: shown.get(k) for k in posted} == posted
    html = response.content.decode()
    for name, value in post_items(form):
        if value:
            assert f'name="{name}"' in html and escape(value) in html, (name, value)
