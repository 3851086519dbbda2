"""Contract: every form, fed hostile input through its view, answers 200, 302 or 400,
never a server error, and no control character reaches the database.

Hypothesis mutates what the rendered form posts: a field set to text with NUL or other
control characters, to bytes that are not UTF-8 (a lone surrogate, Shift_JIS), to a very
long value, or to anything; a field dropped; a field repeated. The forms are every
registered kind's entry form (registry-driven: a kind registered later is fuzzed too) and
counter's and juki's own (受付登録, login, search, person pick, 取下げ, 差戻し, 完了 …).
The number of cases is printed at the end of the run (tests/contract/tally.py).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_from_bytes

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter.form_rendering import unreadable_character
from counter.forms import TerminalLoginForm
from counter.forms_procedure import WithdrawForm
from counter.forms_window import ReceptionForm, ReturnForm
from counter.models import AuditAction, AuditLog
from counter.procedure_kinds import get_kind
from counter.procedure_models import Procedure, Reception
from counter.templatetags.counter_tags import FORM_TOKEN_FIELD
from juki.demo import examples
from juki.forms import ResidentSearchForm
from juki.views_gaiji import GaijiForm
from juki.views_person_pick import PersonPickForm

from ..conftest import login_as
from ..procedures import S, post_items, procedure_in, receive
from . import tally
from .cases import single_cases

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# 429: the login's slow-down after repeated failures (counter/lockout.py), a refusal with
# its Japanese page, not a server error
OK_STATUSES = {200, 302, 400, 429}

Value = str | bytes

# --------------------------------------------------------------------------- hostile values

CONTROLS = st.characters(categories=["Cc"])
#: UTF-8 it is not: a lone surrogate as CESU would write it, Shift_JIS 「あい」, stray bytes
NOT_UTF8 = st.sampled_from([b"\xed\xa0\x80", b"\x82\xa0\x82\xa2", b"\xff\xfe", b"\xc3"])

hostile: st.SearchStrategy[Value] = st.one_of(
    st.just("\x00"),
    st.builds(lambda a, c, b: a + c + b, st.text(max_size=4), CONTROLS, st.text(max_size=4)),
    NOT_UTF8,
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=2), st.integers(256, 3000)),
    st.text(max_size=30),
    st.sampled_from(["", " ", "0", "-1", "99999999999999999999", "令和元年", "%00", "\ufffd"]),
)


@dataclass(frozen=True)
class Mutation:
    op: str  # "set", "drop" or "repeat"
    index: int
    value: Value


mutations = st.lists(
    st.builds(
        Mutation,
        st.sampled_from(["set", "set", "drop", "repeat"]),
        st.integers(0, 10_000),
        hostile,
    ),
    min_size=1,
    max_size=4,
)


def mutate(items: list[tuple[str, Value]], changes: list[Mutation]) -> list[tuple[str, Value]]:
    out = list(items)
    names = sorted({name for name, _ in items})
    for change in changes:
        if not names:
            break
        name = names[change.index % len(names)]
        if change.op == "drop":
            out = [(n, v) for n, v in out if n != name]
        elif change.op == "repeat":
            out.append((name, change.value))
        else:
            out = [(n, v) for n, v in out if n != name] + [(name, change.value)]
    return out


def _quoted(value: Value) -> str:
    raw = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    return quote_from_bytes(raw, safe="")


def encoded(items: list[tuple[str, Value]]) -> str:
    """The body (or query string) a browser would send, byte for byte as given."""
    return "&".join(f"{_quoted(n)}={_quoted(v)}" for n, v in items)


def send(client: Client, method: str, url: str, items: list[tuple[str, Value]]) -> int:
    try:
        status = _send(client, method, url, items)
    except Exception:  # the test client re-raises what would be a 500
        tally.fuzz(500)
        raise
    tally.fuzz(status)
    return status


def _send(client: Client, method: str, url: str, items: list[tuple[str, Value]]) -> int:
    if method == "GET":
        status = client.get(f"{url}?{encoded(items)}").status_code
    else:
        body = encoded([*items, (FORM_TOKEN_FIELD, uuid.uuid4().hex)])
        status = client.generic(
            "POST", url, body, content_type="application/x-www-form-urlencoded"
        ).status_code
    return status


def assert_nothing_unreadable_stored() -> None:
    """No control character went into a procedure, a reception or the 操作ログ."""
    for model, fields in (
        (Procedure, ("entry",)),
        (Reception, ("visitor_name", "note")),
        (AuditLog, ("path", "username", "target_id", "detail")),
    ):
        for row in model.objects.values(*fields):
            text = json.dumps(row, ensure_ascii=False, default=str)
            assert "\\u0000" not in text and "\x00" not in text, (model.__name__, row)


def fuzz_form(
    data: st.DataObject, client: Client, method: str, url: str, items: list[tuple[str, Value]]
) -> None:
    changed = mutate(items, data.draw(mutations))
    status = send(client, method, url, changed)
    assert status in OK_STATUSES, (url, changed, status)


def items_of(form: forms.BaseForm, **values: Value) -> list[tuple[str, Value]]:
    """What the rendered form posts, with ``values`` filled in (by posted name)."""
    items: list[tuple[str, Value]] = [(n, v) for n, v in post_items(form) if n not in values]
    return items + list(values.items())


# --------------------------------------------------------------------------- the kinds' forms


@pytest.fixture
def entry_page(code: str, contractor: Any) -> tuple[str, list[tuple[str, Value]]]:
    """A procedure of ``code`` in 受付 and what its entry form posts, shown with the
    kind's example (prepared once: Hypothesis runs every example in this one test)."""
    tally.COUNTS["fuzz_forms"] += 1
    example = examples.for_kind(code, persons=examples.persons_of(code)[0])
    procedure = receive(contractor, code)
    procedure.entry = example.entry
    shown = get_kind(code).entry_form(procedure, None)
    url = reverse("counter:procedure_entry", args=[procedure.pk])
    return url, list(post_items(shown))


