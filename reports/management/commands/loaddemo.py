import time

from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.utils.translation import gettext as _

from reports.demo.load import CURRENT_YEAR, PASSWORD, USERS, load_demo
from reports.demo.province import PEOPLE, SHAPE, load_province


class Command(BaseCommand):
    @property
    def help(self):  # translated when asked for, in the language then active
        return _("Create the demo region, its people and years of reports (running it again changes nothing).")

    def add_arguments(self, parser):
        parser.add_argument("--province", action="store_true",
                            help=_("instead, build a synthetic province of about 20,000 agencies with two years "
                                   "of reports, for benchmarks and trying the app at scale"))
        parser.add_argument("--cities", type=int, default=SHAPE["cities"],
                            help=_("with --province: how many cities (each about 1,170 agencies)"))

    def handle(self, *args, **options):
        if options["province"]:
            self._province(options["cities"])
            return
        # Demo people have no real mailboxes: the workflow's notices go nowhere.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            load_demo()
        logins = ", ".join(u[0] for u in USERS)
        self.stdout.write(_("Demo data ready. Logins: %(logins)s; password: %(password)s")
                          % {"logins": logins, "password": PASSWORD})

    def _province(self, cities: int):
        start = time.monotonic()
        created = load_province(year=CURRENT_YEAR, shape={**SHAPE, "cities": max(cities, 1)})
        if not created:
            self.stdout.write(_("The demo province exists already; nothing was changed."))
            return
        self.stdout.write(_("Demo province ready: %(count)d agencies in %(seconds).0f s. Logins: %(logins)s; "
                            "password: %(password)s") % {
            "count": created, "seconds": time.monotonic() - start,
            "logins": ", ".join(p[0] for p in PEOPLE), "password": PASSWORD,
        })
