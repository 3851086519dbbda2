"""The plan of a 回答: the person's registration 照会中, answered by its 回答期限."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from juki.ido import kernel as ido
from juki.models import Jumin
from seal import kernel
from seal.models import Inei, IneiYouto, InkanStatus, InkanToroku

from .entry import KaitouEntry

KAITOU_RULE = "要領 第2-2（照会書兼回答書による本人の意思の確認）"


@dataclass(frozen=True)
class KaitouPlan:
    person: Jumin
    toroku: InkanToroku
    day: datetime.date
    shougou_inei: Inei | None = None


def plan(entry: KaitouEntry, *, lock: bool = False) -> KaitouPlan:
    def build(problems: kernel.Problems) -> KaitouPlan:
        day = entry.kaitou_date
        problems.require(day is not None, "回答年月日を入力してください。", field="kaitou_date")
        person = kernel.rules.find_person(problems, entry.atena_bango, lock=lock)
        if person is None:
            problems.stop()
        rows = InkanToroku.objects.filter(jumin__atena_bango=entry.atena_bango)
        if lock:
            rows = rows.select_for_update()
        toroku = rows.filter(status=InkanStatus.SHOUKAI).order_by("-id").first()
        if toroku is None:
            problems.stop(
                f"{KAITOU_RULE}: この方の照会中の印鑑登録申請はありません"
                "（回答期限を過ぎて失効したときは、改めて申請してください）。",
                field="atena_bango",
            )
        kigen = toroku.kaitou_kigen
        problems.require(
            day is None or kigen is None or day <= kigen,
            f"{KAITOU_RULE}: 回答期限（{ido.wareki_text(kigen)}）を過ぎた回答は"
            "受け付けられません。",
            field="kaitou_date",
        )
        problems.require(
            day is None or toroku.shinsei_date is None or day >= toroku.shinsei_date,
            "回答年月日は申請年月日より後の日付を入力してください。",
            field="kaitou_date",
        )
        problems.require(
            entry.check_kaitousho,
            f"{KAITOU_RULE}: 回答書に本人の記入と押印があることを確認してください。",
            field="check_kaitousho",
        )
        problems.require(
            entry.check_inei_itchi,
            f"{KAITOU_RULE}: 持参した印鑑の印影が申請の印影と一致することを確認してください。",
            field="check_inei_itchi",
        )
        shougou = (
            kernel.find_inei(
                problems, entry.shougou_inei_id, field="shougou_inei_id", youto=IneiYouto.SHOUGOU
            )
            if entry.shougou_inei_id
            else None
        )
        problems.raise_if_any()
        assert day is not None
        return KaitouPlan(person, toroku, day, shougou)

    return kernel.make_plan(build)
