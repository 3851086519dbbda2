"""通知カード返納届 (seed 004 「個人番号（通知カード返納）」): the card taken back (回収),
or, on a 国外転出, endorsed and handed back (補記して還付); the CS terminal's 廃止・回収."""

from .kind import TsuchiCardHennouKind

KINDS = (TsuchiCardHennouKind(),)
