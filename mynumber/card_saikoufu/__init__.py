"""個人番号カードの再交付申請 (seed 004 「個人番号（カード再交付申請）」): the 事由 (紛失 or
not), the proof of a loss, the card collected otherwise, the fee explained and taken
through the レジ (800円 for the card, 200円 for the 電子証明書; free where the 事由 is not
the holder's doing), and the new 交付申請 registered with the old card ended."""

from .kind import CardSaikoufuKind

KINDS = (CardSaikoufuKind(),)
