import pytest

from tasks.legal.capitals import capitals_as_capitalised


@pytest.mark.parametrize("text, read", [
    ("INT. BEDROOM - NIGHT. ELLIE (5) can't sleep", "Int. Bedroom - Night. Ellie (5) can't sleep"),
    ("Enter the DAUGHTER, a woman of thirty", "Enter the Daughter, a woman of thirty"),
    ("GRANDMA'S HOUSE, in the evening", "Grandma's House, in the evening"),
    # a single capital is a word of its own
    ("A boy and I", "A boy and I"),
])
def test_words_in_capitals_in_a_lower_case_text_read_as_capitalised(text, read):
    assert capitals_as_capitalised(text) == read


@pytest.mark.parametrize("text", ["KIDS PLAYING IN THE PARK", "INT. KITCHEN - DAY.", "", "123 (4)"])
def test_a_text_with_no_lower_case_is_left_as_it_is(text):
    assert capitals_as_capitalised(text) == text


def test_a_name_in_capitals_with_an_age_is_caught_as_a_capitalised_one():
    from tasks.legal.child_terms import child_terms_in
    assert child_terms_in("EXT. SWINGS - DAY. TOM (3) refuses to get off.") == ["Tom (3)"]
    assert child_terms_in("EXT. SWINGS - DAY. Tom (3) refuses to get off.") == ["Tom (3)"]
