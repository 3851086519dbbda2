"""The 承認 a kind's ``apply_plan`` serves: who approves where, and what it writes with.

``PlannedKind.apply`` makes one ``Approval`` per 承認; a kind asks it for the history's
context (``context``) and for the notices of the 異動 (``notices``), so that no kind
spells out the approver and the terminal again.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING

from ... import services
from ...models import IdoJiyu
from .notices import IdoNotices

if TYPE_CHECKING:
    from counter.models import StaffUser, Terminal
    from counter.procedure_models import Procedure


@dataclasses.dataclass(frozen=True)
class Approval:
    """One procedure's 承認: the procedure, who approves it and at which terminal."""

    procedure: Procedure
    acting_user: StaffUser
    terminal: Terminal | None

    def context(
        self,
        ido_jiyu: IdoJiyu,
        *,
        ido_date: datetime.date,
        ido_date_hyoki: str = "",
        todoke_date: datetime.date | None = None,
        ryuiji: str = "",
    ) -> services.IdoContext:
        """The history rows' context (the 留意事項 kept whole: JuminRireki.ryuiji is text)."""
        return services.IdoContext(
            acting_user=self.acting_user,
            terminal=self.terminal,
            ido_jiyu=ido_jiyu,
            ido_date=ido_date,
            ido_date_hyoki=ido_date_hyoki,
            todoke_date=todoke_date,
            ryuiji=ryuiji,
        )

    def notices(self, ctx: services.IdoContext, *, jiyu: str = "") -> IdoNotices:
        """The messages of the 異動 ``ctx`` records (its 事由's label unless ``jiyu``)."""
        return IdoNotices(
            self.procedure,
            jiyu=jiyu or ctx.ido_jiyu.label,
            ido_date=ctx.ido_date,
            todoke_date=ctx.todoke_date,
        )
