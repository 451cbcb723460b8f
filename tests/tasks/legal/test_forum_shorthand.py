"""A parenting forum's family shorthand as the plain words the legal filter's checks read, and the other senses of
the same letters left alone."""

import pytest

from tasks.legal.child_terms import child_terms_in, mentions_children
from tasks.legal.forum_shorthand import forum_shorthand_as_words


@pytest.mark.parametrize("text, expected", [
    ("DS (8) built a volcano", "son (8) built a volcano"),
    ("DD1 and DD2 in the paddling pool", "daughter and daughter in the paddling pool"),
    ("LO's first time on the swings", "little one's first time on the swings"),
    ("DH and the DC at the zoo", "husband and the children at the zoo"),
    ("PIL spoiling the DGC again", "parents-in-law spoiling the grandchildren again"),
    ("AIBU? pic of DSS, 9", "am I being unreasonable? pic of stepson, 9"),
    # other senses: a games console, a place, comics, a bra cup, a police rank, a motor, a direct message
    ("Granny reading to DD at bedtime", "Granny reading to daughter at bedtime"),
    ("my old Nintendo DS", "my old Nintendo DS"), ("a weekend in Washington DC", "a weekend in Washington DC"),
    ("a weekend in DC", "a weekend in DC"),
    ("DC Comics covers", "DC Comics covers"), ("a DD cup bra", "a DD cup bra"),
    ("DS Jones at the scene", "DS Jones at the scene"), ("a 12V DC motor", "a 12V DC motor"),
    ("DM me for prints", "DM me for prints"),
    ("DSLR on a tripod", "DSLR on a tripod"),  # a longer word is not the shorthand
    ("INT. KITCHEN - DAY. DS ENTERS", "INT. KITCHEN - DAY. DS ENTERS"),  # all capitals: left as written
    ("A dog runs on the grass .", "A dog runs on the grass ."),  # a caption comes back as it is
])
def test_the_forum_shorthand_becomes_words_and_other_senses_stay(text, expected):
    assert forum_shorthand_as_words(text) == expected


@pytest.mark.parametrize("text, child", [
    ("my DS asleep in the car seat", True), ("DD is 9 months and crawling", True), ("DC in matching wellies", True),
    # a grown son or daughter, by age as the forum writes it, or grown-up
    ("DS (19) home from uni", False), ("DD, 18, off to a festival", False), ("DSD, 20, on her gap year", False),
    ("me, DH and our grown-up DC at the pub", False), ("DS and his girlfriend at their sixth-form prom", False),
])
def test_the_vocabulary_reads_the_forum_s_children_as_it_reads_sons_and_daughters(text, child):
    assert mentions_children(text) == child, child_terms_in(text)
