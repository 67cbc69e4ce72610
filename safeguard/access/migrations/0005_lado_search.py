"""Re-apply the catalogue: the LADO may search for people (to find the child whose record
they must break glass to open)."""

from django.db import migrations


def sync(apps, schema_editor):
    from safeguard.access.roles import apply_catalogue

    apply_catalogue(apps.get_model("access", "Role"), apps.get_model("access", "Capability"))


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0004_casework_capabilities"),
    ]

    operations = [
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
