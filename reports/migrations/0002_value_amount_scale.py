from decimal import Decimal

from django.db import migrations, models


def fill_scales(apps, schema_editor):
    """Amounts stored before the scale was kept: as the drafting form showed them, without trailing zeros."""
    ReportValue = apps.get_model("reports", "ReportValue")
    rows = list(ReportValue.objects.filter(amount__isnull=False).only("amount"))
    for row in rows:
        exponent = row.amount.normalize().as_tuple().exponent if row.amount else 0
        row.scale = max(0, -exponent) if isinstance(row.amount, Decimal) else 0
    ReportValue.objects.bulk_update(rows, ["scale"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportvalue",
            name="scale",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(fill_scales, migrations.RunPython.noop),
    ]
