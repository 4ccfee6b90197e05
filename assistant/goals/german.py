"""German analysis of goal statements without an LLM: is the core of a goal a measure (GQ-01), is its
phrasing generic (GQ-03)?

The core of a statement is its main clause (relative and purpose clauses are dropped), and in it the
finite verb or the verb at the end of the clause, and the head noun of the subject (or of the object of
„hat“/„ist“). A small lemmatiser maps inflected forms to the infinitives in :mod:`lexicon`:
„errichtet“, „errichten“, „auszubauen“, „ausgebaut“, „baut … aus“ and the nominalisations „Errichtung“,
„Ausbau“. Attributive participles („die sanierten Gebäude“) keep their adjective ending and are not
matched, so „Der Anteil sanierter Gebäude steigt“ stays a state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from assistant.goals import lexicon
from assistant.text.german import stem
from assistant.text.sentences import split_sentences

_WORD = re.compile(r"[^\W_](?:[\w]|-(?=\w))*", re.UNICODE)
_PREPOSITIONS = {
    "bis", "ab", "in", "im", "mit", "für", "bei", "beim", "nach", "von", "vom", "zu", "zum", "zur", "seit",
    "durch", "über", "unter", "vor", "auf", "an", "am", "aus", "gegenüber", "innerhalb", "außerhalb",
    "spätestens", "je", "pro", "ohne", "um", "trotz", "wegen", "während", "dank", "gemäß", "laut",
}  # fmt: skip
_DETERMINERS = {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "alle",
    "allen", "aller", "jede", "jeder", "jedes", "jedem", "jeden", "unser", "unsere", "unserer", "unseren",
    "unserem",
    "ihr", "ihre", "ihren", "ihrem", "ihrer", "sein", "seine", "seinen", "seinem", "seiner", "kein", "keine",
    "diese", "dieser", "dieses", "diesem", "diesen", "mehr", "weniger", "viele",
}  # fmt: skip
_PRONOUNS = {"wir", "sie", "es", "er", "man", "ich", "dies", "das"}
_SUBORDINATORS = {
    "die", "der", "das", "dem", "den", "deren", "dessen", "denen", "welche", "welcher", "welches", "welchem",
    "welchen", "dass", "damit", "weil", "wenn", "indem", "sodass", "ob", "wobei", "wodurch", "womit", "wo",
    "nachdem", "bevor", "obwohl", "sofern", "soweit", "falls", "während", "als", "wie",
}  # fmt: skip
_PURPOSE = {"um", "ohne", "statt", "anstatt"}
_RELATIVE = {"die", "der", "das", "dem", "den", "denen", "deren", "dessen", "welche", "welcher", "welchem"}
_STATE_LINKS = {
    "hat",
    "haben",
    "verfügt",
    "verfügen",
    "besitzt",
    "besitzen",
    "ist",
    "sind",
    "bleibt",
    "bleiben",
}
# finite verbs that show a title is a sentence, not a headline („Leistungserweiterungen sind …“)
_FINITE_HINTS = _STATE_LINKS | {
    "wird", "werden", "kann", "können", "soll", "sollen", "muss", "müssen", "steigt", "steigen", "sinkt",
    "sinken", "liegt", "liegen", "steht", "stehen", "gibt", "erreicht", "erreichen", "wächst", "wachsen",
    "nimmt", "nehmen", "bietet", "bieten", "leben", "lebt", "arbeiten", "arbeitet", "gilt", "gelten",
}  # fmt: skip
_VERB_ENDINGS = ("en", "n", "et", "t", "e", "st", "est")
_NOUN_ENDINGS = ("en", "es", "s", "e", "n", "ten")


@dataclass(frozen=True)
class MeasureSignal:
    """Why a statement reads as a measure: the word and what kind of word it is."""

    word: str
    kind: str  # "verb" | "noun"

    def describe(self) -> str:
        return f"Tätigkeitsverb „{self.word}“" if self.kind == "verb" else f"Projektbegriff „{self.word}“"


@cache
def _verb_stems() -> dict[str, str]:
    """Verb stem (infinitive without -en/-n) → infinitive, for every activity verb."""
    stems: dict[str, str] = {}
    for entry in lexicon.ACTIVITY_VERBS:
        verb = entry.replace("|", "")
        stem_ = verb[:-1] if verb.endswith(("eln", "ern")) else verb[:-2]
        stems[stem_] = verb
        if verb.endswith("eln"):
            stems[verb[:-3] + "l"] = verb  # entwickl-ung, entwickl-e
    return stems


@cache
def _irregular() -> dict[str, str]:
    return {form: verb.replace("|", "") for form, verb in lexicon.IRREGULAR_VERB_FORMS.items()}


@cache
def verb_lemma(word: str) -> str | None:
    """The activity verb behind a (lower-case) verb form, or None.

    Covers infinitives, present forms, participles with and without ge-, zu-infinitives of separable
    verbs („auszubauen“) and participles of separable verbs („ausgebaut“). Adjective forms of
    participles („sanierten“, „ausgebaute“) are deliberately not matched.
    """
    forms = [word]
    for particle in lexicon.SEPARABLE_PARTICLES:
        for infix in ("zu", "ge"):
            if word.startswith(particle + infix) and len(word) > len(particle) + 4:
                forms.append(particle + word[len(particle) + 2 :])
    if word.startswith("ge") and len(word) > 5:
        forms.append(word[2:])
    stems, irregular = _verb_stems(), _irregular()
    for form in forms:
        if form in irregular and form not in {"schreibt", "reißt", "treibt"}:
            return irregular[form]
        for ending in _VERB_ENDINGS:
            if form.endswith(ending) and form[: -len(ending)] in stems:
                return stems[form[: -len(ending)]]
    return None


def _noun_forms(word: str) -> set[str]:
    word = word.lower().split("-")[-1]
    forms = {word, stem(word)}
    forms.update(word[: -len(e)] for e in _NOUN_ENDINGS if word.endswith(e) and len(word) - len(e) >= 3)
    return forms


@cache
def _noun_targets(headline: bool) -> tuple[tuple[str, ...], ...]:
    nouns = lexicon.PROJECT_NOUNS + (lexicon.HEADLINE_PROJECT_NOUNS if headline else ())
    return tuple((noun, stem(noun)) for noun in nouns)


@cache
def project_noun(word: str, headline: bool = False) -> bool:
    """Is ``word`` (any case, inflected, possibly a compound) a project noun?

    ``headline``: the noun heads a title without article, where weaker nouns („Förderung“) count too.
    """
    lower = word.lower().split("-")[-1]
    if headline and verb_lemma(lower) and lower.endswith("en"):
        return True  # nominalised infinitive: „Sanieren der Schulen“
    forms = _noun_forms(word)
    for noun, noun_stem in _noun_targets(headline):
        for form in forms:
            if form in (noun, noun_stem) or (len(noun) >= 5 and form.endswith(noun)):
                return headline or not _is_headline_only(form)
    # nominalisations on -ung of activity verbs, also in compounds („Schulsanierung“)
    base = lower[:-2] if lower.endswith("ungen") else lower
    if base.endswith("ung"):
        root = base[:-3]
        for verb_stem in _verb_stems():
            if root == verb_stem or (len(verb_stem) >= 5 and root.endswith(verb_stem)):
                return headline or not _is_headline_only(base)
    return False


def _is_headline_only(form: str) -> bool:
    return any(form == noun or form.endswith(noun) for noun in lexicon.HEADLINE_PROJECT_NOUNS if len(noun) >= 5)


def tokens(text: str) -> list[str]:
    return _WORD.findall(text)


def first_sentence(text: str) -> str:
    sentences = split_sentences(" ".join(text.split()))
    return sentences[0] if sentences else ""


def _has_zu_infinitive(words: list[str]) -> bool:
    lowered = [w.lower() for w in words]
    if "zu" in lowered[:-1]:
        return True
    return any(w.startswith(p + "zu") and verb_lemma(w) for w in lowered for p in lexicon.SEPARABLE_PARTICLES)


def main_clause(sentence: str) -> list[str]:
    """Words of the main clause: comma segments opened by a relative pronoun or a subordinating
    conjunction are dropped (zu-infinitive clauses after „Ziel ist es, …“ are kept)."""
    head, colon, rest = sentence.partition(":")
    if colon and len(tokens(head)) <= 3 and tokens(rest):
        sentence = rest  # „Mobilität: Ausbau des Radwegenetzes“
    kept: list[str] = []
    for index, segment in enumerate(re.split(r"[,;()]|\s[–-]\s", sentence)):
        words = tokens(segment)
        if not words:
            continue
        first = words[0].lower()
        second = words[1].lower() if len(words) > 1 else ""
        if index > 0 and first in _PURPOSE:
            continue
        subordinate = first in _SUBORDINATORS or (first in _PREPOSITIONS and second in _RELATIVE)
        if index > 0 and subordinate and not _has_zu_infinitive(words):
            continue
        kept.extend(words)
    return kept


def _is_noun(word: str) -> bool:
    return (word[:1].isupper() and not word.isupper()) or (word.isupper() and len(word) > 1 and word.isalpha())


def _skip_phrase(words: list[str], i: int) -> int:
    """Skip a prepositional phrase starting at ``i`` up to and including its noun or number."""
    i += 1
    while i < len(words) and not (_is_noun(words[i]) or words[i][:1].isdigit()):
        i += 1
    return i + 1


def _next_noun(words: list[str], i: int) -> int | None:
    """Index of the next noun from ``i``, skipping articles, adjectives, adverbs and prepositional phrases."""
    while i < len(words):
        word = words[i]
        lower = word.lower()
        if lower in _PREPOSITIONS and i + 1 < len(words):
            i = _skip_phrase(words, i)
            continue
        if _is_noun(word) and not (lower in _DETERMINERS or lower in _PRONOUNS):
            return i
        i += 1
    return None


def _head_index(words: list[str]) -> int | None:
    """Head noun of the subject (or of a headline): after a leading prepositional phrase and the verb."""
    i = 0
    if words and words[0].lower() in _PREPOSITIONS:
        i = _skip_phrase(words, 0)
        if i < len(words) and words[i].islower():
            i += 1  # the finite verb in second position
    while i < len(words):
        word, lower = words[i], words[i].lower()
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if lower in _DETERMINERS or lower in _PRONOUNS or word.islower() or word[:1].isdigit():
            i += 1
        elif i == 0 and lower.endswith(("e", "en", "er", "es", "em")) and _is_noun(nxt) and not project_noun(word):
            i += 1  # capitalised adjective at the start: „Freie Stellen …“, „Neue Quartiere …“
        else:
            return i
    return None


def measure_signal(title: str) -> MeasureSignal | None:
    """The word that makes ``title`` a measure rather than a state or effect, or None."""
    words = main_clause(first_sentence(title))
    if not words:
        return None
    lowered = [w.lower() for w in words]
    reflexive = "sich" in lowered
    # 1. a separable verb split around the clause („Die Stadt baut das Netz aus“)
    particle = lowered[-1]
    if particle in lexicon.SEPARABLE_PARTICLES:
        for word in words[:-1]:
            lemma = verb_lemma(particle + word.lower()) if word.islower() else None
            if lemma is None and word.lower() in lexicon.IRREGULAR_VERB_FORMS:
                lemma = lexicon.IRREGULAR_VERB_FORMS[word.lower()].replace("|", "")
                lemma = lemma if lemma.startswith(particle) else None
            if lemma and not (reflexive and lemma in lexicon.REFLEXIVE_STATE_VERBS):
                return MeasureSignal(f"{word} … {words[-1]}", "verb")
    # 2. an activity verb in any finite, infinitive or participle form („errichtet“, „auszubauen“)
    for i, word in enumerate(words):
        if not (word.islower() or (i == 0 and len(words) > 1 and words[1].islower())):
            continue
        lemma = verb_lemma(word.lower())
        if lemma is None or (reflexive and lemma in lexicon.REFLEXIVE_STATE_VERBS):
            continue
        if i > 0 and lowered[i - 1] in lexicon.DEGREE_ADVERBS and not lowered[i].endswith("en"):
            continue  # „gut ausgebaut“ describes a state
        return MeasureSignal(word, "verb")
    # 3. a project noun heading the subject, or the object of „hat“/„ist“
    head = _head_index(words)
    if head is not None:
        headline = (head == 0 or lowered[head - 1] not in _DETERMINERS) and not _FINITE_HINTS & set(lowered)
        if project_noun(words[head], headline=headline):
            return MeasureSignal(words[head], "noun")
    for i, lower in enumerate(lowered):
        if lower in _STATE_LINKS and i > 0:
            start = i + 2 if lower.startswith("verfüg") and lowered[i + 1 : i + 2] == ["über"] else i + 1
            obj = _next_noun(words, start)
            if obj is not None and project_noun(words[obj]):
                return MeasureSignal(words[obj], "noun")
            break
    return None


@cache
def _generic_stems() -> frozenset[str]:
    return frozenset(stem(word) for word in lexicon.GENERIC_WORDS)


def generic_phrase(title: str) -> str | None:
    """The word or phrase that makes ``title`` too general to steer („attraktiv“, „Stadt für alle“)."""
    words = tokens(title)
    lowered = [w.lower() for w in words]
    generic = _generic_stems()
    for word, lower in zip(words, lowered, strict=True):
        if stem(lower) in generic or any(lower.rstrip("enrs").endswith(s) for s in lexicon.GENERIC_SUFFIXES):
            return word
    for i in range(len(lowered) - 1):
        if lowered[i] == "für" and lowered[i + 1] == "alle":
            rest = lowered[i + 2 : i + 3]
            if not rest or rest[0] in lexicon.GENERIC_GROUPS:
                return " ".join(words[i : i + 2 + len(rest)])
    return None
