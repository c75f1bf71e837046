"""The floor for ``bench/roster_api.py``: a bare Flask app that returns a body of a given size.

    gunicorn --pythonpath bench floor_app:app --workers 2 --bind 127.0.0.1:PORT

``GET /html/<size>`` answers ``size`` bytes of HTML and ``GET /json/<size>`` ``size`` bytes of
valid JSON. Each body is built once per size and cached, so a request costs only what any
Flask route costs (routing, a Response, the WSGI server, the socket) plus sending the bytes:
no database, no template, no serialisation, no session, no extension.
"""

from __future__ import annotations

from functools import cache

from flask import Flask, Response

app = Flask(__name__)

MAX_SIZE = 10 * 1024 * 1024


def _pad(head: bytes, tail: bytes, size: int, filler: bytes = b"x") -> bytes:
    body = head + filler * max(0, size - len(head) - len(tail)) + tail
    return body[:size] if len(body) > size else body


@cache
def html_body(size: int) -> bytes:
    return _pad(b"<!doctype html><html><body><p>", b"</p></body></html>\n", size)


@cache
def json_body(size: int) -> bytes:
    return _pad(b'{"items":[],"next_cursor":null,"pad":"', b'"}', size)


@app.get("/html/<int:size>")
def html(size: int) -> Response:
    return Response(html_body(min(size, MAX_SIZE)), mimetype="text/html")


@app.get("/json/<int:size>")
def json(size: int) -> Response:
    return Response(json_body(min(size, MAX_SIZE)), mimetype="application/json")
