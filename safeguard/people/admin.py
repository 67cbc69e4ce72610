from django.contrib import admin

from safeguard.core.admin import BaseAdmin
from safeguard.people import models


class DisabilityInline(admin.TabularInline):
    model = models.Disability
    extra = 0
    fields = ("code",)


@admin.register(models.Person)
class PersonAdmin(BaseAdmin):
    list_display = ("la_child_id", "last_name", "first_name", "date_of_birth", "kind", "gender")
    list_filter = ("kind", "gender", "ethnicity")
    search_fields = ("la_child_id", "last_name", "first_name", "upn", "nhs_number")
    inlines = (DisabilityInline,)


@admin.register(models.Relationship)
class RelationshipAdmin(BaseAdmin):
    list_display = ("person", "relationship_type", "related_to", "has_parental_responsibility")
    list_select_related = ("person", "related_to")
    raw_id_fields = ("person", "related_to")


class HouseholdMemberInline(admin.TabularInline):
    model = models.HouseholdMember
    extra = 0
    raw_id_fields = ("person",)
    fields = ("person", "moved_in_on", "moved_out_on")


@admin.register(models.Household)
class HouseholdAdmin(BaseAdmin):
    list_display = ("address_line_1", "town", "postcode", "locality")
    search_fields = ("address_line_1", "postcode")
    inlines = (HouseholdMemberInline,)


@admin.register(models.HouseholdMember)
class HouseholdMemberAdmin(BaseAdmin):
    list_display = ("person", "household", "moved_in_on", "moved_out_on")
    raw_id_fields = ("person", "household")


@admin.register(models.Disability)
class DisabilityAdmin(BaseAdmin):
    list_display = ("person", "code")
    raw_id_fields = ("person",)


@admin.register(models.PopulationEstimate)
class PopulationEstimateAdmin(BaseAdmin):
    list_display = ("year", "age", "count")
    list_filter = ("year",)
