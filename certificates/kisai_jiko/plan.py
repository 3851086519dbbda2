"""The plan of a 記載事項証明書: the request read against the register, every problem."""

from __future__ import annotations

from dataclasses import dataclass, field

from certificates import kernel
from certificates.items import Items
from juki.models import Jumin

from .entry import KisaiJikoEntry


@dataclass(frozen=True)
class KisaiJikoPlan(kernel.CertificatePlan):
    persons: tuple[Jumin, ...] = ()
    items: Items = field(default_factory=Items)
    johyo: bool = False


def plan(entry: KisaiJikoEntry, *, lock: bool = False) -> KisaiJikoPlan:
    """What 交付 would certify; PlanRefused lists every problem found."""

    def build(problems: kernel.Problems) -> KisaiJikoPlan:
        category = kernel.check_request(entry, problems)
        if not entry.atena_bangos:
            problems.stop("対象者を選んでください（4情報で探す）。", field="atena_bangos")
        persons = kernel.find_persons(entry.atena_bangos, problems, johyo=entry.johyo)
        requester = None
        if category in kernel.HONNIN_TO:
            requester = kernel.find_requester(entry.seikyusha_atena_bango, problems)
        kernel.check_household(category, requester, persons, problems)
        items = kernel.items_of(entry.kisai)
        kernel.check_items(
            items, category, entry.hitsuyo_riyu, problems, bango_konkyo=entry.bango_konkyo
        )
        problems.raise_if_any()
        assert category is not None  # check_request added a problem otherwise
        return KisaiJikoPlan(entry, category, (), tuple(persons), items, entry.johyo)

    return kernel.make_plan(build)
