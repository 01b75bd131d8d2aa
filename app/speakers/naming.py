"""When two written names can be one person: name order, initials, transliteration, misspellings.

Pure functions over names; ``resolve`` decides with them and with what else is known (kind,
country, office). A surname-only mention is compared with a speaker's *short forms*: the family
name, which comes first in Chinese and Korean names (and in Japanese and Hungarian names written in
their own order), last in most others; Vietnamese people are referred to by their given name, the
last word, which is therefore their short form.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import DamerauLevenshtein

from app.ingest.extract.lexicon import NAME_PARTICLES
from app.names import ascii_fold

# Countries whose names put the family name first, as English-language news writes them.
FAMILY_FIRST = frozenset({"CN", "TW", "HK", "MO", "KR", "KP"})
# Countries whose people are named either way in English; the given-name lists below decide.
EITHER_ORDER = frozenset({"JP", "HU"})
# Common family names that begin a name written family-first, when the speaker's country is unknown.
SINO_KOREAN_SURNAMES = frozenset(
    """wang li zhang liu chen yang zhao huang zhou wu xu sun hu zhu gao lin he guo ma luo liang song zheng
    xie han tang feng yu dong xiao cheng cao yuan deng fu shen zeng peng lu su jiang cai jia ding wei xue ye
    yan pan du dai xia zhong tian ren fan fang shi yao tan liao zou xiong jin hao kong bai cui kang mao qiu
    qin gu hou shao meng long wan duan lei qian yin yi chang qiao lai gong wen kim lee park choi jung kang
    cho yoon jang lim han oh seo shin kwon hwang ahn song yoo hong jeon ko moon yang son bae baek""".split()
)
# Given names that show a Japanese or Hungarian name written family-first when they come last.
GIVEN_NAMES = frozenset(
    """fumio yoko yoshimasa shigeru taro toshimitsu shinzo yoshihide takeshi minoru hirokazu katsunobu
    yoshitaka kenji hiroshi koichi akira takeo tetsuo yasutoshi nobuo seiji yoshiko motegi viktor peter
    katalin janos laszlo zoltan gergely tamas istvan ferenc judit mihaly balazs""".split()
)
# Spellings of one name that transliteration rules do not bring together.
SAME_NAME = {
    "mohammed": "muhammad",
    "mohamed": "muhammad",
    "mohammad": "muhammad",
    "muhammed": "muhammad",
    "mohamad": "muhammad",
}


@lru_cache(maxsize=65536)
def words_of(name: str) -> tuple[str, ...]:
    """A name's words in ASCII lower case, hyphens and punctuation as spaces, a leading 'the' dropped."""
    words = ascii_fold(name).split()
    return tuple(words[1:] if words[:1] == ["the"] else words)


@lru_cache(maxsize=65536)
def spelling(word: str) -> str:
    """A word with the differences of romanisation folded away: 'Kovalskyy', 'Kovalskiy' and
    'Kovalsky' give one form, as do 'Sergei' and 'Sergey', or 'Mohamad' and 'Muhammed'."""
    word = SAME_NAME.get(word, word)
    word = re.sub(r"(.)\1", r"\1", word)  # doubled letters
    word = word.replace("kh", "h").replace("ph", "f").replace("ou", "u").replace("ks", "x").replace("j", "y")
    word = re.sub(r"(iy|yi|y|ii)$", "i", word)
    return re.sub(r"ey$", "ei", word)


def spelled(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(spelling(w) for w in words)


def family_first(words: tuple[str, ...], country: str | None) -> bool:
    """Whether the first word of this name is the family name."""
    if len(words) < 2:
        return False
    if country in FAMILY_FIRST:
        return True
    if country in EITHER_ORDER:
        return words[-1] in GIVEN_NAMES and words[0] not in GIVEN_NAMES
    if country is None:
        return words[0] in SINO_KOREAN_SURNAMES and len(words) <= 3 and words[-1] not in GIVEN_NAMES
    return False


def short_forms(name: str, country: str | None) -> frozenset[str]:
    """What a mention by one word (or a particle and a word) may call this person, spelling folded."""
    words = words_of(name)
    if len(words) < 2:
        return frozenset(spelled(words))
    if family_first(words, country):
        return frozenset({spelling(words[0])})
    forms = {spelling(words[-1])}
    if country == "VN":
        return frozenset(forms)
    for i, word in enumerate(words[1:-1], start=1):  # 'von der Heyde', 'bin Tariq'
        if word in NAME_PARTICLES:
            forms.add(" ".join(spelled(words[i:])))
            break
    return frozenset(forms)


def same_name(a: str, b: str) -> bool:
    """Two full names of one person, written differently: transliteration and accents, the other
    name order, an initial for a given name, or middle names and initials left out."""
    wa, wb = spelled(words_of(a)), spelled(words_of(b))
    if not wa or not wb:
        return False
    if wa == wb or (len(wa) == len(wb) and sorted(wa) == sorted(wb)):
        return True
    return _initials_agree(wa, wb) or _initials_agree(wb, wa) or _middle_left_out(wa, wb) or _middle_left_out(wb, wa)


def _initials_agree(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """'G. Hale' for 'Gregory Hale': each word equal or an initial of the other's, in order."""
    return (
        len(short) == len(full)
        and len(full) >= 2
        and short[-1] == full[-1]
        and all(s == f or (len(s) == 1 and f.startswith(s)) for s, f in zip(short, full, strict=True))
    )


def _middle_left_out(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """'Arjun Varma' for 'Arjun Mohandas Varma', 'Gregory Hale' for 'Gregory T. Hale'."""
    if len(short) < 2 or len(full) <= len(short):
        return False
    if short[0] != full[0] or short[-1] != full[-1]:
        return False
    rest = list(full[1:-1])
    return all(word in rest for word in short[1:-1])


def misspelt(a: str, b: str) -> bool:
    """Two names that differ by a slip of one or two letters in one word ('Ragunathan', 'Raghunathan'):
    the same number of words, all alike but one, and that one close (one edit, two in long words)."""
    wa, wb = spelled(words_of(a)), spelled(words_of(b))
    if len(wa) != len(wb) or len(wa) < 2 or wa == wb:
        return False
    differing = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    allowed = 2 if min(len(x), len(y)) >= 7 else 1
    return min(len(x), len(y)) >= 4 and DamerauLevenshtein.distance(x, y) <= allowed


_PINYIN = re.compile(
    r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u|v))+$"
)
KOREAN_SURNAMES = frozenset(
    """kim lee park choi jung kang cho yoon jang lim han oh seo shin kwon hwang ahn song yoo hong jeon ko
    moon son bae baek""".split()
)
VIETNAMESE_SURNAMES = frozenset("nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly".split())


def name_countries(name: str) -> frozenset[str]:
    """Where a person's name is at home, when its form says so plainly: a Chinese surname with given
    names in pinyin, a Korean surname before a two-part given name, a Vietnamese name of three words
    or more. The statement's countries must still settle which of these countries it is."""
    words = words_of(name)
    if len(words) < 2:
        return frozenset()
    if words[0] in VIETNAMESE_SURNAMES and len(words) >= 3:
        return frozenset({"VN"})
    if words[0] in KOREAN_SURNAMES and len(words) == 3:
        return frozenset({"KR", "KP"})
    if words[0] in SINO_KOREAN_SURNAMES and len(words) <= 3 and all(_PINYIN.match(w) for w in words[1:]):
        return frozenset({"CN", "TW", "HK", "MO", "SG"})
    return frozenset()
