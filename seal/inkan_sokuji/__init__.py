"""印鑑登録（即時）: the will is confirmed at the window by a 官公署発行の顔写真付き書類, or
by a 保証書 of a resident who holds a registration in the city (要領 第2-2); the seal is
registered and the 印鑑登録証 issued the same day. A 代理人 is refused: 照会 only."""

from .kind import SokujiKind

KINDS = (SokujiKind(),)
