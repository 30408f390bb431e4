from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from reports import views as report_views

admin.site.site_header = _("Nianbao administration")
admin.site.site_title = _("Nianbao")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", report_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("reports/", include("reports.drafting.urls")),
    path("reports/", include("reports.exports.urls")),
    path("reports/", include("reports.importers.urls")),
    path("reports/", include("audit.urls")),
    path("review/", include("review.urls")),
    path("quality/", include("quality.urls")),
    path("", include("publication.urls")),
]
