"""個人番号カードの返納届 (seed 004 「個人番号（カード返納）」; 番号法施行令第15条): the card
and the 返納事由 checked; a card still valid ends and is kept (返納), an ended one is taken
back (回収); the CS terminal's 廃止・回収 reaches J-LIS. Since 2024-05-27 a 国外転出 no
longer obliges the return (令和5年法律第48号による改正: the card goes on abroad): a
holder leaving who still gives it back does so of their own will (第15条第4項)."""

from .kind import CardHennouKind

KINDS = (CardHennouKind(),)
