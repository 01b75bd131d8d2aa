"""Social-media posts quoted in an article without quotation marks.

Two shapes of news copy: an embedded post closed by its signature line ('— Name (@handle) Month
D, YYYY'), and a post announced by a cue and a colon at the end of a paragraph ('the minister
wrote on X:'), which is the next paragraph. Either way the post is its author's direct speech, one
statement per paragraph, dated by its signature line when it has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# '— Arjun Varma (@arjunvarma) March 5, 2024', '- PMO (@PMO_Desk) 5 March 2024'
SIGNATURE = re.compile(
    r"^\s*[—–-]{1,2}\s*(?P<name>[^\n(@]{2,80}?)\s*\(\s*@(?P<handle>\w{1,30})\s*\)\s*(?P<when>[^\n]{0,40})$"
)
# A link an embed leaves at the end of the post's text.
TRAILING_LINK = re.compile(r"\s*(?:pic\.twitter\.com/\S+|https?://\S+)\s*$")


@dataclass(frozen=True, slots=True)
class Signature:
    name: str
    handle: str
    when: str  # the date as written, possibly empty


def signature(paragraph: str) -> Signature | None:
    """The signature line of an embedded post, if the paragraph is one."""
    m = SIGNATURE.match(paragraph)
    if m is None:
        return None
    return Signature(m.group("name").strip(" ,"), m.group("handle"), m.group("when").strip())


def post_text_end(body: str, start: int, end: int) -> int:
    """Where a post's words end: before a trailing link the embed left."""
    m = TRAILING_LINK.search(body, start, end)
    return m.start() if m is not None else end
