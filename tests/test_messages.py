"""Message types: one versioned schema per type, checked when queued; the catalogue in
docs/messages.md is generated from the registry and cannot drift."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from counter import outbox, registry
from counter.messages import MessageField, MessageSchemaError, MessageType
from counter.models import OutboxMessage
from counter.registry import Destination

IDO = MessageType(
    code="shiken_ido",
    label="試験の異動通知",
    version=2,
    destinations=("shiken_ka",),
    trigger="試験手続の承認",
    fields=(
        MessageField("jiyu", "str", description="異動事由"),
        MessageField("ido_date", "date", description="異動年月日"),
        MessageField("count", "int", required=False),
        MessageField("kokugai", "bool", required=False),
        MessageField("biko", "str", required=False, nullable=True),
        MessageField("tags", "list", required=False, items="str"),
        MessageField(
            "setai", "object", required=False, fields=(MessageField("setai_bango", "str"),)
        ),
        MessageField(
            "persons",
            "list",
            fields=(
                MessageField("atena_bango", "str", description="宛名番号"),
                MessageField("seinengappi", "date"),
            ),
        ),
    ),
)
GOOD = {
    "jiyu": "転入",
    "ido_date": "2026-04-01",
    "persons": [{"atena_bango": "0000000019", "seinengappi": "1980-04-01"}],
}


def test_a_payload_that_matches_passes_and_is_stamped_with_its_version() -> None:
    IDO.validate(GOOD)
    IDO.validate({**GOOD, "count": 3, "kokugai": False, "biko": None, "tags": ["a"]})
    assert IDO.stamped(GOOD)["schema_version"] == 2
    IDO.validate(IDO.stamped(GOOD))


@pytest.mark.parametrize(
    ("payload", "path", "problem"),
    [
        ({k: v for k, v in GOOD.items() if k != "jiyu"}, "jiyu", "必須の項目がありません"),
        ({**GOOD, "jiyu": 1}, "jiyu", "文字列ではありません"),
        ({**GOOD, "extra": "x"}, "extra", "この型にない項目です"),
        ({**GOOD, "ido_date": "2026/04/01"}, "ido_date", "日付（YYYY-MM-DD）ではありません"),
        ({**GOOD, "count": True}, "count", "整数ではありません"),
        ({**GOOD, "count": "3"}, "count", "整数ではありません"),
        ({**GOOD, "kokugai": 0}, "kokugai", "真偽値ではありません"),
        ({**GOOD, "jiyu": None}, "jiyu", "null は使えません"),
        ({**GOOD, "tags": ["a", 2]}, "tags[1]", "文字列ではありません"),
        ({**GOOD, "setai": {}}, "setai.setai_bango", "必須の項目がありません"),
        ({**GOOD, "persons": {}}, "persons", "配列ではありません"),
        ({**GOOD, "persons": ["x"]}, "persons[0]", "オブジェクトではありません"),
        (
            {**GOOD, "persons": [{"atena_bango": "1", "seinengappi": "1980-04-01", "x": 1}]},
            "persons[0].x",
            "この型にない項目です",
        ),
        ({**GOOD, "schema_version": 1}, "schema_version", "第2版の型に第1版の内容です"),
    ],
)
def test_a_payload_that_does_not_match_is_refused_naming_type_and_field(
    payload: dict[str, Any], path: str, problem: str
) -> None:
    with pytest.raises(MessageSchemaError) as refused:
        IDO.validate(payload)
    assert refused.value.path == path
    assert problem in str(refused.value)
    assert "shiken_ido" in str(refused.value) and path in str(refused.value)


@given(
    jiyu=st.text(max_size=20),
    day=st.dates(min_value=datetime.date(1873, 1, 1)),
    count=st.integers(),
    persons=st.lists(
        st.fixed_dictionaries(
            {"atena_bango": st.text(max_size=10), "seinengappi": st.dates().map(str)}
        ),
        max_size=4,
    ),
)
def test_every_payload_of_the_right_shape_passes(
    jiyu: str, day: datetime.date, count: int, persons: list[dict[str, str]]
) -> None:
    IDO.validate({"jiyu": jiyu, "ido_date": day.isoformat(), "count": count, "persons": persons})


@given(st.dictionaries(st.text(max_size=8), st.none() | st.integers() | st.text(max_size=5)))
def test_anything_else_is_refused_with_a_message_never_another_error(
    payload: dict[str, Any],
) -> None:
    try:
        IDO.validate(payload)
    except MessageSchemaError as refused:
        assert str(refused)


def test_a_field_spec_must_be_complete() -> None:
    with pytest.raises(ValueError):
        MessageField("setai", "object")
    with pytest.raises(ValueError):
        MessageField("tags", "list")
    with pytest.raises(ValueError):
        MessageField("name", "str", items="str")


# --------------------------------------------------------------------------- enqueue


@pytest.fixture
def shiken_ka() -> Any:
    with registry.temporarily(
        outbox_destinations=[Destination("shiken_ka", "他課：試験課")],
        outbox_message_types=[IDO],
    ):
        yield


def enqueue(payload: dict[str, Any], **kw: Any) -> OutboxMessage:
    with transaction.atomic():
        return outbox.enqueue(
            destination=kw.get("destination", "shiken_ka"),
            message_type=kw.get("message_type", "shiken_ido"),
            payload=payload,
            idempotency_key=kw.get("key", "shiken-1"),
        )


@pytest.mark.django_db
def test_enqueue_stores_a_matching_payload_with_its_version(shiken_ka, settings, tmp_path) -> None:
    settings.OUTBOX_DIR = tmp_path
    message = enqueue(GOOD)
    assert message.payload == {**GOOD, "schema_version": 2}


@pytest.mark.django_db
def test_enqueue_refuses_a_payload_that_does_not_match(shiken_ka) -> None:
    with pytest.raises(outbox.OutboxError, match=r"shiken_ido.*persons\[0\]\.seinengappi"):
        enqueue({**GOOD, "persons": [{"atena_bango": "1"}]})
    with pytest.raises(outbox.OutboxError, match="送信先"):
        enqueue(GOOD, destination="jukinet_cs")
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_an_unregistered_type_is_refused_where_types_are_registered(shiken_ka) -> None:
    with pytest.raises(outbox.OutboxError, match="未登録の連携メッセージ種別です"):
        enqueue({"x": 1}, message_type="nanika")


@pytest.mark.django_db
def test_an_unknown_destination_is_refused() -> None:
    with pytest.raises(outbox.OutboxError, match="未知の送信先です"):
        enqueue(GOOD, destination="shiken_ka")


@pytest.mark.django_db
def test_an_unregistered_type_is_refused_everywhere(settings, tmp_path) -> None:
    settings.OUTBOX_DIR = tmp_path
    with pytest.raises(outbox.OutboxError, match="未登録の連携メッセージ種別"):
        enqueue({"free": "form"}, destination="takka_zei", message_type="nanika")


# --------------------------------------------------------------------------- catalogue


def test_the_catalogue_in_docs_is_the_registered_one() -> None:
    out = io.StringIO()
    call_command("message_catalogue", stdout=out)
    doc = Path(__file__).resolve().parent.parent / "docs" / "messages.md"
    assert out.getvalue() == doc.read_text(encoding="utf-8"), (
        "docs/messages.md is out of date: manage.py message_catalogue --output docs/messages.md"
    )


def test_the_catalogue_lists_destination_trigger_version_and_fields(shiken_ka) -> None:
    out = io.StringIO()
    call_command("message_catalogue", stdout=out)
    text = out.getvalue()
    assert "## 試験の異動通知（`shiken_ido`）" in text
    assert "- 版: 2" in text and "- 契機: 試験手続の承認" in text
    assert "他課：試験課（`shiken_ka`）" in text
    assert "| `persons[].atena_bango` | 文字列 | 必須 | 宛名番号 |" in text
    assert "| `biko` | 文字列 | 任意・null可 |  |" in text
