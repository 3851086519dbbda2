"""個人番号通知書の交付 (seed 004 「個人番号（通知書交付）」): a 通知書 the post brought back,
handed over at the window once the ID and the 代理権 are checked; the
個人番号通知書管理簿【返戻】 records who took it and with which ID."""

from .kind import TsuchishoKoufuKind

KINDS = (TsuchishoKoufuKind(),)
