"""個人番号カードの発見（一時停止解除届） (seed 004 「個人番号（カード発見）」): the found card
shown, the 一時停止 lifted, the 利用者証明用電子証明書 valid again and the 署名用, revoked at
the 紛失, issued anew when asked (公的個人認証法: not under 15). A card found after a 再交付
was applied for is not lifted: it is returned (番号法施行令第15条)."""

from .kind import CardHakkenKind

KINDS = (CardHakkenKind(),)
