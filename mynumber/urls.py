"""個人番号カード's screens (namespace ``mynumber``)."""

from django.urls import path

from . import views

app_name = "mynumber"

urlpatterns = [
    path("", views.index, name="index"),
    path("jumin/<str:atena_bango>/", views.resident_cards, name="resident_cards"),
    path("card/<int:card_pk>/", views.card_detail, name="card_detail"),
    path("koufu-machi/", views.koufu_machi, name="koufu_machi"),
    path("kigen/", views.kigen, name="kigen"),
    path("keizoku/", views.keizoku, name="keizoku"),
    path("hoki/", views.hoki, name="hoki"),
    path("checklist/", views.checklist, name="checklist"),
]
