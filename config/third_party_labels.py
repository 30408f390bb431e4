"""Chinese for what the admin shows of Django and third-party apps whose catalogues lack it.

Marked here so that `make messages` keeps these msgids in the project catalogue (locale/),
which Django consults before the apps' own catalogues.
"""
from django.utils.translation import gettext_noop as _
from django.utils.translation import pgettext_lazy

LABELS = (
    # Django 5.2's admin index (its zh_Hans catalogue does not have them yet).
    _("Model name"), _("Add link"), _("Change or view list link"),
    # django-axes: login throttling.
    _("access attempt"), _("access attempts"), _("access failure"), _("access failures"),
    _("access log"), _("access logs"), _("access attempt expiration"), _("access attempt expirations"),
    _("Attempt Time"), _("Path"), _("Username"), _("IP Address"), _("User Agent"), _("Logout Time"),
    _("Failed Logins"), _("Access lock out"), _("Locked Out"), _("Expires At"),
    # django-tasks' database backend: the background tasks (batch exports).
    _("Task Result"), _("Task Results"), _("priority"), _("queue name"), _("status"),
    pgettext_lazy("Task", "Failed"), pgettext_lazy("Task", "Ready"), pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Successful"),
)
