"""Re-apply the catalogue: fostering (``manage_fostering`` for team and service managers,
``view_fostering_report`` for them and performance analysts)."""

from django.db import migrations


def sync(apps, schema_editor):
    from safeguard.access.roles import apply_catalogue

    apply_catalogue(apps.get_model("access", "Role"), apps.get_model("access", "Capability"))


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0010_lado"),
    ]

    operations = [
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