@pytest.mark.parametrize("code", single_cases())
@FUZZ
@given(data=st.data())
def test_entry_forms_refuse_hostile_input_without_a_server_error(
    code: str, data: st.DataObject, client: Client, contractor: Any, entry_page: Any
) -> None:
    login_as(client, contractor)
    url, items = entry_page
    fuzz_form(data, client, "POST", url, items)
    assert_nothing_unreadable_stored()


# --------------------------------------------------------------------------- counter's and juki's


@dataclass(frozen=True)
class Page:
    """A page's form: who sends it, how, where, and what the rendered form posts."""

    persona: str
    method: str
    url: Callable[[Any], str]
    items: Callable[[Any], list[tuple[str, Value]]]


def _procedure_pk(ctx: Any) -> int:
    return int(ctx["procedure"].pk)


PAGES: dict[str, Page] = {
    "login": Page(
        "anonymous",
        "POST",
        lambda ctx: reverse("counter:login"),
        lambda ctx: items_of(TerminalLoginForm(None), username="juchu1", password="x"),
    ),
    "reception_new": Page(
        "contractor",
        "POST",
        lambda ctx: reverse("counter:reception_new"),
        lambda ctx: items_of(
            ReceptionForm(initial={"category": "juki_ido"}),
            visitor_name="髙橋　一郎",
            visitor_kind="honnin",
            id_documents="mynumber_card",
            kinds="tennyu",
        ),
    ),
    "reception_switch": Page(
        "contractor",
        "POST",
        lambda ctx: reverse("counter:reception_new"),
        lambda ctx: items_of(ReceptionForm(), switch_category="1", category="juki_ido"),
    ),
    "search": Page(
        "clerk",
        "GET",
        lambda ctx: reverse("juki:search"),
        lambda ctx: items_of(ResidentSearchForm(), shimei="髙橋", atena_bango="0000000001"),
    ),
    "person_pick": Page(
        "contractor",
        "GET",
        lambda ctx: reverse("juki:person_pick"),
        lambda ctx: [
            ("search", "1"),
            ("target", "atena_bango"),
            *items_of(PersonPickForm(target="atena_bango")),
        ],
    ),
    "withdraw": Page(
        "contractor",
        "POST",
        lambda ctx: reverse("counter:procedure_withdraw", args=[_procedure_pk(ctx)]),
        lambda ctx: items_of(WithdrawForm(), reason="本人申出", next="/"),
    ),
    "review_return": Page(
        "clerk",
        "POST",
        lambda ctx: reverse("counter:review_return", args=[_procedure_pk(ctx)]),
        lambda ctx: items_of(ReturnForm(), reason="続柄の誤り"),
    ),
    "review_approve": Page(
        "second_clerk",
        "POST",
        lambda ctx: reverse("counter:review_approve", args=[_procedure_pk(ctx)]),
        lambda ctx: [("confirmed", "on")],
    ),
    "check": Page(
        "contractor",
        "POST",
        lambda ctx: reverse("counter:procedure_check", args=[_procedure_pk(ctx)]),
        lambda ctx: [("block", "0"), ("block", "1")],
    ),
    "completion": Page(
        "contractor",
        "POST",
        lambda ctx: reverse("counter:completion_post"),
        lambda ctx: [("day", "2026-01-01"), ("reception", "1")],
    ),
    "call_list": Page(
        "contractor", "GET", lambda ctx: reverse("counter:call_list"), lambda ctx: [("day", "all")]
    ),
    "gaiji": Page(
        "clerk",
        "POST",
        lambda ctx: reverse("juki:gaiji"),
        lambda ctx: items_of(GaijiForm(), moji="U+E000", setsumei="つちよし", toitsu_code=""),
    ),
    "display_settings": Page(
        "clerk",
        "POST",
        lambda ctx: reverse("counter:display_settings"),
        lambda ctx: [("hide_honseki", "on"), ("hide_kojin_bango", "on")],
    ),
}


