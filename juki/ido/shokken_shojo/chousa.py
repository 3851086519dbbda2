"""実態調査 (住基法第34条): recorded on its own, or with a 職権消除 at its 承認."""

from __future__ import annotations

import datetime
from typing import Any

from counter.procedure_kinds import ReviewRow

from ...models import JittaiChousa, JittaiKekka, Jumin
from .. import kernel
from .entry import ShokkenShojoEntry

NO_CHOUSA = (
    "職権消除には、結果が「居住の事実なし」の実態調査の記録が必要です"
    "（実態調査を記録するか、この画面で調査の内容を入力してください）。"
)


def record_jittai_chousa(
    jumin: Jumin,
    *,
    chousa_date: datetime.date,
    chousain: str,
    kekka: JittaiKekka | str,
    saikoku_date: datetime.date | None = None,
    koji_date: datetime.date | None = None,
    memo: str = "",
    recorded_by: Any = None,
) -> JittaiChousa:
    """Record a 実態調査 of a person (outside a procedure)."""
    if not chousain.strip():
        raise ValueError("調査者を入力してください。")
    if chousa_date > kernel.today():
        raise ValueError("調査日に未来の日付は入力できません。")
    return JittaiChousa.objects.create(
        jumin=jumin,
        chousa_date=chousa_date,
        chousain=chousain.strip(),
        kekka=JittaiKekka(kekka),
        saikoku_date=saikoku_date,
        koji_date=koji_date,
        memo=memo.strip(),
        recorded_by=recorded_by,
    )


def _chousa_of(
    problems: kernel.Problems, e: ShokkenShojoEntry, person: Jumin
) -> JittaiChousa | None:
    """The recorded survey the entry names, or the unsaved one it carries."""
    if e.chousa_id:
        found = JittaiChousa.objects.filter(pk=e.chousa_id, jumin_id=person.pk).first()
        problems.require(found, "指定した実態調査の記録が見つかりません。", field="chousa_id")
        return found
    c = e.chousa
    if c is None:
        problems.add(NO_CHOUSA, field="chousa_id")
        return None
    dated = problems.require(
        c.chousa_date and c.chousain.strip(),
        "実態調査の調査日と調査者を入力してください。",
        field="chousa_date",
    )
    known = problems.require(
        c.kekka in JittaiKekka.values, "実態調査の結果を選んでください。", field="kekka"
    )
    if not (dated and known) or c.chousa_date is None:
        return None
    return JittaiChousa(
        jumin=person,
        chousa_date=c.chousa_date,
        chousain=c.chousain.strip(),
        kekka=c.kekka,
        saikoku_date=c.saikoku_date,
        koji_date=c.koji_date,
        memo=c.memo.strip(),
    )


def chousa_for_shojo(
    problems: kernel.Problems,
    e: ShokkenShojoEntry,
    person: Jumin,
    shojo_date: datetime.date | None,
) -> JittaiChousa | None:
    """The 実態調査 a 職権消除 rests on: 「居住の事実なし」, before the 消除."""
    chousa = _chousa_of(problems, e, person)
    if chousa is None:
        return None
    problems.require(
        chousa.kekka == JittaiKekka.KYOJU_NASHI,
        f"実態調査の結果が「{chousa.get_kekka_display()}」のため職権消除できません"
        "（結果「居住の事実なし」の調査が必要です）。",
        field="kekka" if chousa.pk is None else "chousa_id",
    )
    if shojo_date is not None:
        problems.require(
            chousa.chousa_date <= shojo_date,
            "職権消除の年月日が実態調査の調査日より前です。",
            field="shojo_date",
        )
        for name, label in (("saikoku_date", "催告日"), ("koji_date", "公示日")):
            value = getattr(chousa, name)
            problems.require(
                value is None or value <= shojo_date,
                f"{label}が職権消除の年月日より後です。",
                field=name,
            )
    return chousa


def chousa_rows(c: JittaiChousa) -> list[ReviewRow]:
    return [
        ReviewRow("記録", "", "記録済み" if c.pk else "この手続で記録（承認時）"),
        ReviewRow("調査日", "", kernel.wareki_text(c.chousa_date)),
        ReviewRow("調査者", "", c.chousain),
        ReviewRow("結果", "", c.get_kekka_display()),
        ReviewRow("催告日", "", kernel.wareki_text(c.saikoku_date)),
        ReviewRow("公示日", "", kernel.wareki_text(c.koji_date)),
        ReviewRow("調査の内容", "", c.memo),
    ]
