"""Reading import files: weigh-in CSVs and the CSV exports of Strong and Hevy (no app, no database).

Every expected value is worked out by hand in a comment: line numbers count the header
as line 1, and 1 lb = 0.45359237 kg exactly.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from trainer.domain.exercise_aliases import ALIASES, match_exercise, normalise
from trainer.domain.exercises import LIBRARY
from trainer.domain.imports import (
    ImportSource,
    Problem,
    Skipped,
    UnreadableFile,
    decode_upload,
    read_hevy,
    read_strong,
    read_weigh_ins,
    read_workouts,
)


def problems(parsed) -> list[str]:
    return [str(p) for p in parsed.problems]


# Decoding uploads ---------------------------------------------------------------------


def test_a_utf8_file_with_a_byte_order_mark_reads_without_it():
    assert decode_upload("\ufeffdate,weight,unit\n".encode()) == "date,weight,unit\n"


def test_a_utf16_file_with_a_byte_order_mark_is_read():
    assert decode_upload("date,weight,unit\n".encode("utf-16")) == "date,weight,unit\n"


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (b"", "empty"),
        (b"  \n", "empty"),
        ("date,weight\n2026-11-01,80\xa0kg\n".encode("latin-1"), "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"PK\x03\x04\x14\x00\x06\x00", "spreadsheet"),
    ],
)
def test_a_file_that_is_not_utf8_csv_text_is_refused_with_a_reason(data, phrase):
    with pytest.raises(UnreadableFile, match=phrase):
        decode_upload(data)


# Weigh-ins ----------------------------------------------------------------------------


def test_weigh_ins_are_read_with_their_line_numbers_and_converted_from_pounds():
    parsed = read_weigh_ins("date,weight,unit\n2026-11-01,135,lb\n2026-11-02,80.5,KG\n")
    assert [(r.line, r.on, r.weight, r.unit.value) for r in parsed.rows] == [
        (2, date(2026, 11, 1), 135.0, "lb"),
        (3, date(2026, 11, 2), 80.5, "kg"),
    ]
    # 135 x 0.45359237 = 61.23496995 kg
    assert parsed.rows[0].weight_kg == pytest.approx(61.235, abs=0.0005)
    assert parsed.problems == () and parsed.skipped == ()


def test_blank_lines_count_towards_line_numbers_but_are_not_rows():
    parsed = read_weigh_ins("date,weight,unit\n\n2026-11-01,abc,kg\n\n")
    assert parsed.rows == ()
    assert problems(parsed) == ["line 3: weight: must be a number, not “abc”."]


def test_the_weight_kg_variant_needs_no_unit_and_ignores_other_columns():
    # The shape of this app's own weigh-in export: weight_kg wins over weight and unit.
    text = "date,weight_kg,weight,unit,logged_by\n2026-11-01,81.65,180.0,lb,client\n"
    parsed = read_weigh_ins(text)
    assert [(r.on, r.weight_kg) for r in parsed.rows] == [(date(2026, 11, 1), 81.65)]
    assert parsed.columns == {"date": "date", "weight": "weight_kg"}


def test_headers_are_matched_without_regard_to_case_and_semicolons_and_decimal_commas_work():
    parsed = read_weigh_ins("Date;Weight;Unit\n2026-11-01;80,5;kg\n")
    assert [(r.on, r.weight) for r in parsed.rows] == [(date(2026, 11, 1), 80.5)]


def test_every_bad_weigh_in_row_is_reported_with_its_line_column_and_rule():
    text = (
        "date,weight,unit\n"
        "2026-11-01,80,kg\n"  # 2 fine
        "01/11/2026,80,kg\n"  # 3 not ISO
        "2026-11-03,,kg\n"  # 4 missing weight
        "2026-11-04,80,stone\n"  # 5 unknown unit
        "2026-02-30,80,kg\n"  # 6 no such day
        "2026-11-07,80\n"  # 7 short row: no unit
    )
    assert problems(read_weigh_ins(text)) == [
        "line 3: date: must be a date written YYYY-MM-DD, not “01/11/2026”.",
        "line 4: weight: is missing.",
        "line 5: unit: must be kg or lb, not “stone”.",
        "line 6: date: must be a date written YYYY-MM-DD, not “2026-02-30”.",
        "line 7: unit: is missing (kg or lb).",
    ]


def test_a_repeated_date_is_skipped_when_the_weight_matches_and_a_problem_when_it_differs():
    text = "date,weight,unit\n2026-11-01,80,kg\n2026-11-01,80.0,kg\n2026-11-01,81,kg\n"
    parsed = read_weigh_ins(text)
    assert [r.line for r in parsed.rows] == [2]
    assert parsed.skipped == (Skipped(3, "the same date and weight as line 2."),)
    assert [(p.line, p.column) for p in parsed.problems] == [(4, "date")]
    assert "also on line 2" in parsed.problems[0].message


def test_a_file_without_the_needed_columns_is_one_problem_on_the_header_line():
    parsed = read_weigh_ins("day,kilos\n2026-11-01,80\n")
    assert parsed.rows == ()
    assert problems(parsed) == [
        "line 1: the header row has no “date”, “weight” and “unit” columns; is this a weigh-ins file?"
    ]


def test_a_strong_file_given_as_weigh_ins_says_what_it_looks_like():
    parsed = read_weigh_ins("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n")
    assert "It looks like a Strong file" in parsed.problems[0].message


def test_an_empty_file_is_one_problem():
    assert problems(read_weigh_ins("\n\n")) == [
        "line 1: the file is empty; it needs a header row and at least one row of data."
    ]


def test_a_header_without_rows_is_one_problem():
    assert problems(read_weigh_ins("date,weight,unit\n")) == ["line 1: the file has a header row but no rows of data."]


def test_a_semicolon_file_is_recognised_after_leading_blank_lines():
    parsed = read_weigh_ins("\n\ndate;weight;unit\n2026-11-01;80;kg\n")
    assert [(r.line, r.weight) for r in parsed.rows] == [(4, 80.0)]


# Strong -------------------------------------------------------------------------------

STRONG = """Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE
2026-11-21 07:30:00,"Push",45m,"Bench Press (Barbell)",W,45,10,0,0,"","Felt strong",
2026-11-21 07:30:00,"Push",45m,"Bench Press (Barbell)",2,135,8,0,0,"","Felt strong",9
2026-11-21 07:30:00,"Push",45m,"Bench Press (Barbell)",1,135,10.0,0,0,"","Felt strong",8
2026-11-21 07:30:00,"Push",45m,"Leg Press",1,300,12,0,0,"","Felt strong",
2026-11-21 07:30:00,"Push",45m,"Plank",1,0,0,0,60,"","Felt strong",
2026-11-21 07:30:00,"Push",45m,"Push Up",1,0,15,0,0,"","Felt strong",
2026-11-21 07:30:00,"Push",45m,"Leg Press",2,300,10,0,0,"","Felt strong",
2026-11-23 18:00:00,"Legs",1h 5m,"Squat (Barbell)",1,185,5,0,0,"","",
2026-11-23 18:00:00,"Legs",1h 5m,"Squat (Barbell)",Rest Timer,0,0,0,90,"","",
"""


def test_strong_rows_become_workouts_of_working_sets_in_kilograms():
    parsed = read_strong(STRONG, unit="lb")
    assert problems(parsed) == []
    push, legs = parsed.workouts
    assert (push.line, push.started, push.name, push.notes) == (3, datetime(2026, 11, 21, 7, 30), "Push", "Felt strong")
    # Sets in exercise order, each exercise's sets by Set Order (line 4 is set 2, line 3 is set 1).
    assert [(s.line, s.exercise_slug, s.reps, s.rpe) for s in push.sets] == [
        (4, "bench-press", 10, 8.0),
        (3, "bench-press", 8, 9.0),
        (7, "push-up", 15, None),
    ]
    # 135 lb x 0.45359237 = 61.23496995 kg; a push-up's 0 is body weight.
    assert push.sets[0].load_kg == pytest.approx(61.235, abs=0.0005)
    assert push.sets[2].load_kg == 0.0
    # 185 lb = 83.91458845 kg
    assert [(s.exercise_slug, round(s.load_kg, 3)) for s in legs.sets] == [("back-squat", 83.915)]


def test_strong_warm_ups_rest_timers_and_sets_without_reps_are_skipped_with_reasons():
    parsed = read_strong(STRONG, unit="lb")
    reasons = {s.line: s.reason for s in parsed.skipped}
    assert set(reasons) == {2, 6, 10}
    assert "warm-up" in reasons[2]
    assert reasons[6].startswith("no reps (60 s)")
    assert "rest timer" in reasons[10]


def test_strong_names_not_in_the_library_are_reported_with_their_lines_never_guessed():
    parsed = read_strong(STRONG, unit="lb")
    assert [(u.name, u.lines) for u in parsed.unknown_exercises] == [("Leg Press", (5, 8))]
    assert all(s.exercise_slug != "leg-press" for w in parsed.workouts for s in w.sets)


def test_an_older_semicolon_strong_export_reads_its_weight_unit_column_and_decimal_commas():
    text = (
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;"
        "Workout Notes\n"
        '2019-01-11 12:31:54;"Leg";"Deadlift (Barbell)";1;62,5;kg;5;;;;0;"";""\n'
        '2019-01-11 12:31:54;"Leg";"Deadlift (Barbell)";2;135;lbs;5;;;;0;"";""\n'
    )
    parsed = read_strong(text, unit=None)
    assert problems(parsed) == []
    assert [round(s.load_kg, 3) for s in parsed.workouts[0].sets] == [62.5, 61.235]


def test_strong_twelve_hour_times_with_a_narrow_space_are_read():
    text = "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2026-11-21 7:05:00\u202fPM,Eve,Deadlift,1,100,5\n"
    assert read_strong(text, unit="kg").workouts[0].started == datetime(2026, 11, 21, 19, 5)


def test_strong_without_a_unit_is_one_problem():
    text = "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2026-11-21 07:00:00,A,Deadlift,1,100,5\n"
    parsed = read_strong(text, unit=None)
    assert parsed.workouts == ()
    assert "choose the unit" in problems(parsed)[0]


def test_every_bad_strong_row_is_reported_with_its_line_and_column():
    text = (
        "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,RPE\n"
        "21/11/2026,A,Deadlift,1,100,5,\n"  # 2 date
        "2026-11-21 07:00:00,A,Deadlift,X,100,5,\n"  # 3 set order
        "2026-11-21 07:00:00,A,Deadlift,1,heavy,8.5,\n"  # 4 weight and reps
        "2026-11-21 07:00:00,A,,1,100,5,high\n"  # 5 exercise and RPE
    )
    assert [(p.line, p.column) for p in read_strong(text, unit="kg").problems] == [
        (2, "Date"),
        (3, "Set Order"),
        (4, "Reps"),
        (4, "Weight"),
        (5, "Exercise Name"),
        (5, "RPE"),
    ]


# Hevy ---------------------------------------------------------------------------------

HEVY_HEADER = (
    '"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes",'
    '"set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"\n'
)
HEVY = HEVY_HEADER + (
    '"Upper","21 Nov 2026, 07:30","21 Nov 2026, 08:30","Good one","Bench Press (Barbell)",,"",0,"warmup",40,10,,,\n'
    '"Upper","21 Nov 2026, 07:30","21 Nov 2026, 08:30","Good one","Bench Press (Barbell)",,"",1,"normal",80,5,,,8.5\n'
    '"Upper","21 Nov 2026, 07:30","21 Nov 2026, 08:30","Good one","Lat Pulldown (Cable)",,"",0,"failure",55,12,,,\n'
    '"Upper","21 Nov 2026, 07:30","21 Nov 2026, 08:30","Good one","Bicep Curl (Dumbbell)",,"",0,"dropset",12.5,10,,,0\n'
    '"Upper","21 Nov 2026, 07:30","21 Nov 2026, 08:30","Good one","Running",,"",0,"normal",,,5,1800,\n'
    '"Upper","21 Nov 2026, 07:30","21 Nov 2026, 08:30","Good one","Cable Crossover",,"",0,"normal",15,12,,,\n'
)


def test_hevy_rows_become_a_workout_with_its_working_sets():
    parsed = read_hevy(HEVY)
    assert problems(parsed) == []
    (upper,) = parsed.workouts
    assert (upper.started, upper.name, upper.notes) == (datetime(2026, 11, 21, 7, 30), "Upper", "Good one")
    # An RPE of 0 means none was recorded.
    assert [(s.line, s.exercise_slug, s.reps, s.load_kg, s.rpe) for s in upper.sets] == [
        (3, "bench-press", 5, 80.0, 8.5),
        (4, "lat-pull-down", 12, 55.0, None),
        (5, "biceps-curl", 10, 12.5, None),
    ]


def test_hevy_warm_ups_and_distance_sets_are_skipped_and_unknown_names_reported():
    parsed = read_hevy(HEVY)
    assert [s.line for s in parsed.skipped] == [2, 6]
    assert "warm-up" in parsed.skipped[0].reason
    assert parsed.skipped[1].reason.startswith("no reps (5 in distance_km, 1800 s)")
    assert [(u.name, u.lines) for u in parsed.unknown_exercises] == [("Cable Crossover", (7,))]


def test_a_hevy_export_in_pounds_is_converted():
    text = HEVY_HEADER.replace("weight_kg", "weight_lbs").replace("distance_km", "distance_miles") + (
        '"A","1 Dec 2025, 18:05","1 Dec 2025, 19:00","","Squat (Barbell)",,"",0,"normal",135,5,,,\n'
    )
    (workout,) = read_hevy(text).workouts
    assert workout.started == datetime(2025, 12, 1, 18, 5)
    assert workout.sets[0].load_kg == pytest.approx(61.235, abs=0.0005)
    assert read_hevy(text).columns["load"] == "weight_lbs"


def test_bad_hevy_rows_name_the_expected_format():
    text = HEVY_HEADER + (
        '"A","2026/11/21 7:30","","","Squat (Barbell)",,"",0,"normal",100,5,,,\n'
        '"A","21 Nov 2026, 07:30","","","Squat (Barbell)",,"",0,"amrap",100,5,,,\n'
    )
    assert problems(read_hevy(text)) == [
        "line 2: start_time: must be a date and time like “21 Nov 2026, 07:30”, not “2026/11/21 7:30”.",
        "line 3: set_type: must be normal, warmup, dropset or failure, not “amrap”.",
    ]


def test_a_workout_whose_sets_are_all_unknown_is_reported_as_skipped():
    text = HEVY_HEADER + '"Cardio","21 Nov 2026, 07:30","","","Leg Press",,"",0,"normal",100,10,,,\n'
    parsed = read_hevy(text)
    assert parsed.workouts == ()
    assert parsed.skipped == (Skipped(2, "“Cardio” on 2026-11-21 has no sets to import."),)


def test_the_import_key_is_64_hex_digits_and_changes_with_source_time_or_name():
    strong = read_workouts(ImportSource.STRONG, STRONG, unit="lb").workouts[0]
    again = read_workouts("strong", STRONG, unit="lb").workouts[0]
    assert strong.import_key == again.import_key
    assert len(strong.import_key) == 64 and int(strong.import_key, 16) >= 0
    renamed = read_strong(STRONG.replace('"Push"', '"Push A"'), unit="lb").workouts[0]
    assert renamed.import_key != strong.import_key
    hevy = read_hevy(HEVY).workouts[0]
    assert hevy.started == strong.started and hevy.import_key != strong.import_key


def test_hevy_headers_given_to_the_strong_reader_are_one_problem_with_a_hint():
    parsed = read_strong(HEVY, unit="kg")
    assert parsed.problems == (
        Problem(
            1,
            "",
            # Headers match whatever their case, so Hevy's "reps" is Strong's "Reps".
            "the header row has no “Date”, “Exercise Name” and “Weight” columns; is this a Strong file? "
            "It looks like a Hevy file: choose “Hevy” as the kind of file.",
        ),
    )


# Exercise names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Bench Press (Barbell)", "bench-press"),
        ("Squat (Barbell)", "back-squat"),
        ("Bicep Curl (Dumbbell)", "biceps-curl"),
        ("Push Up", "push-up"),
        ("Lat Pulldown (Cable)", "lat-pull-down"),
        ("Pull Up", "pull-up"),
        ("Plank", "plank"),
        ("Bench Press (Dumbbell)", "chest-press"),
        ("Goblet Squat (Kettlebell)", "goblet-squat"),
        ("  barbell BENCH-press ", "bench-press"),  # a library name, any case and punctuation
        ("assisted / negative chin up", "negative-chin-up"),
    ],
)
def test_names_map_to_the_library_by_alias_or_by_library_name(name, slug):
    assert match_exercise(name) == slug


@pytest.mark.parametrize("name", ["Leg Press", "Romanian Deadlift (Barbell)", "Pull Up (Assisted)", "Bench", ""])
def test_other_names_are_not_guessed(name):
    assert match_exercise(name) is None


def test_every_library_exercise_has_aliases_and_every_alias_names_a_library_exercise():
    assert set(ALIASES) == {spec.slug for spec in LIBRARY}
    assert all(names for names in ALIASES.values())


def test_no_alias_is_written_twice():
    folded = [normalise(name) for names in ALIASES.values() for name in names]
    assert len(folded) == len(set(folded))
