"""German text analysis for keyword search: normalisation, stop words, abbreviations, stemming
and corpus-based compound splitting.

Why corpus-based decompounding: German administration text is full of ad-hoc compounds
(„Kindertagesstättenplatz“, „Wohnbauförderung“) that no fixed dictionary covers; splitting a long
word into parts that occur elsewhere in the same corpus (Koehn & Knight 2003) lets „Kita-Platz“,
„Kindertagesstättenplatz“ and „Betreuungsplatz“ meet on shared parts.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("german")

# Bump when base_terms() changes (stop words, abbreviations, tokens): stored terms are recomputed.
ANALYSIS_VERSION = "5"

# word or number; numbers keep their decimal/thousand separators („7,1“, „41.200“, „36.50“)
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)

# fmt: off
STOP_WORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
    auch auf aus bei beim bin bis bist da dabei damit dann das dass dein deine dem den denn der des
    dessen deshalb die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem
    einen einer eines er es etwa euch euer für gab gibt gegen gewesen hab habe haben hat hatte
    hatten hier hin hinter ich ihm ihn ihnen ihr ihre im in indem ins ist ja jede jedem jeden jeder
    jedes jener kann kein keine können könnte man manche mehr mein mich mir mit muss musste nach
    nicht nichts noch nun nur ob oder ohne sehr sein seine seit sich sie sind so solche soll sollte
    sondern sowie über um und uns unser unter vom von vor war waren warum was weil welche welchem
    welchen welcher welches wenn wer werden wie wieder will wir wird wo wurde wurden zu zum zur
    zwar zwischen wann wieviel wieviele viel viele welcher welche
    """.split()  # noqa: SIM905
)
# fmt: on

# abbreviation -> long form; both sides are indexed so either spelling finds the other
ABBREVIATIONS: dict[str, str] = {
    "kita": "kindertagesstätte",
    "kitas": "kindertagesstätten",
    "öpnv": "öffentlicher personennahverkehr",
    "spnv": "schienenpersonennahverkehr",
    "miv": "motorisierter individualverkehr",
    "vzä": "vollzeitäquivalent",
    "vza": "vollzeitäquivalent",
    "hh": "haushalt",
    "gr": "gemeinderat",
    "sgb": "sozialgesetzbuch",
    "ob": "oberbürgermeister",
    "bm": "bürgermeister",
    "fb": "fachbereich",
    "hf": "handlungsfeld",
    "thg": "treibhausgas",
    "ew": "einwohner",
    "sv": "sozialversicherungspflichtig",
    "svb": "sozialversicherungspflichtig beschäftigte",
    "u3": "unter drei jahren",
    "ü3": "über drei jahren",
    "ogs": "offene ganztagsschule",
    "fnp": "flächennutzungsplan",
    "bplan": "bebauungsplan",
    "isek": "integriertes stadtentwicklungskonzept",
    "wbg": "wohnungsbaugesellschaft",
    "gmbh": "gesellschaft",
    "mio": "millionen",
    "mrd": "milliarden",
    "tsd": "tausend",
    "eur": "euro",
    "€": "euro",
    "kfz": "kraftfahrzeug",
    "pv": "photovoltaik",
    "swot": "stärken schwächen chancen risiken",
    "it": "informationstechnik",
    "ki": "künstliche intelligenz",
}

# Everyday words for the terms of municipal budgets (Doppik): a question in plain words meets the document's
# term. General vocabulary only; a pair that helps one eval question and nothing else does not belong here.
SYNONYMS: dict[str, str] = {
    "insgesamt": "gesamt",
    "budget": "haushaltsmittel",
    "geld": "mittel",
    "kosten": "aufwand",
}

_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})

