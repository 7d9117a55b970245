"""The sign-in limit: 429 after 5 failures in 15 minutes per account and per address, behind a
proxy too, and no address or email in the logs or in the limiter's storage."""

from __future__ import annotations

import logging

import pytest
from flask_migrate import stamp

from directory import create_app
from directory.extensions import db, limiter

from ..staff import PASSWORD, https_client, seed_staff, sign_in
from ..support import app_config, release

ADDRESS = "203.0.113.77"
WRONG = "wrong password here"


@pytest.fixture
def proxied_app(tmp_path):
    """An app told that one reverse proxy stands in front of it."""
    app = create_app(app_config(tmp_path, PROXY_COUNT=1))
    with app.app_context():
        db.create_all()
        stamp()
    seed_staff(app)
    yield app
    release(app)


def _client(app, address: str, forwarded_for: str | None = None):
    client = https_client(app)
    client.environ_base["REMOTE_ADDR"] = address
    if forwarded_for:
        client.environ_base["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client


def test_without_a_proxy_a_forwarded_header_does_not_choose_the_address(staffed_app):
    # An attacker rotating X-Forwarded-For is still one address.
    for attempt in range(5):
        client = _client(staffed_app, ADDRESS, f"198.51.100.{attempt}")
        assert sign_in(client, f"nobody{attempt}@example.org", WRONG).status_code == 200
    client = _client(staffed_app, ADDRESS, "198.51.100.99")
    refused = sign_in(client, "admin")
    assert refused.status_code == 429
    # The sign-in page again, saying why, and when to come back.
    assert "Too many failed sign-ins" in refused.get_data(as_text=True)
    assert 1 <= int(refused.headers["Retry-After"]) <= 15 * 60


def test_behind_a_proxy_each_visitor_has_their_own_count(proxied_app):
    proxy = "10.0.0.1"  # every request comes from the proxy
    for attempt in range(5):
        client = _client(proxied_app, proxy, ADDRESS)
        assert sign_in(client, f"nobody{attempt}@example.org", WRONG).status_code == 200
    assert sign_in(_client(proxied_app, proxy, ADDRESS), "admin").status_code == 429
    # Someone else behind the same proxy is not locked out.
    assert sign_in(_client(proxied_app, proxy, "198.51.100.7"), "admin").status_code == 302


def test_limits_store_and_log_no_address_or_email(staffed_app, caplog):
    caplog.set_level(logging.DEBUG)
    for _ in range(6):
        sign_in(_client(staffed_app, ADDRESS), "editor_a", WRONG)
    assert sign_in(_client(staffed_app, ADDRESS), "editor_a", PASSWORD).status_code == 429
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert ADDRESS not in logged and "editor_a@example.org" not in logged
    with staffed_app.app_context():
        keys = " ".join(map(str, limiter.storage.storage))  # the in-memory store's keys
    assert keys, "the limiter stored nothing: the limit above did not count"
    assert ADDRESS not in keys and "editor_a" not in keys
