"""Word lists of news English about diplomacy: speech cues, titles, honorifics, institutions.

All entries are lower-case; lookups lower-case the token first.
"""

from __future__ import annotations

# Calendar words, the one list every stage reads (dates, names, gaps between a source and its cue).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
WEEKDAY_SET = frozenset(WEEKDAYS)
# Words that put a day in the future: 'will leave on Sunday', 'is due on Monday'.
FUTURE_MARKERS = frozenset({"will", "would", "shall", "next", "due", "scheduled", "expected", "plans", "planned"})
# A front adverbial that places remarks before the article's day without giving one.
EARLIER_WORDS = frozenset({"earlier", "previously"})
MONTH_WORDS = frozenset(name for names in MONTHS for name in names)

# Reporting verbs, every inflection, mapped to their lemma. A speech verb introduces content
# (a that-clause, a quotation, or the rest of the sentence).
_SPEECH_LEMMAS = {
    "say": "said says saying say",
    "tell": "told tells telling tell",
    "add": "added adds adding add",
    "note": "noted notes noting note",
    "stress": "stressed stresses stressing stress",
    "emphasize": "emphasized emphasizes emphasizing emphasised emphasises emphasising emphasize emphasise",
    "underline": "underlined underlines underlining",
    "underscore": "underscored underscores underscoring",
    "reiterate": "reiterated reiterates reiterating",
    "reaffirm": "reaffirmed reaffirms reaffirming",
    "affirm": "affirmed affirms affirming",
    "state": "stated states stating",
    "declare": "declared declares declaring",
    "announce": "announced announces announcing",
    "assert": "asserted asserts asserting",
    "insist": "insisted insists insisting",
    "argue": "argued argues arguing",
    "claim": "claimed claims claiming",
    "warn": "warned warns warning",
    "urge": "urged urges urging",
    "pledge": "pledged pledges pledging",
    "promise": "promised promises promising",
    "vow": "vowed vows vowing",
    "welcome": "welcomed welcomes welcoming",
    "condemn": "condemned condemns condemning",
    "criticize": "criticized criticizes criticizing criticised criticises criticising",
    "denounce": "denounced denounces denouncing",
    "explain": "explained explains explaining",
    "acknowledge": "acknowledged acknowledges acknowledging",
    "admit": "admitted admits admitting",
    "concede": "conceded concedes conceding",
    "suggest": "suggested suggests suggesting",
    "propose": "proposed proposes proposing",
    "predict": "predicted predicts predicting",
    "recall": "recalled recalls recalling",
    "remark": "remarked remarks remarking",
    "reply": "replied replies replying",
    "respond": "responded responds responding",
    "answer": "answered answers answering",
    "write": "wrote writes writing written",
    "tweet": "tweeted tweets tweeting",
    "post": "posted posts",
    "confirm": "confirmed confirms confirming",
    "deny": "denied denies denying",
    "reject": "rejected rejects rejecting",
    "dismiss": "dismissed dismisses dismissing",
    "accuse": "accused accuses accusing",
    "hail": "hailed hails hailing",
    "describe": "described describes describing",
    "highlight": "highlighted highlights highlighting",
    "maintain": "maintained maintains maintaining",
    "observe": "observed observes observing",
    "comment": "commented comments commenting",
    "conclude": "concluded concludes concluding",
    "mention": "mentioned mentions mentioning",
    "indicate": "indicated indicates indicating",
    "inform": "informed informs informing",
    "assure": "assured assures assuring",
    "reassure": "reassured reassures reassuring",
    "appeal": "appealed appeals appealing",
    "demand": "demanded demands demanding",
    "caution": "cautioned cautions cautioning",
    "agree": "agreed agrees",
    "point": "pointed points pointing",
    "call": "called calls calling",
    "speak": "spoke speaks speaking",
    "express": "expressed expresses expressing",
    "voice": "voiced voices voicing",
    "hope": "hoped hopes",
    "believe": "believes believed",
    "cast": "cast casts casting",
    "praise": "praised praises praising",
    "thank": "thanked thanks thanking",
    "congratulate": "congratulated congratulates congratulating",
    "extend": "extended extends extending",
    "convey": "conveyed conveys conveying",
    "concur": "concurred concurs concurring",
    "summarize": "summarized summarizes summarizing summarised summarises",
    "recount": "recounted recounts recounting",
    "ask": "asked asks",
    "question": "questioned questions",
    "counter": "countered counters",
    "retort": "retorted retorts",
    "exclaim": "exclaimed exclaims",
    "boast": "boasted boasts",
    "lament": "lamented laments",
    "complain": "complained complains",
    "opine": "opined opines",
    "joke": "joked jokes",
    "quip": "quipped quips",
    "brief": "briefed briefs",
    "share": "shared",
    "disclose": "disclosed discloses disclosing",
    "reveal": "revealed reveals revealing",
    "report": "reported reports",
    "allege": "alleged alleges alleging",
    "contend": "contended contends contending",
    "continue": "continued continues",
    "think": "thinks thought",
    "expect": "expects expected",
    "feel": "feels felt",
    "term": "termed terms",
    "label": "labelled labeled labels",
    "brand": "branded brands",
    "learn": "learned learnt",
    "felicitate": "felicitated felicitates",
    "quote": "quoted quotes quoting",
    "read": "reads",
    "cite": "cited cites",
    "commend": "commended commends commending",
    "appreciate": "appreciated appreciates",
    "laud": "lauded lauds lauding",
    "applaud": "applauded applauds applauding",
}
CUE_LEMMA: dict[str, str] = {form: lemma for lemma, forms in _SPEECH_LEMMAS.items() for form in forms.split()}

