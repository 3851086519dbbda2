"""mynumber's reactions to register events (registered in MynumberConfig.ready()), and
the daily sweep that lapses what is overdue (mynumber.tasks).

juki fires them inside the approval's transaction (juki.reactions); juki never imports
mynumber. What each does, and why:

- 転入: the card must be shown (継続利用) within 90 days of the 転入届 or it lapses
  (番号法第17条第2項, 番号法施行令第14条). The card a person showed at the 転入届 (the
  entry's item, ticked per person: a 特例転入's 世帯員 may have none, 住基法第24条の2第2項)
  is taken over as a card of this city; a 再転入's card of this city follows the person to
  the new 住民票. Both are listed until the 継続利用 (or lapse at the sweep).
- 転居 and a change of 氏名・旧氏・通称: the 券面 shows the old items, so the card needs a
  カード補記 (番号法第17条第4項; listed), and the 署名用電子証明書, which holds them,
  lapses (公的個人認証法第15条: 基本4情報の変更).
- 死亡 and 職権消除: the person is no longer in the register, so the card lapses
  (番号法施行令第14条). A 転出 does not end it (継続利用 at the new address), nor since
  2024-05-27 a 国外転出.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from . import certs, services
from .models import Card, CardStatus, HaishiJiyu

#: 番号法施行令第14条: 転入届をした日から90日を経過しても継続利用をしないとき失効
KEIZOKU_DAYS = 90
#: the register's items the 券面 and the 署名用電子証明書 show (氏名, 旧氏, 通称)
NAME_ITEMS = frozenset({"shi", "mei", "kyuuji", "tsushou"})


def keizoku_kigen(todoke_date: datetime.date) -> datetime.date:
    """The last day of the 継続利用 (90 days from the 届出日, the day itself not counted:
    民法第140条)."""
    return todoke_date + datetime.timedelta(days=KEIZOKU_DAYS)


def _held(jumin_id: int) -> Card | None:
    return services.held_card(jumin_id)


def card_on_tennyu(
    *,
    jumin: Any,
    ido_date: datetime.date,
    todoke_date: datetime.date | None = None,
    mynumber_card: bool = False,
    **kwargs: Any,
) -> int:
    """転入: the card the person brings is due for its 継続利用 (0 or 1 card): a 再転入's
    card of this city, else the card the person showed at the 転入届 (番号法第17条第2項).
    A 特例転入 alone says nothing of this person's card: the 世帯員 of a card holder may
    come without one (住基法第24条の2第2項)."""
    todoke = todoke_date or ido_date
    card = None
    former = getattr(jumin, "zen_jumin_id", None)
    if former is not None:
        card = _held(former)
    if card is None and not mynumber_card:
        return 0
    services.do_take_over_card(
        jumin, card=card, day=ido_date, keizoku_kigen=keizoku_kigen(todoke), acting_user=None
    )
    return 1


def _needs_hoki(jumin: Any, day: datetime.date, jiyu: str) -> int:
    card = _held(jumin.pk)
    if card is None:
        return 0
    services.do_mark_hoki(card, day=day, jiyu=jiyu, acting_user=None)
    certs.end_shomei(card, day=day)
    return 1


def card_on_tenkyo(*, jumin: Any, ido_date: datetime.date, **kwargs: Any) -> int:
    """転居: カード補記 (住所) due; the 署名用電子証明書 lapses."""
    return _needs_hoki(jumin, ido_date, "転居（住所）")


def card_on_shimei_henkou(
    *, jumin: Any, ido_date: datetime.date, changed: Any = (), **kwargs: Any
) -> int:
    """氏名・旧氏・通称の変更: カード補記 due; the 署名用電子証明書 lapses. A change of the
    search フリガナ alone is not printed on the card."""
    items = NAME_ITEMS.intersection(changed)
    if not items:
        return 0
    labels = {"shi": "氏", "mei": "名", "kyuuji": "旧氏", "tsushou": "通称"}
    return _needs_hoki(jumin, ido_date, "・".join(labels[i] for i in sorted(items)) + "の変更")


def _end(jumin: Any, day: datetime.date, jiyu: HaishiJiyu) -> int:
    ended = 0
    for card in Card.objects.select_for_update().filter(
        jumin_id=jumin.pk,
        status__in=[
            CardStatus.SHINSEI,
            CardStatus.KOUFUMAE,
            CardStatus.KOUFUZUMI,
            CardStatus.ICHIJI_TEISHI,
        ],
    ):
        services.do_revoke(card, day=day, jiyu=jiyu, acting_user=None)
        ended += 1
    return ended


def card_on_shibou(*, jumin: Any, ido_date: datetime.date, **kwargs: Any) -> int:
    """死亡: the card lapses (番号法施行令第14条)."""
    return _end(jumin, ido_date, HaishiJiyu.SHIBOU)


def card_on_shokken_shojo(*, jumin: Any, ido_date: datetime.date, **kwargs: Any) -> int:
    """職権消除: no longer in the register, so the card lapses (番号法施行令第14条)."""
    return _end(jumin, ido_date, HaishiJiyu.SHOKKEN)


def lapse_overdue(today: datetime.date | None = None) -> dict[str, int]:
    """The daily sweep (idempotent): cards past their 継続利用 period or their 有効期限
    are 廃止 (番号法施行令第14条), certificates past theirs 失効."""
    day = today or timezone.localdate()
    done = {"keizoku": 0, "kigen": 0, "certificates": 0}
    held = [CardStatus.KOUFUZUMI, CardStatus.ICHIJI_TEISHI]
    rules = (
        ("keizoku", {"keizoku_kigen__lt": day}, HaishiJiyu.KEIZOKU_KIGEN),
        ("kigen", {"yuukou_kigen__lt": day}, HaishiJiyu.KIGEN_MANRYO),
    )
    for key, overdue, jiyu in rules:
        for pk in Card.objects.filter(status__in=held, **overdue).values_list("pk", flat=True):
            with transaction.atomic():
                card = Card.objects.select_for_update().get(pk=pk)
                if card.status not in held:
                    continue
                services.do_revoke(card, day=day, jiyu=jiyu, acting_user=None)
                done[key] += 1
    with transaction.atomic():
        done["certificates"] = certs.expire_due(day)
    return done
