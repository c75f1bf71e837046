"""trainer: a coaching dashboard for personal trainers and their clients."""

from __future__ import annotations

import os

from flask import Flask

from . import config as settings
from .extensions import csrf, db, limiter, login_manager, migrate


def create_app(test_config: dict | None = None) -> Flask:
    """Build the web application: settings, extensions, blueprints, errors, CLI.

    The scheduler is never started here (it runs in its own ``clock`` process) and no
    migration runs here (the Procfile's ``release`` step does that).
    """
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(settings.default_settings(app.instance_path))
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.update(settings.from_environment(os.environ))
    else:
        app.config.update(test_config)
    settings.finalise(app.config, debug=app.debug)
    os.makedirs(app.instance_path, exist_ok=True)

    from .logs import configure_logging

    configure_logging(app)

    from . import database, models  # noqa: F401  (the SQLite pragmas listener; the tables)

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(app.root_path), "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)

    from .web import register_web

    register_web(app)

    from .cli import register_cli

    register_cli(app)
    return app
