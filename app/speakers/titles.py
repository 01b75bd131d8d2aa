"""A speaker's title as an article writes it -> a clean title, a normalised office, an organisation
and the countries its words name.

'Russia’s president' is the office President for RU; 'Chinese Foreign Ministry spokesperson' the
office Foreign Ministry Spokesperson of the Ministry of Foreign Affairs, for CN; 'and President of
the European Commission' the office President of the European Commission, for EU. Possessives,
'counterpart', 'leader', leading conjunctions and clause fragments never become a title or an
office. Pure functions, no database: the extractor may call :func:`parse_title` too.

The office vocabulary (:data:`OFFICES`) is documented in the README; an office not in it is None,
and the clean title still says what the article said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from app.names import ascii_fold
from app.speakers.country_words import country_at


@dataclass(frozen=True, slots=True)
class OfficeRule:
    """Folded phrases that name one office; ``countries``: where the office exists at all, when it
    exists in a few countries only (the statement's countries may then settle the speaker's)."""

    office: str
    pattern: str
    countries: frozenset[str] = frozenset()
    # An organisation the phrase names by itself ('external affairs minister': India's ministry).
    organization: str | None = None


def _rule(office: str, *phrases: str, countries: str = "", organization: str | None = None) -> OfficeRule:
    return OfficeRule(office, "|".join(phrases), frozenset(countries.split()), organization)


# Most specific first: the first rule whose phrase occurs gives the office.
RULES = (
    _rule(
        "Foreign Ministry Spokesperson",
        r"(foreign|external affairs) (ministry|office) spokes\w+",
        r"spokes\w+ (of|for) the (foreign|external affairs) (ministry|office)",
        r"spokes\w+ (of|for) the ministry of (foreign|external) affairs",
        r"(mfa|mea) spokes\w+",
        r"state department spokes\w+",
        r"spokes\w+ (of|for) the state department",
    ),
    _rule("Deputy Prime Minister", r"(deputy|vice|first deputy) prime minister"),
    _rule("Vice Premier", r"vice premier", countries="CN"),
    _rule(
        "Deputy Foreign Minister",
        r"(deputy|vice|first deputy|assistant) (foreign minister|foreign affairs minister)",
        r"(deputy|vice|first deputy|assistant) minister (of|for) foreign affairs",
        r"(deputy|assistant|under) secretary of state",
    ),
    _rule(
        "Foreign Minister",
        r"external affairs minister",
        r"minister (of|for) external affairs",
        countries="IN",
        organization="Ministry of External Affairs",
    ),
    _rule(
        "Foreign Minister",
        r"foreign minister",
        r"foreign affairs minister",
        r"minister (of|for) foreign affairs",
        r"top diplomat",
        r"minister (of|for) foreign affairs and \w+",
    ),
    _rule("Foreign Secretary", r"foreign secretary", countries="GB IN"),
    _rule("Secretary of State", r"secretary of state", countries="US"),
    _rule(
        "Defence Minister",
        r"defen[cs]e (minister|secretary)",
        r"(minister|secretary) (of|for) defen[cs]e",
        r"minister of national defen[cs]e",
    ),
    _rule(
        "Finance Minister",
        r"finance minister",
        r"minister (of|for) finance",
        r"treasury secretary",
        r"secretary of the treasury",
        r"chancellor of the exchequer",
    ),
    _rule(
        "Trade Minister",
        r"(trade|commerce) (minister|secretary)",
        r"minister (of|for) (foreign )?(trade|commerce)",
        r"trade representative",
    ),
    _rule(
        "Interior Minister",
        r"(interior|home) (minister|secretary)",
        r"minister (of|for) (the )?(interior|home affairs)",
    ),
    _rule("Energy Minister", r"(energy|oil) minister", r"minister (of|for) (energy|oil)"),
    _rule("Economy Minister", r"econom(y|ic|ics) minister", r"minister (of|for) (the )?econom(y|ics)"),
    _rule("Prime Minister", r"prime minister", r"taoiseach"),
    _rule("Premier", r"premier", countries="CN"),
    _rule("Vice President", r"vice president"),
    _rule("Chancellor", r"(federal )?chancellor", countries="DE AT"),
    _rule("State Councilor", r"state councill?or", countries="CN"),
    _rule("Chief Cabinet Secretary", r"chief cabinet secretary", countries="JP"),
    _rule("National Security Adviser", r"national security advis[eo]r"),
    _rule("Secretary-General", r"secretary general"),
    _rule("General Secretary", r"general secretary"),
    _rule("High Representative", r"high representative", r"foreign policy chief", countries="EU"),
    _rule("Supreme Leader", r"supreme leader", countries="IR KP"),
    _rule("President", r"president"),
    _rule("Ambassador", r"ambassador", r"permanent representative"),
    _rule("Envoy", r"envoy", r"special representative"),
    _rule("Crown Prince", r"crown prince"),
    _rule("King", r"king"),
    _rule("Queen", r"queen"),
    _rule("Emir", r"emir|amir"),
    _rule("Sultan", r"sultan"),
    _rule("Central Bank Governor", r"central bank governor", r"governor of the \w+ (central |national |reserve )?bank"),
    _rule("Speaker of Parliament", r"speaker of the \w+", r"parliament(ary)? speaker"),
    _rule(
        "Legislator", r"senator", r"lawmaker", r"congress(man|woman)", r"member of parliament", r"\bmp\b", r"legislator"
    ),
    _rule("Minister", r"minister"),
    _rule("Spokesperson", r"spokes(person|man|woman)", r"press secretary"),
    _rule("Chair", r"chair(man|woman|person)?"),
    _rule("Director-General", r"director general"),
    _rule("Governor", r"governor"),
    _rule("Mayor", r"mayor"),
    _rule("Commissioner", r"commissioner"),
    _rule("Adviser", r"advis[eo]r", r"aide"),
    _rule("Military Commander", r"chief of (the )?(general )?staff", r"commander", r"general", r"admiral"),
)
OFFICES: tuple[str, ...] = tuple(dict.fromkeys(rule.office for rule in RULES))

# Institutions a title may name, folded -> (the organisation's name, the country it speaks for).
ORGANIZATIONS: tuple[tuple[str, str, str | None], ...] = (
    (
        r"(foreign|external affairs) ministry|ministry of (foreign|external) affairs|\bmfa\b",
        "Ministry of Foreign Affairs",
        None,
    ),
    (r"\bmea\b", "Ministry of External Affairs", "IN"),
    (r"state department|department of state", "Department of State", "US"),
    (r"defen[cs]e ministry|ministry of (national )?defen[cs]e", "Ministry of Defence", None),
    (r"pentagon", "Department of Defense", "US"),
    (r"(commerce|trade) ministry|ministry of (commerce|trade)", "Ministry of Commerce", None),
    (r"kremlin", "Kremlin", "RU"),
    (r"white house", "White House", "US"),
    (r"elysee", "Élysée", "FR"),
    (r"downing street", "Downing Street", "GB"),
    (r"european commission", "European Commission", "EU"),
    (r"european council", "European Council", "EU"),
    (r"european parliament", "European Parliament", "EU"),
    (r"\bnato\b", "NATO", None),
    (r"united nations|\bun\b", "United Nations", None),
    (r"\basean\b", "ASEAN", None),
    (r"african union", "African Union", None),
    (r"world health organi[sz]ation|\bwho\b", "World Health Organization", None),
    (r"embassy", "Embassy", None),
    (r"foreign office", "Foreign Office", None),
)

# Words that begin or end a title phrase without being part of it.
LEADING_WORDS = frozenset({"and", "as", "also", "the", "a", "an", "his", "her", "their", "its", "then", "both", "now"})
FORMER = frozenset({"former", "ex", "late", "outgoing"})
# Phrases that say how two people relate, never what either of them is.
RELATION_WORDS = frozenset(
    {"counterpart", "counterparts", "leader", "leaders", "host", "guest", "colleague", "friend", "two", "three"}
)
# A title is a noun phrase; these words mean the phrase runs into a clause.
CLAUSE_WORDS = frozenset(
    {
        "who", "whom", "whose", "which", "that", "said", "says", "say", "told", "tells", "met", "meets",
        "when", "while", "after", "before", "during", "because", "since", "if", "is", "was", "were", "are",
        "has", "have", "had", "will", "would", "also", "not",
    }
)  # fmt: skip
MAX_WORDS = 12
# A place after these names where the holder is posted or what an envoy deals with, not whom he speaks for.
POSTED = frozenset({"to", "in", "for", "at", "on", "with"})


@dataclass(frozen=True, slots=True)
class Title:
    """What a title phrase says about its holder."""

    raw: str
    title: str | None = None  # the phrase as written, without possessives, country words or fragments
    office: str | None = None  # one of OFFICES
    organization: str | None = None
    countries: tuple[str, ...] = ()  # countries the phrase names as the holder's (demonym, 'of X', "X's")
    organization_country: str | None = None  # the country of the organisation it names ('Kremlin')
    office_countries: frozenset[str] = field(default_factory=frozenset)  # where the office alone exists
    possessor: str | None = None  # 'Putin' in "Putin's spokesman": the person whose office it is
    former: bool = False


_WORD = re.compile(r"[\w’'.-]+|[,;:()]")
_POSSESSIVE = re.compile(r"^(?P<owner>.+?)(’s|'s|s’|s')$")


@lru_cache(maxsize=1)
def _compiled() -> tuple[list[tuple[re.Pattern[str], OfficeRule]], list[tuple[re.Pattern[str], str, str | None]]]:
    rules = [(re.compile(rf"\b({rule.pattern})\b"), rule) for rule in RULES]
    orgs = [(re.compile(rf"\b({pattern})"), name, code) for pattern, name, code in ORGANIZATIONS]
    return rules, orgs


def _office(folded: str) -> OfficeRule | None:
    rules, _ = _compiled()
    return next((rule for pattern, rule in rules if pattern.search(folded)), None)


def _organization(folded: str) -> tuple[str | None, str | None]:
    _, orgs = _compiled()
    for pattern, name, code in orgs:
        if pattern.search(folded):
            return name, code
    return None, None


@lru_cache(maxsize=16384)
def parse_title(raw: str) -> Title:
    """Everything :class:`Title` holds, read from one title phrase (see the module docstring)."""
    words = _WORD.findall(raw.replace("\u2019", "'"))
    if not words or len(words) > MAX_WORDS or any(w in ",;:()" or ascii_fold(w) in CLAUSE_WORDS for w in words):
        return Title(raw)
    former = False
    possessor: str | None = None
    countries: list[str] = []
    kept: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        low = ascii_fold(word)
        if not kept and (low in LEADING_WORDS or low in FORMER or low.startswith("ex ") or low.startswith("then ")):
            former = former or low in FORMER or low.startswith("ex ")
            if " " in low:  # 'ex-president', 'then-president': keep the office part
                kept.append(word.split("-", 1)[1])
            i += 1
            continue
        folded_rest = [ascii_fold(w) for w in words[i:]]
        flat = " ".join(folded_rest).split()
        hit = country_at(flat, 0)
        before = [ascii_fold(w) for w in kept if ascii_fold(w) != "the"]
        posted = bool(before) and before[-1] in POSTED
        if hit is not None and not posted:
            code, size = hit
            # map folded words back to the original words they came from
            taken, used = 0, 0
            while used < size and i + taken < len(words):
                used += len(ascii_fold(words[i + taken]).split()) or 1
                taken += 1
            if code not in countries:
                countries.append(code)
            if kept and ascii_fold(kept[-1]) == "of":  # 'President of India': drop the 'of' with it
                kept.pop()
                if kept and ascii_fold(kept[-1]) == "the":
                    kept.pop()
            i += taken
            continue
        owner = _POSSESSIVE.match(word)
        if owner is not None and not kept and i + 1 < len(words):
            possessor = owner.group("owner")
            i += 1
            continue
        kept.append(word)
        i += 1
    while kept and ascii_fold(kept[-1]) in LEADING_WORDS | POSTED | {"of"}:
        kept.pop()
    folded = " ".join(ascii_fold(w) for w in kept)
    organization, organization_country = _organization(folded)
    if not kept or set(folded.split()) <= RELATION_WORDS | LEADING_WORDS:
        return Title(raw, countries=tuple(countries), possessor=possessor, former=former)
    rule = _office(folded)
    title = " ".join(kept)
    return Title(
        raw,
        title=title[0].upper() + title[1:],
        office=None if rule is None or former else rule.office,
        organization=organization or (rule.organization if rule else None),
        countries=tuple(countries),
        organization_country=organization_country
        or (next(iter(rule.countries)) if rule and rule.organization else None),
        office_countries=rule.countries if rule else frozenset(),
        possessor=possessor,
        former=former,
    )
