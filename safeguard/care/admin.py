from django.contrib import admin

from safeguard.care import models
from safeguard.core.admin import BaseAdmin

CHILD_SEARCH = ("child__la_child_id", "child__last_name", "child__first_name")


class LookedAfterEpisodeInline(admin.TabularInline):
    model = models.LookedAfterEpisode
    extra = 0
    fields = (
        "child",
        "started_on",
        "reason_new_episode",
        "legal_status",
        "placement_type",
        "placement_provider",
        "ended_on",
        "reason_ceased",
        "reason_placement_change",
    )
    raw_id_fields = ("child",)
    show_change_link = True


class LookedAfterReviewInline(admin.TabularInline):
    model = models.LookedAfterReview
    extra = 0
    fields = ("child", "held_on", "participation", "chaired_by")
    raw_id_fields = ("child", "chaired_by")


class CarePlanInline(admin.TabularInline):
    model = models.CarePlan
    extra = 0
    fields = ("child", "agreed_on", "occasion", "agreed_by")
    raw_id_fields = ("child", "agreed_by")


class PermanencePlanInline(admin.TabularInline):
    model = models.PermanencePlan
    extra = 0
    fields = ("child", "decided_on", "option")
    raw_id_fields = ("child",)


class HealthAssessmentInline(admin.TabularInline):
    model = models.HealthAssessment
    extra = 0
    fields = ("child", "kind", "assessed_on", "sdq_score")
    raw_id_fields = ("child",)


class PersonalEducationPlanInline(admin.TabularInline):
    model = models.PersonalEducationPlan
    extra = 0
    fields = ("child", "held_on", "school_name")
    raw_id_fields = ("child",)


class AdoptionDecisionInline(admin.TabularInline):
    model = models.AdoptionDecision
    extra = 0
    fields = (
        "child",
        "plan_agreed_on",
        "decided_on",
        "decision_maker",
        "reversed_on",
        "reversal_reason",
    )
    raw_id_fields = ("child", "decision_maker")
    show_change_link = True


class PreviousPermanenceInline(admin.StackedInline):
    model = models.PreviousPermanence
    extra = 0
    max_num = 1
    fields = ("option", "la_code", "order_date")


@admin.register(models.PeriodOfCare)
class PeriodOfCareAdmin(BaseAdmin):
    list_display = ("child", "started_on", "ended_on")
    list_select_related = ("child",)
    search_fields = CHILD_SEARCH
    date_hierarchy = "started_on"
    raw_id_fields = ("child",)
    inlines = (
        LookedAfterEpisodeInline,
        LookedAfterReviewInline,
        CarePlanInline,
        PermanencePlanInline,
        HealthAssessmentInline,
        PersonalEducationPlanInline,
        AdoptionDecisionInline,
        PreviousPermanenceInline,
    )


@admin.register(models.LookedAfterEpisode)
class LookedAfterEpisodeAdmin(BaseAdmin):
    list_display = (
        "child",
        "started_on",
        "reason_new_episode",
        "legal_status",
        "placement_type",
        "placement_provider",
        "ended_on",
        "reason_ceased",
        "is_registered",
    )
    list_filter = (
        "reason_new_episode",
        "legal_status",
        "placement_type",
        "placement_provider",
        "reason_ceased",
        "is_registered",
    )
    list_select_related = ("child",)
    search_fields = (*CHILD_SEARCH, "carer_name", "provider_name", "urn")
    date_hierarchy = "started_on"
    raw_id_fields = ("child", "period")


@admin.register(models.LookedAfterReview)
class LookedAfterReviewAdmin(BaseAdmin):
    list_display = ("child", "held_on", "participation", "chaired_by")
    list_filter = ("participation",)
    list_select_related = ("child", "chaired_by")
    search_fields = CHILD_SEARCH
    date_hierarchy = "held_on"
    raw_id_fields = ("child", "period", "chaired_by")


@admin.register(models.CarePlan)
class CarePlanAdmin(BaseAdmin):
    list_display = ("child", "agreed_on", "occasion", "agreed_by")
    list_filter = ("occasion",)
    list_select_related = ("child", "agreed_by")
    search_fields = CHILD_SEARCH
    date_hierarchy = "agreed_on"
    raw_id_fields = ("child", "period", "agreed_by")


