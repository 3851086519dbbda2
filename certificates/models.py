"""Models of the certificates app (each part keeps its own module)."""

from .printing.models import HakkoKiroku, ShomeiKind
from .records import JukyoHyojiJisshi, KoufuRireki, KoufuShomeisho, KoufuTaisho
from .yuusou.models import YuusouSeikyu

__all__ = [
    "HakkoKiroku",
    "JukyoHyojiJisshi",
    "KoufuRireki",
    "KoufuShomeisho",
    "KoufuTaisho",
    "ShomeiKind",
    "YuusouSeikyu",
]
