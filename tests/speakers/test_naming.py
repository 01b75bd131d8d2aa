"""Name rules on invented names: order, initials, transliteration, misspellings, short forms."""

from __future__ import annotations

import pytest

from app.speakers.naming import misspelt, name_countries, same_name, short_forms, spelling


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zhao Mingwei", "Mingwei Zhao"),  # the other name order
        ("Olena Kovalskyy", "Olena Kovalsky"),  # transliteration
        ("Sergei Petrovsky", "Sergey Petrovskiy"),
        ("José Dúran", "Jose Duran"),  # accents
        ("Đặng Văn Tùng", "Dang Van Tung"),
        ("A. Quillfeather", "Anton Quillfeather"),  # an initial
        ("Anton J. Quillfeather", "Anton Quillfeather"),  # a middle initial left out
        ("Ravi Kumar Sethana", "Ravi Sethana"),  # a middle name left out
        ("Mohamad Al-Farsi", "Muhammed al Farsi"),
    ],
)
def test_one_person_written_two_ways(a: str, b: str) -> None:
    assert same_name(a, b)
    assert same_name(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Anton Quillfeather", "Boris Quillfeather"),
        ("Zhou Lan", "Zhou Minghua"),
        ("A. Quillfeather", "B. Quillfeather"),
    ],
)
def test_different_people(a: str, b: str) -> None:
    assert not same_name(a, b)


def test_misspellings_are_one_slip_in_one_word() -> None:
    assert misspelt("Venkatesan Raghunathan", "Venkatesan Raghunathen")
    assert misspelt("Mariana Kowalczyk", "Mariana Kowalcyzk")  # two letters swapped
    assert not misspelt("Anton Quillfeather", "Boris Quillfeather")
    assert not misspelt("Gao Ming", "Gao Min")  # short words: too easily two people
    assert not misspelt("Quillfeather", "Quilfeather")  # a surname alone is not a full name


@pytest.mark.parametrize(
    ("name", "country", "forms"),
    [
        ("Anton Granger", None, {"granger"}),
        ("Zhao Mingwei", "CN", {"zhao"}),  # family name first
        ("Zhao Mingwei", None, {"zhao"}),  # a Chinese surname, country unknown
        ("Choi Min-jun", "KR", {"choi"}),
        ("Tanaka Kenji", "JP", {"tanaka"}),  # family first: the given name comes last
        ("Kenji Tanaka", "JP", {"tanaka"}),
        ("Orsolya Szabo", "HU", {"szabo"}),
        ("Szabo Gergely", "HU", {"szabo"}),
        ("Hoang Van Dung", "VN", {"dung"}),  # addressed by the given name
        ("Greta von der Brucke", "DE", {"brucke", "von der brucke"}),
    ],
)
def test_short_forms(name: str, country: str | None, forms: set[str]) -> None:
    assert short_forms(name, country) == {
        spelled for form in forms for spelled in [" ".join(map(spelling, form.split()))]
    }


def test_the_form_of_a_name_says_where_it_is_at_home() -> None:
    assert "CN" in name_countries("Zhao Mingwei")
    assert name_countries("Nguyen Thi Lan") == frozenset({"VN"})
    assert name_countries("Anton Quillfeather") == frozenset()
    assert name_countries("Zhao") == frozenset()