# Lemmas that need a particle or an object to be a cue: "pointed out", "called on", "spoke of".
PARTICLE_CUES = {
    "point": {"out", "to"},
    "learn": {"from"},
    "call": {"on", "for", "upon"},
    "speak": {"of", "about"},
    "share": {"the"},  # "shared the view that"
    "express": set(),
    "voice": set(),
}
# Lemmas whose content is only their object (no that-clause): speech acts that carry little
# proposition unless a clause or a quotation follows. Alone they are not reported.
ACT_LEMMAS = frozenset(
    {
        "thank",
        "congratulate",
        "extend",
        "express",
        "praise",
        "convey",
        "voice",
        "explain",
        "hail",
        "brief",
        "welcome",
        "ask",
        "question",
        "share",
        "felicitate",
        "commend",
        "appreciate",
        "laud",
        "applaud",
    }
)
# Lemmas that are cues only before a that-clause or a quotation ("agreed that", "hoped that"), or,
# for verbs of opinion, a clause without 'that' ("believes Dervishi will attend").
CLAUSE_ONLY_LEMMAS = frozenset(
    {"agree", "hope", "believe", "concur", "inform", "post", "write", "share", "think", "expect", "feel"}
)
OPINION_LEMMAS = frozenset({"believe", "think", "expect", "feel", "hope"})
# Lemmas that are cues only before a quotation or a colon: 'He continued, “…”'.
QUOTE_ONLY_LEMMAS = frozenset({"continue", "read"})
# Lemmas whose source is named after the cue: 'Steppe Daily learned from the press service',
# 'the agency quoted Ri as saying'.
RELAYED_LEMMAS = frozenset({"learn", "quote", "cite"})
# Lemmas that name their source before 'as saying': 'quoted Ri as saying', 'cited Zhou as saying'.
QUOTING_LEMMAS = frozenset({"quote", "cite", "report"})
# What a stance verb's object can carry as content: 'expressed support for the plan', 'conveyed her
# readiness to host talks'. Courtesies ('expressed condolences', 'extended greetings') carry none.
STANCE_NOUNS = frozenset(
    """
    support hope hopes concern concerns confidence satisfaction readiness willingness commitment
    opposition determination interest desire disappointment dissatisfaction regret solidarity intention
    belief conviction position view views opinion appreciation objection objections resolve
    delight pleasure optimism pessimism alarm surprise worry indignation outrage dismay frustration
    """.split()
)

