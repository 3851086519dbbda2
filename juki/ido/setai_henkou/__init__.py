"""世帯変更届 (住基法第25条): 世帯分離, 世帯合併, 世帯主変更, 世帯構成変更 (j720–j740).

One kind, ``setai_henkou``, with the variant in the entry (``henkou``): entry, derive
(the 続柄 to a new 世帯主 the form pre-fills), plan (every problem at once), form, review
and kind (承認, messages, documents). The template is
templates/juki/ido/setai_henkou_entry.html.
"""

from .derive import derive_zokugara
from .entry import HENKOU, SetaiHenkouEntry, setai_henkou_entry
from .form import SetaiHenkouForm
from .kind import ENTRY_TEMPLATE, KINDS, SetaiHenkouKind
from .plan import HenkouPlan, plan_setai_henkou

__all__ = [
    "ENTRY_TEMPLATE",
    "HENKOU",
    "KINDS",
    "HenkouPlan",
    "SetaiHenkouEntry",
    "SetaiHenkouForm",
    "SetaiHenkouKind",
    "derive_zokugara",
    "plan_setai_henkou",
    "setai_henkou_entry",
]