# Common parts of administrative compounds: lets small corpora split „Kita-Plätze“ or
# „Radwegenetz“ even when a part never stands alone in the indexed text.
# fmt: off
COMPOUND_PARTS = frozenset("""
    platz plätze stelle stellen plan planung bau haus häuser wohnung wohnungen wohn schule schul kind
    kinder jugend familie familien stadt städte teil verkehr weg wege rad bus bahn netz raum fläche
    flächen gebiet zentrum förderung betreuung versorgung leistung leistungen angebot angebote bedarf
    entwicklung konzept strategie ziel ziele zahl kennzahl quote anteil kosten mittel haushalt
    ergebnis finanz finanzen steuer steuern abgabe gebühr gebühren personal amt ämter bereich dienst
    dienste verwaltung rat beschluss vorlage bericht prognose bevölkerung einwohner alter gruppe
    arbeit arbeits markt wirtschaft gewerbe betrieb unternehmen beschäftigte klima schutz energie
    wärme strom wasser abwasser abfall müll grün park sport halle bad bibliothek kultur museum
    feuer wehr feuerwehr sicherheit ordnung sozial hilfe pflege gesundheit senioren integration
    bildung ausbildung tag tages stätte stätten garten miete mieten spiegel preis preise jahr jahre
    monat woche investition investitionen programm projekt projekte maßnahme maßnahmen beteiligung
    bürger bürgerinnen gemeinde kreis land bund zuschuss zuschüsse kredit schulden zins zinsen
    gesellschaft beteiligungen eigen kapital rendite umsatz erlöse aufwand aufwendungen ertrag
    erträge produkt produkte gruppe gruppen stand basis wert werte soll ist richtung mobilität
    nahverkehr öffentlich digital digitalisierung service quartier quartiere siedlung neubau bestand
""".split())  # noqa: SIM905
# fmt: on

# Fugenelemente tried when a compound head does not stand alone („Betreuungs|platz“, „Tages|stätte“)
_LINKING = ("s", "es", "n", "en", "e", "er")
_MIN_PART = 3
_MIN_COMPOUND = 7


