"""印鑑登録証明書の交付 (要領 第4; seed 004 「印鑑（証明書の交付）」): on presenting the
印鑑登録証, no ID needed; a 代理人 with the card may ask; the fee through the レジ."""

from .kind import InkanShomeiKind

KINDS = (InkanShomeiKind(),)
