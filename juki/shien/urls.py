"""The 支援措置 screens' routes (included in juki's namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("shien/", views.shien_list, name="shien_list"),
    path("shien/new/", views.shien_new, name="shien_new"),
    path("shien/<int:sochi_pk>/", views.shien_detail, name="shien_detail"),
    path("shien/<int:sochi_pk>/kakutei/", views.shien_kakutei, name="shien_kakutei"),
    path("shien/<int:sochi_pk>/enchou/", views.shien_enchou, name="shien_enchou"),
    path(
        "shien/<int:sochi_pk>/shuuryou-shinsei/",
        views.shien_shuuryou_shinsei,
        name="shien_shuuryou_shinsei",
    ),
    path("shien/<int:sochi_pk>/shuuryou/", views.shien_shuuryou, name="shien_shuuryou"),
    path("shien/<int:sochi_pk>/kaijo/", views.shien_kaijo_shinsei, name="shien_kaijo_shinsei"),
    path(
        "shien/kaijo/<int:kaijo_pk>/kakunin/",
        views.shien_kaijo_kakunin,
        name="shien_kaijo_kakunin",
    ),
    path("shien/alerts/<int:log_pk>/", views.shien_alert_kakunin, name="shien_alert_kakunin"),
]
