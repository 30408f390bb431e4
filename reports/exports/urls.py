from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("<slug:agency_code>/<int:year>/export/preview/", views.preview, name="preview"),
    path("<slug:agency_code>/<int:year>/export/pdf/", views.download_pdf, name="pdf"),
    path("<slug:agency_code>/<int:year>/export/docx/", views.download_docx, name="docx"),
    path("<slug:agency_code>/<int:year>/export/json/", views.download_json, name="json"),
]
