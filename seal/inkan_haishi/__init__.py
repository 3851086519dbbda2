"""印鑑登録の廃止（印章亡失）: the registration ends on the 廃止申請; the 原票 is kept,
closed, and the 登録証 number is invalid from then (要領 第2-5)."""

from .kind import HaishiKind

KINDS = (HaishiKind(),)
