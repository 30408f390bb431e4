from django.urls import path

from . import views

app_name = "drafting"
urlpatterns = [
    path("<slug:agency_code>/<int:year>/start/", views.start, name="start"),
    path("<slug:agency_code>/<int:year>/", views.hub, name="hub"),
    path("<slug:agency_code>/<int:year>/steps/<slug:slug>/", views.step, name="step"),
    path("<slug:agency_code>/<int:year>/steps/<slug:slug>/live/", views.live, name="live"),
    path("<slug:agency_code>/<int:year>/steps/<slug:slug>/paste/", views.paste, name="paste"),
    path("<slug:agency_code>/<int:year>/tidy/", views.tidy, name="tidy"),
    path("guide/<slug:format_id>/", views.guide, name="guide"),
    path("<slug:agency_code>/<int:year>/fill-zero/", views.fill_zero, name="fill_zero"),
]
