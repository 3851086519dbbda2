"""住民票の写しの広域交付 (住基法第12条の4): both sides, on certificates.kernel.

- At our window (交付地): a resident of another city asks for their own 住民票の写し
  or their household's; the request goes to the home city (住所地) by an outbox message
  at 承認, and 交付 prints the copy from the home city's answer (``kind``).
- At the home city (住所地): another city's request for our resident is answered as it
  is received (``answer``): our 支援措置 applied, the 交付履歴 recorded.

The messages and their schemas: ``messages``; placement and rules: docs/adr/0032.
"""

from .entry import KouikiEntry
from .kind import KINDS, KouikiKind

__all__ = ["KINDS", "KouikiEntry", "KouikiKind"]
