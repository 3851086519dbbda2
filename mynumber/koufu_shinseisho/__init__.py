"""個人番号カード交付申請書の交付 (seed 004 「個人番号（カード交付申請書交付）」): the 申込書
checked, the ID and 代理権 checked, a 交付申請書 printed with its 申請書ID and QR code
(the CS terminal's 申請書発行) and written into the 交付申請書交付管理簿."""

from .kind import KoufuShinseishoKind

KINDS = (KoufuShinseishoKind(),)
