"""The plan of a 住民票の写し: the request read against the register, every problem."""

from __future__ import annotations

from dataclasses import dataclass, field

from certificates import kernel
from certificates.items import Items
from certificates.printing import Style
from juki.ido import kernel as ido
from juki.models import Jumin, JuminStatus

from .entry import JuminhyoEntry

#: 事務処理要領: a 個人番号 asked by a 代理人 is sent to the 請求者's address, not handed over
DAIRININ_KOJIN_BANGO = (
    "代理人の請求で個人番号を記載するときは、請求者本人の住所あてに郵送します"
    "（住民基本台帳事務処理要領）。"
)


@dataclass(frozen=True)
class JuminhyoPlan(kernel.CertificatePlan):
    persons: tuple[Jumin, ...] = ()
    style: Style = Style.RENKI
    items: Items = field(default_factory=Items)
    setai_zenin: bool = False
    johyo: bool = False


def _style(entry: JuminhyoEntry, problems: kernel.Problems) -> Style:
    ok = problems.require(
        entry.style in Style.__members__.values(), "様式を選んでください。", field="style"
    )
    style = Style(entry.style) if ok else Style.KOJIN
    problems.require(
        not (entry.johyo and style is Style.RENKI),
        "標準仕様書 j1000: 除票の写しは個人票で交付します（世帯連記式に混在させません）。",
        field="style",
    )
    problems.require(
        not (entry.rireki and style is Style.RENKI),
        "履歴は個人票にだけ記載できます（世帯連記式は現在の記載事項のみ）。",
        field="rireki",
    )
    problems.require(
        not (entry.johyo and entry.setai_zenin),
        "除票の写しは対象者を1人ずつ選んでください（世帯全員は現在の世帯にだけ使えます）。",
        field="setai_zenin",
    )
    return style


def _household(persons: list[Jumin], problems: kernel.Problems) -> list[Jumin]:
    setai_ids = {p.setai_id for p in persons}
    if not problems.require(
        len(setai_ids) == 1,
        "世帯全員の写しは、1つの世帯について請求してください。",
        field="atena_bangos",
    ):
        return persons
    members = (
        Jumin.objects.select_related("chouaza", "setai__setai_nushi")
        .filter(setai_id__in=setai_ids, status=JuminStatus.LIVE)
        .order_by("id")
    )
    return ido.ordered(list(members))


def plan(entry: JuminhyoEntry, *, lock: bool = False) -> JuminhyoPlan:
    """What 交付 would print; PlanRefused lists every problem found."""

    def build(problems: kernel.Problems) -> JuminhyoPlan:
        category = kernel.check_request(entry, problems)
        style = _style(entry, problems)
        if not entry.atena_bangos:
            problems.stop("対象者を選んでください（4情報で探す）。", field="atena_bangos")
        persons = kernel.find_persons(entry.atena_bangos, problems, johyo=entry.johyo)
        if entry.setai_zenin and persons:
            persons = _household(persons, problems)
        elif style is Style.RENKI and len({p.setai_id for p in persons}) > 1:
            problems.add(
                "世帯連記式には1つの世帯の方だけを記載します。別の世帯の方は別の写しとして"
                "請求してください。",
                field="atena_bangos",
            )
        requester = None
        if category in kernel.HONNIN_TO:
            requester = kernel.find_requester(entry.seikyusha_atena_bango, problems)
        kernel.check_household(category, requester, persons, problems)
        items = kernel.items_of(entry.kisai, rireki=entry.rireki, katagaki=True)
        kernel.check_items(
            items, category, entry.hitsuyo_riyu, problems, bango_konkyo=entry.bango_konkyo
        )
        problems.raise_if_any()
        assert category is not None  # check_request added a problem otherwise
        flags = (DAIRININ_KOJIN_BANGO,) if category == "dairinin" and items.kojin_bango else ()
        return JuminhyoPlan(
            entry, category, flags, tuple(persons), style, items, entry.setai_zenin, entry.johyo
        )

    return kernel.make_plan(build)
