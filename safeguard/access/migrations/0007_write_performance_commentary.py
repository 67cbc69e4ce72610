"""Re-apply the catalogue: service managers, as lead officers, may write the outcome
indicators' commentary (``write_performance_commentary``)."""

from django.db import migrations


def sync(apps, schema_editor):
    from safeguard.access.roles import apply_catalogue

    apply_catalogue(apps.get_model("access", "Role"), apps.get_model("access", "Capability"))


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0006_view_performance"),
    ]

    operations = [
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
