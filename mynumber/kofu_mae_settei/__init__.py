"""交付前設定: the cards J-LIS sends, checked against the register and set up at the CS
terminal; their 交付通知書 mailed (seed 004: 個人番号（カード交付前設定）). A card that does
not match is put aside with the reason."""

from .kind import SetteiKind

KINDS = (SetteiKind(),)
