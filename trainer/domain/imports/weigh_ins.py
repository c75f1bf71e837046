"""Reading a weigh-ins CSV: ``date, weight, unit`` columns, or ``date, weight_kg``."""

from __future__ import annotations

from datetime import date

from ..units import WeightUnit
from .detect import missing_columns
from .rows import ImportSource, Problem, Skipped, WeighInFile, WeighInRow
from .table import Table, read_table
from .values import UNITS, parse_iso_date, parse_number, unreadable


def read_weigh_ins(text: str) -> WeighInFile:
    """Weigh-ins from a CSV with ``date, weight, unit`` columns (or ``date, weight_kg``)."""
    table = read_table(text)
    if isinstance(table, Problem):
        return WeighInFile(problems=(table,))
    uses_kg_column = table.index("weight_kg") is not None
    missing = [] if table.index("date") is not None else ["“date”"]
    if not uses_kg_column:
        missing += [f"“{name}”" for name in ("weight", "unit") if table.index(name) is None]
    if missing:
        return WeighInFile(problems=(missing_columns(missing, table, ImportSource.WEIGH_INS),))
    if empty := table.no_rows():
        return WeighInFile(problems=(empty,))
    weight_column = "weight_kg" if uses_kg_column else "weight"
    rows: list[WeighInRow] = []
    problems: list[Problem] = []
    skipped: list[Skipped] = []
    seen: dict[date, WeighInRow] = {}
    for line, cells in table.rows:
        row, row_problems = _weigh_in(table, line, cells, weight_column)
        problems += row_problems
        if row is None:
            continue
        first = seen.setdefault(row.on, row)
        if first is row:
            rows.append(row)
        elif round(first.weight_kg, 2) == round(row.weight_kg, 2):
            skipped.append(Skipped(line, f"the same date and weight as line {first.line}."))
        else:
            problems.append(
                Problem(
                    line,
                    "date",
                    f"{row.on.isoformat()} is also on line {first.line} with another weight; "
                    "a client has one weigh-in a day.",
                )
            )
    columns = {"date": "date", "weight": weight_column}
    return WeighInFile(tuple(rows), tuple(sorted(problems)), tuple(skipped), columns)


def _weigh_in(table: Table, line: int, cells: list[str], weight_column: str) -> tuple[WeighInRow | None, list[Problem]]:
    problems = []
    raw_date, raw_weight = table.cell(cells, "date"), table.cell(cells, weight_column)
    on = parse_iso_date(raw_date)
    if on is None:
        problems.append(Problem(line, "date", unreadable(raw_date, "must be a date written YYYY-MM-DD")))
    weight = parse_number(raw_weight)
    if weight is None:
        problems.append(Problem(line, weight_column, unreadable(raw_weight, "must be a number")))
    unit: WeightUnit | None = WeightUnit.KG
    if weight_column == "weight":
        raw_unit = table.cell(cells, "unit")
        unit = UNITS.get(raw_unit.casefold())
        if unit is None:
            problems.append(Problem(line, "unit", unreadable(raw_unit, "must be kg or lb", "is missing (kg or lb).")))
    if problems or on is None or weight is None or unit is None:
        return None, problems
    return WeighInRow(line, on, weight, unit), []
