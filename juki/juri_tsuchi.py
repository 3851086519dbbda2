"""住民異動届受理通知 (j580): the notice that a 住民異動届 was received, printable any time.

Built from the history rows the procedure's 承認 wrote (JuminRireki.procedure), so it says
what the register recorded: each person's 異動事由, the address before and after.

Whom it is sent to (標準仕様書 j580「届出人の旧住所宛て（旧住所がない場合は異動者の新住所宛て）」):
- the 届出人 at the address before the 異動, when that address is in this city (転居,
  世帯変更 …);
- for a 転入 from another municipality (the address before is elsewhere) the 届出人 at
  the new address, as before;
- where no old address fits at all (国外からの転入, 出生, 職権記載: the person had no
  address in Japan before, or none this city knows), the 異動者 at the new address
  (docs/adr/0022-furigana-and-hidden-outputs.md).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from counter.documents import render_pdf
from counter.procedure_kinds import HandoverDocument, get_kind
from counter.procedure_models import Procedure
from jputil.wareki import to_wareki

from .ido import kernel
from .models import IdoJiyu, JuminRireki

FORM_NAME = "住民異動届受理通知"
TEMPLATE = "documents/juri_tsuchi.html"
#: 異動事由 whose address before lies outside the city
FROM_OUTSIDE = {IdoJiyu.TENNYU.value, IdoJiyu.KOKUGAI_TENNYU.value}
#: 異動事由 that leave no old address the notice could go to (j580): to the 異動者
NO_OLD_ADDRESS = {
    IdoJiyu.KOKUGAI_TENNYU.value,
    IdoJiyu.SHUSSEI.value,
    IdoJiyu.SHOKKEN_KISAI.value,
}


@dataclass(frozen=True)
class NoticeLine:
    name: str
    jiyu: str
    before: str
    after: str


@dataclass(frozen=True)
class Notice:
    kind_label: str
    todoke_date: str
    ido_date: str
    addressee: str
    address: str
    lines: list[NoticeLine]


def prior_rows(rows: list[JuminRireki]) -> dict[tuple[int, int], JuminRireki]:
    """The row before each of ``rows`` (by person and 履歴番号; one query)."""
    wanted = Q()
    for r in rows:
        wanted |= Q(jumin_id=r.jumin_id, rireki_no=r.rireki_no - 1)
    if not rows:
        return {}
    return {(r.jumin_id, r.rireki_no): r for r in JuminRireki.objects.filter(wanted)}


def notice_of(procedure: Procedure) -> Notice | None:
    """The notice's content (None when the procedure wrote no history)."""
    rows = list(
        JuminRireki.objects.filter(procedure=procedure)
        # the 除票 a 区間転入 leaves in the 区 left is no 異動 of its own (ADR 0021)
        .exclude(ido_jiyu=IdoJiyu.KUKAN_TENSHUTSU)
        .select_related("jumin")
        .order_by("id")
    )
    if not rows:
        return None
    before_rows = prior_rows(rows)
    lines: list[NoticeLine] = []
    seen: set[int] = set()
    first_before = ""
    for row in rows:
        if row.jumin_id in seen:
            continue
        seen.add(row.jumin_id)
        prior = before_rows.get((row.jumin_id, row.rireki_no - 1))
        # after a 転入 (再転入 too) the row before is not where the person came from
        from_here = prior is not None and row.ido_jiyu not in FROM_OUTSIDE
        before = str(prior.snapshot.get("jusho", "")) if from_here and prior else ""
        after = str(row.snapshot.get("jusho", ""))
        if not lines:
            first_before = before
        lines.append(
            NoticeLine(
                name=row.jumin.full_name,
                jiyu=row.get_ido_jiyu_display(),
                before=before,
                after=after,
            )
        )
    head = rows[0]
    # j580: the 異動者 at the new address when there is no old address to send it to
    to_idousha = not first_before and head.ido_jiyu in NO_OLD_ADDRESS
    return Notice(
        kind_label=get_kind(procedure.kind).label,
        todoke_date=to_wareki(head.todoke_date) if head.todoke_date else "",
        ido_date=head.ido_date_hyoki or to_wareki(head.ido_date),
        addressee=lines[0].name if to_idousha else procedure.reception.visitor_name,
        address=first_before or lines[0].after,
        lines=lines,
    )


@dataclass(frozen=True)
class CityNotice:
    """A notice the 市町村長 issues about an approved procedure (this one, the
    世帯主変更通知書): its document's key, its name and its template."""

    key: str
    form_name: str
    template: str

    def render(self, *, procedure_label: str, today: datetime.date, **context: Any) -> bytes:
        return render_pdf(
            self.template,
            {
                "form_name": self.form_name,
                "municipality": settings.MUNICIPALITY_NAME,
                "mayor": f"{settings.PREFECTURE_NAME}{settings.MUNICIPALITY_NAME}長",
                "procedure_label": procedure_label,
                "issued_on": to_wareki(today),
                **context,
            },
        )

    def documents(
        self,
        procedure: Procedure,
        *,
        due: Callable[[], bool],
        context: Callable[[], dict[str, Any]],
    ) -> list[HandoverDocument]:
        """The notice, printable any time after 承認 when ``due``; ``context()`` is what
        the template shows of the procedure."""
        if not kernel.is_approved(procedure) or not due():
            return []

        def rendered() -> bytes:
            label = f"{procedure.reception} #{procedure.pk}"
            return self.render(procedure_label=label, today=timezone.localdate(), **context())

        return [HandoverDocument(self.key, self.form_name, rendered)]

    def listed_documents(
        self, procedure: Procedure, notices_of: Callable[[Procedure], Sequence[Any]]
    ) -> list[HandoverDocument]:
        """The notice of the ``notices`` a procedure gave rise to (none: no document)."""
        return self.documents(
            procedure,
            due=lambda: bool(notices_of(procedure)),
            context=lambda: {"notices": notices_of(procedure)},
        )


JURI_TSUCHI = CityNotice("juri_tsuchi", FORM_NAME, TEMPLATE)


def _written_notice(procedure: Procedure) -> Notice:
    notice = notice_of(procedure)
    if notice is None:
        raise LookupError(f"procedure {procedure.pk} wrote no history")
    return notice


def juri_tsuchi_documents(procedure: Procedure) -> list[HandoverDocument]:
    """The 受理通知 of an approved 異動 (any time after 承認)."""
    return JURI_TSUCHI.documents(
        procedure,
        due=JuminRireki.objects.filter(procedure=procedure).exists,
        context=lambda: {"notice": _written_notice(procedure)},
    )


def build_sample() -> bytes:
    """The sample for `sample_forms`: a 転居 of two persons, built in memory."""
    notice = Notice(
        kind_label="転居",
        todoke_date="令和8年4月3日",
        ido_date="令和8年4月1日",
        addressee="髙橋　一郎",
        address="東京都墨田区吾妻橋一丁目1番2号",
        lines=[
            NoticeLine(
                name="髙橋　一郎",
                jiyu="転居",
                before="東京都墨田区吾妻橋一丁目1番2号",
                after="東京都墨田区押上一丁目5番6号　押上ハイツ101",
            ),
            NoticeLine(
                name="髙橋　花子",
                jiyu="転居",
                before="東京都墨田区吾妻橋一丁目1番2号",
                after="東京都墨田区押上一丁目5番6号　押上ハイツ101",
            ),
        ],
    )
    return JURI_TSUCHI.render(
        procedure_label="見本", today=datetime.date(2026, 4, 3), notice=notice
    )
