"""Staff accounts for tests: listings of two organizations, one account per role, sign-in."""

from __future__ import annotations

import html
import re
from pathlib import Path

from directory.accounts.models import Role, User
from directory.accounts.passwords import hash_password
from directory.extensions import db
from directory.providers.cli import run_import

FIXTURES = Path(__file__).parent / "fixtures"
PASSWORD = "correct horse battery staple"
# Organization ids made by the importer from the fixture's organization names.
ORG_A, ORG_B = "example-legal-aid", "example-shelter-network"
LISTING_A, LISTING_B = "brooklyn-legal-clinic", "queens-safe-house"
ACCOUNTS = {
    "admin": (Role.admin, None),
    "editor_a": (Role.editor, ORG_A),
    "editor_b": (Role.editor, ORG_B),
    "advocate": (Role.advocate, None),
}
PASSWORD_HASH = hash_password(PASSWORD)  # once: scrypt is slow on purpose
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def seed_staff(app) -> None:
    """Import the fixture listings and add one account per entry of ACCOUNTS."""
    with app.app_context():
        report = run_import(FIXTURES / "providers_good.csv")
        assert report.ok, report.errors
        for name, (role, organization_id) in ACCOUNTS.items():
            db.session.add(
                User(
                    email=f"{name}@example.org",
                    role=role,
                    organization_id=organization_id,
                    password_hash=PASSWORD_HASH,
                )
            )
        db.session.commit()


def https_client(app):
    """A test client speaking https, so the Secure session cookie is sent back."""
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    return client


def csrf_token(client, path: str = "/manage/login") -> str:
    """The CSRF token a page's form carries."""
    match = _CSRF.search(client.get(path).get_data(as_text=True))
    assert match, f"no csrf_token on {path}"
    return match.group(1)


def sign_in(client, name: str, password: str = PASSWORD):
    """Sign in as one of ACCOUNTS (or any email); returns the login response."""
    email = name if "@" in name else f"{name}@example.org"
    token = csrf_token(client)
    return client.post(
        "/manage/login", data={"email": email, "password": password, "csrf_token": token}
    )


def edit_form(client, path: str) -> dict[str, str]:
    """A listing form's current values (and its version and CSRF token), as a browser sends."""
    page = client.get(path).get_data(as_text=True)
    fields = dict(re.findall(r'<input id="f-[^"]+" name="([^"]+)" value="([^"]*)"', page))
    fields |= dict(
        re.findall(r'<textarea id="f-[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>', page)
    )
    version = re.search(r'name="version" value="([^"]+)"', page)
    if version:
        fields["version"] = version.group(1)
    fields["csrf_token"] = _CSRF.search(page).group(1)
    return {key: html.unescape(value) for key, value in fields.items()}
