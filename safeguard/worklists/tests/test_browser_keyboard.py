"""Keyboard only: every control on the main pages can be reached with Tab, shows where the
focus is, and a journey form can be filled in and sent without a mouse."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.core.testing.browser import chromium
from safeguard.worklists.tests.test_pages import busy_caseload

#: Every control a keyboard user must be able to reach, as the browser sees it; each is
#: numbered (data-kb) so the same link shown twice counts as two stops.
REACHABLE = """() => Array.from(document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary'
)).filter(el => {
    const style = getComputedStyle(el);
    const radioOff = el.type === 'radio' && !el.checked && document.querySelector(
        `input[type=radio][name="${el.name}"]:checked`);
    return !el.disabled && el.offsetParent !== null && style.visibility !== 'hidden'
        && !radioOff;
}).map((el, i) => { el.dataset.kb = String(i); return el.outerHTML.slice(0, 120); })"""
FOCUSED_INDEX = "() => document.activeElement?.dataset?.kb ?? ''"
FOCUSED_TEXT = "() => document.activeElement ? document.activeElement.innerText : ''"
#: GOV.UK focus states: a yellow outline or background, or a box shadow.
FOCUS_VISIBLE = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    return (style.outlineStyle !== 'none' && style.outlineWidth !== '0px')
        || style.boxShadow !== 'none' || style.backgroundColor === 'rgb(255, 221, 0)';
}"""


def _tab_through(page) -> None:
    """Tab from the top of the page until focus comes round again; every control must be
    reached, none may use a positive tabindex, and focus must always be visible."""
    controls = page.evaluate(REACHABLE)
    assert controls, "no controls on the page"
    assert page.locator("[tabindex]:not([tabindex='-1']):not([tabindex='0'])").count() == 0
    reached: set[str] = set()
    page.locator("body").focus()
    for _ in range(len(controls) + 5):
        page.keyboard.press("Tab")
        index = page.evaluate(FOCUSED_INDEX)
        if index in reached:
            break
        if index:
            reached.add(index)
            assert page.evaluate(FOCUS_VISIBLE), f"focus not visible on {controls[int(index)]}"
    missing = [c for i, c in enumerate(controls) if str(i) not in reached]
    assert not missing, f"not reachable by Tab: {missing[:5]}"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_main_pages_work_by_keyboard(live_server):
    world = build_world()
    busy_caseload(world.workers["social_worker"], 4)
    child = world.child_allocated
    pages = {
        "social_worker": [
            reverse("worklists:my_work"),
            reverse("people:child_record", kwargs={"child_id": child.pk}),
            reverse("people:search"),
        ],
        "team_manager": [reverse("workforce:team")],
        "mash_officer": [reverse("frontdoor:mash_queue")],
    }
    # Sessions are made before the browser starts: Playwright's loop makes the ORM refuse.
    cookies = {role: session_cookie(world.users[role], live_server.url) for role in pages}
    with chromium() as browser:
        for role, urls in pages.items():
            context = browser.new_context()
            context.add_cookies([cookies[role]])
            page = context.new_page()
            for url in urls:
                page.goto(live_server.url + url)
                _tab_through(page)
            context.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_visit_is_recorded_without_a_mouse(live_server):
    from safeguard.cin.models import CINEpisode, Visit
    from safeguard.core import clock

    world = build_world()
    child = world.child_allocated
    CINEpisode.objects.create(
        child=child, referral_date=clock.today().replace(day=1), referral_source="2A"
    )
    cookie = session_cookie(world.users["social_worker"], live_server.url)
    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([cookie])
        page = context.new_page()
        page.goto(live_server.url + reverse("cin:record_visit", kwargs={"child_id": child.pk}))
        # The skip link is the first stop and takes focus to the main content.
        page.keyboard.press("Tab")
        assert "Skip to main content" in page.evaluate(FOCUSED_TEXT)
        page.keyboard.press("Enter")
        assert page.url.endswith("#main-content")
        # Send the empty form with the keyboard: the error summary takes focus.
        submit = page.locator("main button[type=submit]").first
        submit.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator(".govuk-error-summary").count() == 1
        # Fill every field by keyboard alone: Tab between them, type, Space for choices.
        fields = page.locator("main form input:visible, main form select:visible")
        today = clock.today()
        typed = {"_0": str(today.day), "_1": str(today.month), "_2": str(today.year)}
        first_radio: dict[str, bool] = {}
        for index in range(fields.count()):
            field = fields.nth(index)
            field.focus()
            kind = field.get_attribute("type") or field.evaluate("el => el.tagName")
            name = field.get_attribute("name") or ""
            if kind in ("radio", "checkbox"):
                if kind == "radio" and first_radio.get(name):
                    continue
                page.keyboard.press("Space")
                first_radio[name] = True
            elif kind == "SELECT":
                page.keyboard.press("ArrowDown")
            else:
                suffix = next((s for s in typed if name.endswith(s)), "")
                page.keyboard.type(typed.get(suffix, ""))
        submit = page.locator("main button[type=submit]").first
        submit.focus()
        page.keyboard.press("Enter")
        # Back on the child's record (the skip link's #main-content may ride along).
        page.wait_for_url(lambda url: "/visit/" not in url and "/children/" in url)
        context.close()
    assert Visit.objects.filter(child=child, visit_date=clock.today()).exists()
