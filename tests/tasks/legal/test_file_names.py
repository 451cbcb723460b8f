"""A file name or URL slug as the words the legal filter's checks read."""

import pytest

from tasks.legal.child_terms import child_terms_in, names_a_lookalike, plain_text
from tasks.legal.file_names import file_name_as_words


@pytest.mark.parametrize("text, expected", [
    ("IMG_4471_toddler_eating_watermelon", "IMG 4471 toddler eating watermelon"),
    ("kids_making_mud_pies_in_the_backyard.jpg", "kids making mud pies in the backyard"),
    ("little-boy-feeding-goats-at-a-petting-farm.JPEG", "little boy feeding goats at a petting farm"),
    ("under_12s_badminton_doubles", "under 12s badminton doubles"),
    ("a photo of kids_beach_day", "a photo of kids beach day"),  # underscores join words wherever they are
    ("IMG_2041_mother-in-law", "IMG 2041 mother-in-law"),  # hyphens stay once the words have spaces
    ("under-10s", "under-10s"),  # two words by a hyphen are not a slug
    ("a grown-up son at a twenty-first", "a grown-up son at a twenty-first"),  # a writer's hyphens in a sentence
    ("A dog runs on the grass .", "A dog runs on the grass ."),  # a caption comes back as it is
    ("^_^ smiling", "^_^ smiling"),  # an underscore between signs is no joiner
    ("", ""),
])
def test_a_file_name_or_slug_becomes_its_words(text, expected):
    assert file_name_as_words(text) == expected


def test_every_check_reads_a_slug_as_words():
    assert plain_text("baby_grabbing_the_dogs_ear") == "baby grabbing the dogs ear"
    assert child_terms_in("IMG_4471_toddler_eating_watermelon") == ["toddler"]
    assert child_terms_in("u10_hockey_team_photo") == ["u10 hockey"]
    # the exclusions, which expect spaces, see a slug's grown relatives and animals' young
    assert child_terms_in("father-and-adult-daughter-running-a-bakery") == []
    assert child_terms_in("baby-owl-on-a-vets-scale") == []
    assert names_a_lookalike("baby-rabbits-under-a-rhubarb-leaf")
