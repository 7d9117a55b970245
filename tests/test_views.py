"""The plain page of all listings, the health check and the security headers."""

from __future__ import annotations


def test_index_lists_imported_providers(app, client, runner):
    runner.invoke(args=["setup"])
    page = client.get("/en/listings")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Immigration Legal Clinic" in html
    assert "Legal help, Immigration" in html
    assert "Brooklyn" in html
    assert 'href="tel:+17185550100"' in html and "(718) 555-0100" in html
    assert 'href="sms:233733"' in html
    assert "confidential location" in html
    assert "tel:911" in html and "1-888-373-7888" in html
    assert 'id="quick-exit"' in html


def test_confidential_address_never_shown(app, client, runner):
    runner.invoke(args=["setup"])
    html = client.get("/en/listings").get_data(as_text=True)
    assert "123 Example St" not in html  # addresses are not on this page at all


def test_security_headers_on_every_response(client):
    for path in ("/", "/en/", "/healthz", "/static/site.css", "/api/v1/search"):
        response = client.get(path)
        headers = response.headers
        response.close()
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert "Set-Cookie" not in headers
