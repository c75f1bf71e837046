from flask import Blueprint

bp = Blueprint("client", __name__)


@bp.get("/me")
def home():
    return "home"
