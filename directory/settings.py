"""Settings read from environment variables, with safe embedded defaults."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

GEOCODERS = ("offline", "nominatim")


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# Countries whose road signs give distances in miles; elsewhere kilometres.
MILE_COUNTRIES = frozenset({"US", "GB", "LR", "MM"})


def _distance_unit(env: os._Environ[str] | dict[str, str]) -> str:
    """DISTANCE_UNIT (`mi` or `km`); by default the deployment country's, whatever the language."""
    if "DISTANCE_UNITS" in env:
        raise ValueError("DISTANCE_UNITS is now DISTANCE_UNIT (mi or km): rename it")
    value = env.get("DISTANCE_UNIT", "").strip().lower()
    if not value:
        region = env.get("DEFAULT_PHONE_REGION", "US").strip().upper()
        return "mi" if region in MILE_COUNTRIES else "km"
    if value not in ("mi", "km"):
        raise ValueError(f"DISTANCE_UNIT must be mi or km, not {value!r}")
    return value


def _secret_key(instance_path: Path) -> str:
    """Return SECRET_KEY, or a random key kept in the instance folder so workers agree."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def serving(env: os._Environ[str] | dict[str, str]) -> dict[str, Any]:
    """How `make serve` runs gunicorn, and what its logs may hold (read by the app and gunicorn)."""
    return {
        # gunicorn worker processes, and threads per worker (requests each answers at once):
        # one is gunicorn's sync worker, the cheapest for searches that wait on nothing but
        # the CPU (SQLite); more suit a database across a network (docs/deploy.md).
        "WEB_WORKERS": _positive(env, "WEB_WORKERS", 2),
        "WEB_THREADS": _positive(env, "WEB_THREADS", 1),
        # Seconds a request may run before gunicorn's master replaces the worker.
        "WEB_TIMEOUT": _positive(env, "WEB_TIMEOUT", 30),
        # Visitor IP addresses stay out of the logs unless an operator needs them (abuse).
        "LOG_VISITOR_IPS": _bool(env.get("LOG_VISITOR_IPS"), False),
    }


def _positive(env: os._Environ[str] | dict[str, str], name: str, default: int) -> int:
    value = (env.get(name) or "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, not {value!r}")
    return int(value)


def from_environment(
    instance_path: Path, env: os._Environ[str] | dict[str, str] | None = None
) -> dict[str, Any]:
    """Build the app configuration from environment variables (see .env.example)."""
    env = os.environ if env is None else env
    instance_path.mkdir(parents=True, exist_ok=True)
    geocoder = env.get("GEOCODER", "offline").strip().lower() or "offline"
    if geocoder not in GEOCODERS:
        raise ValueError(f"GEOCODER must be one of {', '.join(GEOCODERS)}, not {geocoder!r}")
    return {
        "SECRET_KEY": env.get("SECRET_KEY") or _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": env.get("DATABASE_URL")
        or f"sqlite:///{instance_path / 'directory.sqlite3'}",
        "SEARCH_INDEX_DIR": env.get("SEARCH_INDEX_DIR") or str(instance_path / "search-index"),
        "PROVIDERS_CSV": env.get("PROVIDERS_CSV")
        or str(Path(__file__).resolve().parent.parent / "data" / "providers.csv"),
        "GEOCODER": geocoder,
        "GEOCODER_USER_AGENT": env.get("GEOCODER_USER_AGENT", "trafficking-referral-directory"),
        "GEOCODER_MIN_DELAY_SECONDS": float(env.get("GEOCODER_MIN_DELAY_SECONDS", "1.0")),
        "DEFAULT_TIME_ZONE": env.get("DEFAULT_TIME_ZONE", "America/New_York"),
        "DEFAULT_PHONE_REGION": env.get("DEFAULT_PHONE_REGION", "US"),
        "NEUTRAL_SITE_URL": env.get("NEUTRAL_SITE_URL", "https://www.weather.gov/"),
        "EMERGENCY_NUMBER": env.get("EMERGENCY_NUMBER", "911"),
        # National Human Trafficking Hotline: call, or text HELP to 233733 (sources in
        # data/providers.csv, row national-human-trafficking-hotline).
        "HOTLINE_PHONE": env.get("HOTLINE_PHONE", "+18883737888"),
        "HOTLINE_PHONE_DISPLAY": env.get("HOTLINE_PHONE_DISPLAY", "1-888-373-7888"),
        "HOTLINE_TEXT": env.get("HOTLINE_TEXT", "233733"),
        "HOTLINE_TEXT_KEYWORD": env.get("HOTLINE_TEXT_KEYWORD", "HELP"),
        "REPORT_EMAIL": env.get("REPORT_EMAIL", ""),
        "DISTANCE_UNIT": _distance_unit(env),
        "NEUTRAL_PAGE_TITLES": _bool(env.get("NEUTRAL_PAGE_TITLES"), True),
        "SEARCH_SYNC": _bool(env.get("SEARCH_SYNC"), True),
        # Serving processes catch their index up with the change record this often, in
        # seconds (0: only on commits here; PostgreSQL NOTIFY wakes them sooner).
        "SEARCH_POLL_SECONDS": float(env.get("SEARCH_POLL_SECONDS", "5")),
        # Serving processes store each listing's search result once per change of it (in a
        # background thread) rather than writing it at every request (directory/api/rendered.py).
        "RENDER_RESULTS": _bool(env.get("RENDER_RESULTS"), True),
        # Change records older than this are pruned; a node further behind rebuilds fully.
        "CHANGE_RECORD_KEEP_DAYS": int(env.get("CHANGE_RECORD_KEEP_DAYS", "30")),
        # Listings per segment of a full index build, each written by its own child process.
        "SEARCH_BUILD_PART_SIZE": int(env.get("SEARCH_BUILD_PART_SIZE") or 25_000),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # SQLite only: how long a write waits for another writer (an import) before failing.
        "SQLITE_BUSY_TIMEOUT_SECONDS": float(env.get("SQLITE_BUSY_TIMEOUT_SECONDS", "15")),
        # Accounts: the session cookie exists only for signed-in staff (never for visitors).
        "SESSION_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), True),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), True),
        "PERMANENT_SESSION_LIFETIME": int(env.get("SESSION_HOURS", "12")) * 3600,
        # CSRF is checked on /manage/ only: public search forms must work without a cookie.
        "WTF_CSRF_CHECK_DEFAULT": False,
        "WTF_CSRF_TIME_LIMIT": None,
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI") or "inline-memory://",
        # Reverse proxies in front of the app: the visitor's address (for the per-address
        # limits) is read from the X-Forwarded-For they add; 0 ignores the header.
        "PROXY_COUNT": int(env.get("PROXY_COUNT") or 0),
        # Public APIs (/api/v1, /hsds): requests per client, and the largest request body.
        "API_RATE_LIMIT": env.get("API_RATE_LIMIT") or "120 per minute",
        "API_MAX_BODY_BYTES": int(env.get("API_MAX_BODY_BYTES") or 64 * 1024),
        "PUBLIC_BASE_URL": (env.get("PUBLIC_BASE_URL") or "http://127.0.0.1:5000").rstrip("/"),
        "STALE_AFTER_DAYS": int(env.get("STALE_AFTER_DAYS", "365")),
        "CAPACITY_SHOWN_HOURS": int(env.get("CAPACITY_SHOWN_HOURS", "48")),
        "BABEL_TRANSLATION_DIRECTORIES": str(
            Path(__file__).resolve().parent.parent / "translations"
        ),
        **serving(env),
    }
