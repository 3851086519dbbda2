"""seal's reactions to register events (registered in SealConfig.ready()).

juki fires them inside the approval's transaction (juki.reactions); juki never imports
seal.
"""

from __future__ import annotations

import datetime
from typing import Any

from .models import HaishiReason, InkanStatus, InkanToroku


def end_registration_on_tenshutsu(*, jumin: Any, ido_date: datetime.date, **kwargs: Any) -> int:
    """転出: the person's 印鑑登録 ends by itself (廃止, 事由 転出, on the 消除 date).

    Returns the number of registrations ended (0 or 1). A 転出取消 does not revive it:
    the resident registers again.
    """
    return InkanToroku.objects.filter(jumin_id=jumin.pk, status=InkanStatus.TOROKU).update(
        status=InkanStatus.HAISHI, haishi_date=ido_date, haishi_reason=HaishiReason.TENSHUTSU
    )


def end_registration_on_shibou(*, jumin: Any, ido_date: datetime.date, **kwargs: Any) -> int:
    """死亡: the person's 印鑑登録 ends by itself (廃止, 事由 死亡, on the 死亡日).

    ``ido_date`` is the sortable 死亡日 (a 不詳 date is its internal date, j80).
    Returns the number of registrations ended (0 or 1).
    """
    return InkanToroku.objects.filter(jumin_id=jumin.pk, status=InkanStatus.TOROKU).update(
        status=InkanStatus.HAISHI, haishi_date=ido_date, haishi_reason=HaishiReason.SHIBOU
    )
