"""Re-apply the catalogue: the unregistered placements capabilities
(``view_unregistered_placements``, ``manage_unregistered_placements``,
``record_independent_visits``) for team and service managers and CP chairs / IROs."""

from typing import Any

from django.db import migrations


def sync(apps: Any, schema_editor: Any) -> None:
    from safeguard.access.roles import apply_catalogue

    apply_catalogue(apps.get_model("access", "Role"), apps.get_model("access", "Capability"))


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0008_returns_capabilities"),
    ]

    operations = [
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
