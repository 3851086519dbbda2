"""印鑑登録証の再交付: a new 登録証 number; the old one is invalid from that moment
(要領 第3)."""

from .kind import SaikoufuKind

KINDS = (SaikoufuKind(),)
