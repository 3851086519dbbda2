"""Models of the certificates app (each part keeps its own module)."""

from .honnin_tsuchi.models import HonninTsuchi, HonninTsuchiToroku
from .printing.models import HakkoKiroku, ShomeiKind
from .records import JukyoHyojiJisshi, KoufuRireki, KoufuShomeisho, KoufuTaisho

__all__ = [
    "HakkoKiroku",
    "HonninTsuchi",
    "HonninTsuchiToroku",
    "JukyoHyojiJisshi",
    "KoufuRireki",
    "KoufuShomeisho",
    "KoufuTaisho",
    "ShomeiKind",
]
