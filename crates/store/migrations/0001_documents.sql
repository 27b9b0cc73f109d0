-- Migration 1: documents and the rows that belong to them.
--
-- A document and all of its child rows are written in one transaction.
-- `id` is a prefix of `sha256` (crosscheck_model::document_id); both are unique.

CREATE TABLE documents (
    id                           TEXT    NOT NULL PRIMARY KEY,
    sha256                       TEXT    NOT NULL UNIQUE,
    source                       TEXT    NOT NULL,
    format                       TEXT    NOT NULL,
    url                          TEXT,
    outlet                       TEXT,
    title                        TEXT,
    author                       TEXT,
    published                    TEXT,
    language                     TEXT,
    text                         TEXT    NOT NULL,
    confidence                   REAL    NOT NULL,
    words                        INTEGER NOT NULL,
    removed_boilerplate_lines    INTEGER NOT NULL,
    removed_duplicate_paragraphs INTEGER NOT NULL,
    -- JSON: crosscheck_model::DateEvidence
    date_evidence                TEXT    NOT NULL,
    -- JSON: array of strings
    warnings                     TEXT    NOT NULL,
    -- JSON: array of crosscheck_model::RemovedLine
    removed_lines                TEXT    NOT NULL,
    -- Unix seconds; informational only, never exported.
    ingested_at                  INTEGER NOT NULL
);

CREATE INDEX documents_published ON documents (published, id);
CREATE INDEX documents_outlet ON documents (outlet);

-- The upstream sources a document's text names, in text order.
CREATE TABLE upstream_sources (
    document_id TEXT    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    cue         TEXT    NOT NULL,
    start_byte  INTEGER NOT NULL,
    end_byte    INTEGER NOT NULL,
    PRIMARY KEY (document_id, ord)
) WITHOUT ROWID;

CREATE INDEX upstream_sources_name ON upstream_sources (name);

-- Fingerprints (u64 bit-cast to i64) of the lines of page-text documents,
-- grouped by outlet key. The primary key is the (outlet_key, fingerprint)
-- index that line-recurrence queries use.
CREATE TABLE page_lines (
    outlet_key  TEXT    NOT NULL,
    fingerprint INTEGER NOT NULL,
    document_id TEXT    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (outlet_key, fingerprint, document_id)
) WITHOUT ROWID;

CREATE INDEX page_lines_document ON page_lines (document_id);
