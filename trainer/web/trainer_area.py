from flask import Blueprint

bp = Blueprint("trainer", __name__)


@bp.get("/clients")
def roster():
    return "roster"


@bp.get("/clients/new")
def new_client():
    return "new"
