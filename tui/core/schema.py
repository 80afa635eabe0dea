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
    # 2: revisions for conditional writes, tombstones, the outcome of re-anchoring
    # (status, original_text), where an annotation came from, article metadata,
    # per-annotator preferences
    (
        "ALTER TABLE annotations ADD COLUMN status TEXT NOT NULL DEFAULT 'anchored'"
        " CHECK (status IN ('anchored', 'changed', 'orphaned'))",
        "UPDATE annotations SET status = 'orphaned' WHERE orphaned = 1",
        "ALTER TABLE annotations DROP COLUMN orphaned",
        "ALTER TABLE annotations ADD COLUMN original_text TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE annotations ADD COLUMN origin TEXT NOT NULL DEFAULT 'manual'",
        "ALTER TABLE annotations ADD COLUMN revision INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE annotations ADD COLUMN updated_by TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE annotations ADD COLUMN deleted_at TEXT",
        "ALTER TABLE annotations ADD COLUMN deleted_by TEXT NOT NULL DEFAULT ''",
        "UPDATE annotations SET updated_by = annotator",
        "ALTER TABLE links ADD COLUMN updated_at TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE links ADD COLUMN updated_by TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE links ADD COLUMN revision INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE links ADD COLUMN deleted_at TEXT",
        "ALTER TABLE links ADD COLUMN deleted_by TEXT NOT NULL DEFAULT ''",
        "UPDATE links SET updated_at = created_at",
        "ALTER TABLE articles ADD COLUMN url TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE articles ADD COLUMN site TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE articles ADD COLUMN author TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE articles ADD COLUMN published TEXT NOT NULL DEFAULT ''",
        """CREATE TABLE preferences (
            annotator TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (annotator, key)
        )""",
    ),
    # 3: suggestions an analyst dismissed, so that they are not suggested again; keyed
    # by what they say (kind, article, quote, other side), not by offsets that move
    (
        """CREATE TABLE dismissed (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            other_article_id TEXT NOT NULL DEFAULT '',
            other_start INTEGER NOT NULL DEFAULT 0,
            other_end INTEGER NOT NULL DEFAULT 0,
            other_text TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT '',
            revision INTEGER NOT NULL DEFAULT 1,
            deleted_at TEXT,
            deleted_by TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX dismissed_article ON dismissed(article_id)",
    ),
    # 4: the copies a merge of two databases did not keep (an annotation or link edited
    # in both): ``data`` is the losing copy as JSON, every column
    (
        """CREATE TABLE conflicts (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('annotation', 'link')),
            row_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0,
            data TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            winner_revision INTEGER NOT NULL,
            winner_updated_at TEXT NOT NULL,
            detected_at TEXT NOT NULL,
            resolved_at TEXT,
            resolved_by TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE UNIQUE INDEX conflicts_copy"
        " ON conflicts(kind, row_id, revision, updated_at, updated_by, deleted)",
    ),
    # 5: each time a text became an article's current text (a text may come back:
    # ``article_versions`` holds each text once). Existing articles get their past from
    # ``article_versions``: a text was current from the previous replacement on.
    (
        """CREATE TABLE article_history (
            article_id TEXT NOT NULL
                REFERENCES articles(id) ON DELETE CASCADE ON UPDATE CASCADE,
            sha256 TEXT NOT NULL,
            current_from TEXT NOT NULL,
            path TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX article_history_article ON article_history(article_id, current_from)",
        """INSERT INTO article_history (article_id, sha256, current_from)
            SELECT v.article_id, v.sha256, coalesce(
                (SELECT max(w.replaced_at) FROM article_versions w
                 WHERE w.article_id = v.article_id AND w.replaced_at < v.replaced_at),
                (SELECT a.imported_at FROM articles a WHERE a.id = v.article_id))
            FROM article_versions v ORDER BY v.replaced_at""",
        """INSERT INTO article_history (article_id, sha256, current_from, path)
            SELECT a.id, a.sha256, coalesce(
                (SELECT max(v.replaced_at) FROM article_versions v WHERE v.article_id = a.id),
                a.imported_at), a.path
            FROM articles a""",
    ),
    # 6: who chose an article's title ('' when it was guessed at import): a re-import of a
    # changed text re-guesses a guessed title but keeps one a person chose
    ("ALTER TABLE articles ADD COLUMN title_by TEXT NOT NULL DEFAULT ''",),
)

SCHEMA_VERSION = len(MIGRATIONS)
