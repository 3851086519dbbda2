"""Message types: one versioned schema per message to another system, checked when queued.

An app declares its outbox message types in its manifest (``outbox_message_types()``,
counter.registry); ``counter.outbox.enqueue``/``enqueue_many`` refuse a payload that
does not match its type (a missing required field, a wrong type, an unknown field), with
an error naming the type and the field, and stamp the payload with the schema version
(``"schema_version": n``) so a receiver knows which shape it reads::

    MessageType(
        code="jumin_ido",
        label="住民異動通知（他課）",
        version=1,
        destinations=("takka_zei", "takka_kokuho"),
        trigger="異動届の承認（転入・転出・転居 …）",
        fields=(
            MessageField("ido_jiyu", "str", description="異動事由"),
            MessageField("ido_date", "date", description="異動年月日（ISO 8601）"),
            MessageField("persons", "list", fields=(
                MessageField("atena_bango", "str"),
                MessageField("shimei", "str"),
            )),
            MessageField("biko", "str", required=False, nullable=True),
        ),
    )

Field types: ``str``, ``int``, ``bool``, ``date`` (an ISO ``YYYY-MM-DD`` string),
``object`` (with ``fields``) and ``list`` (of objects with ``fields``, or of scalars
named by ``items``). A change of shape is a new ``version``; the catalogue of every
type (``manage.py message_catalogue``) is kept in docs/messages.md, and a test keeps the
two equal.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NoReturn

FieldType = Literal["str", "int", "bool", "date", "object", "list"]
SCALAR_TYPES: tuple[FieldType, ...] = ("str", "int", "bool", "date")
#: the payload key that carries the schema version (added by enqueue)
SCHEMA_VERSION_KEY = "schema_version"

TYPE_WORDS: dict[str, str] = {
    "str": "文字列",
    "int": "整数",
    "bool": "真偽値",
    "date": "日付（ISO 8601 の文字列）",
    "object": "オブジェクト",
    "list": "配列",
}


class MessageSchemaError(ValueError):
    """A payload that does not match its message type; says which type and field."""

    def __init__(self, message_type: str, version: int, path: str, problem: str) -> None:
        self.message_type = message_type
        self.path = path
        self.problem = problem
        where = f"の項目 {path}" if path else ""
        super().__init__(f"連携メッセージ {message_type}（第{version}版）{where}: {problem}")


@dataclass(frozen=True)
class MessageField:
    name: str
    type: FieldType
    required: bool = True
    description: str = ""
    #: the sub-fields of an object, or of each object of a list
    fields: tuple[MessageField, ...] = ()
    #: the scalar type of each item of a list without ``fields``
    items: FieldType | None = None
    #: None is accepted as the value
    nullable: bool = False

    def __post_init__(self) -> None:
        if self.type == "object" and not self.fields:
            raise ValueError(f"object field {self.name} needs fields")
        if self.type == "list" and not self.fields and self.items not in SCALAR_TYPES:
            raise ValueError(f"list field {self.name} needs fields or a scalar items type")
        if self.type in SCALAR_TYPES and (self.fields or self.items):
            raise ValueError(f"scalar field {self.name} takes no fields or items")


@dataclass(frozen=True)
class MessageType:
    code: str
    label: str
    version: int
    destinations: tuple[str, ...]
    #: what causes the message (the act and the kinds), for the catalogue
    trigger: str
    fields: tuple[MessageField, ...]

    def validate(self, payload: Any) -> None:
        """Raise MessageSchemaError when the payload does not match this type."""
        if not isinstance(payload, Mapping):
            self._fail("", "内容がオブジェクトではありません。")
        version = payload.get(SCHEMA_VERSION_KEY, self.version)
        if version != self.version:
            self._fail(SCHEMA_VERSION_KEY, f"第{self.version}版の型に第{version}版の内容です。")
        body = {k: v for k, v in payload.items() if k != SCHEMA_VERSION_KEY}
        self._object(body, self.fields, "")

    def stamped(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        """The payload with its schema version (validate first)."""
        return {**payload, SCHEMA_VERSION_KEY: self.version}

    # -- the checks

    def _fail(self, path: str, problem: str) -> NoReturn:
        raise MessageSchemaError(self.code, self.version, path, problem)

    # The paths are joined only for a failure: a valid payload (every approval's few dozen)
    # costs no string building.

    def _object(self, value: Mapping[str, Any], fields: Sequence[MessageField], path: str) -> None:
        known = {f.name for f in fields}
        for key in value:
            if key not in known:
                self._fail(_join(path, str(key)), "この型にない項目です。")
        for spec in fields:
            if spec.name not in value:
                if spec.required:
                    self._fail(_join(path, spec.name), "必須の項目がありません。")
                continue
            self._value(value[spec.name], spec, path)

    def _value(self, value: Any, spec: MessageField, parent: str) -> None:
        """Check one field's value; ``parent`` is the path of the object holding it."""
        if value is None:
            if not spec.nullable:
                self._fail(_join(parent, spec.name), "値がありません（null は使えません）。")
            return
        if spec.type == "object":
            if not isinstance(value, Mapping):
                self._fail(_join(parent, spec.name), "オブジェクトではありません。")
            self._object(value, spec.fields, _join(parent, spec.name))
        elif spec.type == "list":
            here = _join(parent, spec.name)
            if not isinstance(value, list | tuple):
                self._fail(here, "配列ではありません。")
            for i, item in enumerate(value):
                if spec.fields:
                    if not isinstance(item, Mapping):
                        self._fail(f"{here}[{i}]", "オブジェクトではありません。")
                    self._object(item, spec.fields, f"{here}[{i}]")
                elif not _scalar_ok(item, spec.items or "str"):
                    self._scalar_fail(item, spec.items or "str", f"{here}[{i}]")
        elif not _scalar_ok(value, spec.type):
            self._scalar_fail(value, spec.type, _join(parent, spec.name))

    def _scalar_fail(self, value: Any, kind: FieldType, path: str) -> NoReturn:
        if kind == "date":
            self._fail(path, f"日付（YYYY-MM-DD）ではありません: {value!r}")
        self._fail(path, f"{TYPE_WORDS[kind]}ではありません（{type(value).__name__}）。")


