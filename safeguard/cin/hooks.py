"""Checks that apps above ``cin`` contribute to ``cin``'s services.

Apps depend downwards only (core ← workforce ← people ← cin ← assessment ← protection), yet
some CIN rules need facts those apps own: an episode cannot close while an assessment or a
child protection plan is open (CIN census rules 8867, 8868, 8565); a CIN plan cannot start
inside a CP plan (4001, 4016); a CP visit needs a CP plan. Rather than import upwards, cin
publishes these registries and each app registers its checks in ``AppConfig.ready``.

A check is a plain function that raises ``ValidationError`` (keyed by the field of the
service being called) and writes nothing. Checks run inside the service's transaction,
before it writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from safeguard.cin.models import CINEpisode
from safeguard.people.models import Person


@dataclass(frozen=True)
class ClosureRequest:
    """What ``close_cin_episode`` is about to write."""

    closure_date: dt.date
    reason_for_closure: str
    referral_nfa: bool


@dataclass(frozen=True)
class VisitRequest:
    """What ``record_visit`` is about to write."""

    child: Person
    episode: CINEpisode | None
    visit_date: dt.date
    visit_type: str


ClosureCheck = Callable[[CINEpisode, ClosureRequest], None]
CINPlanStartCheck = Callable[[CINEpisode, dt.date], None]
VisitCheck = Callable[[VisitRequest], None]
ReferralOpenedAction = Callable[[CINEpisode], None]

_closure_checks: list[ClosureCheck] = []
_cin_plan_start_checks: list[CINPlanStartCheck] = []
_visit_checks: list[VisitCheck] = []
_referral_opened_actions: list[ReferralOpenedAction] = []


def register_closure_check(check: ClosureCheck) -> None:
    if check not in _closure_checks:
        _closure_checks.append(check)


def register_cin_plan_start_check(check: CINPlanStartCheck) -> None:
    if check not in _cin_plan_start_checks:
        _cin_plan_start_checks.append(check)


def register_visit_check(check: VisitCheck) -> None:
    if check not in _visit_checks:
        _visit_checks.append(check)


def run_closure_checks(episode: CINEpisode, request: ClosureRequest) -> None:
    for check in _closure_checks:
        check(episode, request)


def run_cin_plan_start_checks(episode: CINEpisode, start_date: dt.date) -> None:
    for check in _cin_plan_start_checks:
        check(episode, start_date)


def run_visit_checks(request: VisitRequest) -> None:
    for check in _visit_checks:
        check(request)


def register_referral_opened_action(action: ReferralOpenedAction) -> None:
    """Work another app must do in the same transaction when a referral opens.

    Early help uses it: a referral for a child with open early help steps that early help
    up, so a child is never open to both services without a recorded step-up.
    """
    if action not in _referral_opened_actions:
        _referral_opened_actions.append(action)


def run_referral_opened_actions(episode: CINEpisode) -> None:
    for action in _referral_opened_actions:
        action(episode)
