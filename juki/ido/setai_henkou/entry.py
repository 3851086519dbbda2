"""The entry of a 世帯変更: what 仮登録 keeps, in the order of the paper form.

The JSON (``SetaiHenkouEntry.to_json()``, ``setai_henkou_entry()``)::

    {"v": 1, "todoke_date": "2026-04-10", "ido_date": "2026-04-05",
     "henkou": "bunri" | "gappei" | "nushi_henkou" | "kousei_henkou",
     "setai_bango": "<the household>",
     "atena_bangos": [],           # bunri: the members who leave
     "setai_nushi": "",            # bunri: the new household's head; nushi_henkou: the new head
     "other_setai_bango": "",      # gappei: the household absorbed
     "zokugara": {"<宛名番号>": "妻", …},   # the 続柄 entered (see each variant)
     "staying_setai_nushi": "", "staying_zokugara": {}}   # bunri, when the head leaves
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from django.utils import timezone

from .. import kernel

#: the kind's code (the form's plan is memoised under it, as the kind's)
CODE = "setai_henkou"

HENKOU = {
    "bunri": "世帯分離",
    "gappei": "世帯合併",
    "nushi_henkou": "世帯主変更",
    "kousei_henkou": "世帯構成変更",
}


@dataclass(frozen=True)
class SetaiHenkouEntry(kernel.StayingHousehold):
    """A 世帯変更届 as entered (see the module docstring)."""

    VERSION: ClassVar[int] = 1

    todoke_date: datetime.date | None = None
    ido_date: datetime.date | None = None
    henkou: str = ""
    setai_bango: str = ""
    atena_bangos: tuple[str, ...] = ()
    setai_nushi: str = ""
    other_setai_bango: str = ""


def setai_henkou_entry(
    *,
    henkou: str,
    setai_bango: str = "",
    atena_bango: str = "",
    ido_date: datetime.date | None = None,
    todoke_date: datetime.date | None = None,
    atena_bangos: Sequence[str] = (),
    setai_nushi: str = "",
    other_setai_bango: str = "",
    zokugara: dict[str, str] | None = None,
    staying_setai_nushi: str = "",
    staying_zokugara: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The entry JSON of a 世帯変更 (what the form produces), for the form and tests.

    The household is ``setai_bango`` or the one of ``atena_bango`` (or of the first of
    ``atena_bangos``); dates default to today; what the variant does not use is left out.
    """
    if not setai_bango:
        who = atena_bango or (atena_bangos[0] if atena_bangos else "")
        setai_bango = kernel.setai_bango_of(who)
    today = timezone.localdate()
    bunri = henkou == "bunri"
    return SetaiHenkouEntry(
        todoke_date=todoke_date or today,
        ido_date=ido_date or today,
        henkou=henkou,
        setai_bango=setai_bango,
        atena_bangos=tuple(atena_bangos) if bunri else (),
        setai_nushi=setai_nushi if henkou in ("bunri", "nushi_henkou") else "",
        other_setai_bango=other_setai_bango if henkou == "gappei" else "",
        zokugara=dict(zokugara or {}),
        staying_setai_nushi=staying_setai_nushi if bunri else "",
        staying_zokugara=dict(staying_zokugara or {}) if bunri else {},
    ).to_json()
