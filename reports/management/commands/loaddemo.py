from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from reports.demo.load import PASSWORD, USERS, load_demo


class Command(BaseCommand):
    help = _("Create the demo region, its people and years of reports (running it again changes nothing).")

    def handle(self, *args, **options):
        load_demo()
        logins = ", ".join(u[0] for u in USERS)
        self.stdout.write(_("Demo data ready. Logins: %(logins)s; password: %(password)s")
                          % {"logins": logins, "password": PASSWORD})
