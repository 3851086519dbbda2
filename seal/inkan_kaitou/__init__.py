"""印鑑登録（回答）: the applicant returns with the 回答書 and the seal within the period;
the seal is registered and a 印鑑登録証 with its number issued, against a signed 受領書
(要領 第2-2, 第3)."""

from .kind import KaitouKind

KINDS = (KaitouKind(),)
