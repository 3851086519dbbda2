"""The typed, versioned entry of a procedure kind (what 仮登録 keeps on the procedure).

A procedure can stay open across a release (entered on Friday, approved on Monday after
an upgrade), so its stored JSON carries the version of its shape: ``{"v": 2, ...}``.
Reading it back upgrades older shapes step by step (``Entry.upgrade``); a JSON written
before versions existed (no ``"v"``) is version 1. A newer version than the code knows
is refused rather than guessed.

An entry is a frozen dataclass whose fields are plain values: ``str``, ``int``,
``bool``, ``datetime.date`` (ISO in JSON), ``date | None``, ``tuple[str, ...]`` /
``list[str]``, ``dict[str, str]``, a nested entry dataclass or a tuple of them. The
conversion reads the type hints, so a kind writes only its fields::

    @dataclass(frozen=True)
    class TenkyoEntry(Entry):
        VERSION: ClassVar[int] = 1
        todoke_date: datetime.date | None = None
        atena_bangos: tuple[str, ...] = ()
        zokugara: dict[str, str] = field(default_factory=dict)
"""

from __future__ import annotations

import dataclasses
import datetime
import types
import typing
from collections.abc import Mapping
from typing import Any, ClassVar, Self

VERSION_KEY = "v"


class EntryVersionError(ValueError):
    """The stored entry was written by a newer release than this one."""


_FIELDS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _fields_of(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, type hint) of each field: resolving the hints is slow, so once per class."""
    found = _FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = _FIELDS[cls] = tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))
    return found


def _is_optional(hint: Any) -> tuple[bool, Any]:
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return True, rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
    return False, hint


def _from_json(hint: Any, value: Any) -> Any:
    optional, hint = _is_optional(hint)
    if value is None or (optional and value == ""):
        return None if optional else _empty(hint)
    origin = typing.get_origin(hint)
    if hint is datetime.date:
        return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
    if hint is str:
        return str(value)
    if hint is bool:
        return bool(value)
    if hint is int:
        return int(value)
    if isinstance(hint, type) and issubclass(hint, Entry):
        return hint.from_json(value, nested=True)
    if origin in (tuple, list):
        (item,) = typing.get_args(hint)[:1]
        items = [_from_json(item, v) for v in value]
        return tuple(items) if origin is tuple else items
    if origin is dict:
        _, item = typing.get_args(hint)
        return {str(k): _from_json(item, v) for k, v in dict(value).items()}
    return value


def _empty(hint: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin is tuple:
        return ()
    if origin is list:
        return []
    if origin is dict:
        return {}
    if hint is str:
        return ""
    if hint is bool:
        return False
    if hint is int:
        return 0
    return None


def _to_json(value: Any) -> Any:
    if isinstance(value, Entry):
        return value.to_json(nested=True)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _to_json(v) for k, v in value.items()}
    return value


@dataclasses.dataclass(frozen=True)
class Entry:
    """Base of every kind's entry; see the module docstring."""

    VERSION: ClassVar[int] = 1

    @classmethod
    def upgrade(cls, data: dict[str, Any], version: int) -> dict[str, Any]:
        """Turn the JSON of ``version`` into that of ``version + 1`` (override per step)."""
        raise EntryVersionError(f"{cls.__name__}: no upgrade from version {version}")

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None, *, nested: bool = False) -> Self:
        raw = dict(data or {})
        if not nested:
            version = int(raw.pop(VERSION_KEY, 1) or 1)
            if version > cls.VERSION:
                raise EntryVersionError(
                    f"この手続の入力内容は新しい版（{version}）で保存されています。"
                    "システムの更新後に開き直してください。"
                )
            while version < cls.VERSION:
                raw = cls.upgrade(raw, version)
                version += 1
        values = {
            name: _from_json(hint, raw[name]) for name, hint in _fields_of(cls) if name in raw
        }
        return cls(**values)

    def to_json(self, *, nested: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {} if nested else {VERSION_KEY: self.VERSION}
        for f in dataclasses.fields(self):
            out[f.name] = _to_json(getattr(self, f.name))
        return out

    def replace(self, **changes: Any) -> Self:
        return dataclasses.replace(self, **changes)