@pytest.fixture
def waiting(contractor: Any, clerk: Any) -> dict[str, Any]:
    """A procedure waiting for 審査, for the pages that act on one (one per page's test:
    Hypothesis runs every example in it)."""
    tally.COUNTS["fuzz_forms"] += 1
    example = examples.for_kind("shibou")
    return {"procedure": procedure_in(S.SHOUGOU, "shibou", example.entry, contractor, clerk)}


@pytest.mark.parametrize("form_page", sorted(PAGES))
@FUZZ
@given(data=st.data())
def test_counter_forms_refuse_hostile_input_without_a_server_error(
    form_page: str, data: st.DataObject, request: pytest.FixtureRequest, waiting: dict[str, Any]
) -> None:
    spec = PAGES[form_page]
    client = Client()
    if spec.persona != "anonymous":
        login_as(client, request.getfixturevalue(spec.persona))
    fuzz_form(data, client, spec.method, spec.url(waiting), spec.items(waiting))
    assert_nothing_unreadable_stored()


# --------------------------------------------------------------------------- the resident URL


@FUZZ
@given(key=st.one_of(st.just("\x00"), hostile.filter(lambda v: isinstance(v, str) and v)))
def test_a_hostile_atena_bango_in_the_url_is_refused_and_logged(
    key: str, clerk: Any, outsider: Any
) -> None:
    """A 宛名番号 that cannot be one gives a 404; with a control character in it the
    refusal is in the 操作ログ (PostgreSQL would refuse a NUL in the look-up, and the row
    with it). Someone without the role is refused, and logged, whatever the URL holds."""
    quoted = _quoted(key)
    for suffix, method in (("", "get"), ("print/", "get"), ("kojin-bango/", "post")):
        url = f"/juki/residents/{quoted}/{suffix}"
        for user, expected in ((clerk, {404}), (outsider, {403, 404})):
            refused_before = AuditLog.objects.filter(action=AuditAction.REFUSED).count()
            try:
                response = getattr(login_as(Client(), user), method)(url)
            except Exception:
                tally.fuzz(500)
                raise
            tally.fuzz(response.status_code)
            assert response.status_code in expected, (url, user, response.status_code)
            refused = AuditLog.objects.filter(action=AuditAction.REFUSED).count() - refused_before
            if response.status_code == 403 or unreadable_character(key):
                assert refused == 1, (url, user)
    assert_nothing_unreadable_stored()
