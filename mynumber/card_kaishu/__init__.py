"""死亡した方の個人番号カードの回収: the family brings the card of a holder who died.

A card lapses when its holder dies (番号法施行令第14条; the 死亡届's 承認 ends it here:
mynumber.reactions) and nobody is left to give it back under 第15条. The window takes
it from whoever brings it (遺族等), records who they are, and the city holds the card: the
CS terminal's 廃止・回収 registration (seed 004 「個人番号（カード返納）」 ⑩) reaches J-LIS
as a 回収. The holder's record is a 除票 by 死亡; a living holder gives a card back by the
返納届 (card_hennou)."""

from .kind import CardKaishuKind

KINDS = (CardKaishuKind(),)