# Participles that continue a statement: '…, adding that …', '…, calling it …'.
PARTICIPLE_CUES = frozenset(
    {
        "adding",
        "saying",
        "noting",
        "stressing",
        "emphasizing",
        "emphasising",
        "calling",
        "urging",
        "warning",
        "insisting",
        "arguing",
        "describing",
        "declaring",
        "stating",
        "asserting",
        "underlining",
        "underscoring",
        "reiterating",
        "reaffirming",
        "pointing",
        "expressing",
        "vowing",
        "pledging",
    }
)
# Participles that carry a statement on past its first cue: '…, he said, adding that …'.
CONTINUING_PARTICIPLES = frozenset({"adding", "saying", "noting", "stressing", "emphasizing", "emphasising"})
# Words that may open a sentence before 'according to': 'But according to Moyo, …'.
SENTENCE_LINKERS = frozenset({"but", "and", "yet", "however", "also", "meanwhile", "still", "so", "now"})
# Verbs that make a call again: 'renewed its call for', 'repeated their appeal to'.
CALL_RENEWING = frozenset({"renewed", "renews", "repeated", "repeats", "reiterated", "reiterates", "issued", "made"})
# Lemmas whose object alone ('rejected the criticism') says too little to be a statement.
OBJECT_LEMMAS = frozenset(
    {
        "reject",
        "deny",
        "dismiss",
        "condemn",
        "criticize",
        "denounce",
        "welcome",
        "hail",
        "praise",
        "acknowledge",
        "confirm",
        "announce",
        "propose",
    }
)

# Cues of writing online: 'wrote on X:', 'posted on Telegram:', 'tweeted:'.
POST_LEMMAS = frozenset({"write", "post", "tweet", "share"})
SAY_LIKE = frozenset({"say", "tell", "add", "note", "stress", "emphasize", "state", "declare", "assert", "remark"})

# Noun cues: "in a statement", "in his message", "X's remark".
NOUN_CUES = frozenset(
    {
        "statement",
        "message",
        "remarks",
        "remark",
        "speech",
        "letter",
        "post",
        "interview",
        "address",
        "comments",
        "words",
        "briefing",
        "tweet",
        "article",
        "op-ed",
        "readout",
        "communique",
        "declaration",
    }
)

