"""What juki brings to the counter: its 窓口区分 and the systems its 異動 notify.

Read by JukiConfig (juki/apps.py), the app's manifest for counter.registry. The kinds
and everything else are declared there; these constants are here so that juki's modules
can name a destination or the category without importing apps.py.
"""

from __future__ import annotations

from django.db import models

from counter.registry import Category, Destination

#: 窓口区分「住民異動」: every 異動届 kind's category
IDO = "ido"
CATEGORIES = (Category(IDO, "住民異動", order=10),)


class JukiDestination(models.TextChoices):
    """The systems around the register that an 異動 notifies (outbox) or hears from (inbox)."""

    JUKINET_CS = "jukinet_cs", "住基ネット（市町村CS）"
    HONSEKICHI = "honsekichi", "本籍地（戸籍・附票）"
    TAKKA_KOKUHO = "takka_kokuho", "他課：国民健康保険"
    TAKKA_NENKIN = "takka_nenkin", "他課：国民年金"
    TAKKA_JIDOU_TEATE = "takka_jidou_teate", "他課：児童手当"
    TAKKA_SHUGAKU = "takka_shugaku", "他課：就学（学齢簿）"
    TAKKA_SENKYO = "takka_senkyo", "他課：選挙（選挙人名簿）"
    TAKKA_ZEI = "takka_zei", "他課：税務"
    TAKKA_KAIGO = "takka_kaigo", "他課：介護保険"
    NYUKAN = "nyukan", "出入国在留管理庁"


DESTINATIONS = tuple(Destination(d.value, str(d.label)) for d in JukiDestination)
#: the other departments (他課) of the city
TAKKA_DESTINATIONS = tuple(d for d in JukiDestination if d.value.startswith("takka_"))
