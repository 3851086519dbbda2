"""異動統計 for a month or a year, from the 住民期間 of the 人口統計 (ADR 0039).

- ``month_report(year, month)`` / ``period_report(period)``: the 異動 by 区分
  (``Kubun``) per cell (町字 × 性別 × 住民種別);
- ``population(day)``: the persons counted per cell at the end of a day (stats.jinko);
- ``stats.idou.lines``: the lines of the tables, the balance among them.
"""

from .kubun import GEN as GEN
from .kubun import ZOU as ZOU
from .kubun import Kubun as Kubun
from .ledger import Cell as Cell
from .population import population as population
from .report import IdouReport as IdouReport
from .report import month_report as month_report
from .report import period_report as period_report