@admin.register(models.PermanencePlan)
class PermanencePlanAdmin(BaseAdmin):
    list_display = ("child", "decided_on", "option")
    list_filter = ("option",)
    list_select_related = ("child",)
    search_fields = CHILD_SEARCH
    date_hierarchy = "decided_on"
    raw_id_fields = ("child", "period")


@admin.register(models.HealthAssessment)
class HealthAssessmentAdmin(BaseAdmin):
    list_display = ("child", "kind", "assessed_on", "sdq_score")
    list_filter = ("kind",)
    list_select_related = ("child",)
    search_fields = CHILD_SEARCH
    date_hierarchy = "assessed_on"
    raw_id_fields = ("child", "period")


@admin.register(models.PersonalEducationPlan)
class PersonalEducationPlanAdmin(BaseAdmin):
    list_display = ("child", "held_on", "school_name")
    list_select_related = ("child",)
    search_fields = (*CHILD_SEARCH, "school_name")
    date_hierarchy = "held_on"
    raw_id_fields = ("child", "period")


@admin.register(models.OutcomesRecord)
class OutcomesRecordAdmin(BaseAdmin):
    list_display = (
        "child",
        "year_ending",
        "convicted",
        "health_check_up_to_date",
        "immunisations_up_to_date",
        "substance_misuse",
        "sdq_reason",
    )
    list_filter = ("year_ending",)
    list_select_related = ("child",)
    search_fields = CHILD_SEARCH
    raw_id_fields = ("child",)


@admin.register(models.CareLeaverContact)
class CareLeaverContactAdmin(BaseAdmin):
    list_display = (
        "child",
        "contact_on",
        "in_touch",
        "activity",
        "accommodation",
        "personal_adviser",
    )
    list_filter = ("in_touch", "activity", "accommodation")
    list_select_related = ("child", "personal_adviser")
    search_fields = CHILD_SEARCH
    date_hierarchy = "contact_on"
    raw_id_fields = ("child", "personal_adviser")


@admin.register(models.PathwayPlanReview)
class PathwayPlanReviewAdmin(BaseAdmin):
    list_display = ("child", "reviewed_on", "personal_adviser")
    list_select_related = ("child", "personal_adviser")
    search_fields = CHILD_SEARCH
    date_hierarchy = "reviewed_on"
    raw_id_fields = ("child", "personal_adviser")


class AdoptionMatchInline(admin.TabularInline):
    model = models.AdoptionMatch
    extra = 0
    fields = (
        "matched_on",
        "number_of_adopters",
        "adopter_sex",
        "adopter_legal_status",
        "ended_on",
    )


@admin.register(models.AdoptionDecision)
class AdoptionDecisionAdmin(BaseAdmin):
    list_display = (
        "child",
        "plan_agreed_on",
        "decided_on",
        "decision_maker",
        "reversed_on",
        "reversal_reason",
    )
    list_filter = ("reversal_reason",)
    list_select_related = ("child", "decision_maker")
    search_fields = CHILD_SEARCH
    date_hierarchy = "decided_on"
    raw_id_fields = ("child", "period", "decision_maker")
    inlines = (AdoptionMatchInline,)


@admin.register(models.AdoptionMatch)
class AdoptionMatchAdmin(BaseAdmin):
    list_display = (
        "decision",
        "matched_on",
        "number_of_adopters",
        "adopter_sex",
        "adopter_legal_status",
        "ended_on",
    )
    list_filter = ("adopter_sex", "adopter_legal_status")
    list_select_related = ("decision__child",)
    search_fields = ("decision__child__la_child_id", "decision__child__last_name")
    raw_id_fields = ("decision",)


@admin.register(models.PreviousPermanence)
class PreviousPermanenceAdmin(BaseAdmin):
    list_display = ("period", "option", "la_code", "order_date")
    list_filter = ("option",)
    list_select_related = ("period__child",)
    search_fields = ("period__child__la_child_id", "period__child__last_name")
    raw_id_fields = ("period",)


from safeguard.care import admin_unregistered  # noqa: E402, F401  (registers its pages)
