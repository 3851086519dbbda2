"""j490, j500, j100: who heads a household after some of its members leave it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypedDict

from counter.services import ProcedureRefused
from jputil import zokugara

from ...models import Jumin, JuminStatus
from .register import person_label

SETAINUSHI = "世帯主"
#: the 留意事項 suffix of the history rows of a household left without a 世帯主 (the
#: 世帯主変更依頼通知書 finds them by it)
HEADLESS_MARK = "（世帯主なし）"
#: how the 審査 shows the 世帯主 after an 異動 that leaves the household without one
HEADLESS_AFTER = "（なし：世帯主変更の届出待ち）"


class HeadFields(TypedDict):
    """A leaving plan's fields about the household's head (LeavePlan, TenshutsuPlan)."""

    former_nushi: Jumin | None
    new_nushi: Jumin | None
    nushi_changes: bool
    shokken_nushi: bool
    new_zokugara: dict[str, str]
    headless: bool


@dataclass(frozen=True)
class HeadAfterLeaving:
    """Who heads a household after some of its members leave it (j490)."""

    former: Jumin | None
    new_head: Jumin | None
    #: the 世帯主 leaves and others stay, so the household gets a new 世帯主
    changes: bool
    #: only one stays: they became 世帯主 by 職権 (a 世帯主変更通知 is due)
    shokken: bool
    #: new 続柄 of the members who stay, the new head's 「世帯主」 included
    zokugara: dict[str, str] = field(default_factory=dict)
    #: two or more stay and none was chosen: the household is left without a 世帯主
    #: (j100), with an alert and a 世帯主変更依頼通知書 (j490, j500)
    headless: bool = False

    def plan_fields(self) -> HeadFields:
        return HeadFields(
            former_nushi=self.former,
            new_nushi=self.new_head,
            nushi_changes=self.changes,
            shokken_nushi=self.shokken,
            new_zokugara=self.zokugara,
            headless=self.headless,
        )


def headless_flag(act: str) -> str:
    """The alert of an 異動 that leaves a household without a 世帯主 (``act`` completes
    「世帯主が…、」, e.g. 「転出し」)."""
    return (
        f"世帯主が{act}、世帯に2人以上が残りますが、新しい世帯主は選ばれていません。"
        "世帯主のいない世帯となります（j100）。世帯主変更の届出を促してください"
        "（世帯主変更依頼通知書を印刷できます：j490, j500、住民基本台帳法第25条）。"
    )


def head_after_leaving(
    setai: Any,
    staying: Sequence[Jumin],
    leaving: set[str],
    *,
    wanted: str,
    changes: dict[str, str],
    act: str,
    nushi_field: str,
    zokugara_field: Callable[[str], str],
) -> HeadAfterLeaving:
    """j490, j500 for the household some members leave (転出, 転居, 世帯分離, 死亡, 職権消除).

    With one member staying, that member becomes 世帯主 by 職権. With two or more, a new
    世帯主 may be chosen in the same 届 (`wanted`), and then every other staying member's
    続柄 to them is given (`changes`): the 住民票 of each shows its 世帯主 and its
    relation to them. When none is chosen the 異動 still goes through: the household is
    left without a 世帯主 (j100, ``headless``), the 異動 carries an alert and a
    世帯主変更依頼通知書 is printable (j490, j500; the 世帯主変更 is then a 届 of its own,
    住民基本台帳法第25条). When the 世帯主 does not leave, neither may be changed here
    (世帯変更届 does that). `act` completes 「世帯主が…、」 (e.g. 「転出し」);
    `nushi_field` and `zokugara_field` name the form fields a refusal belongs to.
    """
    former = setai.setai_nushi
    if former is not None and former.status != JuminStatus.LIVE:
        former = None  # a household left without a head earlier (j100)
    head_leaves = former is not None and former.atena_bango in leaving
    head_changes = head_leaves and bool(staying)
    by_atena = {m.atena_bango: m for m in staying}
    new_head = former if not head_changes else None
    headless = head_changes and len(staying) > 1 and not wanted
    if head_changes and len(staying) == 1:
        new_head = staying[0]
        if wanted and wanted != new_head.atena_bango:
            raise ProcedureRefused(
                f"世帯に残るのは{person_label(new_head)}だけのため、その方が職権で世帯主になります。",
                field=nushi_field,
            )
    elif headless:
        typed = next((a for a, z in changes.items() if (z or "").strip()), None)
        if typed is not None:
            raise ProcedureRefused(
                "残る方の続柄は、新しい世帯主を選んだときだけ入力します（選ばないときは世帯主の"
                "いない世帯となり、世帯主変更依頼通知書を印刷できます：j490, j500）。",
                field=zokugara_field(typed),
            )
    elif head_changes:
        new_head = by_atena.get(wanted)
        if new_head is None:
            raise ProcedureRefused(
                "世帯に残る方から新しい世帯主を選んでください（j490）。", field=nushi_field
            )
        missing = [
            m
            for m in staying
            if m is not new_head and not (changes.get(m.atena_bango) or "").strip()
        ]
        if missing:
            raise ProcedureRefused(
                "世帯主が替わるため、残る方全員の新しい世帯主との続柄を入力してください"
                f"（{'、'.join(m.full_name for m in missing)}）。",
                field=zokugara_field(missing[0].atena_bango),
            )
    elif wanted and (former is None or wanted != former.atena_bango):
        raise ProcedureRefused(
            "世帯主はこの届出で世帯を離れないため、新しい世帯主は選べません"
            "（世帯主変更は世帯変更届で）。",
            field=nushi_field,
        )
    new_zokugara: dict[str, str] = {}
    for atena, text in changes.items():
        text = (text or "").strip()
        if not text:
            continue
        member = by_atena.get(atena)
        if member is None:
            raise ProcedureRefused(
                f"宛名番号 {atena} は世帯に残る方ではありません（続柄）。",
                field=zokugara_field(atena),
            )
        try:
            z = zokugara.parse_zokugara(text)
        except ValueError as exc:
            raise ProcedureRefused(
                f"{member.full_name}さん: {exc}", field=zokugara_field(atena)
            ) from exc
        if not head_changes:
            if z == member.zokugara:
                continue
            raise ProcedureRefused(
                "残る方の続柄は、世帯主が替わるときだけ入力します（続柄だけの変更は世帯変更届で）。",
                field=zokugara_field(atena),
            )
        if z == SETAINUSHI and member is not new_head:
            raise ProcedureRefused(
                "1つの世帯に世帯主は1人だけです。「世帯主」の続柄は新しい世帯主だけに付けられます。",
                field=zokugara_field(atena),
            )
        new_zokugara[atena] = z
    if head_changes and new_head is not None:
        new_zokugara[new_head.atena_bango] = SETAINUSHI
    return HeadAfterLeaving(
        former=former,
        new_head=new_head if staying else None,
        changes=head_changes,
        shokken=head_changes and len(staying) == 1,
        zokugara=new_zokugara,
        headless=headless,
    )
