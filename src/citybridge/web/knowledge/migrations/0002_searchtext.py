"""The knowledge hub's full-text index: a table of folded texts, and the database's own index on it
(SQLite: an FTS5 table with the trigram tokenizer, kept in step by triggers; PostgreSQL: the
'simple' text-search configuration and, where pg_trgm can be had, a trigram index)."""

from django.db import DatabaseError, migrations, models, transaction

FTS = "knowledge_searchtext_fts"
SQLITE = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(text, content='knowledge_searchtext', content_rowid='id', "
    "tokenize='trigram')",
    f"CREATE TRIGGER {FTS}_ai AFTER INSERT ON knowledge_searchtext BEGIN "
    f"INSERT INTO {FTS}(rowid, text) VALUES (new.id, new.text); END",
    f"CREATE TRIGGER {FTS}_ad AFTER DELETE ON knowledge_searchtext BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, text) VALUES ('delete', old.id, old.text); END",
    f"CREATE TRIGGER {FTS}_au AFTER UPDATE ON knowledge_searchtext BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, text) VALUES ('delete', old.id, old.text); "
    f"INSERT INTO {FTS}(rowid, text) VALUES (new.id, new.text); END",
]
POSTGRES = [
    "CREATE INDEX knowledge_searchtext_tsv ON knowledge_searchtext USING gin (to_tsvector('simple', text))",
]
POSTGRES_TRIGRAM = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX knowledge_searchtext_trgm ON knowledge_searchtext USING gin (text gin_trgm_ops)",
]


def database_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement)
    elif connection.vendor == "postgresql":
        for statement in POSTGRES:
            schema_editor.execute(statement)
        try:  # pg_trgm needs the right to create an extension; without it, LIKE scans the table
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                for statement in POSTGRES_TRIGRAM:
                    cursor.execute(statement)
        except DatabaseError:  # the index is a speed-up: the search works without it
            pass


def fill(apps, schema_editor):
    from citybridge.web.knowledge.fulltext import reindex

    reindex(apps)  # the models as they are at this migration


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
        ("trainings", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchText",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=20)),
                ("object_id", models.PositiveBigIntegerField()),
                ("text", models.TextField()),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id"), name="unique_search_text")
                ],
            },
        ),
        migrations.RunPython(database_index, migrations.RunPython.noop),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
