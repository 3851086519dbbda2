"""The one writer of the 異動's messages to other systems (ARCHITECTURE.md: "the same event
reaches the same destination in one shape whatever procedure caused it").

Every 異動 kind's ``apply_plan`` makes one ``IdoNotices`` for its procedure, calls the
methods below for what its 承認 changed, and ``write()``s them with ``enqueue_many`` in
the approval's transaction. The payload of each message type is built only here; its
schema (versioned, validated when queued) is declared in ``message_types`` and
catalogued in docs/messages.md; counter stamps each payload with its ``schema_version``.

Common to every payload: ``jiyu`` (異動事由 as the register
records it), ``ido_date`` and ``todoke_date`` (ISO; todoke_date "" for 職権).
A person is ``person_item(j)``: the 4情報, numbers, address and household after the
change, the 従前の住所 (``zenjusho``) and the 転出先 of a 除票 by 転出 (``tenshutsusaki``)
the register records.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from jputil import moji

from ...gaiji import gaiji_in
from ...models import Jumin, Setai
from .dates import iso
from .outbox_writer import ProcedureOutbox
from .register import has_honseki, person_payload
from .takka_rules import TakkaReason, takka_destinations

if TYPE_CHECKING:
    from counter.models import Procedure

#: destinations (declared by juki in its manifest; counter knows none of them)
JUKINET_CS = "jukinet_cs"
HONSEKICHI = "honsekichi"
NYUKAN = "nyukan"

#: message types, one payload shape each (schemas in message_types.py)
HONNIN_KAKUNIN = "honnin_kakunin_koshin"
FUHYO = "fuhyo_tsuchi"
NYUKAN_TSUCHI = "shichoson_tsuchi"
JUMINHYO_CODE_FUBAN = "juminhyo_code_fuban"
JUMIN_IDO = "jumin_ido"
TENNYU_TSUCHI = "tennyu_tsuchi"


def person_item(j: Jumin) -> dict[str, Any]:
    """A person as every 異動 message carries them (after the change)."""
    nushi = j.setai.setai_nushi
    return {
        **person_payload(j),
        "jusho": j.address,
        "jusho_date": iso(j.jusho_date),
        "tenshutsusaki": j.tenshutsusaki,
        "zenjusho": j.zenjusho,
        "zokugara": j.zokugara,
        "shubetsu": j.shubetsu,
        "setai_nushi_atena_bango": nushi.atena_bango if nushi else "",
        "setai_nushi_name": nushi.full_name if nushi else "",
    }


def toitsu_moji(j: Jumin) -> list[dict[str, Any]]:
    """The 住基統一文字 form of the 氏名 and 住所 where it differs from the text (j1090):
    the CS carries a character by its 住基ネット統一文字コード, and a glyph variant may have a
    code of its own (jputil/data/juki_toitsu_moji.json, a registered 外字's code)."""
    texts = {"shimei": j.full_name, "jusho": j.address}
    extra = {g.moji: g.toitsu_code for g in gaiji_in(texts.values()) if g.toitsu_code}
    items = []
    for item, text in texts.items():
        form = moji.toitsu_form(text, extra)
        if form is not None:
            items.append({"item": item, "codes": list(form.codes), "unmapped": list(form.unmapped)})
    return items


def cs_person_item(j: Jumin) -> dict[str, Any]:
    """A person as the 住基ネット CS's messages carry them: ``person_item`` and, where the
    text differs from its 統一文字 form, ``toitsu_moji``."""
    item = person_item(j)
    if toitsu := toitsu_moji(j):
        item["toitsu_moji"] = toitsu
    return item


class IdoNotices(ProcedureOutbox):
    """The messages of one 異動's 承認, written together by ``write()``."""

    def __init__(
        self,
        procedure: Procedure,
        *,
        jiyu: str,
        ido_date: datetime.date,
        todoke_date: datetime.date | None,
    ) -> None:
        super().__init__(procedure)
        self.jiyu = jiyu
        self.ido_date = ido_date
        self.todoke_date = todoke_date
        self._takka: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._takka_seen: set[tuple[str, str, str]] = set()

    def base(self, jiyu: str | None = None) -> dict[str, Any]:
        return {
            "jiyu": jiyu or self.jiyu,
            "ido_date": iso(self.ido_date),
            "todoke_date": iso(self.todoke_date),
        }

    # --- 住基ネット (市町村CS) ------------------------------------------------------------

    def honnin_kakunin(
        self, j: Jumin, *, jiyu: str | None = None, zenjusho: str = "", shojo: bool = False
    ) -> None:
        """本人確認情報の更新 (住基法第30条の6): 4情報, 住民票コード, 異動事由."""
        self.send(
            JUKINET_CS,
            HONNIN_KAKUNIN,
            {**self.base(jiyu), "person": cs_person_item(j), "zenjusho": zenjusho, "shojo": shojo},
            j.atena_bango,
        )

    def juminhyo_code_fuban(self, j: Jumin) -> None:
        """住民票コードの付番 (出生, 職権記載: 住基法第30条の3)."""
        self.send(
            JUKINET_CS,
            JUMINHYO_CODE_FUBAN,
            {**self.base(), "person": cs_person_item(j)},
            j.atena_bango,
        )

    def tennyu_tsuchi(
        self,
        persons: Sequence[Jumin],
        *,
        tenshutsuchi_jusho: str,
        tenshutsu_yotei_date: datetime.date | None,
        tokurei: bool,
    ) -> None:
        """転入通知 to the 転出地 (住基法第9条第1項), through the CS."""
        self.send(
            JUKINET_CS,
            TENNYU_TSUCHI,
            {
                **self.base(),
                "tenshutsuchi_jusho": tenshutsuchi_jusho,
                "tenshutsu_yotei_date": iso(tenshutsu_yotei_date),
                "tokurei": tokurei,
                "persons": [cs_person_item(j) for j in persons],
            },
            "proc",
        )

    # --- 本籍地 and 出入国在留管理庁 -------------------------------------------------------

    def fuhyo(self, j: Jumin, *, jiyu: str | None = None) -> None:
        """戸籍の附票 (住基法第19条): to the 本籍地 of a Japanese person with a 本籍."""
        if j.is_foreign or not has_honseki(j):
            return
        self.send(
            HONSEKICHI,
            FUHYO,
            {
                **self.base(jiyu),
                "person": person_item(j),
                "honseki": j.honseki,
                "hittousha": j.hittousha,
            },
            j.atena_bango,
        )

    def nyukan(self, j: Jumin, *, jiyu: str | None = None) -> None:
        """市町村通知 to 出入国在留管理庁 (住基法第30条の50) for a foreign resident."""
        if not j.is_foreign:
            return
        self.send(
            NYUKAN,
            NYUKAN_TSUCHI,
            {
                **self.base(jiyu),
                "person": person_item(j),
                "kokuseki": j.kokuseki,
                "zairyu_card_bango": j.zairyu_card_bango,
                "kubun_30_45": j.kubun_30_45,
            },
            j.atena_bango,
        )

    # --- 他課 -----------------------------------------------------------------------------

    def takka(
        self,
        j: Jumin,
        *,
        reason: TakkaReason,
        jiyu: str | None = None,
        day: datetime.date | None = None,
    ) -> None:
        """住民異動届（他課用）: the person goes to every 他課 the one rule names."""
        self.to_takka(takka_destinations(j, day or self.ido_date, reason=reason), j, jiyu=jiyu)

    def to_takka(self, dests: Iterable[str], j: Jumin, *, jiyu: str | None = None) -> None:
        for dest in dests:
            seen = (str(dest), jiyu or self.jiyu, j.atena_bango)
            if seen in self._takka_seen:
                continue
            self._takka_seen.add(seen)
            self._takka.setdefault((str(dest), jiyu or self.jiyu), []).append(person_item(j))

    def write(self, households: Sequence[Setai] = ()) -> list[int]:
        """Queue everything: the 他課 messages (one per 他課 and 事由, with the households
        after the change) after the others."""
        setai = [
            {
                "setai_bango": s.setai_bango,
                "setai_nushi_atena_bango": s.setai_nushi.atena_bango if s.setai_nushi else "",
            }
            for s in households
        ]
        for n, ((dest, jiyu), persons) in enumerate(self._takka.items(), start=1):
            self.send(
                dest, JUMIN_IDO, {**self.base(jiyu), "persons": persons, "setai": setai}, f"g{n}"
            )
        self._takka.clear()
        return super().write()
