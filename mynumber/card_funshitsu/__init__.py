"""個人番号カードの紛失届 (seed 004 「個人番号（カード紛失）」; 番号法第17条第5項): the card
is suspended (一時停止) at once, or the suspension the コールセンター already made is
recorded; the 署名用電子証明書 is revoked and the 利用者証明用 held (mynumber.certs); the
window tells the holder to report to the police and to the others concerned. A 焼失 ends
the card (廃止): there is nothing to find."""

from .kind import CardFunshitsuKind

KINDS = (CardFunshitsuKind(),)
