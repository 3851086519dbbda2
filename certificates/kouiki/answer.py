"""The home city's side (住所地, 住基法第12条の4第3項): another city's request for our
resident, answered as it is received (the inbox's ``on_receive``, in its transaction).

The person is the one whose 住民票コード the request carries, and the 氏名 and 生年月日
must agree (the 交付地 saw them on the card); the persons asked for are of that
person's household (第1項: 自己又は自己と同一の世帯に属する者). Our 支援措置 is applied
through juki.shien (``refuse_remote``: a protected person is never issued a copy
elsewhere; the attempt is logged and alerted like the guard's). A copy sent is
recorded in the 交付履歴 (j300) with the requesting city; the answer goes back by the
outbox, with the items of the 住民票 asked for, or the refusal and its reason.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from certificates import kernel
from certificates.printing.rows import person_values, shimei
from certificates.records import KoufuRireki, KoufuTaisho
from counter import audit, outbox
from counter.models import AuditAction, InboxMessage
from counter.procedure_kinds import FeeBasis, Requester, RequesterCategory
from jputil import searchkeys
from juki.documents import with_postal
from juki.kisai_jun import ordered
from juki.models import Jumin, JuminStatus
from juki.shien.guard import refuse_remote

from . import messages as m
from .rules import ARTICLE, KOUIKI_CATEGORIES

SHUBETSU = "kouiki_koufu"
SHUBETSU_LABEL = "住民票の写し（広域交付・住所地）"


class Refusal(Exception):
    """The request is not answered with data (the reason goes back to the 交付地)."""


def _same_person(j: Jumin, payload: dict[str, Any]) -> bool:
    name = str(payload["seikyusha_shimei"])
    same_name = searchkeys.fold_kanji(name) == searchkeys.fold_kanji(j.full_name)
    born = datetime.date.fromisoformat(str(payload["seikyusha_seinengappi"]))
    return same_name and born == j.seinengappi


def _persons(payload: dict[str, Any]) -> tuple[Jumin, list[Jumin]]:
    """The 請求者 and the persons asked for, in the household's order; Refusal else."""
    requester = (
        Jumin.objects.select_related("chouaza", "setai__setai_nushi")
        .filter(juminhyo_code=payload["juminhyo_code"], status=JuminStatus.LIVE)
        .first()
    )
    if requester is None or not _same_person(requester, payload):
        raise Refusal(
            "住基法第12条の4第3項: 住民票コード・氏名・生年月日に一致する住民票が当市区町村の"
            "住民基本台帳にありません。"
        )
    members = list(
        Jumin.objects.select_related("chouaza", "setai__setai_nushi").filter(
            setai_id=requester.setai_id, status=JuminStatus.LIVE
        )
    )
    if payload["setai_zenin"]:
        return requester, ordered(members, requester.setai)
    wanted = {searchkeys.fold_kanji(str(n)) for n in payload["taisho_shimei"]}
    honnin = payload["seikyusha_kubun"] == RequesterCategory.HONNIN
    chosen = [
        j
        for j in members
        if (honnin and j.pk == requester.pk) or searchkeys.fold_kanji(j.full_name) in wanted
    ]
    found = {searchkeys.fold_kanji(j.full_name) for j in chosen}
    if not chosen or wanted - found:
        raise Refusal(f"{ARTICLE}: 請求された方が請求者と同一の世帯にいません。")
    return requester, ordered(chosen, requester.setai)


def _kaito(payload: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "irai_no": payload["irai_no"],
        "jutaku_dantai_code": str(settings.MUNICIPALITY_CODE),
        "jutaku_dantai_name": str(settings.MUNICIPALITY_NAME),
        "kekka": m.KOUFU,
        "kyohi_riyu": "",
        "jusho": "",
        "setai_nushi": None,
        "persons": [],
        **fields,
    }


def _data(payload: dict[str, Any], persons: list[Jumin]) -> tuple[dict[str, Any], list[str]]:
    items = kernel.items_of(payload["kisai"], katagaki=True)
    # 第12条の4第1項: 第7条第5号 is left out whatever the request says
    items = dataclasses.replace(items, honseki_hittousha=False)
    first = persons[0]
    day = timezone.localdate()
    head = first.setai.setai_nushi
    return _kaito(
        payload,
        jusho=with_postal(first.address, first.chouaza.postal_code),
        setai_nushi=(head.full_name if head else "") if items.setai_nushi_zokugara else None,
        persons=[
            {
                "shimei": shimei(j),
                "koumoku": [
                    dataclasses.asdict(v)
                    for v in person_values(j, items=items, day=day, address=False)
                ],
            }
            for j in persons
        ],
    ), items.asked()


def _record(payload: dict[str, Any], persons: list[Jumin], kisai: list[str]) -> KoufuRireki:
    """The 交付履歴 of a copy issued elsewhere from our register (no procedure of ours)."""
    dantai = f"{payload['irai_dantai_name']}（{payload['irai_dantai_code']}）"
    rireki = KoufuRireki.objects.create(
        procedure=None,
        koufu_at=timezone.now(),
        basho=f"広域交付: {dantai}",
        issued_by=None,
        shubetsu=SHUBETSU,
        shubetsu_label=SHUBETSU_LABEL,
        taishosha=[{"atena_bango": j.atena_bango, "shimei": j.full_name} for j in persons],
        kisai_jiko=["世帯全員" if payload["setai_zenin"] else "世帯の一部", *kisai],
        tsusu=int(payload["tsusu"]),
        maisu=0,
        hakko_bangos=[],
        seikyusha_kubun=payload["seikyusha_kubun"],
        seikyusha_shimei=str(payload["seikyusha_shimei"]),
        seikyu_jiyu=f"住基法第12条の4（広域交付）／交付地 {dantai}／請求番号 {payload['irai_no']}",
        fee_basis=FeeBasis.TSUUJOU,
        kouiki_dantai=dantai,
    )
    KoufuTaisho.objects.bulk_create(
        [KoufuTaisho(rireki=rireki, atena_bango=j.atena_bango, shimei=j.full_name) for j in persons]
    )
    return rireki


def answer_request(message: InboxMessage) -> None:
    """Answer a received ``kouiki_koufu_irai`` (once per idempotency key)."""
    payload = message.payload
    try:
        if payload["seikyusha_kubun"] not in KOUIKI_CATEGORIES:
            raise Refusal(f"{ARTICLE}: 広域交付は本人又は同一世帯の方の請求に限ります。")
        requester, persons = _persons(payload)
        who = Requester(
            RequesterCategory(payload["seikyusha_kubun"]),
            str(payload["seikyusha_shimei"]),
            str(payload["seikyusha_jusho"]),
            requester.seinengappi,
        )
        reason = refuse_remote(
            kernel.SHOMEI,
            [j.atena_bango for j in persons],
            who,
            act="広域交付",
            target=str(payload["irai_no"]),
        )
        if reason:
            raise Refusal(reason)
        kaito, kisai = _data(payload, persons)
        _record(payload, persons, kisai)
        audit.record(
            AuditAction.PRINT,
            target=audit.AuditTarget("kouiki", str(payload["irai_no"]), SHUBETSU_LABEL),
            detail={"act": "広域交付の回答", "atena_bangos": [j.atena_bango for j in persons]},
        )
    except Refusal as refusal:
        kaito = _kaito(payload, kekka=m.KYOHI, kyohi_riyu=str(refusal))
    outbox.enqueue(
        destination=m.DESTINATION,
        message_type=m.KAITO_TYPE,
        payload=kaito,
        idempotency_key=f"kaito-{payload['irai_no']}",
        source_type="inbox",
        source_id=message.pk,
    )
