"""The 本人通知's writes: 登録, 廃止, and the notice queued at a 交付 (ADR 0034).

``notify_on_koufu`` is a reaction of the 交付履歴 (certificates.services.record_koufu
calls it in do_issue's transaction): the notice row and its outbox message commit or
roll back with the 交付.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from counter import outbox
from counter.messages import MessageField, MessageType
from counter.models import StaffUser
from counter.procedure_kinds import RequesterCategory
from counter.registry import Destination
from juki.models import Jumin, JuminStatus

from ..records import KoufuRireki
from .models import HonninTsuchi, HonninTsuchiToroku, ShinseishaKubun

C = RequesterCategory

#: the requester categories the 要綱 covers: a 代理人 (住基法第12条第1項 through 同条第3項's
#: 委任), a 第三者 (第12条の3第1項) and a 特定事務受任者 (第12条の3第2項). Not the 本人
#: or a 同一世帯の者 (第12条第1項: they asked themselves) nor a 公用請求 (第12条の2).
NOTIFIED_CATEGORIES = frozenset({C.DAIRININ, C.DAISANSHA, C.SHIGYO})
#: the certificates the 要綱 covers: 住民票の写し and 記載事項証明書 (第12条, 第12条の3)
#: and the 除票の写し (第15条の4); not the 不在住証明書 (no one on the register) nor the
#: 住居表示変更証明書 (about an address)
NOTIFIED_SHUBETSU = frozenset({"juminhyo_utsushi", "johyo_utsushi", "kisai_jiko"})

#: the outbox destination: the 郵送 of the notices (a print and mail service, or the
#: city's own print room reading the directory)
DESTINATION = Destination("honnin_tsuchi_yuso", "本人通知の郵送（印刷・発送）")
MESSAGE_TYPE = "honnin_tsuchi"
HONNIN_TSUCHI = MessageType(
    code=MESSAGE_TYPE,
    label="本人通知（本人通知制度実施要綱）",
    version=1,
    destinations=(DESTINATION.code,),
    trigger=(
        "証明書の交付（住民票の写し・除票の写し・記載事項証明書）: 代理人・第三者・"
        "特定事務受任者の請求で、対象者が本人通知に登録しているとき、対象者ごとに1通"
    ),
    fields=(
        MessageField("tsuchi_bango", "int", description="通知の番号（本人通知の行）"),
        MessageField("atena_bango", "str", description="宛先（本人）の宛名番号"),
        MessageField("shimei", "str", description="宛先（本人）の氏名"),
        MessageField("soufu_jusho", "str", description="送付先の住所"),
        MessageField("koufu_date", "date", description="交付日"),
        MessageField("shomei_shubetsu", "str", description="証明書の種別"),
        MessageField("tsusu", "int", description="交付通数"),
        MessageField(
            "seikyusha_kubun", "str", description="請求者の区分（代理人・第三者・特定事務受任者）"
        ),
    ),
)


class TorokuError(ValueError):
    """A registration the rules refuse (the message names the rule)."""


def live_registration(atena_bango: str) -> HonninTsuchiToroku | None:
    return HonninTsuchiToroku.objects.filter(
        atena_bango=atena_bango, haishi_date__isnull=True
    ).first()


@transaction.atomic
def do_toroku(
    *,
    acting_user: StaffUser,
    atena_bango: str,
    shinseisha_kubun: str = ShinseishaKubun.HONNIN,
    dairinin_shimei: str = "",
    soufu_jusho: str = "",
    toroku_date: datetime.date | None = None,
) -> HonninTsuchiToroku:
    """登録: a resident on the register (要綱: 本市の住民基本台帳に記録されている者),
    once at a time; a 代理人 registers with a 委任状 (任意) or its authority (法定)."""
    person = (
        Jumin.objects.select_related("chouaza")
        .filter(atena_bango=atena_bango, status=JuminStatus.LIVE)
        .first()
    )
    if person is None:
        raise TorokuError(
            f"宛名番号{atena_bango}の住民票はありません（要綱: 登録できるのは本市の住民です）。"
        )
    if live_registration(atena_bango) is not None:
        raise TorokuError(f"{person.full_name}さんはすでに登録されています。")
    if shinseisha_kubun != ShinseishaKubun.HONNIN and not dairinin_shimei.strip():
        raise TorokuError("代理人による登録には代理人の氏名が要ります（要綱: 代理人の申請）。")
    return HonninTsuchiToroku.objects.create(
        atena_bango=atena_bango,
        shimei=person.full_name,
        soufu_jusho=soufu_jusho.strip(),
        shinseisha_kubun=shinseisha_kubun,
        dairinin_shimei=dairinin_shimei.strip(),
        toroku_date=toroku_date or timezone.localdate(),
        entered_by=acting_user,
        entered_at=timezone.now(),
    )


@transaction.atomic
def do_haishi(
    *,
    acting_user: StaffUser,
    toroku: HonninTsuchiToroku,
    haishi_riyu: str,
    haishi_date: datetime.date | None = None,
) -> HonninTsuchiToroku:
    """廃止: the resident asks to stop (or the city ends it: 転出, 死亡); kept as a record."""
    del acting_user  # the 操作ログ names who; the row keeps the day and the reason
    if toroku.haishi_date is not None:
        raise TorokuError("この登録はすでに廃止されています。")
    toroku.haishi_date = haishi_date or timezone.localdate()
    toroku.haishi_riyu = haishi_riyu.strip()
    toroku.save(update_fields=["haishi_date", "haishi_riyu"])
    return toroku


def _addresses(numbers: list[str]) -> dict[str, str]:
    rows = Jumin.objects.select_related("chouaza").filter(
        atena_bango__in=numbers, status=JuminStatus.LIVE
    )
    return {p.atena_bango: p.address for p in rows}


def notify_on_koufu(rireki: KoufuRireki) -> list[HonninTsuchi]:
    """The notices of one 交付 (inside its transaction): one per registered person it
    names, when the requester's category and the certificate are covered (see above)."""
    if rireki.seikyusha_kubun not in NOTIFIED_CATEGORIES:
        return []
    if rireki.shubetsu not in NOTIFIED_SHUBETSU:
        return []
    numbers = [str(t.get("atena_bango")) for t in rireki.taishosha if t.get("atena_bango")]
    if not numbers:
        return []
    registered = list(
        HonninTsuchiToroku.objects.filter(atena_bango__in=numbers, haishi_date__isnull=True)
    )
    if not registered:
        return []
    addresses = _addresses([t.atena_bango for t in registered])
    koufu_date = timezone.localdate(rireki.koufu_at)
    made: list[HonninTsuchi] = []
    for toroku in registered:
        address = toroku.soufu_jusho or addresses.get(toroku.atena_bango, "")
        if not address:
            continue  # left the register without another address: nowhere to send it
        made.append(
            HonninTsuchi.objects.create(
                toroku=toroku,
                rireki=rireki,
                tsuchi_at=timezone.now(),
                atena_bango=toroku.atena_bango,
                shimei=toroku.shimei,
                soufu_jusho=address,
                koufu_date=koufu_date,
                shubetsu_label=rireki.shubetsu_label,
                tsusu=rireki.tsusu,
                seikyusha_kubun=rireki.seikyusha_kubun,
            )
        )
    if made:
        outbox.enqueue_many(
            [
                outbox.OutgoingMessage(
                    DESTINATION.code,
                    MESSAGE_TYPE,
                    payload_of(n),
                    f"honnin-tsuchi-{n.pk}",
                    "honnin_tsuchi",
                    n.pk,
                )
                for n in made
            ]
        )
    return made


def payload_of(notice: HonninTsuchi) -> dict[str, object]:
    """What the message says: the notice's row, never the requester's name."""
    return {
        "tsuchi_bango": notice.pk,
        "atena_bango": notice.atena_bango,
        "shimei": notice.shimei,
        "soufu_jusho": notice.soufu_jusho,
        "koufu_date": notice.koufu_date.isoformat(),
        "shomei_shubetsu": notice.shubetsu_label,
        "tsusu": notice.tsusu,
        "seikyusha_kubun": RequesterCategory(notice.seikyusha_kubun).label,
    }
