"""JSON responses serialised by orjson: the bytes Flask's default provider writes, several times faster.

``jsonify`` and view return values go through ``response``. orjson writes them with the default
provider's conventions (sorted keys, compact, a final newline; dates as HTTP dates, decimals and
UUIDs as strings, dataclasses as objects). What it would write differently goes to the default
provider: text beyond ASCII or with DEL (which that escapes), integers beyond 64 bits,
non-string keys, and the indented output of debug mode. Two differences remain, in values the
API never holds (its numbers are range-checked): floats of 1e16 and more or under 1e-4 are
written in another exponent form (``1e16``, not ``1e+16``: the same number), and NaN or
infinity as ``null`` (not the invalid ``NaN``). ``dumps`` and ``loads`` stay the default ones.
"""

from __future__ import annotations

from typing import Any

import orjson
from flask import Response
from flask.json.provider import DefaultJSONProvider

OPTIONS = (
    orjson.OPT_SORT_KEYS
    | orjson.OPT_APPEND_NEWLINE
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_DATACLASS
)


class OrjsonProvider(DefaultJSONProvider):
    """The default provider with orjson writing response bodies."""

    def response(self, *args: Any, **kwargs: Any) -> Response:
        if (self.compact is None and self._app.debug) or self.compact is False:
            return super().response(*args, **kwargs)
        obj = self._prepare_response_obj(args, kwargs)
        try:
            body = orjson.dumps(obj, default=self.default, option=OPTIONS)
        except orjson.JSONEncodeError:
            return super().response(*args, **kwargs)
        if not body.isascii() or b"\x7f" in body:
            return super().response(*args, **kwargs)
        return self._app.response_class(body, mimetype=self.mimetype)
