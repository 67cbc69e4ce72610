"""Load the default retention rule for each record type (safeguard/governance/retention.py).

Existing rules are left as the authority set them; only missing record types are added.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from safeguard.governance.retention import RECORD_TYPES

    RetentionRule = apps.get_model("governance", "RetentionRule")
    for kind in RECORD_TYPES:
        RetentionRule.objects.get_or_create(
            record_type=kind.code,
            defaults={
                "label": kind.label,
                "years": kind.default_years,
                "date_basis": kind.default_basis,
                "action": kind.default_action,
                "basis_note": kind.default_note,
            },
        )


class Migration(migrations.Migration):

    dependencies = [
        ("governance", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
