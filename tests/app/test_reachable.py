"""What each demo role can reach by clicking: every link shown answers, in Chinese.

A link shown to a role that then refuses it is a bug (the link should be hidden); so is a raw
identifier (``ledger_item``, ``plan.publish``) or ``None`` on a page a civil servant reads, and
a button left in the browser's default grey look.
The nav pages of each role and the pages they link to are visited (two of each URL shape).
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import html as lxml_html
from fastapi.testclient import TestClient

from ecoplan.app.main import create_app
from ecoplan.config import Settings
from ecoplan.demo.build import ACCOUNTS

SKIP = re.compile(r"^/(logout|static/)|\.(xlsx|docx)$|/(export|download)")
IDENTIFIER = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b|\b[A-Z]+(?:_[A-Z]+)+\b|\b[a-z]+\.[a-z_]+(?:\.[a-z_]+)*\b"
                        r"|\b(?:None|null|undefined|NaN)\b")
FILE_SUFFIX = re.compile(r"\.(?:xlsx|docx|pdf|html?|txt|png|jpe?g)$")
PER_SHAPE = 2
UNSTYLED = ("//main//button[not(contains(concat(' ', normalize-space(@class), ' '), ' button '))"
            " and not(contains(concat(' ', normalize-space(@class), ' '), ' link '))]")
"""``main button:not(.button):not(.link)``: pages are parsed with lxml, which is several times
faster than BeautifulSoup on ~450 pages a role."""
VISIBLE_TEXT = ".//text()[not(ancestor::script or ancestor::style or ancestor::template)]"


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory, demo_template):
    data_dir = tmp_path_factory.mktemp("reachable") / "demo"
    shutil.copytree(demo_template, data_dir)
    application = create_app(Settings(data_dir=data_dir))
    yield application
    application.state.engine.dispose()


def _login(app, account) -> TestClient:
    client = TestClient(app, base_url="http://testserver")
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    response = client.post("/login", data={"csrf_token": token, "username": account.username,
                                           "password": account.password, "next": "/"},
                           follow_redirects=False)
    assert response.status_code == 303, account.username
    return client


def _shape(path: str) -> str:
    return re.sub(r"/\d+", "/N", path.split("?")[0]) + ("?" if "?" in path else "")


def _parse(text: str):
    return lxml_html.document_fromstring(text)


def _links(tree, here: str) -> list[str]:
    found = []
    for href in tree.xpath("//a/@href"):
        url = urlsplit(urljoin(f"http://testserver{here}", href))
        if url.netloc == "testserver" and not SKIP.search(url.path):
            found.append(url.path + (f"?{url.query}" if url.query else ""))
    return found


def _unstyled_buttons(tree) -> int:
    """Buttons left in the browser's grey default look (neither app.css ``button`` nor ``link``)."""
    return len(tree.xpath(UNSTYLED))


def _identifiers(tree) -> list[str]:
    """Raw identifiers in the text of the page's ``main`` (scripts, styles, templates aside)."""
    main = tree.xpath("//main")[0]
    words = IDENTIFIER.findall(" ".join(main.xpath(VISIBLE_TEXT)))
    return [w for w in words if not FILE_SUFFIX.search(w)]


def _visit(client: TestClient) -> dict[str, list]:
    nav = [p for p in _links(_parse(client.get("/").text), "/") if p != "/"]
    queue = [(p, "导航") for p in nav] + [("/", "导航")]
    seen, shapes = set(), Counter()
    problems = {"refused": [], "identifiers": [], "unstyled buttons": []}
    while queue:
        path, source = queue.pop(0)
        if path in seen or shapes[_shape(path)] >= PER_SHAPE:
            continue
        seen.add(path)
        shapes[_shape(path)] += 1
        response = client.get(path)
        if response.status_code >= 400:
            problems["refused"].append((path, response.status_code, source))
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        tree = _parse(response.text)  # once per page: pages are long
        if words := _identifiers(tree):
            problems["identifiers"].append((path, sorted(set(words))))
        if buttons := _unstyled_buttons(tree):
            problems["unstyled buttons"].append((path, buttons))
        if source == "导航":
            queue += [(link, path) for link in _links(tree, path)]
    return problems | {"pages": len(seen), "nav": nav}


@pytest.mark.parametrize("account", ACCOUNTS, ids=lambda a: a.role)
def test_every_link_a_role_sees_answers_in_chinese(demo_app, account):
    result = _visit(_login(demo_app, account))
    nav = set(result["nav"])  # a link may be both in the menu and in the header
    assert nav and result["pages"] > len(nav)  # every menu page, the home page, and what they link
    assert result["refused"] == [], "links shown to the role but refused"
    assert result["identifiers"] == [], "raw identifiers on pages"
    assert result["unstyled buttons"] == []
