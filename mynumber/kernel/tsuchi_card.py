"""What the window still does with a 通知カード after its abolition.

令和元年法律第16号（デジタル手続法）による番号法第7条の改正が 2020-05-25 に施行され、
通知カードは廃止された: none is issued, reissued or endorsed since (個人番号通知書 took its
place), but a card already held stays usable while its 記載事項 match the register, and
its holder still reports its loss (改正前の番号法第7条第6項) and returns it (同条第7項),
under the transitional rule (docs/adr/0037 names what we could not pin to an article).
So the window takes a 紛失届 and a 返納届 from someone who can have had one, once."""

from __future__ import annotations

import datetime

from counter.kind_plan import Problems
from juki.ido import kernel as ido
from juki.models import Jumin
from mynumber.models_tsuchi import TsuchiCardTodoke, TsuchiCardTodokeKind

#: 番号法第7条の改正（令和元年法律第16号）の施行日: 通知カードの廃止
HAISHI_DATE = datetime.date(2020, 5, 25)
HAISHI_RULE = "番号法第7条（令和2年5月25日施行の改正で通知カードは廃止）"
ONCE_RULE = "改正前の番号法第7条第6項・第7項（届出は一枚の通知カードにつき一度）"


def check_could_hold(problems: Problems, person: Jumin) -> None:
    """Someone born on or after the abolition was never sent a 通知カード (their number
    came on a 個人番号通知書)."""
    problems.require(
        person.seinengappi < HAISHI_DATE,
        f"{HAISHI_RULE}: {ido.wareki_text(person.seinengappi)}生まれの方には通知カードは"
        "交付されていません（個人番号通知書で通知されています）。",
        field="atena_bango",
    )


def check_first(
    problems: Problems, person: Jumin, kind: TsuchiCardTodokeKind, *, lock: bool = False
) -> None:
    """A card returned is gone: nothing more is taken on it; a loss is reported once
    (a found card is then returned, not lost again)."""
    rows = TsuchiCardTodoke.objects.filter(jumin=person)
    if lock:
        rows = rows.select_for_update()
    kinds = set(rows.values_list("kind", flat=True))
    if TsuchiCardTodokeKind.HENNOU in kinds:
        problems.add(f"{ONCE_RULE}: この方の通知カードは返納済みです。", field="atena_bango")
    elif kind == TsuchiCardTodokeKind.FUNSHITSU and kind in kinds:
        problems.add(
            f"{ONCE_RULE}: この方の通知カードの紛失届は受理済みです"
            "（発見した場合は返納届を受け付けます）。",
            field="atena_bango",
        )
