from django.urls import path

from . import rireki
from .honnin_tsuchi import views as honnin_tsuchi

app_name = "certificates"

urlpatterns = [
    path("koufu-rireki/", rireki.koufu_rireki, name="koufu_rireki"),
    path("honnin-tsuchi/", honnin_tsuchi.honnin_tsuchi, name="honnin_tsuchi"),
    path("honnin-tsuchi/haishi/", honnin_tsuchi.honnin_tsuchi_haishi, name="honnin_tsuchi_haishi"),
    path("honnin-tsuchi/tsuchisho/", honnin_tsuchi.honnin_tsuchisho, name="honnin_tsuchisho"),
    path("kaiji-kiroku/", honnin_tsuchi.kaiji_kiroku, name="kaiji_kiroku"),
]
