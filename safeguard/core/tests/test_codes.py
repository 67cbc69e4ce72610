"""DfE code lists: complete against the published specifications, labelled, and enforced.

The oracles are the DfE's own files in ``safeguard/specs``: the CIN census XSD (parsed
with lxml) and the SSDA903 column map (parsed with yaml). A code list that drifts from
them would make our exports fail the DfE's validation, so the test reads them directly.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from django.core.exceptions import ValidationError
from lxml import etree

from safeguard.core.codes import CodeField, all_codelists, codelist
from safeguard.people.models import Person

SPECS = Path(__file__).resolve().parents[2] / "specs"
XS = "{http://www.w3.org/2001/XMLSchema}"

#: Code list key → the CIN census XSD simpleType it comes from.
CIN_XSD_TYPES = {
    "upn_unknown": "unknownupntype",
    "gender": "gendertype",
    "ethnicity": "ethnicitytype",
    "disability": "disabilitytype",
    "referral_source": "referralsourcetype",
    "category_of_abuse": "categoryofabuse",
    "primary_need": "primaryneedcodetype",
    "reason_for_closure": "reasonforclosuretype",
    "assessment_factor": "assessmentfactorstype",
}

#: Code list key → (SSDA903 table, column) whose category codes it holds.
SSDA903_COLUMNS = {
    "legal_status": ("Episodes", "LS"),
    "reason_new_episode": ("Episodes", "RNE"),
    "placement_type": ("Episodes", "PLACE"),
    "placement_provider": ("Episodes", "PLACE_PROVIDER"),
    "reason_episode_ceased": ("Episodes", "REC"),
    "reason_placement_change": ("Episodes", "REASON_PLACE_CHANGE"),
    "review_participation": ("Reviews", "REVIEW_CODE"),
    "missing_type": ("Missing", "MISSING"),
    "care_leaver_in_touch": ("OC3", "IN_TOUCH"),
    "care_leaver_activity": ("OC3", "ACTIV"),
    "care_leaver_accommodation": ("OC3", "ACCOM"),
    "sdq_reason": ("OC2", "SDQ_REASON"),
    "reason_placed_for_adoption_ceased": ("PlacedAdoption", "REASON_PLACED_CEASED"),
    "previous_permanence": ("PrevPerm", "PREV_PERM"),
    "adopter_sex": ("AD1", "SEX_ADOPTR"),
    "adopter_legal_status": ("AD1", "LS_ADOPTR"),
    "social_worker_change_reason": ("SocialWorker", "SW_REASON"),
}

#: Lists with no coded element in the 2024-25 specifications (kept for our own records).
DERIVED = {"uasc_status": {"0", "1"}}


@cache
def xsd_enumerations(type_name: str) -> list[str]:
    tree = etree.parse(str(SPECS / "cin-census-2024.xsd"))
    simple_type = tree.find(f"{XS}simpleType[@name='{type_name}']")
    assert simple_type is not None, f"no simpleType {type_name!r} in the CIN census XSD"
    return [str(e.get("value")) for e in simple_type.iter(f"{XS}enumeration")]


@cache
def ssda903_column_map() -> dict[str, dict[str, dict[str, object]]]:
    raw = yaml.safe_load((SPECS / "ssda903-2024.yml").read_text(encoding="utf-8"))
    return raw["column_map"]


def ssda903_categories(table: str, column: str) -> list[str]:
    spec = ssda903_column_map()[table][column]
    categories = spec["category"]
    assert isinstance(categories, list), f"{table}.{column} is not a category column"
    # The published yml writes "PCCHAN " with a trailing space; the code is PCCHAN.
    return [str(entry["code"]).strip() for entry in categories]


def test_every_code_list_has_an_oracle_or_is_declared_derived():
    assert set(all_codelists()) == set(CIN_XSD_TYPES) | set(SSDA903_COLUMNS) | set(DERIVED)
    assert len(all_codelists()) == 27


@pytest.mark.parametrize(("key", "type_name"), sorted(CIN_XSD_TYPES.items()))
def test_cin_code_list_equals_xsd_enumeration(key, type_name):
    expected = xsd_enumerations(type_name)
    assert len(expected) == len(set(expected))
    assert list(codelist(key)) == expected, f"{key} drifted from the XSD {type_name}"
    assert f"({type_name})" in codelist(key).source


@pytest.mark.parametrize(("key", "column"), sorted(SSDA903_COLUMNS.items()))
def test_ssda903_code_list_equals_column_categories(key, column):
    table, name = column
    expected = ssda903_categories(table, name)
    assert set(codelist(key)) == set(expected), f"{key} drifted from SSDA903 {table}.{name}"
    assert len(codelist(key)) == len(expected)
    assert f"({table}.{name})" in codelist(key).source


def test_ssda903_ethnicity_uses_the_same_codes_as_the_cin_census():
    assert set(codelist("ethnicity")) == set(ssda903_categories("Header", "ETHNIC"))


def test_sw_reason_codes_are_stored_without_the_ymls_padding():
    assert "PCCHAN" in codelist("social_worker_change_reason")
    assert "PCCHAN " not in codelist("social_worker_change_reason")


@pytest.mark.parametrize(("key", "codes"), sorted(DERIVED.items()))
def test_derived_code_lists_say_so(key, codes):
    assert set(codelist(key)) == codes
    assert "Derived" in codelist(key).source


@pytest.mark.parametrize("key", sorted(all_codelists()))
def test_every_code_has_a_label_and_no_padding(key):
    code_list = codelist(key)
    assert code_list.title.strip()
    assert code_list.source.strip()
    for code, label in code_list.labels.items():
        assert code == code.strip() and code, f"{key}: code {code!r} has padding"
        assert label.strip(), f"{key}: code {code} has no label"


@pytest.mark.parametrize(
    ("key", "code", "words"),
    [
        ("reason_placed_for_adoption_ceased", "RD2", "placement order"),
        ("previous_permanence", "Z1", "not previously"),
        ("previous_permanence", "P4", "Not known"),
        ("adopter_legal_status", "L2", "Civil partnership"),
        ("adopter_legal_status", "L12", "same sex"),
        ("social_worker_change_reason", "FCONTA", "First contact"),
        ("social_worker_change_reason", "LEFTRL", "left"),
        ("reason_new_episode", "T", "same carer"),
        ("reason_new_episode", "B", "legal status and placement and carer"),
    ],
)
def test_ssda903_labels_carry_the_dfe_meaning(key, code, words):
    assert words in codelist(key).label(code)


def test_label_for_blank_and_unknown_codes():
    gender = codelist("gender")
    assert gender.label("2") == "Female"
    assert gender.label(None) == "Not recorded"
    assert gender.label("") == "Not recorded"
    assert "Unknown code 'X'" in gender.label("X")


def test_choices_show_label_and_code():
    assert ("NEG", "Neglect (NEG)") in codelist("category_of_abuse").choices()


def test_unknown_code_list_is_a_clear_key_error():
    with pytest.raises(KeyError, match="No DfE code list called 'nope'"):
        codelist("nope")


def test_validate_names_the_field_the_code_and_the_allowed_codes():
    with pytest.raises(ValidationError) as excinfo:
        codelist("gender").validate("X", field="gender_current")
    assert set(excinfo.value.message_dict) == {"gender_current"}
    message = " ".join(excinfo.value.message_dict["gender_current"])
    assert "'X'" in message
    assert "1, 2, 0, 9" in message
    assert "gendertype" in message


def test_validate_accepts_every_listed_code():
    code_list = codelist("primary_need")
    for code in code_list:
        code_list.validate(code, field="primary_need")


@pytest.mark.django_db
def test_code_field_full_clean_rejects_a_code_outside_its_list():
    person = Person(la_child_id="C1", first_name="Sam", last_name="Jones", gender="X")
    with pytest.raises(ValidationError) as excinfo:
        person.full_clean()
    assert "gender" in excinfo.value.message_dict
    assert "ethnicity" not in excinfo.value.message_dict


@pytest.mark.django_db
def test_code_field_full_clean_accepts_a_listed_code():
    person = Person(
        la_child_id="C1", first_name="Sam", last_name="Jones", gender="9", ethnicity="WROM"
    )
    person.full_clean()
    assert person.get_gender_display() == "Indeterminate (9)"


def code_fields() -> list[tuple[str, CodeField]]:
    return [
        (f"{model._meta.label}.{field.name}", field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, CodeField)
    ]


def test_code_fields_exist():
    names = [name for name, _ in code_fields()]
    assert "people.Person.gender" in names
    assert "workforce.Allocation.start_reason" in names


@pytest.mark.parametrize(("name", "field"), code_fields(), ids=lambda value: str(value))
def test_code_field_migrations_carry_the_list_name_not_its_choices(name, field):
    _, path, _, kwargs = field.deconstruct()
    assert path == "safeguard.core.codes.CodeField"
    assert "choices" not in kwargs, f"{name} would freeze this year's codes into a migration"
    assert kwargs["codelist"] in all_codelists(), f"{name} names an unknown code list"
    assert field.flatchoices, f"{name} offers no choices at run time"
