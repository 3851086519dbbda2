"""住民票の写し (and 除票の写し): 世帯連記式 or 個人票, 世帯全員 or chosen members, with
history on request (個人票), the items the 請求者 may have (certificates.kernel)."""

from .entry import JuminhyoEntry
from .form import JuminhyoForm
from .kind import KINDS, JuminhyoUtsushiKind
from .plan import JuminhyoPlan

__all__ = ["KINDS", "JuminhyoEntry", "JuminhyoForm", "JuminhyoPlan", "JuminhyoUtsushiKind"]