TITLE_WORDS = frozenset(
    """
    president vice vice-president premier pm counterpart policy prime minister ministers chancellor
    vice-chancellor secretary
    secretary-general undersecretary under-secretary spokesperson spokesman spokeswoman spokespeople
    ambassador ambassadors envoy envoys director director-general chairman chairwoman chairperson chair
    councilor councillor counselor counsellor senator governor general admiral commander marshal king
    queen prince princess crown emir sheikh sultan emperor empress leader chief deputy head adviser
    advisor representative commissioner pope mayor speaker member consul official officer executive ceo
    founder justice judge lord lady sir dame rev professor analyst lawyer attorney advocate colonel lieutenant
    captain major brigadier brigadier-general major-general lieutenant-general commodore corporal
    sergeant attache attaché diplomat diplomats secretary-of-state foreign defence defense interior state
    trade finance economy commerce home affairs external national security high permanent special top
    senior assistant associate acting former outgoing incoming visiting host chief-of-staff staff
    supreme first second third grand crown-prince delegate delegation minister-counselor counsel
    premier-designate president-elect leader-elect nominee candidate lawmaker legislator mp mep
    congressman congresswoman parliamentarian negotiator coordinator administrator commissar politburo
    ayatollah mullah cardinal bishop archbishop patriarch imam king's academic economist expert scholar
    researcher fellow editor correspondent reporter journalist
    """.split()
)
# Words of a title that cannot head a noun phrase of their own ('the foreign ministers').
TITLE_MODIFIERS = frozenset(
    """
    foreign defence defense interior state trade finance economy commerce home affairs national security
    high permanent special top senior assistant associate acting former outgoing incoming visiting supreme
    first second third grand crown vice deputy external policy prime
    """.split()
)
# Titles of people posted to another country: 'ambassador to Japan' speaks for the sender.
ENVOY_WORDS = frozenset(
    {"ambassador", "envoy", "representative", "consul", "delegate", "emissary", "attache", "attaché"}
)
# Suffixes that close a name: 'Ramon T. Reyes, Jr.', 'Henry Coleman Jr'.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Titles that stay part of a one-word name: 'King Zayan', 'Pope Anselm', 'Emir Faris'.
REGNAL_TITLES = frozenset({"king", "queen", "pope", "emir", "sultan", "prince", "princess", "emperor", "empress"})
# Honorifics and abbreviated ranks dropped from names: "Mr. Kenji Morita", "H.E. Dr. Seo Ji-hye",
# "Col. Ana Ruiz".
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "h.e.", "prof", "sir", "dame", "madam", "mme", "m", "hon", "excellency"}
    | {"col", "gen", "brig", "lt", "maj", "capt", "cmdr", "adm", "sgt"}
)
# Role nouns by which a text refers back to a person: "the Chinese president said".
ROLE_NOUNS = frozenset(
    """
    president premier minister chancellor secretary spokesperson spokesman spokeswoman ambassador envoy
    leader diplomat chief king queen prince emir sheikh sultan official director chairman chairwoman
    chair governor senator general admiral commissioner pope mayor speaker monarch head counterpart
    adviser advisor representative statesman politician lawmaker negotiator foreign-minister host guest
    pm executive
    """.split()
)
# Role nouns that say nothing of an office: never a title of their own.
VAGUE_ROLES = frozenset({"counterpart", "leader", "official", "host", "guest", "statesman", "politician", "diplomat"})
# Role nouns compatible with the titles they stand for.
ROLE_TITLES = {
    "executive": ("president", "prime minister", "premier", "chief executive", "chancellor", "governor"),
    "premier": ("premier", "prime minister", "pm"),
    "pm": ("premier", "prime minister", "pm"),
    "leader": (
        "president",
        "premier",
        "prime minister",
        "chancellor",
        "king",
        "queen",
        "emir",
        "sultan",
        "leader",
        "chairman",
        "supreme",
        "general secretary",
        "head of state",
        "head of government",
    ),
    "diplomat": ("foreign", "secretary of state", "ambassador", "envoy", "diplomat", "external affairs"),
    "statesman": ("president", "premier", "prime minister", "chancellor"),
    "host": ("president", "premier", "prime minister", "chancellor", "leader"),
    "guest": ("president", "premier", "prime minister", "chancellor", "leader"),
    "monarch": ("king", "queen", "emir", "sultan", "emperor"),
    "official": ("",),
    "counterpart": ("",),
}
# Heads of institution names: "the Foreign Ministry", "the Kremlin", "a joint statement".
ORG_HEADS = frozenset(
    """
    ministry ministries office department council commission government embassy consulate kremlin
    agency party committee secretariat union administration parliament assembly cabinet bureau presidency
    palace mission court bank fund organization organisation forum senate congress house army navy
    forces military police service services authority authorities corporation company group institute
    center centre foundation association federation coalition alliance league board directorate
    command headquarters state-council politburo duma knesset majlis diet bundestag legislature
    tv television radio broadcaster broadcasting channel corp inc ltd plc
    statement communique communiqué declaration readout nations community
    """.split()
)
# Documents that carry one person's words: 'the message reads' is the sender's.
PERSONAL_DOCUMENTS = frozenset(
    {"message", "letter", "speech", "address", "remarks", "post", "tweet", "article", "op-ed"}
)
# Nouns for a document that speaks: "according to a joint statement".
DOCUMENT_SOURCES = frozenset(
    {"statement", "communique", "communiqué", "declaration", "readout", "report", "release", "message", "letter"}
)
# Sources too vague to name: "analysts said", "officials said" (without a name).
VAGUE_SOURCES = frozenset(
    """
    analysts experts observers sources officials people critics diplomats insiders witnesses residents
    reports media commentators scholars some others many few someone everyone anyone spokespeople
    participants attendees delegates ministers leaders lawmakers legislators authorities
    """.split()
)
# 'His Highness', 'Her Majesty': a title standing for the person it was given to.
HONORIFIC_HEADS = frozenset({"highness", "majesty", "excellency", "holiness"})
PRONOUNS = {
    "he": "person",
    "she": "person",
    "it": "organization",
    "they": "group",
    "i": "person",
    "we": "group",
}
# The pronoun a source takes after a preposition: 'according to him'.
OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}

