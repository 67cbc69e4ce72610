"""Re-apply the catalogue: the capabilities for the practitioners' pages (caseload,
search, contacts, MASH decisions, casework, team management, conferences)."""

from django.db import migrations


def sync(apps, schema_editor):
    from safeguard.access.roles import apply_catalogue

    apply_catalogue(apps.get_model("access", "Role"), apps.get_model("access", "Capability"))


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0003_seed_roles"),
    ]

    operations = [
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
