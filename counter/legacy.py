"""TRANSITIONAL (issue 7): the old enum names, read from the registry. Remove when unused.

``CounterCategory`` and ``OutboxDestination`` were closed enums in counter listing
juki's, certificates', seal's and mynumber's things. They are gone: each app declares its
categories and destinations in its manifest (counter.registry). Until ``juki/ido/*``
(restructured separately) and the screens stop importing these names, they resolve
through the registry: ``CounterCategory.IDO`` is the registered category ``"ido"``,
``OutboxDestination("jukinet_cs").label`` its registered label, iteration yields what is
registered. No code or label is written here.

Replace with: a kind's ``category = "ido"`` (juki.manifest.IDO), destinations from
``juki.manifest.JukiDestination``, labels from ``registry.category_label`` /
``registry.destination_label``, choices from ``registry.categories()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import registry


class _RegistryChoicesMeta(type):
    """Class-level enum look-alike: attribute access, call, iteration, choices, values."""

    def _codes(cls) -> dict[str, str]:
        raise NotImplementedError

    def __getattr__(cls, name: str) -> Any:
        if name.startswith("_") or not name.isupper():
            raise AttributeError(name)
        code = name.lower()
        if code not in cls._codes():
            raise AttributeError(f"{cls.__name__}.{name}: no app declares {code!r}")
        return cls(code)

    def __iter__(cls) -> Iterator[Any]:
        return iter([cls(code) for code in cls._codes()])

    def __len__(cls) -> int:
        return len(cls._codes())

    @property
    def choices(cls) -> list[tuple[str, str]]:
        return list(cls._codes().items())

    @property
    def values(cls) -> list[str]:
        return list(cls._codes())

    @property
    def labels(cls) -> list[str]:
        return list(cls._codes().values())


class _RegistryChoice(str, metaclass=_RegistryChoicesMeta):
    """A registered code (a str, so it compares, stores and serialises as the code)."""

    def __new__(cls, value: str) -> _RegistryChoice:
        codes = cls._codes()
        if str(value) not in codes:
            raise ValueError(f"{value!r} is not a registered {cls.__name__}")
        return super().__new__(cls, str(value))

    @property
    def value(self) -> str:
        return str(self)

    @property
    def label(self) -> str:
        return type(self)._codes()[str(self)]


class _CategoryMeta(_RegistryChoicesMeta):
    def _codes(cls) -> dict[str, str]:
        return {c.code: c.label for c in registry.categories()}


class _DestinationMeta(_RegistryChoicesMeta):
    def _codes(cls) -> dict[str, str]:
        return {code: d.label for code, d in registry.destinations().items()}


class CounterCategory(_RegistryChoice, metaclass=_CategoryMeta):
    """TRANSITIONAL: a registered 窓口区分 (see the module docstring)."""


class OutboxDestination(_RegistryChoice, metaclass=_DestinationMeta):
    """TRANSITIONAL: a registered outbox destination (see the module docstring)."""
