"""Text helpers: tokens, numbers, names, folding, bounded edit distance."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.text import edit_distance_at_most, fold, names, normalize_number, numbers, place_forms, tokens


def test_tokens_drop_stop_words_fold_case_and_stem_plurals() -> None:
    assert tokens("How many Employees work at the plants?") == ["employee", "work", "plant"]


def test_a_possessive_leaves_no_stray_s() -> None:
    assert tokens("Japan's plant and Nissan’s CEO") == ["japan", "plant", "nissan", "ceo"]


def test_tokens_normalize_numbers_so_formats_match() -> None:
    assert tokens("about 3,900 workers") == tokens("about 3900 workers") == ["3900", "worker"]


def test_tokens_split_hyphens() -> None:
    assert tokens("a cross-industry deal") == ["cross", "industry", "deal"]


@pytest.mark.parametrize(
    ("token", "expected"),
    [("$3,900", "3900"), ("37.6 %", "37.6"), ("2,028.0", "2028"), ("007", "7"), ("0", "0"), ("1.50", "1.5")],
)
def test_normalize_number(token: str, expected: str) -> None:
    assert normalize_number(token) == expected


def test_numbers_finds_every_number_once_in_normal_form() -> None:
    assert numbers("CATL held 37.9% and BYD 17.2%; 3,900 staff, $1.5 billion, in 2024.") == {
        "37.9", "17.2", "3900", "1.5", "2024",
    }  # fmt: skip


def test_numbers_ignore_digits_glued_to_letters() -> None:
    assert numbers("the H200 chip, version v1.2") == set()
    assert numbers("COVID-19 rules") == {"19"}


def test_names_are_capitalised_words_that_are_not_question_words() -> None:
    assert names("What market share did CATL hold in July 2024?") == ["CATL"]
    assert names("How many employees work at Nissan's Oppama plant?") == ["Nissan", "Oppama"]
    # A weekday names no one: "the company said on Tuesday" gives no new name to an answer.
    assert names("Bracken Quay will automate its terminal, the company said on Tuesday.") == ["Bracken", "Quay"]


def test_a_shouted_question_has_no_names_by_case_alone() -> None:
    assert names("HOW MANY EMPLOYEES WORK AT THE PLANT?") == []
    # A number word opening a sentence is capitalised by its place, like "What".
    assert names("Third and fourth were South Korean companies LG Energy Solution and SK On.")[:2] == ["South", "Korean"]


def test_fold_strips_accents_and_unifies_apostrophes_and_dashes() -> None:
    assert fold("Café Nissan’s – Crème") == "cafe nissan's - creme"


@pytest.mark.parametrize(
    ("a", "b", "limit", "expected"),
    [
        ("employee", "emploee", 1, True),
        ("employee", "emplyee", 1, True),
        ("employee", "empl0yey", 1, False),
        ("employee", "emploeye", 1, True),  # neighbours swapped: one edit
        ("employee", "mepolyee", 1, False),
        ("", "abc", 2, False),
        ("same", "same", 0, True),
    ],
)
def test_edit_distance_at_most(a: str, b: str, limit: int, expected: bool) -> None:
    assert edit_distance_at_most(a, b, limit) is expected


def distances(a: str, b: str) -> tuple[int, int]:
    """Reference (Levenshtein, with neighbour swaps counted as one edit), from the full table."""
    plain = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    swaps = [row[:] for row in plain]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            for table in (plain, swaps):
                table[i][j] = min(
                    table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (a[i - 1] != b[j - 1])
                )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                swaps[i][j] = min(swaps[i][j], swaps[i - 2][j - 2] + 1)
    return plain[-1][-1], swaps[-1][-1]


WORDS = st.text(alphabet="abcde", max_size=8)


@settings(max_examples=300, deadline=None)
@given(WORDS, WORDS, st.integers(0, 4))
def test_edit_distance_at_most_agrees_with_the_full_table(a: str, b: str, limit: int) -> None:
    plain, with_swaps = distances(a, b)
    assert edit_distance_at_most(a, b, limit) is (with_swaps <= limit)
    assert with_swaps <= plain


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_tokens_of_any_text_are_non_empty_folded_words(text: str) -> None:
    for token in tokens(text):
        assert token and token == token.strip() and token == fold(token)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[$€£¥]?\d{1,4}(,\d{3}){0,3}(\.\d{1,3})?( ?%)?", fullmatch=True))
def test_normalize_number_is_a_fixed_point_of_itself(token: str) -> None:
    once = normalize_number(token)
    assert normalize_number(once) == once
    assert numbers(token) == {once}


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**9), st.sampled_from(["{:,}", "{}", "${:,}", "{:,}.0", "{:,}.00 %"]))
def test_every_way_of_writing_a_number_normalizes_the_same(value: int, template: str) -> None:
    assert normalize_number(template.format(value)) == str(value)
    assert numbers(f"about {template.format(value)} units") == {str(value)}


@pytest.mark.parametrize(
    ("word", "form"),
    [("america", "american"), ("american", "america"), ("china", "chinese"), ("japanese", "japan"), ("taiwan", "taiwanese")],
)
def test_place_forms_link_a_place_and_its_people(word: str, form: str) -> None:
    assert form in place_forms(word)


@pytest.mark.parametrize(("word", "form"), [("american", "us"), ("us", "american"), ("british", "uk"), ("uk", "britain"), ("european", "eu")])
def test_place_forms_link_a_country_and_its_abbreviation(word: str, form: str) -> None:
    assert form in place_forms(word)


def test_place_forms_do_not_link_unrelated_words() -> None:
    assert "toyota" not in place_forms("toyo") and "tesla" not in place_forms("tesco")
