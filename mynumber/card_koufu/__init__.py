"""カード交付（再交付含む）: the card set up (交付前) handed over at the window, the
交付通知書 and the ID checked, the PINs set at the CS terminal (recorded, never a PIN),
the old card 廃止・回収 (seed 004: 個人番号（カード交付（再交付含む））)."""

from .kind import KoufuKind

KINDS = (KoufuKind(),)