def normalise(text: str) -> str:
    """Unicode NFKC, lower case, unify dashes and soft hyphens."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u00ad", "").replace("–", "-").replace("‐", "-").replace("‑", "-")
    return text.lower()


def fold(word: str) -> str:
    """Remove umlauts and ß so „Straße“/„Strasse“ and „Plätze“/„Platze“ meet."""
    return word.translate(_UMLAUTS)


def raw_tokens(text: str) -> list[str]:
    """Lower-cased word and number tokens; hyphenated words stay together here."""
    return _TOKEN_RE.findall(normalise(text))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    if word[:1].isdigit():
        return word
    return fold(_STEMMER.stemWord(word))


def _word_parts(token: str) -> list[str]:
    """A hyphenated token gives its parts and the joined word („kita-platz“ → kita, platz, kitaplatz)."""
    if "-" not in token:
        return [token]
    parts = [p for p in token.split("-") if p]
    return [*parts, "".join(parts)]


def _expand_abbreviation(word: str) -> list[str]:
    """Long form of an abbreviation, or the document term for an everyday word (both sides are indexed)."""
    long_form = ABBREVIATIONS.get(word) or SYNONYMS.get(word)
    return long_form.split() if long_form else []


_DATE_TOKEN = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})")


def _canonical_date(token: str) -> str | None:
    """„11.03.2025“, „11.3.2025“ and „11.3.25“ as one term „11.3.2025“."""
    match = _DATE_TOKEN.fullmatch(token)
    if not match:
        return None
    day, month, year = int(match[1]), int(match[2]), int(match[3])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    if year < 100:
        year += 2000 if year < 50 else 1900
    return f"{day}.{month}.{year}"


def _number_variants(token: str) -> list[str]:
    """„41.200“ also as „41200“; „7,1“ also as „7.1“ so German and English notation meet; dates in one form."""
    variants = [token]
    date = _canonical_date(token)
    if date is not None:
        return variants if date == token else [*variants, date]
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", token):
        variants.append(token.replace(".", ""))
    elif "," in token:
        variants.append(token.replace(",", "."))
    return variants


def base_terms(text: str, *, drop_stop_words: bool = True) -> list[str]:
    """Terms before compound splitting: folded words (unstemmed) and numbers."""
    terms: list[str] = []
    for token in raw_tokens(text):
        if token[:1].isdigit():
            terms.extend(_number_variants(token))
            continue
        for word in _word_parts(token):
            if drop_stop_words and word in STOP_WORDS:
                continue
            expansion = _expand_abbreviation(word)
            terms.append(fold(word))
            for extra in expansion:
                if extra not in STOP_WORDS:
                    terms.append(fold(extra))
    return terms


class Decompounder:
    """Splits compounds into parts that occur as words of their own in a vocabulary."""

    def __init__(self, word_counts: Counter[str] | None = None) -> None:
        self._counts: Counter[str] = Counter()
        self._cache: dict[str, tuple[str, ...]] = {}
        self.update(Counter(fold(w) for w in COMPOUND_PARTS))
        if word_counts:
            self.update(word_counts)

    @property
    def counts(self) -> Counter[str]:
        """The vocabulary it splits with (words and their stems, with frequencies)."""
        return self._counts

    @classmethod
    def from_counts(cls, counts: Counter[str]) -> Decompounder:
        """A decompounder with exactly this vocabulary (as :attr:`counts` gave it)."""
        decompounder = cls.__new__(cls)
        decompounder._counts = counts
        decompounder._cache = {}
        return decompounder

    def update(self, word_counts: Iterable[str] | Counter[str]) -> None:
        counts = word_counts if isinstance(word_counts, Counter) else Counter(word_counts)
        for word, n in counts.items():
            if len(word) >= _MIN_PART and not word[:1].isdigit():
                self._counts[word] += n
                self._counts[stem(word)] += n
        self._cache.clear()

    def _known(self, part: str) -> int:
        if len(part) < _MIN_PART:
            return 0
        return self._counts.get(part, 0) or self._counts.get(stem(part), 0)

    def _head(self, head: str) -> tuple[str, int]:
        """The head as a known word: as written, without a linking element, or by its stem."""
        for link in ("", *_LINKING):
            if link and not head.endswith(link):
                continue
            base = head[: -len(link)] if link else head
            if len(base) >= _MIN_PART and self._counts.get(base):
                return base, self._counts[base]
        return head, self._known(head)

    def split(self, word: str) -> tuple[str, ...]:
        """Parts of ``word`` (folded, lower case) or ``(word,)`` when no good split exists."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        result = self._split(word, depth=0) or (word,)
        self._cache[word] = result
        return result

    def all_parts(self, word: str) -> list[str]:
        """Parts at every level: „kindertagesstättenplätze“ → kindertagesstätte, plätze, kinder, tages,
        stätte; so a compound and its parts' own compounds meet on the same terms."""
        parts = self.split(word)
        if len(parts) == 1:
            return []
        found: list[str] = []
        for part in parts:
            found.append(part)
            if len(part) >= _MIN_COMPOUND:
                found.extend(self.all_parts(part))
        return found

    def _split(self, word: str, depth: int) -> tuple[str, ...] | None:
        if len(word) < _MIN_COMPOUND or depth > 3:
            return None
        best: tuple[tuple[int, float], tuple[str, ...]] | None = None
        for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
            head, tail = word[:cut], word[cut:]
            head, head_score = self._head(head)
            if not head_score:
                continue
            tail_score = self._known(tail)
            tail_parts: tuple[str, ...] = (tail,)
            if not tail_score:
                deeper = self._split(tail, depth + 1)
                if not deeper:
                    continue
                tail_parts = deeper
                tail_score = min(self._known(p) or 1 for p in deeper)
            parts = (head, *tail_parts)
            # fewer parts first, then the geometric mean of part frequencies (Koehn & Knight)
            score = (-len(parts), (head_score * tail_score) ** (1 / len(parts)))
            if best is None or score > best[0]:
                best = (score, parts)
        return best[1] if best else None


def analyse_term(term: str, decompounder: Decompounder | None) -> tuple[str, list[str]]:
    """A base term's index term (its stem; numbers as they are) and the stems of its compound parts."""
    if term[:1].isdigit():
        return term, []
    if decompounder is None or len(term) < _MIN_COMPOUND:
        return stem(term), []
    return stem(term), [stem(p) for p in decompounder.all_parts(term) if p not in STOP_WORDS]


def analyse(terms: Iterable[str], decompounder: Decompounder | None) -> list[str]:
    """Stemmed index terms: each word's stem plus the stems of its compound parts."""
    result: list[str] = []
    for term in terms:
        whole, parts = analyse_term(term, decompounder)
        result.append(whole)
        result.extend(parts)
    return result
