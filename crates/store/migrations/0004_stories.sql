-- Migration 4: the result of the cluster stage (crosscheck_cluster): stories
-- with their episodes, and copies. A pure function of all stored documents,
-- replaced as a whole after every ingest (`Store::recluster`), never updated
-- incrementally. Dates are `YYYY-MM-DD`; `position` columns keep the stage's
-- order (stories by start date, documents in publication order).

-- `id` is `s-` followed by the id of the story's earliest document (its
-- first member).
CREATE TABLE stories (
    id         TEXT    NOT NULL PRIMARY KEY,
    position   INTEGER NOT NULL UNIQUE,
    title      TEXT    NOT NULL,
    start_date TEXT,
    end_date   TEXT
) WITHOUT ROWID;

-- A document belongs to at most one story.
CREATE TABLE story_documents (
    document_id TEXT    NOT NULL PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    story_id    TEXT    NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    UNIQUE (story_id, position)
) WITHOUT ROWID;

-- A distinct dated development of a story; `idx` counts from 0 in date order.
CREATE TABLE episodes (
    story_id   TEXT    NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    title      TEXT    NOT NULL,
    start_date TEXT,
    end_date   TEXT,
    PRIMARY KEY (story_id, idx)
) WITHOUT ROWID;

-- A document belongs to one episode of its story.
CREATE TABLE episode_documents (
    document_id TEXT    NOT NULL PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    story_id    TEXT    NOT NULL,
    episode_idx INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    UNIQUE (story_id, episode_idx, position),
    FOREIGN KEY (story_id, episode_idx)
        REFERENCES episodes (story_id, idx) ON DELETE CASCADE
) WITHOUT ROWID;

-- A near-verbatim copy of an earlier document (syndicated wire copy, a
-- re-post) and the estimated share of word shingles the two have in common.
CREATE TABLE copies (
    document_id TEXT NOT NULL PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    original_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    similarity  REAL NOT NULL
) WITHOUT ROWID;

CREATE INDEX copies_original ON copies (original_id);
