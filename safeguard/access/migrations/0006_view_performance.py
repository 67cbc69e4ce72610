"""Re-apply the catalogue: performance analysts, the partnership business unit, team and
service managers may see the performance reports (``view_performance``)."""

from django.db import migrations


def sync(apps, schema_editor):
    from safeguard.access.roles import apply_catalogue

    apply_catalogue(apps.get_model("access", "Role"), apps.get_model("access", "Capability"))


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0005_lado_search"),
    ]

    operations = [
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
