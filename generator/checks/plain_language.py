"""Plain language: LIX per page and long sentences, for the body text.

Headings, lists and tables are left out; so is code.  LIX = words/sentences +
100 × long words/words, where a long word has more than 6 letters.  Norwegian
abbreviations («kl.», «f.eks.» …) and ordinal dates («28. oktober») do not end
a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.checks import Context
from generator.checks.scan import PROSE, QUOTE, lines
from generator.errors import Report, msg
from generator.model import SourcePage

# Never a sentence end inside a paragraph.
ABBREVIATIONS = {"kl.", "f.eks.", "bl.a.", "ca.", "nr.", "jf.", "jfr.", "dvs.", "evt.",
                 "pga.", "tlf.", "inkl.", "ekskl.", "iflg.", "ifm.", "t.o.m.", "f.o.m.",
                 "o.l.", "e.l.", "mill.", "mrd.", "pst.", "st.", "ev.", "vs.", "bl.", "ds."}
# A sentence end only when the next word starts with a capital letter.
END_ABBREVIATIONS = {"osv.", "mv.", "m.m.", "m.fl.", "mfl."}
_OPENERS = "«\"'([*_"
_CLOSERS = "»\"')]*_"


@dataclass(frozen=True)
class Sentence:
    line: int
    words: int
    long_words: int


def body_text(page: SourcePage) -> Iterator[tuple[int, list[tuple[int, str]]]]:
    """Paragraphs of prose as (block, [(line, text), …]), Markdown marks taken out."""
    current: list[tuple[int, str]] = []
    block = -1
    for line in lines(page):
        if line.kind not in (PROSE, QUOTE):
            continue
        if line.block != block and current:
            yield block, current
            current = []
        block = line.block
        current.append((line.number, plain(line.text)))
    if current:
        yield block, current


def plain(text: str) -> str:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>\s]+>", " ", text)
    text = re.sub(r"\{[:#.][^}]*\}", " ", text)
    return text.replace("\\", "")


def sentences(page: SourcePage) -> Iterator[Sentence]:
    for _block, paragraph in body_text(page):
        tokens = [(n, tok) for n, text in paragraph for tok in text.split()]
        start, words, long_words = None, 0, 0
        for i, (number, tok) in enumerate(tokens):
            word = tok.strip(_OPENERS + _CLOSERS + ".,;:!?…–—-")
            if any(ch.isalnum() for ch in word):
                if start is None:
                    start = number
                words += 1
                long_words += sum(ch.isalpha() for ch in word) > 6
            last = i == len(tokens) - 1
            nxt = tokens[i + 1][1].lstrip(_OPENERS) if not last else ""
            if words and (last or _ends(tok, nxt)):
                yield Sentence(start or number, words, long_words)
                start, words, long_words = None, 0, 0


def _ends(token: str, next_token: str) -> bool:
    core = token.rstrip(_CLOSERS)
    if not core.endswith((".", "!", "?", "…")):
        return False
    if core.endswith(("!", "?", "…")):
        return True
    word = core.lstrip(_OPENERS).lower()
    if word in ABBREVIATIONS:
        return False
    capital = next_token[:1].isupper()
    if word in END_ABBREVIATIONS or re.fullmatch(r"\d+\.", word):
        return capital  # «28. oktober» is a date; «i 2023. Da …» ends a sentence
    return True


def lix(found: list[Sentence]) -> float | None:
    words = sum(s.words for s in found)
    if not words:
        return None
    return words / len(found) + 100 * sum(s.long_words for s in found) / words


def check(ctx: Context, report: Report) -> None:
    config = ctx.site.config
    for page in ctx.sources:
        found = list(sentences(page))
        for s in found:
            if s.words > config.max_sentence_words:
                report.warn(page.path, s.line,
                            msg("A sentence of {words} words (more than {limit}).",
                                words=s.words, limit=config.max_sentence_words),
                            msg("Split it into two sentences."),
                            code="long-sentence")
        score = lix(found)
        if score is not None and score > config.lix_threshold:
            report.warn(page.path, page.body_line,
                        msg("The text is hard to read: LIX {score} (the limit is {limit}).",
                            score=format(score, ".0f"),
                            limit=format(config.lix_threshold, "g")),
                        msg("Use shorter sentences and shorter words."), code="lix")
