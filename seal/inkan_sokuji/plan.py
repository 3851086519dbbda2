"""The plan of a 即時登録: an application's rules, the 代理人 refused, and the photo ID or
the 保証人 (a live resident with a registration, whose pressed seal matches it)."""

from __future__ import annotations

from dataclasses import dataclass

from seal import kernel
from seal.lookups import open_registration_of
from seal.models import Inei, IneiYouto, InkanStatus, InkanToroku, TorokuHouhou

from .entry import SokujiEntry

HOSHOU_RULE = "要領 第2-2（保証書: 当該市町村で印鑑の登録を受けている者の保証）"


@dataclass(frozen=True)
class SokujiPlan:
    application: kernel.ApplicationPlan
    houhou: TorokuHouhou
    hoshounin: InkanToroku | None = None
    hoshounin_inei: Inei | None = None


def _hoshounin(problems: kernel.Problems, entry: SokujiEntry) -> InkanToroku | None:
    field = "hoshounin_atena_bango"
    if not problems.require(
        bool(entry.hoshounin_atena_bango),
        f"{HOSHOU_RULE}: 保証人の宛名番号を入力してください。",
        field=field,
    ):
        return None
    problems.require(
        entry.hoshounin_atena_bango != entry.atena_bango,
        f"{HOSHOU_RULE}: 申請者本人は保証人になれません。",
        field=field,
    )
    person = kernel.rules.find_person(problems, entry.hoshounin_atena_bango, field=field)
    toroku = open_registration_of(person.pk) if person is not None else None
    problems.require(
        person is None or (toroku is not None and toroku.status == InkanStatus.TOROKU),
        f"{HOSHOU_RULE}: 保証人（宛名番号{entry.hoshounin_atena_bango}）は"
        "印鑑の登録を受けていません。",
        field=field,
    )
    problems.require(
        entry.check_hoshounin_inei,
        f"{HOSHOU_RULE}: 保証書の保証人の印影が保証人の登録印影と一致することを確認してください。",
        field="check_hoshounin_inei",
    )
    return toroku if toroku is not None and toroku.status == InkanStatus.TOROKU else None


def plan(entry: SokujiEntry, *, lock: bool = False) -> SokujiPlan:
    def build(problems: kernel.Problems) -> SokujiPlan:
        found = kernel.check_application(problems, entry, lock=lock)
        kernel.rules.check_not_dairinin(problems, entry.raichousha)
        problems.require(
            entry.houhou in (TorokuHouhou.SOKUJI_SHOMEI, TorokuHouhou.SOKUJI_HOSHOU),
            "即時登録の確認方法を選んでください。",
            field="houhou",
        )
        hoshounin = None
        hoshounin_inei = None
        if entry.houhou == TorokuHouhou.SOKUJI_SHOMEI:
            kernel.rules.check_photo_id(problems, entry.honnin_kakunin)
        elif entry.houhou == TorokuHouhou.SOKUJI_HOSHOU:
            hoshounin = _hoshounin(problems, entry)
            if entry.hoshounin_inei_id:
                hoshounin_inei = kernel.find_inei(
                    problems,
                    entry.hoshounin_inei_id,
                    field="hoshounin_inei_id",
                    youto=IneiYouto.HOSHOUNIN,
                )
        problems.raise_if_any()
        assert found is not None
        return SokujiPlan(found, TorokuHouhou(entry.houhou), hoshounin, hoshounin_inei)

    return kernel.make_plan(build)
