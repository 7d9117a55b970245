"""Anonymous visitors get no cookie on any public page, even with staff accounts enabled."""

from __future__ import annotations

import re

from ..staff import LISTING_A, https_client


def public_paths(app) -> list[str]:
    """Every GET route outside /manage/, with its arguments filled in."""
    values = {"lang": "es", "provider_id": LISTING_A}
    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.rule.startswith(("/manage", "/static")):
            continue
        if set(rule.arguments) - set(values):
            continue
        paths.append(rule.build({k: values[k] for k in rule.arguments})[1])
    return paths


def test_no_public_page_sets_a_cookie(staffed_app):
    client = staffed_app.test_client()
    paths = public_paths(staffed_app)
    assert "/es/providers/brooklyn-legal-clinic" in paths and "/es/" in paths
    for path in paths:
        response = client.get(path)
        # /readyz answers 503 until an index exists: a probe's answer, not a failure.
        assert response.status_code < 500 or path == "/readyz", path
        assert "Set-Cookie" not in response.headers, path
    for path, data in (
        ("/es/search", {"q": "legal"}),
        ("/es/referral", {"pick": LISTING_A}),
    ):
        response = client.post(path, data=data)
        assert response.status_code == 200, path
        assert "Set-Cookie" not in response.headers, path
    assert client.get_cookie("session") is None


def test_survivor_pages_link_to_staff_pages_only_from_the_footer(staffed_app):
    client = staffed_app.test_client()
    for path in ("/es/", f"/es/providers/{LISTING_A}", "/es/about"):
        page = client.get(path).get_data(as_text=True)
        links = re.findall(r'<a href="(/manage[^"]*)"[^>]*>([^<]*)</a>', page)
        assert links == [("/manage/login?lang=es", "Para organizaciones")], path
        footer = page[page.index('<footer class="site-footer">') :]
        assert "/manage/login" in footer, path
    staff = https_client(staffed_app).get("/manage/login?lang=es")
    assert staff.status_code == 200 and 'lang="es"' in staff.get_data(as_text=True)
