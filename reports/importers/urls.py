from django.urls import path

from . import views

app_name = "importers"
urlpatterns = [
    path("<slug:agency_code>/<int:year>/import/", views.upload, name="upload"),
    path("<slug:agency_code>/<int:year>/import/confirm/", views.confirm, name="confirm"),
    path("<slug:agency_code>/<int:year>/import/scan/<int:pk>/", views.scan_status, name="scan"),
    path("<slug:agency_code>/<int:year>/import/scan/<int:pk>/progress/", views.scan_progress, name="scan_progress"),
]
