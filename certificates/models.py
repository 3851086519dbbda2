"""Models of the certificates app (each part keeps its own module)."""

from .printing.models import HakkoKiroku, ShomeiKind
from .records import JukyoHyojiJisshi, KoufuRireki, KoufuTaisho

__all__ = ["HakkoKiroku", "JukyoHyojiJisshi", "KoufuRireki", "KoufuTaisho", "ShomeiKind"]
