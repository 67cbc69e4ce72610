"""Seed plausible English term dates for 2015/16 to 2027/28 so the demo's school-day
timescales work out of the box. An authority replaces them with its own published dates
in the admin site; these rows are ordinary data, not code.

Pattern: autumn term from the first Wednesday on or after 2 September to the Friday before
Christmas week, half-term the last full week of October; spring term from the first
working day after New Year (the following Monday when that is a Thursday or Friday) to the
Friday nine days before Easter Sunday, half-term mid-February; summer term from the Monday
eight days after Easter Sunday to 22 July (or the Friday before), half-term the week of the
spring bank holiday.
"""

import datetime as dt

from django.db import migrations

# (name, starts_on, ends_on, half_term_starts_on, half_term_ends_on)
TERMS = [
    ("Autumn 2015/16", "2015-09-02", "2015-12-18", "2015-10-26", "2015-10-30"),
    ("Spring 2015/16", "2016-01-04", "2016-03-18", "2016-02-15", "2016-02-19"),
    ("Summer 2015/16", "2016-04-04", "2016-07-22", "2016-05-30", "2016-06-03"),
    ("Autumn 2016/17", "2016-09-07", "2016-12-16", "2016-10-24", "2016-10-28"),
    ("Spring 2016/17", "2017-01-03", "2017-04-07", "2017-02-13", "2017-02-17"),
    ("Summer 2016/17", "2017-04-24", "2017-07-21", "2017-05-29", "2017-06-02"),
    ("Autumn 2017/18", "2017-09-06", "2017-12-22", "2017-10-23", "2017-10-27"),
    ("Spring 2017/18", "2018-01-03", "2018-03-23", "2018-02-12", "2018-02-16"),
    ("Summer 2017/18", "2018-04-09", "2018-07-20", "2018-05-28", "2018-06-01"),
    ("Autumn 2018/19", "2018-09-05", "2018-12-21", "2018-10-22", "2018-10-26"),
    ("Spring 2018/19", "2019-01-07", "2019-04-12", "2019-02-18", "2019-02-22"),
    ("Summer 2018/19", "2019-04-29", "2019-07-22", "2019-05-27", "2019-05-31"),
    ("Autumn 2019/20", "2019-09-04", "2019-12-20", "2019-10-28", "2019-11-01"),
    ("Spring 2019/20", "2020-01-06", "2020-04-03", "2020-02-17", "2020-02-21"),
    ("Summer 2019/20", "2020-04-20", "2020-07-22", "2020-05-25", "2020-05-29"),
    ("Autumn 2020/21", "2020-09-02", "2020-12-18", "2020-10-26", "2020-10-30"),
    ("Spring 2020/21", "2021-01-04", "2021-03-26", "2021-02-15", "2021-02-19"),
    ("Summer 2020/21", "2021-04-12", "2021-07-22", "2021-05-31", "2021-06-04"),
    ("Autumn 2021/22", "2021-09-08", "2021-12-17", "2021-10-25", "2021-10-29"),
    ("Spring 2021/22", "2022-01-04", "2022-04-08", "2022-02-14", "2022-02-18"),
    ("Summer 2021/22", "2022-04-25", "2022-07-22", "2022-05-30", "2022-06-03"),
    ("Autumn 2022/23", "2022-09-07", "2022-12-16", "2022-10-24", "2022-10-28"),
    ("Spring 2022/23", "2023-01-03", "2023-03-31", "2023-02-13", "2023-02-17"),
    ("Summer 2022/23", "2023-04-17", "2023-07-21", "2023-05-29", "2023-06-02"),
    ("Autumn 2023/24", "2023-09-06", "2023-12-22", "2023-10-23", "2023-10-27"),
    ("Spring 2023/24", "2024-01-03", "2024-03-22", "2024-02-12", "2024-02-16"),
    ("Summer 2023/24", "2024-04-08", "2024-07-22", "2024-05-27", "2024-05-31"),
    ("Autumn 2024/25", "2024-09-04", "2024-12-20", "2024-10-28", "2024-11-01"),
    ("Spring 2024/25", "2025-01-06", "2025-04-11", "2025-02-17", "2025-02-21"),
    ("Summer 2024/25", "2025-04-28", "2025-07-22", "2025-05-26", "2025-05-30"),
    ("Autumn 2025/26", "2025-09-03", "2025-12-19", "2025-10-27", "2025-10-31"),
    ("Spring 2025/26", "2026-01-05", "2026-03-27", "2026-02-16", "2026-02-20"),
    ("Summer 2025/26", "2026-04-13", "2026-07-22", "2026-05-25", "2026-05-29"),
    ("Autumn 2026/27", "2026-09-02", "2026-12-18", "2026-10-26", "2026-10-30"),
    ("Spring 2026/27", "2027-01-04", "2027-03-19", "2027-02-15", "2027-02-19"),
    ("Summer 2026/27", "2027-04-05", "2027-07-22", "2027-05-31", "2027-06-04"),
    ("Autumn 2027/28", "2027-09-08", "2027-12-17", "2027-10-25", "2027-10-29"),
    ("Spring 2027/28", "2028-01-04", "2028-04-07", "2028-02-14", "2028-02-18"),
    ("Summer 2027/28", "2028-04-24", "2028-07-21", "2028-05-29", "2028-06-02"),
]


def seed_terms(apps, schema_editor):
    SchoolTerm = apps.get_model("core", "SchoolTerm")
    for name, starts_on, ends_on, half_start, half_end in TERMS:
        SchoolTerm.objects.get_or_create(
            name=name,
            defaults={
                "starts_on": dt.date.fromisoformat(starts_on),
                "ends_on": dt.date.fromisoformat(ends_on),
                "half_term_starts_on": dt.date.fromisoformat(half_start),
                "half_term_ends_on": dt.date.fromisoformat(half_end),
            },
        )


def unseed_terms(apps, schema_editor):
    SchoolTerm = apps.get_model("core", "SchoolTerm")
    SchoolTerm.objects.filter(name__in=[row[0] for row in TERMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(seed_terms, unseed_terms)]