# Capitalised words that do not start a name: function words at a sentence's start, calendar words.
NOT_NAME_WORDS = (
    frozenset(
        """
    the a an in on at but and or nor so yet however meanwhile this that these those it he she they we i
    his her their our its my your as after before during while when where under over with for from to by
    both each either neither speaking asked noting according upon last next earlier later also likewise since
    despite if although though today yesterday tomorrow there here what which who whom whose why how
    all any some many most more much no not one two three first second third new such than then thus
    indeed instead still already again further furthermore moreover besides nevertheless nonetheless
    additionally overall finally then now just even only among amid between within without against
    towards toward into onto through throughout about above below behind beyond near outside inside
    mon tue wed thu fri sat sun morning afternoon evening night week month year
    back elsewhere afterwards separately tonight abroad overseas
    q a mr mrs ms dr said says told added noted stressed
    """.split()
    )
    | WEEKDAY_SET
    | MONTH_WORDS
)
# Lower-case particles inside names: Tavares da Cunha, von der Heyde, bin Tariq.
NAME_PARTICLES = frozenset(
    {
        "da",
        "de",
        "do",
        "dos",
        "das",
        "del",
        "della",
        "di",
        "du",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "bin",
        "bint",
        "ibn",
        "al",
        "el",
        "la",
        "le",
        "y",
        "e",
        "abu",
        "ben",
        "st.",
    }
)
# Heads of place and event names: "Black Sea", "Unity Hall", "Belt and Road".
PLACE_HEADS = frozenset(
    """
    sea ocean river island islands mountain mountains lake gulf strait peninsula valley bay canal hall
    square street avenue airport estate residence university school hospital hotel summit conference
    dialogue initiative agreement treaty accord festival games cup year years day week war road belt
    corridor bridge port city province region state states republic kingdom county district village town
    capital plaza park museum stadium tower building lawn room garden gardens castle temple church
    mosque cathedral station base camp zone area coast border borders plan programme program project
    act law bill fund exchange exchanges talks forum session meeting council assembly news times post
    daily tv television radio press magazine journal herald tribune review channel network online
    """.split()
)
# What 'made …' dates in 'X made the remarks on Tuesday' or 'made this known yesterday'.
REMARK_NOUNS = frozenset({"remarks", "remark", "statement", "comments", "comment", "known", "announcement", "speech"})
# A headline announcing the text of a speech: 'Moyo's speech at the National Assembly'.
SPEECH_NOUNS = frozenset({"speech", "remarks", "address", "keynote", "lecture", "toast"})
FIRST_PERSON = frozenset({"i", "we", "my", "our", "us", "me"})
# Words that mark a plural or joint subject: "the two leaders agreed", "both sides said".
JOINT_WORDS = frozenset({"two", "both", "leaders", "sides", "ministers", "countries", "parties", "nations", "all"})

# Adverbs and auxiliaries allowed between a subject and its cue: "Tang has also said".
CUE_GAP_WORDS = frozenset(
    """
    has have had also further again once repeatedly recently earlier later then previously already
    reportedly publicly separately yesterday today later likewise specifically particularly explicitly
    clearly firmly strongly sharply bluntly candidly frankly openly flatly simply quickly promptly
    appreciatively warmly solemnly emphatically categorically unequivocally also has had
    """.split()
)
# Before a cue, these make it something not (yet) said: 'will tell', 'is expected to say'.
NOT_SAID_BEFORE = frozenset({"will", "would", "to", "might", "may", "could", "should", "shall", "must", "can"})
# Before a participle cue, these make it passive: 'was told', 'were urged', 'is said to'.
PASSIVE_BEFORE = frozenset({"was", "were", "is", "are", "be", "been", "being", "get", "got"})
# What may sit between a cue and 'that': "told reporters after Friday's meeting that".
CLAUSE_GAP_START = (
    frozenset(
        """
    in on at during after before to with through via from for while when across by reporters journalists
    press media him her them us me parliament lawmakers also again repeatedly further today yesterday
    earlier late early
    """.split()
    )
    | WEEKDAY_SET
)
# Verbs of narrated events: a sentence driven by one is narration, not a continued statement.
EVENT_VERBS = frozenset(
    """
    met meets held holds visited visits arrived arrives left leaves signed signs attended attends hosted
    hosts received receives traveled travelled flew landed toured departed discussed shook exchanged
    began begins ended ends launched opened closed took gave made
    """.split()
)

# Irregular past forms: a clause with one of these has a finite verb ('Tang led the delegation').
IRREGULAR_PAST = frozenset(
    """
    led met held said told made took gave went came saw began brought thought sent left kept found stood
    spoke wrote won lost paid put set built sought fought drove rose fell grew knew became ran read spent
    struck understood felt meant heard got sat chose broke forgot shook flew drew threw bore hid laid
    lay sold taught caught bought dealt withdrew undertook overtook
    """.split()
)


