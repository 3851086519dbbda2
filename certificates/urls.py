from django.urls import path

from . import rireki

app_name = "certificates"

urlpatterns = [
    path("koufu-rireki/", rireki.koufu_rireki, name="koufu_rireki"),
]
