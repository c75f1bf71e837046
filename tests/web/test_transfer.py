"""The import and export pages: upload, preview, confirm; downloads; access; bad and oversize files."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from trainer import clock
from trainer.models import SetLog, WeighIn, Workout

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

WEIGH_INS = b"date,weight,unit\n2026-11-20,180,lb\n2026-11-21,81.2,kg\n"
HEVY = (
    b"title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
    b"set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe\n"
    b'Upper,"21 Nov 2026, 07:30",,,Bench Press (Barbell),,,0,warmup,40,10,,,\n'
    b'Upper,"21 Nov 2026, 07:30",,,Bench Press (Barbell),,,1,normal,80,5,,,8\n'
    b'Upper,"21 Nov 2026, 07:30",,,Lat Pulldown (Cable),,,0,normal,55,12,,,\n'
    b'Upper,"21 Nov 2026, 07:30",,,Cable Crossover,,,0,normal,15,12,,,\n'
)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)


@pytest.fixture(autouse=True)
def staging_dir(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_STAGING_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def trainer(make_trainer, login_as):
    user = make_trainer(name="Robin Coach")
    login_as(user)
    return user


@pytest.fixture
def client(trainer, make_client):
    return make_client(trainer, name="Maria Lopez", unit="lb")


def text_of(response) -> str:
    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'").replace("&amp;", "&")


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def upload(http, client_id: int, data: bytes, kind: str = "weigh-ins", unit: str = "kg", name: str = "data.csv"):
    form = {"kind": kind, "unit": unit, "file": (io.BytesIO(data), name)}
    return http.post(f"/clients/{client_id}/import", data=form, content_type="multipart/form-data")


# The import flow ----------------------------------------------------------------------


def test_the_upload_form_offers_the_kinds_of_file_and_defaults_to_the_clients_unit(http, client):
    page = http.get(f"/clients/{client.id}/import").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page
    assert 'value="hevy"' in page and 'value="strong"' in page
    assert re.search(r'<option selected value="lb">|<option value="lb" selected>', page)


def test_uploading_weigh_ins_shows_a_preview_then_confirming_imports_them(http, session, client, staging_dir):
    response = upload(http, client.id, WEIGH_INS)
    assert response.status_code == 302
    preview = http.get(response.location)
    text = text_of(preview)
    assert preview.status_code == 200 and "Check before importing" in text
    assert "New weigh-ins 2" in text and "180.0 lb" in text  # shown in the client's unit
    assert count(session, WeighIn) == 0

    confirmed = http.post(response.location)
    assert confirmed.status_code == 302 and confirmed.location.endswith(f"/clients/{client.id}")
    assert "Imported 2 weigh-ins." in text_of(http.get(confirmed.location))
    assert count(session, WeighIn) == 2
    assert list(staging_dir.iterdir()) == []


def test_a_hevy_preview_lists_workouts_sets_skipped_rows_and_unknown_exercises(http, session, client):
    preview = http.get(upload(http, client.id, HEVY, kind="hevy").location)
    text = text_of(preview)
    assert "New workouts 1" in text and "New sets 2" in text
    assert "Barbell bench press, Lat pull-down" in text
    assert "Cable Crossover — line 5" in text
    assert "warm-up" in text
    assert http.post(preview.request.path).status_code == 302
    assert (count(session, Workout), count(session, SetLog)) == (1, 2)


def test_a_file_with_bad_rows_lists_each_one_and_cannot_be_confirmed(http, session, client):
    data = b"date,weight,unit\n2026-11-20,80,kg\n2026-11-21,500,kg\n2026-11-30,80,kg\n"
    location = upload(http, client.id, data).location
    page = http.get(location)
    text = text_of(page)
    assert "2 rows need fixing" in text
    assert "3 weight must be between 20 and 400 kg." in text
    assert "4 date must not be after today (2026-11-25 in the client's time zone)." in text
    assert "Upload another file" in text and "Import 1 weigh-in" not in text

    forced = http.post(location)
    assert forced.status_code == 302 and forced.location.endswith(location)
    assert "nothing was imported" in text_of(http.get(forced.location))
    assert count(session, WeighIn) == 0


def test_reimporting_the_same_file_creates_nothing(http, session, client):
    http.post(upload(http, client.id, WEIGH_INS).location)
    again = http.get(upload(http, client.id, WEIGH_INS).location)
    assert "Already logged (skipped) 2" in text_of(again)
    assert "Nothing new" in text_of(again)
    assert count(session, WeighIn) == 2


def test_confirming_twice_imports_once(http, session, client):
    location = upload(http, client.id, HEVY, kind="hevy").location
    http.post(location)
    second = http.post(location)
    assert second.location.endswith(f"/clients/{client.id}/import")
    assert "expired or was already imported" in text_of(http.get(second.location))
    assert count(session, Workout) == 1


def test_cancelling_forgets_the_upload(http, session, client, staging_dir):
    location = upload(http, client.id, WEIGH_INS).location
    assert http.post(f"{location}/cancel").status_code == 302
    assert list(staging_dir.iterdir()) == []
    assert http.post(location).location.endswith("/import")
    assert count(session, WeighIn) == 0


# Bad files ----------------------------------------------------------------------------


def raw_multipart(data: bytes, kind: str = "weigh-ins") -> tuple[bytes, str]:
    """A multipart body built by hand (the test client would spool a big file to a temporary file it never closes)."""
    boundary = "transfer-test-boundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n{kind}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()
    return body + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def test_an_upload_over_two_megabytes_gets_a_friendly_413_page(http, client):
    body, content_type = raw_multipart(b"date,weight,unit\n" + b"2026-11-20,80,kg\n" * 130_000)
    assert len(body) > 2 * 1024 * 1024
    response = http.post(f"/clients/{client.id}/import", data=body, content_type=content_type)
    assert response.status_code == 413
    text = text_of(response)
    assert "That file is too large" in text and "up to 2 MB" in text
    assert f"/clients/{client.id}/import" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("data", "name", "phrase"),
    [
        ("date,weight,unit\n2026-11-20,80\xa0,kg\n".encode("latin-1"), "w.csv", "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "photo.png", "not a CSV text file"),
        (b"PK\x03\x04\x14\x00\x06\x00", "weights.xlsx", "not a CSV file"),
        (b"", "empty.csv", "The file is empty."),
    ],
)
def test_a_file_that_is_not_csv_text_gets_a_clear_message(http, session, client, data, name, phrase):
    response = upload(http, client.id, data, name=name)
    assert response.status_code == 422
    assert phrase in text_of(response)
    assert count(session, WeighIn) == 0


def test_a_missing_file_is_asked_for(http, client):
    response = http.post(f"/clients/{client.id}/import", data={"kind": "weigh-ins", "unit": "kg"})
    assert response.status_code == 422
    assert "choose the CSV file to import." in text_of(response)


def test_a_csv_of_the_wrong_kind_says_so_on_the_preview(http, client):
    text = text_of(http.get(upload(http, client.id, HEVY, kind="weigh-ins").location))
    assert "It looks like a Hevy file" in text


# Exports ------------------------------------------------------------------------------


def test_the_weigh_in_csv_downloads_as_an_attachment(http, session, client):
    session.add(WeighIn(client_id=client.id, date=date(2026, 11, 20), weight_kg=81.65))
    session.commit()
    response = http.get(f"/clients/{client.id}/export/weigh-ins.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition == 'attachment; filename="maria-lopez-weigh-ins-2026-11-25.csv"'
    assert response.get_data(as_text=True).splitlines() == [
        "date,weight_kg,weight,unit,logged_by",
        "2026-11-20,81.65,180.0,lb,",
    ]


def test_the_sets_csv_and_the_json_export_download_as_attachments(http, client):
    sets = http.get(f"/clients/{client.id}/export/sets.csv")
    assert sets.headers["Content-Disposition"] == 'attachment; filename="maria-lopez-sets-2026-11-25.csv"'
    assert sets.get_data(as_text=True).startswith("date,workout_id,exercise,exercise_id,set,reps,load_kg,load,")
    everything = http.get(f"/clients/{client.id}/export/client.json")
    assert everything.headers["Content-Disposition"] == 'attachment; filename="maria-lopez-export-2026-11-25.json"'
    data = json.loads(everything.get_data(as_text=True))
    assert (data["format"], data["version"], data["client"]["name"]) == ("trainer.client-export", 1, "Maria Lopez")


def test_the_client_page_links_to_import_and_export(http, client):
    page = http.get(f"/clients/{client.id}").get_data(as_text=True)
    assert "Import and export" in page
    for path in ("import", "export/weigh-ins.csv", "export/sets.csv", "export/client.json"):
        assert f'href="/clients/{client.id}/{path}"' in page


# Access -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["import", "export/weigh-ins.csv", "export/sets.csv", "export/client.json", "import/" + "a" * 32]
)
def test_another_trainers_client_is_not_found(http, make_trainer, make_client, trainer, path):
    others = make_client(make_trainer())
    assert http.get(f"/clients/{others.id}/{path}").status_code == 404


def test_another_trainers_upload_cannot_be_seen_or_applied(http, session, client, make_trainer, make_client, login_as):
    location = upload(http, client.id, WEIGH_INS).location
    token = location.rsplit("/", 1)[-1]
    other_trainer = make_trainer()
    own_client = make_client(other_trainer)
    login_as(other_trainer)
    assert http.get(location).status_code == 404
    assert http.post(location).status_code == 404
    # The token on their own client finds nothing either.
    assert http.post(f"/clients/{own_client.id}/import/{token}").location.endswith("/import")
    assert count(session, WeighIn) == 0


def test_a_client_cannot_reach_the_import_pages(http, make_trainer, make_client, login_as):
    own = make_client(make_trainer(), with_login=True)
    login_as(own.user)
    assert http.get(f"/clients/{own.id}/import").status_code == 404
    assert http.get(f"/clients/{own.id}/export/client.json").status_code == 404