# Words that point back at the sentence before: 'This is what the chancellor said.'
POINTING_BACK = frozenset({"this", "that", "these", "such", "so"})
# What a statement 'after the meeting' was made after: the meeting the lead reports.
MEETING_NOUNS = frozenset({"meeting", "talks", "call", "summit", "conversation", "visit", "session"})
# Gatherings where many speak on one day: 'said at a business forum', 'at the opening of the summit'.
GATHERINGS = frozenset({"forum", "conference", "summit", "ceremony", "opening", "session", "meeting", "symposium"})
# Events at which someone speaks: a quotation after 'X held a briefing' is X's.
# A headline announcing a briefing: 'Briefing by the Foreign Ministry spokeswoman', 'Regular Press Conference'.
BRIEFING_NOUNS = frozenset({"briefing", "conference"})
SPEECH_EVENTS = frozenset({"briefing", "conference", "interview", "speech", "address", "remarks", "statement"})
PRESENT_OR_FUTURE = frozenset({"is", "are", "will", "must", "should", "can", "would", "remains", "has", "have"})
# Portfolios a minister holds that carry no telling suffix: 'Minister of Health Ana Ruiz'.
PORTFOLIO_WORDS = frozenset(
    "health energy justice transport labour labor water youth sport sports lands mines works housing tourism "
    "fisheries agriculture education culture environment information communications industry investment "
    "planning mining petroleum oil science technology digital infrastructure development immigration "
    "migration welfare treasury budget".split()
)
# People who speak for no government: an analyst in a story about two countries is of neither.
INDEPENDENT_ROLES = frozenset(
    "analyst analysts researcher expert professor scholar economist fellow lawyer attorney journalist "
    "editor correspondent lecturer academic".split()
)
# Missions named with the city they are in: 'the Chilean embassy in Lima'.
MISSION_WORDS = frozenset({"embassy", "consulate", "consulate-general", "mission", "legation"})
# Verbs by which someone puts out a document: 'issued the following press statement:'.
ISSUING_VERBS = frozenset({"issued", "released", "published", "delivered", "made", "posted"})
# What a speaker calls the other party: 'the Laotian side', 'our Kenyan counterparts'.
OTHER_PARTY_NOUNS = frozenset({"side", "sides", "counterpart", "counterparts", "delegation", "interlocutors"})
# Marks that open a summary bullet: '– Moyo speaks about trade'.
BULLETS = frozenset("–—-•*▪")

# Function words ---------------------------------------------------------------------------------

# Words joining a second clause with its own source: '…, and the minister said'.
COORDINATORS = frozenset({"and", "but", "while", "whereas"})
# Words that open a phrase of time, place or medium after a cue: 'responded within hours'.
CIRCUMSTANCE_STARTS = frozenset(
    "within later earlier in on at after before shortly soon hours minutes moments late early via".split()
)
# Words opening a relative clause after a comma: ', who landed on Monday,'.
RELATIVE_STARTS = frozenset({"who", "which", "whose"})
# Prepositions that place a source ('one reader in Kavala wrote'): where, not who.
LOCATING_PREPOSITIONS = frozenset({"in", "at", "near"})
# Connectives inside an institution's name: 'Bank of Ghana', 'Council for Trade and Development'.
NAME_CONNECTIVES = frozenset({"of", "for", "and", "on", "the", "de", "des", "du", "la", "&"})
# Adverbs that close a portfolio: 'Minister of Foreign Affairs and Nationals Abroad'.
PORTFOLIO_ADVERBS = frozenset({"abroad", "overseas"})
# Lemmas of cues a colon after which announces the words of the next paragraphs.
ANNOUNCING_LEMMAS = frozenset({"read", "reply", "respond"})
# Lemmas of a lead's cue that report the speech of a gathering: 'officials said at a forum'.
GATHERING_CUES = SAY_LIKE | {"call", "urge"}
# Given names that are also cue words, capitalised inside a name: 'Amina Said Kombo'.
NAME_CUE_WORDS = frozenset({"Said"})
# Words for a country's diplomacy, whose head is its foreign minister: 'the head of Bolivian diplomacy'.
DIPLOMACY_WORDS = frozenset({"diplomacy"})

