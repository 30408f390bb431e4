from django.urls import path

from . import views

app_name = "importers"
urlpatterns = [
    path("<slug:agency_code>/<int:year>/import/", views.upload, name="upload"),
    path("<slug:agency_code>/<int:year>/import/confirm/", views.confirm, name="confirm"),
]
