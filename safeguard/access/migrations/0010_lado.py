"""Re-apply the catalogue: the LADO's capabilities (``manage_lado_cases`` for the LADO,
``view_lado_report`` for the LADO, service managers and the partnership business unit)."""

from django.db import migrations


def sync(apps, schema_editor):
    from safeguard.access.roles import apply_catalogue

    apply_catalogue(apps.get_model("access", "Role"), apps.get_model("access", "Capability"))


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0009_unregistered_placements"),
    ]

    operations = [
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
