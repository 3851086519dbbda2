"""人口統計 as of any day, from the 異動履歴 (issue 14, ADR 0038).

The API the screens, the 年報 and the 異動統計 (ADR 0039) build on:

- ``jinko(day, by=...)``: persons counted at the end of ``day`` by 町字, 行政区, 性別,
  年齢, 5歳階級, 住民種別, 国籍・地域, 在留資格;
- ``setai_su(day, by=...)``: households, by 町字, 行政区 and 日本人/外国人/複数国籍世帯;
- ``zougen(kara, made, by=...)``: the 住民期間 that begin and end in a period, by
  異動事由 (the balance between two days' figures);
- ``catch_up()`` / ``rebuild()``: the 住民期間 (``JuminKikan``) kept up with the history;
  ``one_catch_up()``: one catch-up for all the figures of a block (a page, a report).
"""

from .kikan import Kikan as Kikan
from .kikan import kikan_of as kikan_of
from .query import AXES as AXES
from .query import SEIBETSU as SEIBETSU
from .query import SETAI_SHUBETSU as SETAI_SHUBETSU
from .query import SHUBETSU as SHUBETSU
from .query import TOP_BAND as TOP_BAND
from .query import Axis as Axis
from .query import IdoAxis as IdoAxis
from .query import SetaiAxis as SetaiAxis
from .query import Shukei as Shukei
from .query import current_on as current_on
from .query import jinko as jinko
from .query import setai_su as setai_su
from .query import zougen as zougen
from .sync import catch_up as catch_up
from .sync import one_catch_up as one_catch_up
from .sync import rebuild as rebuild
