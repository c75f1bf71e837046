"""Demo data: a trainer with six clients and ten weeks of believable, repeatable history.

The history is made by a seeded ``random.Random`` per client, so the same ``today`` gives
the same rows. Each client shows something a trainer should notice:

- Maya: a body-weight beginner losing steadily, reps climbing (she has a login).
- Tom: losing far too fast lately (rapid loss); overhead press and bench press stalled.
- Priya: back focus; her weight has not moved for six weeks (weight plateau).
- Jake: gaining, uses pounds, bench press stalled; loads in 5 lb steps.
- Sofia: maintaining, moves from body-weight forms to dumbbells, training lapsed lately.
- Ken: archived; his history stops four weeks ago.

Modules: ``specs`` (the clients, as data), ``history`` (one client's weigh-ins and workouts),
``seed`` (``seed_demo`` and ``backfill_plans``).
"""

from __future__ import annotations

from .seed import DEMO_EMAIL, DEMO_PASSWORD, DemoResult, backfill_plans, find_demo_trainer, seed_demo
from .specs import CLIENTS

__all__ = ["CLIENTS", "DEMO_EMAIL", "DEMO_PASSWORD", "DemoResult", "backfill_plans", "find_demo_trainer", "seed_demo"]
