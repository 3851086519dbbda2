from django.urls import path

from . import rireki
from .etsuran import views as etsuran
from .honnin_tsuchi import views as honnin_tsuchi
from .yuusou import views as yuusou

app_name = "certificates"

urlpatterns = [
    path("koufu-rireki/", rireki.koufu_rireki, name="koufu_rireki"),
    # 閲覧 (住基法第11条, 第11条の2): certificates/etsuran/
    path("etsuran/", etsuran.moushide_list, name="etsuran_list"),
    path("etsuran/new/", etsuran.moushide_new, name="etsuran_new"),
    path("etsuran/<int:moushide_pk>/", etsuran.moushide_detail, name="etsuran_detail"),
    path("etsuran/<int:moushide_pk>/act/", etsuran.moushide_act, name="etsuran_act"),
    path("etsuran/kai/<int:kai_pk>/", etsuran.window, name="etsuran_window"),
    path("etsuran/kai/<int:kai_pk>/list.pdf", etsuran.window_pdf, name="etsuran_window_pdf"),
    path("etsuran/kai/<int:kai_pk>/list.csv", etsuran.window_csv, name="etsuran_window_csv"),
    path("etsuran/bo/", etsuran.bo, name="etsuran_bo"),
    path("etsuran/jokyo/", etsuran.jokyo_view, name="etsuran_jokyo"),
    # 郵送請求 (docs/adr/0031)
    path("yuusou/", yuusou.shoribo_view, name="yuusou_shoribo"),
    path("yuusou/seisansho/", yuusou.seisansho_view, name="yuusou_seisansho"),
    path("yuusou/kaifuu/", yuusou.kaifuu_view, name="yuusou_kaifuu"),
    path("yuusou/<int:reception_pk>/", yuusou.detail_view, name="yuusou_detail"),
    path("yuusou/<int:reception_pk>/act/", yuusou.act_view, name="yuusou_act"),
    path("yuusou/<int:reception_pk>/fusoku/", yuusou.fusoku_notice_view, name="yuusou_fusoku"),
    path("honnin-tsuchi/", honnin_tsuchi.honnin_tsuchi, name="honnin_tsuchi"),
    path("honnin-tsuchi/haishi/", honnin_tsuchi.honnin_tsuchi_haishi, name="honnin_tsuchi_haishi"),
    path("honnin-tsuchi/tsuchisho/", honnin_tsuchi.honnin_tsuchisho, name="honnin_tsuchisho"),
    path("kaiji-kiroku/", honnin_tsuchi.kaiji_kiroku, name="kaiji_kiroku"),
]
