"""seal's screens (namespace ``seal``)."""

from django.urls import path

from . import views

app_name = "seal"

urlpatterns = [
    path("inei/torikomi/", views.inei_torikomi, name="inei_torikomi"),
    path("inei/<int:inei_pk>/image/", views.inei_image, name="inei_image"),
    path("inei/<int:inei_pk>/shougou/", views.inei_shougou, name="inei_shougou"),
    path("toroku/", views.toroku_list, name="toroku_list"),
    path("toroku/<int:toroku_pk>/", views.toroku_detail, name="toroku_detail"),
    path(
        "toroku/<int:toroku_pk>/haishi-tsuchi.pdf",
        views.haishi_tsuchi_pdf,
        name="haishi_tsuchi_pdf",
    ),
]
