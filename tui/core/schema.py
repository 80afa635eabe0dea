"""The database schema as numbered migrations; ``PRAGMA user_version`` says which ran."""

from __future__ import annotations

DEFAULT_LABELS = (("claim", "c"), ("quote", "q"), ("inconsistency", "i"))

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: articles, labels, annotations, links
    (
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            path TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            blocks TEXT NOT NULL DEFAULT '[]',
            styles TEXT NOT NULL DEFAULT '[]',
            imported_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE UNIQUE INDEX articles_sha256 ON articles(sha256)",
        "CREATE INDEX articles_path ON articles(path)",
        """CREATE TABLE article_versions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sha256 TEXT NOT NULL,
            text TEXT NOT NULL,
            replaced_at TEXT NOT NULL,
            PRIMARY KEY (article_id, sha256)
        )""",
        """CREATE TABLE labels (
            name TEXT PRIMARY KEY,
            key TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE annotations (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL REFERENCES labels(name),
            text TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            annotator TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            orphaned INTEGER NOT NULL DEFAULT 0,
            CHECK (start >= 0 AND "end" > start)
        )""",
        "CREATE INDEX annotations_article ON annotations(article_id, start)",
        "CREATE INDEX annotations_label ON annotations(label)",
        """CREATE TABLE links (
            id TEXT PRIMARY KEY,
            from_annotation TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            to_annotation TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            kind TEXT NOT NULL DEFAULT 'contradicts',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK (from_annotation <> to_annotation)
        )""",
        "CREATE INDEX links_from ON links(from_annotation)",
        "CREATE INDEX links_to ON links(to_annotation)",
        *(
            f"INSERT INTO labels(name, key, position) VALUES ('{name}', '{key}', {position})"
            for position, (name, key) in enumerate(DEFAULT_LABELS)
        ),
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
