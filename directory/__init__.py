"""Service-referral directory for survivors of human trafficking: the Flask application."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, request

from . import settings
from .extensions import babel, configure_sqlite, csrf, db, limiter, login_manager, migrate
from .json_provider import OrjsonProvider

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


class Directory(Flask):
    """The Flask app, whose error log names a route rather than a listing a visitor opened."""

    json_provider_class = OrjsonProvider

    def log_exception(self, exc_info) -> None:
        from .serving.logs import loggable_route

        route = loggable_route(request.method, request.path)
        self.logger.error("Exception on %s %s", request.method, route, exc_info=exc_info)


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application: settings from the environment, then `config` overrides."""
    app = Directory(__name__, instance_relative_config=True)
    app.config.from_mapping(settings.from_environment(Path(app.instance_path)))
    if config:
        app.config.update(config)
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        # One largest request body for every request (forms, JSON), the public API's included.
        app.config["MAX_CONTENT_LENGTH"] = app.config["API_MAX_BODY_BYTES"]
    register_proxy(app)
    register_extensions(app)
    register_models()
    register_blueprints(app)
    register_commands(app)
    register_security_headers(app)
    register_input_guard(app)
    register_template_helpers(app)
    register_log_redaction(app)
    register_outage_pages(app)
    return app


def register_proxy(app: Flask) -> None:
    """Behind PROXY_COUNT reverse proxies, take the visitor's address and scheme from them."""
    count = app.config.get("PROXY_COUNT", 0)
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)


def register_extensions(app: Flask) -> None:
    """Bind the unbound extensions to this app."""
    from .web import babel_context
    from .web.bidi import IsolatingDomain
    from .web.i18n import locale_selector

    db.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine, app.config["SQLITE_BUSY_TIMEOUT_SECONDS"])
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True)
    babel.init_app(app, locale_selector=locale_selector)
    babel.domain_instance = IsolatingDomain()
    babel_context.install()
    babel_context.install_template_gettext(app)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    from .api.renderer import init_renderer
    from .search.extension import init_search

    init_search(app)
    init_renderer(app)


def register_models() -> None:
    """Import every model so `create_all` and relationships see them."""
    from .accounts import models as account_models  # noqa: F401
    from .api import rendered as api_models  # noqa: F401
    from .geo import models as geo_models  # noqa: F401
    from .manage import models as manage_models  # noqa: F401
    from .providers import models as provider_models  # noqa: F401
    from .providers.changes import install_listeners

    install_listeners()


def register_blueprints(app: Flask) -> None:
    """Attach the pages and endpoints."""
    from .accounts import views as account_views  # noqa: F401  (routes on `manage`)
    from .api.views import api
    from .hsds.views import hsds_api
    from .manage import editing, review, staff, views  # noqa: F401  (routes on `manage`)
    from .manage.blueprint import manage
    from .manage.reports import reports
    from .public_api import register_public_api
    from .views import pages
    from .web.views import root, web

    app.register_blueprint(pages)
    app.register_blueprint(manage)
    app.register_blueprint(reports)
    app.register_blueprint(api)
    app.register_blueprint(hsds_api)
    register_public_api(app, api, hsds_api)
    app.register_blueprint(root)
    app.register_blueprint(web)


def register_commands(app: Flask) -> None:
    """Add the `flask` CLI command groups."""
    from .accounts.cli import users_cli
    from .cli import setup_command
    from .hsds.cli import hsds_cli
    from .providers.cli import providers_cli
    from .search.cli import search_cli
    from .translations import translate_cli

    app.cli.add_command(setup_command)
    app.cli.add_command(users_cli)
    from .manage.cli import stale_command

    providers_cli.add_command(stale_command)
    app.cli.add_command(translate_cli)
    app.cli.add_command(providers_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(hsds_cli)


def register_security_headers(app: Flask) -> None:
    """Send the headers that keep every page first-party and unframed."""
    from .security import add_security_headers

    app.after_request(add_security_headers)


def register_input_guard(app: Flask) -> None:
    """Refuse NUL characters in requests: PostgreSQL cannot even look such a value up."""
    from .input_guard import refuse_nul_requests

    app.before_request(refuse_nul_requests)


def register_log_redaction(app: Flask) -> None:
    """Keep search terms, visitor addresses and the listings visited out of server logs."""
    from .serving.logs import install_werkzeug_redaction, remember_routes

    remember_routes(app.url_map)
    install_werkzeug_redaction(app.config["LOG_VISITOR_IPS"])


def register_outage_pages(app: Flask) -> None:
    """A database or index outage is a friendly 503 in the visitor's language, not a trace."""
    from .serving.outages import register_outage_handlers

    register_outage_handlers(app)


def register_template_helpers(app: Flask) -> None:
    """Filters the templates use to show stored values."""
    from flask_babel import get_locale

    from .locale_names import place_name
    from .manage.freshness import freshness
    from .manage.public import capacity_line
    from .manage.reports import report_token
    from .providers.phones import display
    from .providers.taxonomy import POPULATIONS, SERVICE_TYPES, language_label
    from .web.bidi import auto_html, auto_text, ltr_html, ltr_text
    from .web.labels import field_label

    app.jinja_env.globals["freshness"] = freshness
    app.jinja_env.globals["capacity_line"] = capacity_line
    app.jinja_env.globals["report_token"] = report_token
    region = app.config["DEFAULT_PHONE_REGION"]
    app.jinja_env.filters["phone"] = lambda number: display(number, region)
    app.jinja_env.filters["service_label"] = SERVICE_TYPES.label
    app.jinja_env.filters["population_label"] = POPULATIONS.label
    app.jinja_env.filters["language_label"] = language_label
    app.jinja_env.filters["field_label"] = field_label
    # Bidi isolation: `ltr` for phones, addresses and URLs, `auto` for names (HTML); the
    # `_text` forms for the plain-text sheet.
    app.jinja_env.filters.update(ltr=ltr_html, auto=auto_html, ltr_text=ltr_text)
    app.jinja_env.filters["auto_text"] = auto_text
    app.jinja_env.filters["place_name"] = lambda name: place_name(name, str(get_locale()))
