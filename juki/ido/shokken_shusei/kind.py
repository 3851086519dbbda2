"""職権修正 (items of one person) as a procedure kind."""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING, Any

from counter.procedure_kinds import ReviewBlock, ReviewRow

from ... import services
from ...models import Jumin
from .. import kernel
from .entry import CODE, KAKUNIN_LABELS, ShokkenShuseiEntry
from .form import ShokkenShuseiForm
from .plan import ShuseiPlan, plan

if TYPE_CHECKING:
    from counter.models import Procedure

SHUSEI_NUSHI_RYUIJI = "世帯主の氏名の職権修正"

#: 4情報 and the items the 住基ネット and the 附票 hold (a 職権修正 of them is notified)
SHIMEI_ITEMS = frozenset(
    {"shi", "mei", "shi_kana", "mei_kana", "seinengappi", "seinengappi_hyoki", "seibetsu"}
)
FUHYO_ITEMS = SHIMEI_ITEMS | {"honseki", "hittousha"}
#: 氏名の振り仮名 is a 本人確認情報 since 2025-05-26 (住基法第30条の6第1項, as amended);
#: the 附票 is not told of it: the 本籍地 is where it came from
CS_ITEMS = SHIMEI_ITEMS | {"shi_furigana", "mei_furigana"}
#: a 外国人住民's items whose 記載の修正 is notified to 法務大臣 (住基法第30条の50)
NYUKAN_ITEMS = SHIMEI_ITEMS | {
    "name_alphabet",
    "kokuseki",
    "kubun_30_45",
    "zairyu_shikaku",
    "zairyu_kikan",
    "zairyu_manryo_date",
    "zairyu_card_bango",
}

LABELS: dict[str, str] = {
    "seinengappi_hyoki": "生年月日（表記）",
    "jumin_date_hyoki": "住民となった年月日（表記）",
    "jusho_date_hyoki": "住所を定めた年月日（表記）",
    "gaikokujin_date_hyoki": "外国人住民となった年月日（表記）",
    **KAKUNIN_LABELS,
}


def field_label(name: str) -> str:
    if name in LABELS:
        return LABELS[name]
    return str(getattr(Jumin._meta.get_field(name), "verbose_name", name))


def _display(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return "確認済" if value else "未確認"  # only the 確認フラグ are booleans here
    if isinstance(value, datetime.date):
        return kernel.wareki_text(value)
    choices = dict(getattr(Jumin._meta.get_field(name), "choices", None) or [])
    return str(choices.get(value, value) if value is not None else "")


class ShokkenShuseiKind(kernel.ShokkenKind[ShokkenShuseiEntry, ShuseiPlan]):
    """職権修正 (items of one person)."""

    code = CODE
    form_class = ShokkenShuseiForm
    planner = plan

    def summary_of(self, e: ShokkenShuseiEntry) -> str:
        names = "・".join(field_label(n) for n in e.changes)
        return f"職権修正 宛名番号{e.atena_bango}（{names}）"

    def review_of(self, procedure: Procedure, plan: ShuseiPlan) -> list[ReviewBlock]:
        j = plan.person
        head = ReviewBlock(
            "職権修正の内容",
            [
                ReviewRow("修正の理由", "", plan.riyu),
                ReviewRow("職権修正の年月日", "", kernel.wareki_text(plan.shusei_date)),
                ReviewRow("通知・届出年月日", "", kernel.wareki_text(plan.tsuchi_date)),
            ],
        )
        if plan.furigana_tsuchi:
            head.rows.append(ReviewRow("適用する通知", "", kernel.furigana_tsuchi.NAME))
        rows = [
            ReviewRow(field_label(n), _display(n, getattr(j, n)), _display(n, v))
            for n, v in plan.changes.items()
        ]
        return [head, ReviewBlock(f"修正する方：{kernel.person_label(j)}", rows)]

    def apply_plan(self, plan: ShuseiPlan, approval: kernel.Approval) -> dict[str, Any]:
        j = plan.person
        ctx = approval.context(
            self.ido_jiyu, ido_date=plan.shusei_date, todoke_date=plan.tsuchi_date, ryuiji=plan.riyu
        )
        renamed = plan.nushi_renamed
        if plan.furigana_tsuchi:  # one notice serves one 職権修正 (locked)
            kernel.furigana_tsuchi.mark_used(plan.furigana_tsuchi, approval.procedure)
        row = services.update_person(j, plan.changes, ctx)
        assert row is not None  # the plan keeps only what differs
        members: dict[str, int] = {}
        if renamed:
            mctx = dataclasses.replace(ctx, ryuiji=f"{SHUSEI_NUSHI_RYUIJI}（{plan.riyu}）")
            setai = j.setai
            setai.setai_nushi = j
            for m in services.live_members(setai, lock=True):
                if m.pk != j.pk:
                    members[m.atena_bango] = services.append_rireki(
                        m, mctx, ["setai_nushi"]
                    ).rireki_no
        changed = set(plan.changes)
        notices = approval.notices(ctx)
        if changed & CS_ITEMS:
            notices.honnin_kakunin(j)
        if changed & FUHYO_ITEMS:
            notices.fuhyo(j)
        if changed & NYUKAN_ITEMS:
            notices.nyukan(j)  # only for a 外国人住民
        notices.takka(j, reason="resident")
        return {
            "kind": self.code,
            "atena_bango": j.atena_bango,
            "setai_bango": j.setai.setai_bango,
            "changed": sorted(changed),
            "rireki_no": row.rireki_no,
            "member_rireki": members,
            "outbox": notices.write([j.setai]),
        }

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return ["職権記載等通知書"]


KIND = ShokkenShuseiKind()
KINDS: tuple[ShokkenShuseiKind, ...] = (KIND,)
