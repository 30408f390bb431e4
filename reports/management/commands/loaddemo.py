from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.utils.translation import gettext as _

from reports.demo.load import PASSWORD, USERS, load_demo


class Command(BaseCommand):
    help = _("Create the demo region, its people and years of reports (running it again changes nothing).")

    def handle(self, *args, **options):
        # Demo people have no real mailboxes: the workflow's notices go nowhere.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            load_demo()
        logins = ", ".join(u[0] for u in USERS)
        self.stdout.write(_("Demo data ready. Logins: %(logins)s; password: %(password)s")
                          % {"logins": logins, "password": PASSWORD})
