"""seal's reactions to register events (registered in SealConfig.ready()).

juki fires them inside the approval's transaction (juki.reactions); juki never imports
seal.
"""

from __future__ import annotations

import datetime
from typing import Any

from . import services
from .models import HaishiReason, InkanStatus, InkanToroku


def _end(jumin: Any, day: datetime.date, reason: HaishiReason) -> int:
    """End the person's open 印鑑登録 (0 or 1 row); the record stays, marked 廃止, with
    its history row (seal.services)."""
    return services.end_open(jumin.pk, day, reason)


def end_registration_on_tenshutsu(*, jumin: Any, ido_date: datetime.date, **kwargs: Any) -> int:
    """転出: the 印鑑登録 ends by itself on the 消除 date (fired at the 消除, not at the
    転出's 承認: a 転出予定者 is still a resident, docs/adr/0017)."""
    return _end(jumin, ido_date, HaishiReason.TENSHUTSU)


def restore_registration_on_tenshutsu_torikeshi(
    *, jumin: Any, shojo_date: datetime.date | None = None, **kwargs: Any
) -> int:
    """転出取消: the 転出 never happened, so the 印鑑登録 its 消除 ended is registered
    again (DOMAIN.md 印鑑登録: 「a 転出取消 restores it」). Only the one that 消除 ended (廃止
    事由 転出, 廃止年月日 = the 消除年月日 undone), and only when the person has not
    registered another seal since (one seal per person). A 転出予定者 (``shojo_date``
    None) lost nothing."""
    if shojo_date is None:
        return 0
    ended = (
        InkanToroku.objects.filter(
            jumin_id=jumin.pk,
            status=InkanStatus.HAISHI,
            haishi_reason=HaishiReason.TENSHUTSU,
            haishi_date=shojo_date,
        )
        .order_by("-id")
        .first()
    )
    if (
        ended is None
        or InkanToroku.objects.filter(jumin_id=jumin.pk, status=InkanStatus.TOROKU).exists()
    ):
        return 0
    return ended.restore()


def end_registration_on_shibou(*, jumin: Any, ido_date: datetime.date, **kwargs: Any) -> int:
    """死亡: ends on the 死亡日 (a 不詳 date is its sortable internal date, j80)."""
    return _end(jumin, ido_date, HaishiReason.SHIBOU)


def end_registration_on_shokken_shojo(*, jumin: Any, ido_date: datetime.date, **kwargs: Any) -> int:
    """職権消除: no longer a resident, so no longer registered (事由 職権)."""
    return _end(jumin, ido_date, HaishiReason.SHOKKEN)


def end_registration_on_shimei_henkou(*, jumin: Any, ido_date: datetime.date, **kwargs: Any) -> int:
    """氏名・旧氏・通称の変更: a seal that no longer shows one of the person's names ends
    (要領 第2-5-(1): 登録印鑑が第2-2の要件を欠くに至ったとき), and the holder is told by
    the printed 印鑑登録廃止通知書 (seal.documents.haishi_tsuchi_pdf, listed among the
    staff alerts until printed)."""
    from .names import still_shows

    ended = 0
    for toroku in InkanToroku.objects.filter(jumin_id=jumin.pk, status=InkanStatus.TOROKU):
        if still_shows(toroku.inei_moji, jumin):
            continue
        services.do_haishi(
            toroku,
            day=ido_date,
            reason=HaishiReason.SHIMEI_HENKOU,
            actor=services.SYSTEM,
            note=f"氏名等の変更により印影「{toroku.inei_moji}」が氏名を表さなくなったため",
        )
        ended += 1
    return ended
