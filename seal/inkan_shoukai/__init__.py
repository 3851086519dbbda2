"""印鑑登録（照会）: the application is entered; the 照会書兼回答書 is mailed to the
registered address and the registration waits (照会中) for the 回答 (要領 第2-2)."""

from .kind import ShoukaiKind

KINDS = (ShoukaiKind(),)
