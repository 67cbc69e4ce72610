"""Load the role and capability catalogue (safeguard/access/roles.py) into the tables."""

from django.db import migrations


def seed(apps, schema_editor):
    from safeguard.access.roles import apply_catalogue

    apply_catalogue(apps.get_model("access", "Role"), apps.get_model("access", "Capability"))


class Migration(migrations.Migration):

    dependencies = [
        ("access", "0002_roles_restrictions_break_glass"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
