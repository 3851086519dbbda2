"""有効期間更新: a foreign resident's card given the end of the new 在留期間 the register
records after the 在留期間更新 (seed 004: 個人番号（カード有効期間更新）)."""

from .kind import KoushinKind

KINDS = (KoushinKind(),)
