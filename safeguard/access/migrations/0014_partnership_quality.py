"""Re-apply the catalogue: the partnership's practice reviews, child deaths, training and
dataset, and the quality assurance role and capabilities (issue 9)."""

from django.db import migrations


def sync(apps, schema_editor):
    from safeguard.access.roles import apply_catalogue

    apply_catalogue(apps.get_model("access", "Role"), apps.get_model("access", "Capability"))


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0013_education_inclusion"),
    ]

    operations = [
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
