"""The form's real login without a server of one's own: GitLab with PKCE (``cms_backend: gitlab``).

There is no GitLab here: the browser's request to the configured GitLab is intercepted,
and what it carries is checked (the app, the redirect back to /admin/, a PKCE challenge).
"""

from __future__ import annotations

import base64
import hashlib
import urllib.request
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from quartier.config import config_from_mapping
from quartier.editor.cms import admin_files

from .conftest import _visit
from .helpers import DESKTOP, LOCAL_HOST, REPO, serve

GITLAB = "https://gitlab.opencode.de"
APP_ID = "3f6c2a0d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f"


@pytest.fixture(scope="module")
def gitlab_admin(tmp_path_factory) -> Iterator[str]:
    """The site's /admin/ as the build writes it for a program office on openCode's GitLab."""
    options = {
        "cms_backend": "gitlab",
        "cms_repo": "programmbuero/quartier",
        "cms_gitlab_url": GITLAB,
        "cms_app_id": APP_ID,
    }
    config = config_from_mapping(REPO, {"site_url": "https://quartier.example.org/", "extra": {"quartier": options}})
    site = tmp_path_factory.mktemp("gitlab-site")
    for path, data in admin_files(config).items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    with serve(site, "gitlab-http") as url:
        yield url + "admin/"


def test_the_login_button_leads_to_the_configured_gitlab_with_a_pkce_challenge(browser, gitlab_admin: str) -> None:
    context, visit = _visit(browser, gitlab_admin, DESKTOP)
    authorize: list[str] = []

    def answer(route) -> None:
        authorize.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>GitLab</title>")

    try:
        context.route(f"{GITLAB}/**", answer)
        page = visit.page
        visit.open("")
        button = page.get_by_role("button", name="Mit GitLab anmelden")
        button.wait_for()
        # Before the click nothing leaves the site.
        assert [url for url in visit.requests if urlsplit(url).hostname != LOCAL_HOST] == []
        button.click()
        page.wait_for_url(f"{GITLAB}/**")
        [url] = authorize
        parts = urlsplit(url)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{GITLAB}/oauth/authorize"
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        assert query["client_id"] == APP_ID
        assert query["response_type"] == "code"
        assert query["redirect_uri"] == gitlab_admin  # back to the form: the redirect URI to register
        assert query["code_challenge_method"] == "S256"
        challenge = query["code_challenge"]
        assert len(challenge) == 43 and set(challenge) <= set(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        )
        assert query["scope"] == "api"
        # The verifier stayed in the browser (this tab only); the challenge is its SHA-256 (RFC 7636).
        page.goto(gitlab_admin)
        verifier = page.evaluate(
            "() => Object.entries(sessionStorage).filter(([k]) => /pkce|verifier/i.test(k)).map(([, v]) => v)"
        )
        digests = [
            base64.urlsafe_b64encode(hashlib.sha256(v.encode()).digest()).rstrip(b"=").decode() for v in verifier
        ]
        assert challenge in digests, verifier
    finally:
        context.close()


def test_the_gitlab_form_may_reach_that_gitlab_and_no_github(gitlab_admin: str) -> None:
    with urllib.request.urlopen(gitlab_admin) as response:
        page = BeautifulSoup(response.read(), "html.parser")
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    connect = next(part.split()[1:] for part in policy.split(";") if part.split()[:1] == ["connect-src"])
    assert GITLAB in connect and not any("github" in source for source in connect)
