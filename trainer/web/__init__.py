"""The web layer: blueprints, security headers, error pages."""

from __future__ import annotations

from flask import Flask


def register_web(app: Flask) -> None:
    """Attach every blueprint and the cross-cutting request hooks to the app."""
    from . import access, account, errors, filters, health, plans, security, transfer
    from .api import bp as api_bp
    from .auth import bp as auth_bp
    from .client_area import bp as client_bp
    from .jobs_page import bp as jobs_bp
    from .json import OrjsonProvider
    from .logbook import bp as logbook_bp
    from .pages import bp as pages_bp
    from .trainer_area import bp as trainer_bp

    app.json = OrjsonProvider(app)
    access.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    filters.init_app(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(pages_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(trainer_bp)
    app.register_blueprint(client_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(jobs_bp)
    app.register_blueprint(logbook_bp)
    app.register_blueprint(plans.bp)
    app.register_blueprint(transfer.bp)
    app.register_blueprint(account.bp)
