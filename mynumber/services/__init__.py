"""The writes of 個人番号カード: every move of a card goes through here (docs/adr/0035).

Each ``do_*`` runs the card's FSM transition (mynumber.models), writes one CardRireki
row (who, when, from, to, why) and queues its message to the card management system
(mynumber.messages), in one transaction: a kind's ``apply()``/``issue()`` at 承認/交付
(mynumber's kinds, issue 13), a reaction of the register (mynumber.reactions) or the
daily sweep (mynumber.tasks). Every function takes ``acting_user`` (None: the system)
and ``procedure`` (the procedure the act belongs to, if any) by keyword.

- core: the history row, the move, the message, the lookups (held_card, pending_card)
- koufu: 交付申請, 交付前設定, 交付通知書 (発送・返戻), 交付, 交付申請取消
- life: 一時停止, 一時停止解除, 返納, 廃止, 回収, 有効期間更新, カード補記, 継続利用, 転入
- pin: the PIN-setting record
The 電子証明書 live in mynumber.certs.
"""

from .core import DAIRININ_RULE, CardRefused, held_card, pending_card, stay_limit_of
from .koufu import (
    do_cancel_application,
    do_issue_card,
    do_receive_cards,
    do_register_application,
    do_return_tsuchisho,
    do_send_tsuchisho,
)
from .life import (
    do_collect,
    do_continue_use,
    do_hoki,
    do_mark_hoki,
    do_renew_validity,
    do_resume,
    do_return,
    do_revoke,
    do_suspend,
    do_take_over_card,
)
from .pin import do_record_pin_setting

__all__ = [
    "DAIRININ_RULE",
    "CardRefused",
    "do_cancel_application",
    "do_collect",
    "do_continue_use",
    "do_hoki",
    "do_issue_card",
    "do_mark_hoki",
    "do_receive_cards",
    "do_record_pin_setting",
    "do_register_application",
    "do_renew_validity",
    "do_resume",
    "do_return",
    "do_return_tsuchisho",
    "do_revoke",
    "do_send_tsuchisho",
    "do_suspend",
    "do_take_over_card",
    "held_card",
    "pending_card",
    "stay_limit_of",
]
