"""統計's own tables: the 住民期間 derived from the 異動履歴 (stats.jinko, ADR 0038).

Derived data only: every row can be rebuilt from juki's append-only history
(``manage.py jinko --rebuild``); nothing here is a record of its own.
"""

from stats.idou.models import ShukeiJob as ShukeiJob
from stats.jinko.models import JuminKikan as JuminKikan
from stats.jinko.models import KikanShinchoku as KikanShinchoku
