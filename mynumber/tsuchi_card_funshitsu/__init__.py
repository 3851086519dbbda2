"""通知カード紛失届 (seed 004 「個人番号（通知カード紛失）」): taken although the 通知カード
was abolished on 2020-05-25 (the holder still reports a lost one); the CS terminal's
運用状況 becomes 紛失; no 再交付 (none since the abolition): the window says how to learn
the number instead."""

from .kind import TsuchiCardFunshitsuKind

KINDS = (TsuchiCardFunshitsuKind(),)