def _scalar_ok(value: Any, kind: FieldType) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    return _is_iso_date(value)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _is_iso_date(value: Any) -> bool:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return True  # stored as its ISO string by the outbox's JSON encoder
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- catalogue


def _field_rows(fields: Iterable[MessageField], prefix: str = "") -> list[str]:
    rows: list[str] = []
    for spec in fields:
        name = f"{prefix}{spec.name}"
        kind = TYPE_WORDS[spec.type]
        if spec.type == "list" and not spec.fields and spec.items:
            kind = f"{kind}（{TYPE_WORDS[spec.items]}）"
        required = "必須" if spec.required else "任意"
        if spec.nullable:
            required += "・null可"
        description = spec.description.replace("|", "\\|").replace("\n", " ")
        rows.append(f"| `{name}` | {kind} | {required} | {description} |")
        if spec.fields:
            sub = f"{name}[]." if spec.type == "list" else f"{name}."
            rows.extend(_field_rows(spec.fields, sub))
    return rows


def catalogue_markdown(
    types: Iterable[MessageType],
    destination_labels: Mapping[str, str],
    inbox_types: Iterable[tuple[str, str]] = (),
) -> str:
    """The catalogue of message types as Markdown (docs/messages.md)."""
    lines = [
        "# 連携メッセージの一覧",
        "",
        "<!-- manage.py message_catalogue > docs/messages.md で生成（手で編集しない）。"
        " tests/test_messages.py がこのファイルと登録内容の一致を確かめる。 -->",
        "",
        "送信（送信待ち・outbox）の各種別は版付きの型を一つ持ち、書き込み時に検査される。",
        f"内容（payload）には型の版が `{SCHEMA_VERSION_KEY}` として入る。",
        "",
    ]
    ordered = sorted(types, key=lambda t: t.code)
    if not ordered:
        lines += ["（登録された送信メッセージ種別はまだない）", ""]
    for mtype in ordered:
        dests = "、".join(
            f"{destination_labels.get(d, d)}（`{d}`）" for d in sorted(mtype.destinations)
        )
        lines += [
            f"## {mtype.label}（`{mtype.code}`）",
            "",
            f"- 版: {mtype.version}",
            f"- 送信先: {dests}",
            f"- 契機: {mtype.trigger}",
            "",
            "| 項目 | 型 | 必須 | 説明 |",
            "|---|---|---|---|",
            *_field_rows(mtype.fields),
            "",
        ]
    if destination_labels:
        lines += ["## 送信先・受信元", "", "| 符号 | 名称 |", "|---|---|"]
        lines += [f"| `{code}` | {label} |" for code, label in sorted(destination_labels.items())]
        lines.append("")
    inbox = sorted(inbox_types)
    if inbox:
        lines += ["## 受信（inbox）の種別", "", "| 種別 | 名称 |", "|---|---|"]
        lines += [f"| `{code}` | {name} |" for code, name in inbox]
        lines.append("")
    return "\n".join(lines)
