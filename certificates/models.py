"""Models of the certificates app (each part keeps its own module)."""

from .etsuran.models import EtsuranKai, EtsuranMoushide, EtsuranRireki
from .honnin_tsuchi.models import HonninTsuchi, HonninTsuchiToroku
from .printing.models import HakkoKiroku, ShomeiKind
from .records import JukyoHyojiJisshi, KoufuRireki, KoufuShomeisho, KoufuTaisho
from .yuusou.models import YuusouSeikyu

__all__ = [
    "EtsuranKai",
    "EtsuranMoushide",
    "EtsuranRireki",
    "HakkoKiroku",
    "HonninTsuchi",
    "HonninTsuchiToroku",
    "JukyoHyojiJisshi",
    "KoufuRireki",
    "KoufuShomeisho",
    "KoufuTaisho",
    "ShomeiKind",
    "YuusouSeikyu",
]
