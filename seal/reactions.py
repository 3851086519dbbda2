"""seal's reactions to register events (registered in SealConfig.ready()).

juki fires them inside the approval's transaction (juki.reactions); juki never imports
seal.
"""

from __future__ import annotations

import datetime
from typing import Any

from .models import HaishiReason, InkanStatus, InkanToroku


def _end(jumin: Any, day: datetime.date, reason: HaishiReason) -> int:
    """End the person's open 印鑑登録 (0 or 1 row); the record stays, marked 廃止."""
    return InkanToroku.objects.filter(jumin_id=jumin.pk, status=InkanStatus.TOROKU).update(
        status=InkanStatus.HAISHI, haishi_date=day, haishi_reason=reason
    )


def end_registration_on_tenshutsu(*, jumin: Any, ido_date: datetime.date, **kwargs: Any) -> int:
    """転出: the 印鑑登録 ends by itself on the 消除 date. A 転出取消 does not revive it:
    the resident registers again."""
    return _end(jumin, ido_date, HaishiReason.TENSHUTSU)


def end_registration_on_shibou(*, jumin: Any, ido_date: datetime.date, **kwargs: Any) -> int:
    """死亡: ends on the 死亡日 (a 不詳 date is its sortable internal date, j80)."""
    return _end(jumin, ido_date, HaishiReason.SHIBOU)


def end_registration_on_shokken_shojo(
    *, jumin: Any, ido_date: datetime.date, **kwargs: Any
) -> int:
    """職権消除: no longer a resident, so no longer registered (事由 職権)."""
    return _end(jumin, ido_date, HaishiReason.SHOKKEN)
