from django.urls import path

from . import rireki
from .yuusou import views as yuusou

app_name = "certificates"

urlpatterns = [
    path("koufu-rireki/", rireki.koufu_rireki, name="koufu_rireki"),
    # 郵送請求 (docs/adr/0031)
    path("yuusou/", yuusou.shoribo_view, name="yuusou_shoribo"),
    path("yuusou/seisansho/", yuusou.seisansho_view, name="yuusou_seisansho"),
    path("yuusou/kaifuu/", yuusou.kaifuu_view, name="yuusou_kaifuu"),
    path("yuusou/<int:reception_pk>/", yuusou.detail_view, name="yuusou_detail"),
    path("yuusou/<int:reception_pk>/act/", yuusou.act_view, name="yuusou_act"),
    path("yuusou/<int:reception_pk>/fusoku/", yuusou.fusoku_notice_view, name="yuusou_fusoku"),
]
