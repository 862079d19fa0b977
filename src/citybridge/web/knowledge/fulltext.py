"""The knowledge hub's full-text search, one function over the database's own index.

Every lecture, speaker and practice has one row of folded text (``SearchText``: its words
case-folded, ё as е, one apostrophe, and its Cyrillic also read as Uzbek Latin, plus the names of
its sectors in every language), kept current on save and delete. :func:`find_ids` asks the
database: SQLite through an FTS5 table with the trigram tokenizer (any script, Chinese included,
and parts of words), PostgreSQL through the 'simple' text-search configuration and a trigram
index; a word shorter than three letters (a two-character Chinese word) is looked up with LIKE.
Every word of the query must occur, in either of its readings.
"""

from __future__ import annotations

from django.db import connection

from citybridge import sectors
from citybridge.web.knowledge.search import fold, latin, terms

KINDS = ("lecture", "speaker", "practice")
FTS = "knowledge_searchtext_fts"  # migration 0002


def indexed(kind: str, item) -> str:
    """The folded text the index keeps for ``item`` (a Lecture, Speaker or Practice, or the
    migration's historical model of one)."""
    if kind == "lecture":
        texts = [item.title, item.summary, *_sector_names(item.topics)]
    elif kind == "speaker":
        texts = [item.name, item.affiliation, item.bio]
    else:
        texts = [item.title, *(item.key_points or ()), item.place, *_sector_names(item.sectors)]
    joined = "\n".join(text for text in texts if text)
    return f"{fold(joined)}\n{latin(joined)}"


def _sector_names(slugs) -> list[str]:
    """A sector's name in every language the vocabulary has: "туризм" finds a tourism practice."""
    found = []
    for slug in slugs or ():
        if sectors.is_sector(slug):
            sector = sectors.sector(slug)
            found += [sector.label(language) for language in ("en", "ru", "uz-Latn", "uz-Cyrl", "zh")]
    return found


def find_ids(query: str) -> dict[str, set[int]] | None:
    """The ids of each kind whose text holds every word of ``query``; None for an empty query
    (everything matches)."""
    words = terms(query)
    if not words:
        return None
    conditions, params = [], []
    for word in words:
        readings = list(dict.fromkeys((fold(word), latin(word))))
        parts = [_condition(reading, params) for reading in readings]
        conditions.append("(" + " OR ".join(parts) + ")")
    sql = f"SELECT kind, object_id FROM knowledge_searchtext WHERE {' AND '.join(conditions)}"
    found: dict[str, set[int]] = {kind: set() for kind in KINDS}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, object_id in cursor.fetchall():
            found.setdefault(kind, set()).add(object_id)
    return found


def _condition(reading: str, params: list) -> str:
    like = "%" + reading.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if connection.vendor == "sqlite" and len(reading) >= 3:
        params.append('"' + reading.replace('"', '""') + '"')
        return f"id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)"
    if connection.vendor == "postgresql":
        params += [reading, like]
        return "(to_tsvector('simple', text) @@ plainto_tsquery('simple', %s) OR text LIKE %s ESCAPE '\\')"
    params.append(like)
    return "text LIKE %s ESCAPE '\\'"


def refresh(kind: str, item) -> None:
    """Index ``item`` again (after a save)."""
    from citybridge.web.knowledge.models import SearchText

    SearchText.objects.update_or_create(kind=kind, object_id=item.pk, defaults={"text": indexed(kind, item)})


def forget(kind: str, pk: int) -> None:
    from citybridge.web.knowledge.models import SearchText

    SearchText.objects.filter(kind=kind, object_id=pk).delete()


def reindex(apps=None) -> int:
    """Index every lecture, speaker and practice again; ``apps``: a migration's models."""
    get = apps.get_model if apps else _model
    search_text = get("knowledge", "SearchText")
    sources = {"lecture": get("trainings", "Lecture"), "speaker": get("trainings", "Speaker"),
               "practice": get("knowledge", "Practice")}  # fmt: skip
    search_text.objects.all().delete()
    rows = [
        search_text(kind=kind, object_id=item.pk, text=indexed(kind, item))
        for kind, model in sources.items()
        for item in model.objects.all()
    ]
    search_text.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _model(app_label: str, name: str):
    from django.apps import apps

    return apps.get_model(app_label, name)
