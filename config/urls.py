from django.urls import include, path

urlpatterns = [
    path("", include("counter.urls")),
    path("juki/", include("juki.urls")),
    path("stats/", include("stats.urls")),
    # 交付履歴の検索 (j360): certificates/rireki.py
    path("certificates/", include("certificates.urls")),
    # 証明書の確認 (QR, public) and the 無効の届出 of every app's copies: counter/shomei/verify.py
    path("hakko/", include("counter.shomei.urls")),
    path("seal/", include("seal.urls")),
    path("mynumber/todoke/", include("mynumber.urls_todoke")),
    path("mynumber/", include("mynumber.urls")),
]

handler403 = "config.errors.forbidden"
handler404 = "config.errors.not_found"
handler500 = "config.errors.server_error"
