"""The 転出's plan: the entry resolved against the register, every problem at once."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from ...models import IdoJiyu, Jumin, JuminStatus, Setai, ShojoJiyu
from ...services import live_members
from .. import kernel
from .entry import TenshutsuEntry


@dataclass
class TenshutsuPlan:
    """A 転出 entry resolved against the register (checked; nothing written)."""

    entry: TenshutsuEntry
    setai: Setai
    leavers: list[Jumin]
    staying: list[Jumin]
    todoke_date: datetime.date
    yotei_date: datetime.date
    kokugai: bool
    tokurei: bool
    tenshutsusaki: str
    postal_code: str
    country: str
    former_nushi: Jumin | None
    new_nushi: Jumin | None
    nushi_changes: bool
    shokken_nushi: bool
    new_zokugara: dict[str, str] = field(default_factory=dict)
    headless: bool = False

    @property
    def late(self) -> bool:
        return kernel.is_late_tenshutsu(self.todoke_date, self.yotei_date)

    @property
    def jiyu(self) -> IdoJiyu:
        return IdoJiyu.KOKUGAI_TENSHUTSU if self.kokugai else IdoJiyu.TENSHUTSU

    @property
    def shojo_jiyu(self) -> ShojoJiyu:
        return ShojoJiyu.KOKUGAI_TENSHUTSU if self.kokugai else ShojoJiyu.TENSHUTSU

    @property
    def tenshutsusaki_text(self) -> str:
        """転出先 as recorded on the 除票 (国外: the country first)."""
        if self.kokugai:
            return "　".join(p for p in (self.country, self.tenshutsusaki) if p)
        return self.tenshutsusaki


def _check_saki(problems: kernel.Problems, entry: TenshutsuEntry) -> None:
    """The dates and the 転出先 (each problem on its field)."""
    todoke = entry.todoke_date
    problems.require(todoke, "届出年月日を入力してください。", field="todoke_date")
    if todoke and todoke > timezone.localdate():
        problems.add("届出年月日に未来の日付は入力できません。", field="todoke_date")
    problems.require(
        entry.tenshutsu_yotei_date,
        "転出予定年月日を入力してください。",
        field="tenshutsu_yotei_date",
    )
    if entry.kokugai:
        problems.require(
            entry.tenshutsusaki_country.strip(),
            "国外転出では転出先の国・地域を入力してください。",
            field="tenshutsusaki_country",
        )
    else:
        problems.require(
            entry.tenshutsusaki.strip(), "転出先の住所を入力してください。", field="tenshutsusaki"
        )
    postal = _postal(entry)
    if postal and not (postal.isdigit() and len(postal) == 7):
        problems.add("郵便番号は7桁の数字で入力してください。", field="tenshutsusaki_postal_code")
    if entry.kokugai and entry.tokurei:
        problems.add(
            "国外転出は特例転出にできません（転出証明書情報の送付先がありません）。",
            field="tokurei",
        )


def _postal(entry: TenshutsuEntry) -> str:
    return entry.tenshutsusaki_postal_code.replace("-", "").strip()


def _leavers(problems: kernel.Problems, entry: TenshutsuEntry, *, lock: bool) -> list[Jumin]:
    """The persons leaving, all live and of one household; stops when they are not."""
    leavers = kernel.persons_or_stop(
        problems, entry.atena_bangos, lock=lock, none="転出する方を1人以上選んでください。"
    )
    found = len(problems.items)
    for j in leavers:
        problems.require(
            j.status == JuminStatus.LIVE,
            f"{kernel.person_label(j)}は除票のため、転出の届出はできません。",
            field="atena_bangos",
        )
        if j.is_tenshutsu_yotei:
            problems.add(
                f"{kernel.person_label(j)}は転出予定者です（転出届は受理済み："
                f"{kernel.wareki_text(j.tenshutsu_yotei_date)}）。予定を変えるときは転出取消の"
                "うえ、届出し直してください。",
                field="atena_bangos",
            )
    setai = leavers[0].setai
    if any(j.setai_id != setai.pk for j in leavers):
        problems.add(
            "転出する方は同じ世帯の方に限ります（世帯ごとに届出を分けてください）。",
            field="atena_bangos",
        )
    elif entry.setai_bango and entry.setai_bango != setai.setai_bango:
        problems.add(
            "入力した方の世帯が変わっています。世帯を検索し直してください。", field="atena_bangos"
        )
    if len(problems.items) > found:
        problems.stop()  # the household after the 転出 means nothing for these persons
    return leavers


def plan(entry: TenshutsuEntry, *, lock: bool = False) -> TenshutsuPlan:
    """Check a 転出 entry against the register; PlanRefused lists every problem."""

    def build(problems: kernel.Problems) -> TenshutsuPlan:
        _check_saki(problems, entry)
        leavers = _leavers(problems, entry, lock=lock)
        setai = leavers[0].setai
        if lock:
            setai = Setai.objects.select_for_update().get(pk=setai.pk)
        members = live_members(setai, lock=lock)
        for j in leavers:
            j.setai = setai
        leaving = {j.atena_bango for j in leavers}
        staying = [m for m in members if m.atena_bango not in leaving]
        head = kernel.HeadAfterLeaving(None, None, False, False)
        with problems.collecting():
            head = kernel.head_after_leaving(
                setai,
                staying,
                leaving,
                wanted=entry.new_setai_nushi,
                changes=dict(entry.zokugara_changes),
                act="転出し",
                nushi_field="new_setai_nushi",
                zokugara_field=lambda atena: f"zokugara_{atena}",
            )
        if problems:
            problems.stop()
        todoke, yotei = entry.todoke_date, entry.tenshutsu_yotei_date
        assert todoke is not None and yotei is not None  # else a problem above
        return TenshutsuPlan(
            entry=entry,
            setai=setai,
            leavers=leavers,
            staying=staying,
            todoke_date=todoke,
            yotei_date=yotei,
            kokugai=entry.kokugai,
            tokurei=entry.tokurei,
            tenshutsusaki=entry.tenshutsusaki.strip(),
            postal_code=_postal(entry),
            country=entry.tenshutsusaki_country.strip(),
            **head.plan_fields(),
        )

    return kernel.make_plan(build)
