import pytest

from tasks.legal.child_terms import child_terms_in, plain_text
from tasks.legal.screenplay import scene_headings_as_words


@pytest.mark.parametrize("text, read", [
    ("EXT. HARBOUR - DAY. Fishing boats unloading.", "Outside, HARBOUR, DAY. Fishing boats unloading."),
    ("INT. GRANDMA'S HOUSE - DAY. GRANDMA knits.", "Inside, GRANDMA'S HOUSE, DAY. GRANDMA knits."),
    # the place may hold a dash of its own: the time follows the last one
    ("INT. HOUSE - KITCHEN - NIGHT. The kettle boils.", "Inside, HOUSE - KITCHEN, NIGHT. The kettle boils."),
    ("INT./EXT. CAR - NIGHT. Rain on the windscreen.", "Inside and outside, CAR, NIGHT. Rain on the windscreen."),
    # a heading after a label or another sentence
    ("script: EXT. PIER - DUSK. Gulls.", "script: Outside, PIER, DUSK. Gulls."),
])
def test_a_scene_heading_reads_as_its_setting_place_and_time(text, read):
    assert scene_headings_as_words(text) == read


@pytest.mark.parametrize("text", [
    "SCENE 4. The attic.", "an exterior wall - day and night", "the INT. rate - 5%", "text. EXT", "",
])
def test_what_is_not_a_scene_heading_is_left_as_it_is(text):
    assert scene_headings_as_words(text) == text


def test_every_check_reads_the_heading_as_words_and_keeps_its_place():
    assert plain_text("EXT. HARBOUR - DAY. Boats.") == "Outside, HARBOUR, DAY. Boats."
    assert child_terms_in("INT. PRIMARY SCHOOL - DAY. A corridor.") == ["Primary School"]