# Prepositions: a word after one is a noun ('within hours', 'a reply to questions').
PREPOSITIONS = frozenset(
    "in on at within for of from by with after before over under during about into across among".split()
)

DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "this", "that"})
POSSESSIVE = frozenset({"’s", "'s"})
# Before these a reporting word is a noun: 'his remarks', 'the statement', 'Zhou's comments'.
NOUN_MARKERS = (DETERMINERS - {"that"}) | {"my", "your", "these", "of"} | POSSESSIVE
# Words that open an apposition after a name: ', also a member of …', ', the sister of …'.
APPOSITION_STARTERS = frozenset({"also", "the", "a", "an", "his", "her", "its", "their", "now", "then", "currently"})
# Auxiliaries, modals and copulas: a clause with one of these has a finite verb.
AUXILIARIES = frozenset(
    """
    is are was were be been being am has have had having will would shall should can could may might must
    do does did won't can't isn't aren't wasn't weren't hasn't haven't didn't doesn't
    """.split()
)
# Words that can open a clause's subject: 'believes the talks will resume'.
SUBJECT_STARTS = frozenset(
    """
    he she it they we i you there this that these those the a an its his her their our my your both all
    some many most no every each such
    """.split()
)
# Words in -s that are not third-person verbs.
NOT_VERB_S = frozenset({"its", "his", "this", "us", "was", "has", "is", "as", "thus", "yes", "series", "news"})

# Adverbials around a source and its cue ------------------------------------------------------

TIME_WORDS = frozenset({"today", "yesterday", "tonight"})
PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})
PERIODS = frozenset({"week", "month", "year", "weekend"})
# Periods with no day: a statement placed in one of them has no date.
VAGUE_UNITS = PERIODS | {"decade"}
VAGUE_LEADS = frozenset({"last", "earlier", "past", "previous", "recently", "recent"})
# Words that close a source phrase after an inverted cue: 'said Zhou on Monday', 'said Zhou, who …'.
TAIL_WORDS = (
    frozenset(
        """
        during at on in after before while when as through via from to with who which adding saying noting
        according late earlier today yesterday this last following ahead outside inside upon across over by
        """.split()
    )
    | WEEKDAY_SET
)
# Words after a cue that begin an adverbial tail rather than content: 'said on Sunday'.
TAIL_STARTS = frozenset(
    """
    on in at during after before while as through via when from with following ahead upon according
    today yesterday late early earlier later last this across over inside outside alongside
    beside next near
    """.split()
)
# 'said here on Monday' is a tail; 'said there would be talks' is content.
PLACE_ADVERBS = frozenset({"here", "there"})
# Words that open a front adverbial before a sentence's subject: 'Speaking to reporters, Tang said'.
FRONT_STARTS = frozenset(
    """
    in on at for during after before meanwhile speaking asked noting upon under with earlier later
    separately however also furthermore moreover additionally responding referring addressing answering
    """.split()
)
# Words that open a parenthesis between a source and its cue: 'Tang, speaking through an interpreter, said'.
PARENTHETICAL_STARTS = frozenset(
    """
    in on at during after before speaking who whose whom which however meanwhile though for too also separately
    visibly in turn writing addressing responding referring answering asked talking standing sitting
    according citing quoting like unlike
    """.split()
)
# Listeners of 'told', 'briefed' and their kind.
OBJECT_WORDS = frozenset(
    """
    reporters journalists press media him her them us me lawmakers parliament counterpart audience crowd
    delegates his their
    """.split()
)
LISTENER_LEMMAS = frozenset({"tell", "inform", "assure", "brief", "reassure"})
# Stance verbs whose object can carry content, and praise that can call its object something.
STANCE_LEMMAS = frozenset({"express", "voice", "convey", "extend", "share"})
COMPLEMENT_LEMMAS = frozenset({"welcome", "hail", "praise"})

# Transcripts -----------------------------------------------------------------------------------

QUESTION_LABELS = frozenset({"q", "question", "reporter", "journalist", "moderator", "host", "audience"})
ANSWER_LABELS = frozenset({"a", "answer"})
# Words of a news outlet's name, for a questioner's label ('Riverside TV:', 'Eastbay Daily:').
OUTLET_WORDS = frozenset(
    """
    news times tv television daily agency press post radio journal herald tribune channel network gazette
    broadcaster broadcasting wire media
    """.split()
)
