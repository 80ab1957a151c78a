"""The public pages in Debian's chromium: an automated WCAG 2.1 A/AA check with axe-core
(vendored, see vendor/README.txt) on the public page, the report form (its map picker open), the
tracking page and the survey, on a phone and on a desktop; and the map picker used by pointer
and by keyboard."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async (tags) => {
        const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
        return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" "))}));
    }""", WCAG)
    return found


def _open_all_details(page) -> None:
    page.evaluate("document.querySelectorAll('details').forEach((d) => d.open = true)")


def _track_code(page, base) -> str:
    page.goto(f"{base}/public/feedback")
    page.check("input[name=category][value=air]")
    page.select_option("#fb-district", "新北区")
    page.fill("#fb-content", "工厂烟囱冒黑烟")
    a, b = map(int, re.search(r"(\d+) \+ (\d+)", page.inner_text("label[for=fb-answer]")).groups())
    page.fill("#fb-answer", str(a + b))
    with page.expect_navigation():
        page.click("#feedback-form button[type=submit]")
    return re.search(r"code=(JB\w+)", page.url).group(1)


@pytest.mark.parametrize("size", [(390, 844), (1366, 768)], ids=["phone", "desktop"])
def test_public_pages_pass_axe_wcag21_aa(browser, live_server, size, screenshot):
    # bypass_csp: axe is injected as an inline script (the page itself stays under its CSP)
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="zh-CN",
                                  bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(120000)  # the first /public computes the whole-plan status
    try:
        code = _track_code(page, live_server)
        for url in ("/public", "/public/feedback", f"/public/feedback/track?code={code}",
                    "/public/survey"):
            page.goto(f"{live_server}{url}")
            _open_all_details(page)
            assert page.evaluate("document.documentElement.lang") == "zh-CN"
            found = violations(page)
            assert found == [], (url, found)
        page.goto(f"{live_server}/public")
        _open_all_details(page)
        # the check can fail: an image without alt text and a field without a label are found
        page.evaluate("""document.querySelector('main').insertAdjacentHTML('beforeend',
            '<img src="/static/x.png"><input id="nolabel">')""")
        assert {"image-alt", "label"} <= {v["id"] for v in violations(page)}
        page.reload()
        _open_all_details(page)
        assert page.locator("#city-map rect.town").count() == 63
        assert page.locator("#water table").count() == 3 and page.locator("#trend li").count() >= 3
        screenshot(page, f"public-a11y-{size[0]}")
    finally:
        context.close()


def test_place_picker_by_pointer_and_keyboard(browser, live_server, screenshot):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto(f"{live_server}/public/feedback")
        page.click("#place-picker summary")
        town = page.locator("#place-map rect.town[data-district='武进区']").nth(2)
        name = town.get_attribute("data-town")
        town.tap()
        assert page.input_value("#fb-district") == "武进区" and page.input_value("#fb-town") == name
        assert town.get_attribute("aria-pressed") == "true"
        assert page.inner_text("#place-chosen") == f"已选择：武进区{name}"
        tile = page.locator("#place-map g[data-district='溧阳市']")
        tile.focus()
        page.keyboard.press("Enter")
        assert page.input_value("#fb-district") == "溧阳市" and page.input_value("#fb-town") == ""
        assert town.get_attribute("aria-pressed") == "false"
        screenshot(page, "public-feedback-map-picker")
    finally:
        context.close()
