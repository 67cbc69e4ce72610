"""Re-apply the catalogue: children out of school (missing education, suspensions and exclusions)."""

from django.db import migrations


def sync(apps, schema_editor):
    from safeguard.access.roles import apply_catalogue

    apply_catalogue(apps.get_model("access", "Role"), apps.get_model("access", "Capability"))


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0012_exploitation_intelligence"),
    ]

    operations = [
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
