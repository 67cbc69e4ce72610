"""The front door: contacts (with source, channel, consent and police PPN colour rating),
MASH triage (priority, partner checks and answers) and the decision for each child."""

from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "safeguard.frontdoor"
    label = "frontdoor"
    verbose_name = "Front door (contacts and MASH)"
