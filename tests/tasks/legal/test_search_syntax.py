"""A query typed in a search box's syntax, as the legal filter's checks read it."""

import pytest

from tasks.legal.child_terms import child_terms_in, mentions_children, names_an_animal, plain_text
from tasks.legal.search_syntax import as_asked, excluded_terms


@pytest.mark.parametrize("text, expected", [
    ("puppy -child -kid -baby", "puppy"),
    ('kids camping -"rain jacket" -dog', "kids camping"),  # an excluded phrase goes whole
    ('"mother-daughter" spa "30s"', "mother-daughter spa 30s"),  # a search phrase's quotes go
    ('a "Boys Don\'t Cry" vinyl record', 'a "Boys Don\'t Cry" vinyl record'),  # a title's quotes stay
    ('a sign saying "no kids" by a pool', 'a sign saying "no kids" by a pool'),  # so do a sign's
    ("a grown-up son", "a grown-up son"),  # a hyphen inside a word excludes nothing
    ("a man - smiling", "a man - smiling"),  # nor a dash between spaces
    ("-5 degrees and a child", "-5 degrees and a child"),  # nor a minus before a number
    ('a 12" vinyl', 'a 12" vinyl'),  # an inch mark is no quote
    ("A dog runs on the grass .", "A dog runs on the grass ."),  # a caption comes back as it is
    ("", ""),
])
def test_a_query_reads_as_what_it_asks_for(text, expected):
    assert as_asked(text) == expected


def test_the_excluded_terms_are_read_without_sign_or_quotes():
    assert excluded_terms('puppy -Child -"baby shower" -5') == ["child", "baby shower"]
    assert excluded_terms("a grown-up son") == []


def test_every_check_reads_a_query_without_what_it_excludes():
    assert plain_text("puppy -child -kid -baby") == "puppy"
    assert not mentions_children("puppy -child -kid -baby") and names_an_animal("puppy -child -kid -baby")
    assert not mentions_children("bakery bread -kids")
    # an excluded "doll" no longer makes a baby a baby doll
    assert child_terms_in("baby -doll -animal bath time") == ["baby"]
    # the exclusions see a grown relative's age once the quotes are gone
    assert not mentions_children('father daughter "in their 40s"')


@pytest.mark.parametrize("text, child", [
    ("brownies -chocolate -recipe -baking", True),  # the cake excluded: the Guides' section
    ("beavers -animal -dam -river", True),
    ("rainbows -weather -sky guides", True),
    ("cubs -scouts -baseball lion", False),  # the section excluded: the lion's cubs
    ("brownies -scouts -guides", False),
    ("brownies", False),  # a bare "brownies" stays a cake
])
def test_a_youth_section_is_read_when_its_other_sense_is_excluded(text, child):
    assert mentions_children(text) is child, child_terms_in(text)


@pytest.mark.parametrize("text, child", [
    ('son -boy -child "retirement party" father', False),  # children excluded: a grown son
    ('"mother and son" -child -kid wedding dance', False),
    ("grandma and grandson -baby", True),  # only babies excluded: the grandson may still be a boy
    ("toddler -adult -parent beach", True),
])
def test_a_relative_is_grown_when_the_query_excludes_children(text, child):
    assert mentions_children(text) is child, child_terms_in(text)


def test_a_decade_clears_a_relative_only_as_the_searchs_last_word():
    assert not mentions_children('"mother-daughter" spa "30s"')
    assert mentions_children("kids in the 80s")  # the times, not their age
    assert mentions_children("a daughter in a 1930s dress")
    assert mentions_children("girls at a 60s party")
