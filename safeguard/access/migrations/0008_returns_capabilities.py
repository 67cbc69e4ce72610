"""Re-apply the catalogue: the statutory returns' capabilities (``view_returns``,
``export_returns``) for analysts, service managers and (validation only) team managers."""

from django.db import migrations


def sync(apps, schema_editor):
    from safeguard.access.roles import apply_catalogue

    apply_catalogue(apps.get_model("access", "Role"), apps.get_model("access", "Capability"))


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0007_write_performance_commentary"),
    ]

    operations = [
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
