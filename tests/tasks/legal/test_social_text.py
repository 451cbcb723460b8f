"""Hashtags and emoji as the plain words the legal filter's checks read."""

import pytest

from tasks.legal.social_text import SocialText


@pytest.mark.parametrize("text, expected", [
    ("#babyelephant playing with a ball", "baby elephant playing with a ball"),
    ("#FatherAndSon golf trip", "father and son golf trip"),
    ("👶 asleep on a rug", "baby asleep on a rug"),
    ("🍼 bottles drying", "baby bottle bottles drying"),
    ("👨\u200d👧 at the park 👍🏽", "man girl at the park thumbs up sign"),  # joiner and skin tone are silent
    ("#niñosfelices en la playa", "niñosfelices en la playa"),  # not English: its letters are kept
    ("A dog runs on the grass .", "A dog runs on the grass ."),  # a caption comes back as it is
    ("© 2024 café", "© 2024 café"),  # signs below the pictographs read as they are
])
def test_hashtags_become_words_and_emoji_their_names(text, expected):
    assert SocialText().plain(text) == expected


def test_the_vocabulary_words_stay_whole_in_a_hashtag():
    assert SocialText().plain("#owlets") == "ow lets"  # the unigrams alone split it
    assert SocialText(["owlet", "owlets"]).plain("#babyowlets") == "baby owlets"
