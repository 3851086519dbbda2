"""The 個人番号カード kinds: one package per kind on mynumber.kernel.

Each package exports ``KINDS`` and is named once here (the window's acts, then the
届出); ``MynumberConfig.procedure_kinds()`` returns them. No kind imports another
(import-linter: mynumber's kinds are independent, as seal's are).
"""

from __future__ import annotations

import importlib

from counter.procedure_kinds import ProcedureKind

#: 交付前設定, カード交付, 有効期間更新, 暗証番号変更・再設定, 特急発行, カード補記 (ADR 0036)
PROCEDURES_A: tuple[str, ...] = (
    "kofu_mae_settei",
    "card_koufu",
    "yuko_kikan_koushin",
    "anshou_bangou",
    "tokkyuu_hakkou",
    "card_hoki",
)


#: 通知書交付, 通知カード紛失・返納, 交付申請書交付, 申請取消, 紛失, 発見, 返納, 死亡した方の
#: カードの回収, 再交付申請 (ADR 0037)
PROCEDURES_B: tuple[str, ...] = (
    "tsuchisho_koufu",
    "tsuchi_card_funshitsu",
    "tsuchi_card_hennou",
    "koufu_shinseisho",
    "shinsei_torikeshi",
    "card_funshitsu",
    "card_hakken",
    "card_hennou",
    "card_kaishu",
    "card_saikoufu",
)


KIND_PACKAGES = (*PROCEDURES_A, *PROCEDURES_B)


def kinds() -> tuple[ProcedureKind, ...]:
    out: list[ProcedureKind] = []
    for name in KIND_PACKAGES:
        out.extend(importlib.import_module(f"mynumber.{name}").KINDS)
    return tuple(out)
