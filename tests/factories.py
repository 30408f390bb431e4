"""factory_boy factories shared by the test suite."""
import factory
from django.contrib.auth import get_user_model

from agencies.models import Agency, AgencyKind, AgencyLevel, Membership, Role
from reports.formats import format_for_year
from reports.models import Report

PASSWORD = "nianbao-test-pass"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)


class GovernmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"测试{n}区人民政府")
    short_name = factory.Sequence(lambda n: f"测试{n}区政府")
    code = factory.Sequence(lambda n: f"gov{n}")
    kind = AgencyKind.GOVERNMENT
    level = AgencyLevel.COUNTY


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"测试区第{n}局")
    short_name = factory.Sequence(lambda n: f"第{n}局")
    code = factory.Sequence(lambda n: f"agency{n}")
    kind = AgencyKind.DEPARTMENT
    level = AgencyLevel.COUNTY
    parent = factory.SubFactory(GovernmentFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Role.EDITOR


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    agency = factory.SubFactory(AgencyFactory)
    year = 2024
    format_id = factory.LazyAttribute(lambda r: format_for_year(r.year).id)
