# Child death reviews (CDOP): the maintained list of modifiable factors and the reviews.

import django.db.models.deletion
import django.utils.timezone
import safeguard.core.codes
import uuid
from django.conf import settings
from django.db import migrations, models
from safeguard.core.reference import reference_id

#: The starting list of modifiable factors (seed 000 §3.4, seed 001 CDOP section).
FACTORS = (
    ("alcohol", "Alcohol use"),
    ("smoking_in_pregnancy", "Smoking in pregnancy"),
    ("household_smoking", "Smoking in the household"),
    ("co_sleeping", "Co-sleeping"),
    ("unsafe_sleeping", "Unsafe sleeping environment"),
    ("maternal_obesity", "Maternal obesity (high BMI)"),
    ("domestic_abuse", "Domestic abuse"),
    ("mental_health", "Mental health (parent or child)"),
    ("substance_misuse", "Substance misuse"),
    ("access_to_healthcare", "Access to healthcare"),
    ("road_safety", "Road safety"),
    ("water_safety", "Water safety"),
    ("bullying", "Bullying or online harm"),
    ("other", "Other factor (described in the learning)"),
)


def add_factors(apps, schema_editor):
    Factor = apps.get_model("partnership", "ModifiableFactor")
    for order, (code, label) in enumerate(FACTORS, start=1):
        Factor.objects.get_or_create(
            code=code,
            defaults={
                "id": reference_id("partnership.ModifiableFactor", code),
                "label": label,
                "order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("partnership", "0002_practice_reviews"),
        ("people", "0002_population_estimate"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ModifiableFactor',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
                ('code', models.SlugField(max_length=40, unique=True)),
                ('label', models.CharField(max_length=120)),
                ('order', models.PositiveSmallIntegerField(default=100)),
                ('active', models.BooleanField(default=True, help_text='Offered to the panel.')),
                ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'CDOP modifiable factor',
                'ordering': ('order', 'label'),
            },
        ),
        migrations.CreateModel(
            name='ChildDeath',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
                ('reference', models.CharField(help_text='CDOP-year-number, given at notification.', max_length=20, unique=True)),
                ('first_name', models.CharField(max_length=80)),
                ('last_name', models.CharField(max_length=80)),
                ('date_of_birth', models.DateField()),
                ('date_of_death', models.DateField()),
                ('sex', safeguard.core.codes.CodeField(codelist='gender', max_length=8)),
                ('ethnicity', safeguard.core.codes.CodeField(codelist='ethnicity', default='NOBT', max_length=8)),
                ('resident_area', models.CharField(choices=[('ours', 'This authority'), ('neighbour', 'The neighbouring authority in the partnership'), ('out_of_area', 'Out of area (died here, lived elsewhere)')], max_length=12)),
                ('age_band', models.CharField(choices=[('0-27d', '0 to 27 days'), ('28-364d', '28 to 364 days'), ('1-4', '1 to 4 years'), ('5-9', '5 to 9 years'), ('10-14', '10 to 14 years'), ('15-17', '15 to 17 years')], help_text='From the dates of birth and death.', max_length=8)),
                ('neonatal', models.BooleanField(help_text='Died in the first 27 days of life.')),
                ('known_to_social_care', models.BooleanField(verbose_name="known to children's social care")),
                ('notified_on', models.DateField(verbose_name='date notified')),
                ('notified_by', models.CharField(choices=[('hospital', 'Hospital (acute trust)'), ('community_health', 'Community health or GP'), ('ambulance', 'Ambulance service'), ('police', 'Police'), ('coroner', 'Coroner'), ('registrar', 'Registrar of births and deaths'), ('social_care', "Children's social care"), ('education', 'School or college'), ('hospice', 'Hospice'), ('other_cdop', 'Another CDOP'), ('other', 'Other')], max_length=20)),
                ('notifier_detail', models.CharField(blank=True, max_length=160, verbose_name='who notified')),
                ('place_of_death', models.CharField(choices=[('hospital', 'Hospital'), ('neonatal_unit', 'Neonatal unit'), ('home', 'Home'), ('hospice', 'Hospice'), ('public_place', 'Public place or road'), ('other', 'Other')], max_length=20)),
                ('expectation', models.CharField(choices=[('expected', 'Expected'), ('unexpected', 'Unexpected')], max_length=10)),
                ('circumstances', models.TextField(blank=True)),
                ('jar_started_on', models.DateField(blank=True, null=True, verbose_name='date the Joint Agency Response started')),
                ('jar_lead', models.CharField(blank=True, max_length=160, verbose_name='lead for the Joint Agency Response')),
                ('coroner_decision_on', models.DateField(blank=True, null=True, verbose_name='date the coroner decided to investigate')),
                ('coroner_investigation', models.BooleanField(default=False, verbose_name="coroner's investigation")),
                ('post_mortem', models.BooleanField(default=False, verbose_name='post-mortem ordered')),
                ('coroner_notice_on', models.DateField(blank=True, null=True, verbose_name="date the coroner's notice reached CDOP")),
                ('registered_on', models.DateField(blank=True, null=True, verbose_name='date the death was registered')),
                ('registrar_particulars_on', models.DateField(blank=True, null=True, verbose_name="date the registrar's particulars arrived")),
                ('review_meeting_on', models.DateField(blank=True, null=True, verbose_name='child death review meeting')),
                ('review_meeting_held', models.BooleanField(default=False, verbose_name='meeting held')),
                ('panel_on', models.DateField(blank=True, null=True, verbose_name='CDOP panel date')),
                ('reviewed_on', models.DateField(blank=True, null=True, verbose_name='date the panel completed its review')),
                ('category', models.CharField(blank=True, choices=[('1', '1: Deliberately inflicted injury, abuse or neglect'), ('2', '2: Suicide or deliberate self-inflicted harm'), ('3', '3: Trauma and other external factors'), ('4', '4: Malignancy'), ('5', '5: Acute medical or surgical condition'), ('6', '6: Chronic medical condition'), ('7', '7: Chromosomal, genetic and congenital anomalies'), ('8', '8: Perinatal/neonatal event'), ('9', '9: Infection'), ('10', '10: Sudden unexpected, unexplained death')], max_length=2)),
                ('modifiable', models.BooleanField(blank=True, null=True, verbose_name='modifiable factors identified')),
                ('learning', models.TextField(blank=True, verbose_name="the panel's learning")),
                ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(blank=True, help_text="The child's record, when they were known to us.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('factors', models.ManyToManyField(blank=True, related_name='child_deaths', to='partnership.modifiablefactor')),
            ],
            options={
                'verbose_name': 'child death review',
                'ordering': ('-notified_on', '-reference'),
                'indexes': [models.Index(fields=['notified_on'], name='partnership_notifie_a32524_idx'), models.Index(fields=['reviewed_on'], name='partnership_reviewe_d70ef6_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('date_of_birth__lte', models.F('date_of_death'))), name='partnership_childdeath_born_before_death'), models.CheckConstraint(condition=models.Q(('date_of_death__lte', models.F('notified_on'))), name='partnership_childdeath_notified_after_death'), models.CheckConstraint(condition=models.Q(('jar_started_on__isnull', True), ('expectation', 'unexpected'), _connector='OR'), name='partnership_childdeath_jar_for_unexpected'), models.CheckConstraint(condition=models.Q(('reviewed_on__isnull', True), models.Q(models.Q(('category', ''), _negated=True), ('modifiable__isnull', False)), _connector='OR'), name='partnership_childdeath_review_has_category')],
            },
        ),
        migrations.RunPython(add_factors, migrations.RunPython.noop),
    ]
