"""Deny by default: every view declares who may use it.

A view carries `access_roles` (set by `@allow(...)`) or `access_public` (set by
`@public`); `AccessPolicyMiddleware` refuses every other view, so a view that forgets to
declare is closed, not open. Refusals are written to the 操作ログ.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .roles import Role

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])


def allow(*roles: Role) -> Callable[[ViewFunc], ViewFunc]:
    """Open a view to the given roles (and to nobody else)."""
    if not roles:
        raise ValueError("allow() needs at least one role")

    def decorate(view: ViewFunc) -> ViewFunc:
        view.access_roles = frozenset(roles)  # type: ignore[attr-defined]
        return view

    return decorate


def public(view: ViewFunc) -> ViewFunc:
    """Open a view to anyone, signed in or not (login page, 呼出 board)."""
    view.access_public = True  # type: ignore[attr-defined]
    return view


def declared_roles(view: Callable[..., Any]) -> frozenset[Role] | None:
    """The roles a view declares; None when it declares nothing (closed)."""
    target = getattr(view, "view_class", view)
    roles = getattr(view, "access_roles", None) or getattr(target, "access_roles", None)
    return frozenset(roles) if roles else None


def is_public(view: Callable[..., Any]) -> bool:
    target = getattr(view, "view_class", view)
    return bool(getattr(view, "access_public", False) or getattr(target, "access_public", False))
