"""The generator's framework: seeded streams, deterministic ids, families and population."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.people.identifiers import upn_problem
from safeguard.people.models import (
    HouseholdMember,
    Person,
    PersonKind,
    PopulationEstimate,
    Relationship,
)
from safeguard.synth import population
from safeguard.synth.context import GenerationSettings, SynthContext
from safeguard.synth.families import SCHOOLS_LA_NUMBER, FamilyFactory

SETTINGS = GenerationSettings(
    scale=0.1, years=2, seed=7, end=dt.date(2024, 3, 31), la_code="001", la_name="Test"
)


def test_history_spans_whole_years_ending_on_the_end_date():
    assert SETTINGS.start == dt.date(2022, 4, 1)


def test_streams_are_reproducible_and_independent():
    first, second = SynthContext(SETTINGS), SynthContext(SETTINGS)
    assert first.stream("a").random(5).tolist() == second.stream("a").random(5).tolist()
    assert first.new_id("x") == second.new_id("x")
    # Drawing from one stream does not move another.
    third = SynthContext(SETTINGS)
    third.stream("b").random(100)
    assert (
        third.stream("a").random(5).tolist()
        == SynthContext(SETTINGS).stream("a").random(5).tolist()
    )
    other_seed = SynthContext(GenerationSettings(**{**SETTINGS.__dict__, "seed": 8}))
    assert other_seed.new_id("x") != first.new_id("x")


@pytest.mark.django_db
def test_population_covers_every_year_and_age_at_the_scale():
    ctx = SynthContext(SETTINGS)
    population.generate(ctx)
    ctx.writer.flush()
    years = sorted(set(PopulationEstimate.objects.values_list("year", flat=True)))
    assert years == [2021, 2022, 2023, 2024]
    assert PopulationEstimate.objects.filter(year=2024).count() == 20
    total = sum(PopulationEstimate.objects.filter(year=2024).values_list("count", flat=True))
    assert total == pytest.approx(population.POPULATION_0_TO_19 * 0.1, rel=0.05)


@pytest.mark.django_db
def test_families_have_valid_identifiers_and_links():
    ctx = SynthContext(SETTINGS)
    factory = FamilyFactory.of(ctx)
    assert FamilyFactory.of(ctx) is factory
    family = factory.new_family(on=dt.date(2023, 6, 1), child_ages=[12, 7, 0], unborn=True)
    # Due after the end of the history: still unborn on the end date.
    late = factory.new_family(on=dt.date(2024, 3, 20), child_ages=[], unborn=True)
    ctx.writer.flush()
    children = Person.objects.filter(kind=PersonKind.CHILD)
    assert children.count() == 5
    for child in children:
        if child.upn:
            assert upn_problem(child.upn) is None
            assert child.upn[1:4] == SCHOOLS_LA_NUMBER  # a real DfE number (1530)
        else:
            assert child.upn_unknown_reason
    # The baby expected in June 2023 was born near the due date, within the history.
    baby = children.get(pk=family.children[-1].pk)
    assert baby.expected_date_of_birth is None
    assert baby.date_of_birth is not None
    assert dt.date(2023, 6, 17) <= baby.date_of_birth <= dt.date(2023, 11, 8)
    assert baby.gender in ("1", "2") and baby.upn_unknown_reason == "UN6"
    unborn = children.get(date_of_birth__isnull=True)
    assert unborn.pk == late.children[0].pk
    assert unborn.expected_date_of_birth > dt.date(2024, 3, 31)
    assert unborn.gender == "0" and unborn.upn_unknown_reason == "UN6"  # not UN7 (8772)
    assert factory.expected_babies == {baby.pk, unborn.pk}
    assert HouseholdMember.objects.filter(household=family.household).count() == len(
        family.adults
    ) + len(family.children)
    ours = Relationship.objects.filter(related_to__in=family.children)
    assert ours.count() == len(family.adults) * len(family.children)
    for member in HouseholdMember.objects.select_related("person"):
        born = member.person.date_of_birth
        if born is not None and member.moved_in_on is not None:
            assert member.moved_in_on >= born


@pytest.mark.django_db
def test_rows_carry_generated_ids_and_times_not_wall_clock():
    ctx = SynthContext(SETTINGS)
    FamilyFactory.of(ctx).new_family(on=dt.date(2023, 1, 9), child_ages=[3])
    ctx.writer.flush()
    child = Person.objects.get(kind=PersonKind.CHILD)
    assert child.created_at.date() == dt.date(2023, 1, 9)
    assert child.version == 1

    again = SynthContext(SETTINGS)
    assert (
        again.new_id("families")
        == Person.objects.order_by("created_at", "la_child_id")[0]
        .household_memberships.first()
        .household.id
    )
