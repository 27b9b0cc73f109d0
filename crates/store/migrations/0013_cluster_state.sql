-- Migration 13: what the cluster stage keeps between ingests, so that new
-- documents are placed into the stories found before without reading every
-- stored document again (`Store::rederive`; the engine's `cluster_update`).
-- Written whole by a full clustering (the first ingest, `crosscheck
-- rebuild`), then grown by each update. Empty tables (a store migrated from
-- schema 12, or a clustering written by `replace_clustering`) mean the next
-- ingest clusters everything.

-- 'version' (of the cluster stage that wrote the state) and 'documents'
-- (documents counted in the term frequencies).
CREATE TABLE cluster_meta (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The vocabulary: each term's id in the stored vectors and its document
-- frequency.
CREATE TABLE cluster_terms (
    id   INTEGER PRIMARY KEY,
    term TEXT    NOT NULL UNIQUE,
    df   INTEGER NOT NULL
);

-- Each clustered document's state: `vector` is its term vector as
-- little-endian (u32 id, f32 weight) pairs, `signature` its MinHash
-- signature (64 little-endian u32, NULL for a short text), `day` its day
-- number (days since 1970-01-01), `date` the same as `YYYY-MM-DD`.
CREATE TABLE cluster_documents (
    n           INTEGER PRIMARY KEY,
    document_id TEXT    NOT NULL UNIQUE REFERENCES documents (id) ON DELETE CASCADE,
    date        TEXT,
    day         INTEGER,
    title       TEXT    NOT NULL,
    headline    INTEGER NOT NULL,
    lead        TEXT    NOT NULL,
    vector      BLOB    NOT NULL,
    signature   BLOB
);

-- The LSH band keys of each signature, to find a new document's copies.
CREATE TABLE copy_bands (
    key INTEGER NOT NULL,
    n   INTEGER NOT NULL REFERENCES cluster_documents (n) ON DELETE CASCADE,
    PRIMARY KEY (key, n)
) WITHOUT ROWID;

CREATE INDEX copy_bands_n ON copy_bands (n);

-- Each story's running term sum (as `cluster_documents.vector`) and the days
-- of its first and last dated documents.
CREATE TABLE story_centroids (
    story_id  TEXT    NOT NULL PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    sum       BLOB    NOT NULL,
    first_day INTEGER,
    last_day  INTEGER
) WITHOUT ROWID;

-- The heaviest terms of each story's centroid: a new document is compared
-- with the most recent stories that weigh one of its own heaviest terms.
CREATE TABLE story_terms (
    term     INTEGER NOT NULL,
    story_id TEXT    NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    last_day INTEGER,
    PRIMARY KEY (term, story_id)
) WITHOUT ROWID;

CREATE INDEX story_terms_recent ON story_terms (term, last_day);
CREATE INDEX story_terms_story ON story_terms (story_id);

-- Each document entity's link key (`crosscheck_model::names::link_key` of
-- its name) and, for a person named by several words, the last of them: an
-- update links its new entities by reading only the stored entities that
-- share a key, or a surname with a full name (`Store::rederive`, the
-- engine's `link_update`). NULL for the rows stored before this migration,
-- until the next full linking fills them in.
ALTER TABLE doc_entities ADD COLUMN link_key TEXT;
ALTER TABLE doc_entities ADD COLUMN link_last TEXT;
CREATE INDEX doc_entities_link_key ON doc_entities (link_key, kind);
CREATE INDEX doc_entities_link_last ON doc_entities (link_last) WHERE link_last IS NOT NULL;
