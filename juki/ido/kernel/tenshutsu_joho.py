"""転出証明書情報 (住基法第24条の2): what a 特例転入 rests on, received from the 転出地.

A 特例転出 at the 転出地 (a My Number card holder, no paper) sends the 転出証明書情報 to
this city through 住基ネット CS; it arrives in the inbox (counter.inbox, ADR 0010) as a
``tenshutsu_shomeisho_joho`` message, in the form this product's own 特例転出 sends
(``joho_payload``), so two cities running it understand each other. The window finds it
by a person's 住民票コード, 個人番号 or 氏名カナ, loads it into the 特例転入届, and 承認
marks it used. The 特例転入
itself checks that the entry agrees with it: the same 転出予定日, 従前の住所 and persons.

The payload (dates ISO; a person's items are the 転入届's, ``kernel.person.PERSON_KEYS``)::

    {"tenshutsu_yotei_date": "2026-11-10",
     "jusho": "大阪府大阪市北区梅田一丁目1番1号", "jusho_postal_code": "5300001",
     "tenshutsusaki": "東京都墨田区押上一丁目5番6号",   # as declared at the 転出地
     "persons": [{"shi": "…", "mei": "…", "seinengappi": "1980-01-02", "seibetsu": "1",
                  "zokugara": "世帯主", "juminhyo_code": "…", "kojin_bango": "…", …}]}
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from counter import inbox
from counter.models import InboxMessage, InboxStatus
from jputil import numbers, searchkeys

from ...models import Jumin, JuminShubetsu, Seibetsu
from . import dates
from .tenshutsu_joho_irai import KAITO_TYPE

if TYPE_CHECKING:
    from counter.models import Procedure

MESSAGE_TYPE = "tenshutsu_shomeisho_joho"
NAME = "転出証明書情報"
ARTICLE = "住基法第24条の2"
#: the inbox types a 特例転入 loads: sent by the 転出地's 特例転出, or its answer to this
#: city's request (``tenshutsu_joho_irai``: the same payload with ``irai_no``)
MESSAGE_TYPES = (MESSAGE_TYPE, KAITO_TYPE)


def _received(key: str) -> InboxMessage | None:
    return InboxMessage.objects.filter(message_type__in=MESSAGE_TYPES, idempotency_key=key).first()


@dataclass(frozen=True)
class TenshutsuJoho:
    """One received 転出証明書情報, checked."""

    key: str
    sender_code: str
    yotei_date: datetime.date
    jusho: str
    postal_code: str
    tenshutsusaki: str
    persons: list[dict[str, Any]]
    status: str

    @property
    def names(self) -> str:
        return "、".join(_name(p) for p in self.persons)


def _name(p: dict[str, Any]) -> str:
    return f"{p.get('shi', '')}　{p['mei']}" if p.get("mei") else str(p.get("shi", ""))


def _iso_date(value: Any, what: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as exc:
        raise inbox.InboxError(f"{what}が日付（YYYY-MM-DD）ではありません: {value!r}") from exc


def parse(payload: dict[str, Any]) -> tuple[datetime.date, list[dict[str, Any]]]:
    """Check a payload (InboxError says what is wrong); its 転出予定日 and persons."""
    from .person import PERSON_KEYS, tennyu_person

    yotei = _iso_date(payload.get("tenshutsu_yotei_date"), "転出予定日")
    if not str(payload.get("jusho") or "").strip():
        raise inbox.InboxError("転出地の住所（jusho）がありません。")
    raw = payload.get("persons")
    if not isinstance(raw, list) or not raw:
        raise inbox.InboxError("転出者（persons）がありません。")
    persons: list[dict[str, Any]] = []
    for i, p in enumerate(raw, start=1):
        if not isinstance(p, dict) or not str(p.get("shi") or "").strip():
            raise inbox.InboxError(f"{i}人目の転出者の氏がありません。")
        _iso_date(p.get("seinengappi"), f"{i}人目の生年月日")
        if p.get("seibetsu") not in Seibetsu.values:
            raise inbox.InboxError(f"{i}人目の性別が不正です: {p.get('seibetsu')!r}")
        code = numbers.normalize_digits(str(p.get("juminhyo_code") or ""))
        if not numbers.is_valid_juminhyo_code(code):
            raise inbox.InboxError(f"{i}人目の住民票コードが不正です: {code!r}")
        items = {k: ("" if p.get(k) is None else p[k]) for k in PERSON_KEYS if k in p}
        items["juminhyo_code"] = code
        items.setdefault("shubetsu", JuminShubetsu.JAPANESE.value)
        persons.append(tennyu_person(**items))
    return yotei, persons


def keys(payload: dict[str, Any]) -> list[str]:
    """What the window may search a 転出証明書情報 by: 住民票コード, 個人番号, 氏名カナ."""
    _yotei, persons = parse(payload)
    out: list[str] = []
    for p in persons:
        out += [p["juminhyo_code"], p.get("kojin_bango") or ""]
        kana = searchkeys.fold_kana(f"{p.get('shi_kana', '')}{p.get('mei_kana', '')}")
        if kana:
            out.append(kana)
    return [k for k in out if k]


def joho_payload(
    persons: Sequence[Jumin],
    *,
    yotei: datetime.date,
    tenshutsusaki: str,
    certificates: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """The 転出証明書情報 this city's 特例転出 sends (the payload ``parse`` reads).

    ``certificates`` are the printed 転出証明書 items by 宛名番号, sent along."""
    from .person import PERSON_KEYS

    first = persons[0]
    out: list[dict[str, Any]] = []
    for j in persons:
        items = {}
        for key in PERSON_KEYS:
            value = getattr(j, key)
            items[key] = dates.iso(value) if isinstance(value, datetime.date) else value or ""
        out.append({**items, "shomeisho": _shomeisho_item(certificates[j.atena_bango])})
    return {
        "tenshutsu_yotei_date": dates.iso(yotei),
        "jusho": first.address,
        "jusho_postal_code": first.chouaza.postal_code,
        "tenshutsusaki": tenshutsusaki,
        "persons": out,
    }


def _shomeisho_item(cert: dict[str, Any]) -> dict[str, Any]:
    """A person's printed 転出証明書 as the message carries it (rows as label/value)."""

    def rows(key: str) -> list[dict[str, str]]:
        return [{"label": str(label), "value": str(value)} for label, value in cert.get(key, [])]

    return {
        "atena_bango": cert["atena_bango"],
        "name": cert["name"],
        "tenshutsusaki": cert.get("tenshutsusaki", ""),
        "rows": rows("rows"),
        "foreign_rows": rows("foreign_rows"),
        "shikaku_rows": rows("shikaku_rows"),
    }


