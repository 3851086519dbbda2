"""Reactions to register events, registered by the apps above juki.

juki is below the apps that depend on a person's presence in the register (印鑑登録,
個人番号カード …) and never imports them. Instead, those apps register a handler here in
their ``AppConfig.ready()``, and juki fires the event where it happens:

====================  ==========================================================
event                 fired by, with
====================  ==========================================================
``tenshutsu``         a 転出's 消除 (on the 転出予定日 or the 転入通知's 転入日, or at
                      承認 when that day has come; ADR 0017), once per person:
                      ``jumin`` (the person, now a 除票), ``ido_date`` (消除年月日)
``tenshutsu_torikeshi``  a 転出取消 at 承認, once per person: ``jumin``, ``ido_date``,
                      ``shojo_date`` (the 消除年月日 undone; None for a 転出予定者)
``shibou``            a 死亡 at 承認 (kept for the 死亡 kind): ``jumin``, ``ido_date``
``shimei_henkou``     a change of 氏, 名, their フリガナ, 旧氏 or 通称 (``juki.services
                      .update_person``, e.g. 職権修正): ``jumin``, ``ido_date``, ``changed``
                      (the field names changed)
``tennyu``            a 転入 (every 転入 kind: 特例, 国外から, 住居地届出) at 承認, once
                      per person: ``jumin`` (the new 住民票), ``ido_date`` (転入日),
                      ``todoke_date`` (届出日; the 継続利用's 90 days run from it),
                      ``tokurei`` (a 特例転入), ``mynumber_card`` (the person showed
                      their 個人番号カード: 住基法第24条の2, 番号法第17条第2項)
``tenkyo``            a 転居 (and a 区間転入) at 承認, once per mover: ``jumin``,
                      ``ido_date`` (転居日), ``todoke_date``
====================  ==========================================================

Handlers are called in registration order, inside the approval's transaction: what
they write commits or rolls back with the register change, and an exception from a
handler refuses the whole 承認. Handlers take keyword arguments only and should accept
``**kwargs`` so an event may carry more later.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["EVENTS", "fire", "handlers", "register", "unregister"]

Handler = Callable[..., Any]

#: the events juki fires; registering for another name is a mistake caught at start-up
EVENTS = frozenset(
    {
        "tenshutsu",
        "tenshutsu_torikeshi",
        "shibou",
        "shokken_shojo",
        "shimei_henkou",
        "tennyu",
        "tenkyo",
    }
)

_handlers: dict[str, list[Handler]] = {}


def register(event: str, handler: Handler) -> None:
    """Call ``handler(**kwargs)`` whenever ``event`` is fired (idempotent per handler)."""
    if event not in EVENTS:
        raise ValueError(f"未知の事象です: {event!r}（{', '.join(sorted(EVENTS))}）")
    registered = _handlers.setdefault(event, [])
    if handler not in registered:
        registered.append(handler)


def unregister(event: str, handler: Handler) -> None:
    """Remove a handler (tests); absent handlers are ignored."""
    registered = _handlers.get(event, [])
    if handler in registered:
        registered.remove(handler)


def handlers(event: str) -> list[Handler]:
    """The handlers of an event, in call order (a copy)."""
    return list(_handlers.get(event, []))


def fire(event: str, **kwargs: Any) -> None:
    """Call every handler of ``event`` with ``kwargs``, in the caller's transaction."""
    if event not in EVENTS:
        raise ValueError(f"未知の事象です: {event!r}")
    for handler in list(_handlers.get(event, [])):
        handler(**kwargs)
