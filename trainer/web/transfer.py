"""A client's data in and out: CSV and JSON downloads, and CSV import (upload, preview, confirm).

The uploaded file waits for the confirmation in ``StagedImports`` (a folder under the
instance folder, or ``IMPORT_STAGING_DIR``), named by a random token bound to the
client and the trainer; the confirm form carries only the token.
"""

from __future__ import annotations

import json
import os

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.utils import secure_filename

from .. import clock
from ..domain.exercises import BY_SLUG
from ..domain.imports import UnreadableFile, decode_upload
from ..extensions import db
from ..models import Client
from ..services import exports, imports
from ..services.errors import Conflict
from ..services.staged_imports import StagedImport, StagedImports
from .access import own_client_or_404, trainer_required
from .forms.transfer import ImportForm

bp = Blueprint("transfer", __name__)


def _store() -> StagedImports:
    return StagedImports(
        current_app.config.get("IMPORT_STAGING_DIR") or os.path.join(current_app.instance_path, "imports")
    )


def _download(client: Client, body: str, what: str, extension: str, mimetype: str) -> Response:
    name = exports.download_name(client, what, clock.today_in(client.timezone), extension)
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/clients/<int:client_id>/export/weigh-ins.csv")
@trainer_required
def export_weigh_ins(client_id: int):
    """The client's weigh-ins as CSV (importable again)."""
    client = own_client_or_404(client_id)
    return _download(client, exports.weigh_ins_csv(db.session, client), "weigh-ins", "csv", "text/csv")


@bp.get("/clients/<int:client_id>/export/sets.csv")
@trainer_required
def export_sets(client_id: int):
    """Every set the client logged, as CSV."""
    client = own_client_or_404(client_id)
    return _download(client, exports.sets_csv(db.session, client), "sets", "csv", "text/csv")


@bp.get("/clients/<int:client_id>/export/client.json")
@trainer_required
def export_json(client_id: int):
    """Everything about the client as one JSON document."""
    client = own_client_or_404(client_id)
    body = json.dumps(exports.client_json(db.session, client, now=clock.now()), indent=2, ensure_ascii=False)
    return _download(client, body, "export", "json", "application/json")


@bp.route("/clients/<int:client_id>/import", methods=["GET", "POST"])
@trainer_required
def import_upload(client_id: int):
    """Upload a CSV file to preview what it would import."""
    client = own_client_or_404(client_id)
    form = ImportForm()
    if request.method == "GET":
        form.unit.data = client.unit
    if form.validate_on_submit():
        upload = form.file.data
        try:
            text = decode_upload(upload.read())
        except UnreadableFile as error:
            form.file.errors.append(str(error))
        else:
            staged = StagedImport(
                client_id=client.id,
                user_id=current_user.id,
                source=form.kind.data,
                unit=form.unit.data,
                filename=secure_filename(upload.filename or "") or "upload.csv",
                text=text,
                staged_at=clock.now(),
            )
            token = _store().stage(staged)
            return redirect(url_for("transfer.import_preview", client_id=client.id, token=token))
    status = 422 if request.method == "POST" else 200
    return render_template("transfer/import_form.html", form=form, client=client), status


@bp.get("/clients/<int:client_id>/import/<token>")
@trainer_required
def import_preview(client_id: int, token: str):
    """What the uploaded file would create, what it skips, and every bad row."""
    client = own_client_or_404(client_id)
    staged = _store().get(token, client_id=client.id, user_id=current_user.id, now=clock.now())
    if staged is None:
        return _upload_gone(client)
    today = clock.today_in(client.timezone)
    preview = imports.preview(db.session, client, staged.source, staged.text, today=today, unit=staged.unit)
    return render_template(
        "transfer/import_preview.html", client=client, staged=staged, preview=preview, token=token, library=BY_SLUG
    )


@bp.post("/clients/<int:client_id>/import/<token>")
@trainer_required
def import_apply(client_id: int, token: str):
    """Import the previewed file: everything new, in one transaction, or nothing."""
    client = own_client_or_404(client_id)
    store = _store()
    staged = store.take(token, client_id=client.id, user_id=current_user.id, now=clock.now())
    if staged is None:
        return _upload_gone(client)
    today = clock.today_in(client.timezone)
    try:
        result = imports.apply(
            db.session, client, staged.source, staged.text, by=current_user, today=today, unit=staged.unit
        )
    except (imports.ImportRejected, Conflict) as error:
        db.session.rollback()
        store.put_back(token, staged)
        flash(str(error).split(": ", 1)[-1] if isinstance(error, Conflict) else str(error), "error")
        return redirect(url_for("transfer.import_preview", client_id=client.id, token=token))
    flash(_summary(result), "success")
    return redirect(url_for("trainer.client_detail", client_id=client.id))


@bp.post("/clients/<int:client_id>/import/<token>/cancel")
@trainer_required
def import_cancel(client_id: int, token: str):
    """Forget an uploaded file without importing it."""
    client = own_client_or_404(client_id)
    _store().take(token, client_id=client.id, user_id=current_user.id, now=clock.now())
    flash("The import was cancelled; nothing was imported.", "info")
    return redirect(url_for("trainer.client_detail", client_id=client.id))


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(error: RequestEntityTooLarge):
    """A friendly page for a file over the upload limit (the app answers 413)."""
    limit_mb = (current_app.config.get("MAX_CONTENT_LENGTH") or 0) / (1024 * 1024)
    client_id = (request.view_args or {}).get("client_id")
    return render_template("transfer/too_large.html", limit_mb=limit_mb, client_id=client_id), 413


def _upload_gone(client: Client):
    flash("That upload has expired or was already imported. Please upload the file again.", "warning")
    return redirect(url_for("transfer.import_upload", client_id=client.id))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary(result: imports.ImportResult) -> str:
    if result.workouts:
        text = f"Imported {_plural(result.workouts, 'workout')} ({_plural(result.sets, 'set')})."
    elif result.weigh_ins:
        text = f"Imported {_plural(result.weigh_ins, 'weigh-in')}."
    else:
        text = "Nothing new to import."
    if result.duplicates:
        text += f" Skipped {result.duplicates} already in the log."
    if result.conflicts:
        text += f" {_plural(result.conflicts, 'date')} kept the weight already logged (the file had another)."
    return text