def joho(message: InboxMessage) -> TenshutsuJoho:
    yotei, persons = parse(message.payload)
    return TenshutsuJoho(
        key=message.idempotency_key,
        sender_code=message.sender_code,
        yotei_date=yotei,
        jusho=str(message.payload.get("jusho", "")).strip(),
        postal_code=numbers.normalize_digits(str(message.payload.get("jusho_postal_code") or "")),
        tenshutsusaki=str(message.payload.get("tenshutsusaki", "")),
        persons=persons,
        status=message.status,
    )


def search(text: str) -> list[TenshutsuJoho]:
    """Unused 転出証明書情報 found by a 住民票コード, 個人番号 or 氏名カナ."""
    text = text.strip()
    digits = numbers.normalize_digits(text).replace("-", "")
    key = digits if digits.isdigit() else searchkeys.fold_kana(text)
    found = [m for code in MESSAGE_TYPES for m in inbox.find(code, key)]
    found.sort(key=lambda m: (m.received_at, m.pk), reverse=True)
    return [joho(m) for m in found]


def get(key: str) -> TenshutsuJoho | None:
    message = _received(key) if key else None
    return joho(message) if message is not None else None


def fill_entry(entry: dict[str, Any], found: TenshutsuJoho) -> dict[str, Any]:
    """The 特例転入's entry with the 転出証明書情報's items in (what was typed kept)."""
    return {
        **entry,
        "tenshutsu_joho": found.key,
        "shoumeisho": "tokurei",
        "tenshutsu_yotei_date": dates.iso(found.yotei_date),
        "zenjusho": found.jusho,
        "zenjusho_postal_code": found.postal_code,
        "persons": [dict(p) for p in found.persons],
    }


def problems(entry: dict[str, Any], *, procedure_pk: int | None = None) -> list[tuple[str, str]]:
    """How a 特例転入's entry departs from its 転出証明書情報: (field, message) each."""
    key = str(entry.get("tenshutsu_joho") or "")
    if not key:
        return [
            (
                "joho_search",
                f"{NAME}を検索して読み込んでください（特例転入は転出地から受信した{NAME}"
                f"によります：{ARTICLE}）。",
            )
        ]
    message = _received(key)
    if message is None:
        return [("joho_search", f"読み込んだ{NAME}（{key}）が見つかりません。")]
    if message.status == InboxStatus.USED and message.used_by_id != procedure_pk:
        return [
            (
                "joho_search",
                f"この{NAME}は別の手続（{message.used_by}）で使用済みです（{ARTICLE}）。",
            )
        ]
    found = joho(message)
    out: list[tuple[str, str]] = []
    if entry.get("tenshutsu_yotei_date") != dates.iso(found.yotei_date):
        out.append(
            (
                "tenshutsu_yotei_date",
                f"転出予定年月日が{NAME}（{dates.wareki_text(found.yotei_date)}）と違います。",
            )
        )
    if str(entry.get("zenjusho") or "").strip() != found.jusho:
        out.append(("zenjusho", f"従前の住所が{NAME}（{found.jusho}）と違います。"))
    codes = {p["juminhyo_code"] for p in found.persons}
    for i, p in enumerate(entry.get("persons") or []):
        if p.get("juminhyo_code") not in codes:
            out.append(
                (
                    f"persons.{i}.juminhyo_code",
                    f"{_name(p)}さんは{NAME}に記載のない方です（住民票コードが一致しません）。"
                    "特例転入できるのは転出証明書情報の方だけです。",
                )
            )
    return out


def mark_used(entry: dict[str, Any], procedure: Procedure) -> None:
    """At 承認: the 転出証明書情報 serves this 特例転入 and no other."""
    try:
        inbox.mark_used(MESSAGE_TYPES, str(entry.get("tenshutsu_joho") or ""), procedure)
    except inbox.InboxError as exc:
        from counter.services import ProcedureRefused

        raise ProcedureRefused(f"{exc}（{ARTICLE}）", field="joho_search") from exc
