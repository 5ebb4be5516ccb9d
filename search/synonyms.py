"""Words readers use for the same thing, per language, for both backends.

Readers in trouble do not type the words a campaign is written in: they type the
acronym ("kdrt", "tppo"), the everyday or regional word ("rudapaksa", "digebuki",
"dibully", "curhat"), what happened ("dipukul suami"), or English. Each line of
``SYNONYMS`` is one group of such words, phrases allowed; a query that contains every
word of one member (in any order and inflection: "suami memukul" contains "dipukul
suami") is widened to the whole group. Stemming (search.text) already merges
inflections ("pelaporan" → "lapor"), so a line lists different words, not forms of
one word. Keep every line a real equivalence a reader would expect.

``RELATED`` is one way only: a kind of violence and the help that answers it, where
the law names that help, so that a reader who types the kind of violence also finds
the units that give it (the pages of those units rarely name the crime).

Elasticsearch applies both in its search analyzers (``elasticsearch_rules``, read by
search.backends.es_documents); the database backend widens the query itself
(``expand``): single words are added to the query's words, phrases are matched as
phrases, so "rumah aman" does not match every page that says "rumah".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from search.text import stems

SYNONYMS = {
    "id": [
        "lapor, melapor, pelaporan, laporan, aduan, pengaduan, mengadu",
        # Sexual violence (UU 12/2022 on sexual violence, "TPKS"), and its everyday words.
        "kekerasan seksual, pelecehan seksual, pemerkosaan, diperkosa, rudapaksa, pencabulan, "
        "dicabuli, tpks, sexual harassment",
        # Domestic violence (UU 23/2004 "PKDRT"), as readers name it or say what happened.
        "kdrt, kekerasan dalam rumah tangga, kekerasan rumah tangga, dipukul suami, "
        "ditampar suami, dipukul istri, kekerasan suami, domestic violence",
        # Physical violence, with everyday and Javanese words for being beaten.
        "kekerasan fisik, dipukul, ditampar, ditendang, dianiaya, penganiayaan, digebuki, "
        "dihajar, ditempeleng, dijambak",
        "penelantaran, ditelantarkan, telantar",
        # Trafficking in persons (UU 21/2007, "TPPO").
        "perdagangan orang, perdagangan manusia, perdagangan anak, tppo, trafficking, "
        "human trafficking",
        "pekerja migran, buruh migran, tki, tkw",
        "perkawinan anak, pernikahan anak, pernikahan dini, nikah dini, kawin anak, child marriage",
        "perundungan, dirundung, perisakan, bullying, bully",
        # Online gender-based violence ("KBGO").
        "kbgo, kekerasan berbasis gender online, kekerasan online, kekerasan siber, "
        "kekerasan digital, revenge porn, sextortion, sekstorsi, foto pribadi disebar, "
        "video pribadi disebar",
        "rumah aman, shelter, tempat berlindung, penampungan, rumah singgah, "
        "tempat tinggal sementara",
        "bantuan hukum, pendampingan hukum, pengacara, advokat, lbh, lembaga bantuan hukum, "
        "konsultasi hukum, legal aid",
        "curhat, curahan hati, bercerita",
        "visum, visum et repertum",
        "rumah sakit, rsud, rs",
        "polisi, kepolisian, polres, polsek, polda, polrestabes",
        "whatsapp, wa",
        "perempuan, wanita",
        "darurat, gawat",
    ],
    "en": [
        "report, complaint, complain",
        "domestic violence, dv, domestic abuse, family violence, intimate partner violence, "
        "husband hits, husband beats, abusive husband, abusive partner, kdrt",
        "sexual violence, sexual assault, sexual abuse, rape, molestation",
        "trafficking, human trafficking, people trafficking, fake job abroad, tppo",
        "migrant worker, migrant workers, overseas worker",
        "child marriage, early marriage, underage marriage, child bride",
        "bullying, cyberbullying",
        "online violence, cyber violence, online abuse, revenge porn, sextortion, kbgo",
        "shelter, safe house, refuge, safe place",
        "counselling, counseling, therapy, therapist",
        "legal aid, legal help, legal advice, lawyer, free lawyer",
        "visum, forensic examination, medical examination",
        "whatsapp, wa",
    ],
}

# A member of a group above → the help that answers it (added to the query, one way).
RELATED = {
    "id": {
        # UU 21/2007 art. 51: victims of trafficking have the right to repatriation
        # ("pemulangan") and social reintegration ("reintegrasi sosial").
        "tppo": ["pemulangan", "reintegrasi sosial"],
        # UU 23/2004 art. 5: neglect in the household is domestic violence.
        "penelantaran": ["kekerasan dalam rumah tangga"],
        # After sexual violence the first help is the medical examination that also
        # gives the evidence (visum et repertum), at a hospital's integrated service.
        "kekerasan seksual": ["visum"],
    },
    "en": {
        "trafficking": ["repatriation", "reintegration"],
        "sexual violence": ["visum"],
    },
}


@dataclass
class Expansion:
    """A query widened by its synonyms: words to match any of, and phrases."""

    words: list[str]
    phrases: list[tuple[str, ...]] = field(default_factory=list)

    def terms(self) -> list[str]:
        """Every stem the expansion can match (phrases as their separate words)."""
        found = list(self.words)
        for phrase in self.phrases:
            found.extend(stem for stem in phrase if stem not in found)
        return found


def _members(line: str) -> list[str]:
    return [member.strip() for member in line.split(",") if member.strip()]


@cache
def _groups(language: str) -> list[tuple[list[tuple[str, ...]], list[tuple[str, ...]]]]:
    """Each group as the stems of its members, and of the related help it adds."""
    related = RELATED.get(language, {})
    groups = []
    for line in SYNONYMS.get(language, []):
        members = _members(line)
        extra = [word for member in members for word in related.get(member, [])]
        groups.append(
            (
                [tuple(stems(member, language)) for member in members],
                [tuple(stems(word, language)) for word in extra],
            )
        )
    return groups


def expand(query_stems: list[str], language: str) -> Expansion:
    """The query's stems plus every member of a group one of whose members it contains,
    and the group's related help."""
    present = set(query_stems)
    expansion = Expansion(list(query_stems))
    for members, related in _groups(language):
        if not any(member and set(member) <= present for member in members):
            continue
        for member in members + related:
            if len(member) == 1 and member[0] not in expansion.words:
                expansion.words.append(member[0])
            elif len(member) > 1 and not set(member) <= present and member not in expansion.phrases:
                expansion.phrases.append(member)
    return expansion


def elasticsearch_rules(language: str) -> list[str]:
    """The groups as Elasticsearch synonym rules: equivalent words, or ``=>`` one way
    where a group has related help."""
    related = RELATED.get(language, {})
    rules = []
    for line in SYNONYMS.get(language, []):
        members = _members(line)
        extra = [word for member in members for word in related.get(member, [])]
        if extra:
            rules.append(f"{', '.join(members)} => {', '.join(members + extra)}")
        else:
            rules.append(", ".join(members))
    return rules
