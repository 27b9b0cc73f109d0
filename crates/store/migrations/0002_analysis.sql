-- Migration 2: the per-document analysis of the nlp stage (entities with
-- their mentions, quotes and attributions) and the store-wide links between
-- documents (linked entities, quote variants).
--
-- A document's analysis rows are written in the same transaction as the
-- document (or, for documents stored before they could be analysed, in one
-- transaction per batch that also sets `documents.analysis_version`), so a
-- document is never stored half-analysed. All spans are byte offsets into
-- `documents.text`; indices (`idx`, `entity_idx`, `speaker_idx`, `nested_in`,
-- `continues`)
-- are positions in crosscheck_model::DocAnalysis.

-- The analysis version (crosscheck_cli::pipeline::ANALYSIS_VERSION) that
-- produced the document's analysis rows; NULL = not analysed yet. Documents
-- with NULL or an older version are analysed again by the next ingest.
ALTER TABLE documents ADD COLUMN analysis_version INTEGER;

CREATE TABLE doc_entities (
    document_id TEXT    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    -- person | organization | place | other
    kind        TEXT    NOT NULL,
    -- female | male | NULL
    gender      TEXT,
    -- JSON: array of strings
    aliases     TEXT    NOT NULL,
    -- JSON: array of strings
    roles       TEXT    NOT NULL,
    PRIMARY KEY (document_id, idx)
) WITHOUT ROWID;

CREATE TABLE entity_mentions (
    document_id TEXT    NOT NULL,
    entity_idx  INTEGER NOT NULL,
    ord         INTEGER NOT NULL,
    start_byte  INTEGER NOT NULL,
    end_byte    INTEGER NOT NULL,
    -- name | pronoun | description
    kind        TEXT    NOT NULL,
    PRIMARY KEY (document_id, entity_idx, ord),
    FOREIGN KEY (document_id, entity_idx)
        REFERENCES doc_entities (document_id, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE quotes (
    document_id   TEXT    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    -- direct | partial | indirect
    kind          TEXT    NOT NULL,
    content_start INTEGER NOT NULL,
    content_end   INTEGER NOT NULL,
    source_start  INTEGER,
    source_end    INTEGER,
    cue_start     INTEGER,
    cue_end       INTEGER,
    -- doc_entities.idx of the speaker in the same document
    speaker_idx   INTEGER,
    speaker_note  TEXT,
    -- quotes.idx of the containing quote in the same document
    nested_in     INTEGER,
    -- quotes.idx of the quote this one continues (the same statement,
    -- interrupted by its attribution or carried into the next paragraph)
    continues     INTEGER,
    PRIMARY KEY (document_id, idx),
    -- Deferred: checked at commit, so the rows of one analysis can be
    -- written and deleted in any order.
    FOREIGN KEY (document_id, speaker_idx)
        REFERENCES doc_entities (document_id, idx) DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (document_id, nested_in)
        REFERENCES quotes (document_id, idx) DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (document_id, continues)
        REFERENCES quotes (document_id, idx) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;

-- Store-wide entities: replaced as a whole after every ingest (a pure
-- function of all stored analyses).
CREATE TABLE linked_entities (
    id      TEXT NOT NULL PRIMARY KEY,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    -- JSON: array of strings
    aliases TEXT NOT NULL
) WITHOUT ROWID;

-- Which document entities a linked entity groups; a document entity belongs
-- to at most one linked entity.
CREATE TABLE linked_entity_members (
    entity_id   TEXT    NOT NULL REFERENCES linked_entities (id) ON DELETE CASCADE,
    document_id TEXT    NOT NULL,
    entity_idx  INTEGER NOT NULL,
    PRIMARY KEY (document_id, entity_idx),
    FOREIGN KEY (document_id, entity_idx)
        REFERENCES doc_entities (document_id, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX linked_entity_members_entity ON linked_entity_members (entity_id);

-- A quote that repeats a statement first given by another quote.
CREATE TABLE quote_variants (
    document_id         TEXT    NOT NULL,
    quote_idx           INTEGER NOT NULL,
    variant_of_document TEXT    NOT NULL,
    variant_of_quote    INTEGER NOT NULL,
    PRIMARY KEY (document_id, quote_idx),
    FOREIGN KEY (document_id, quote_idx)
        REFERENCES quotes (document_id, idx) ON DELETE CASCADE,
    FOREIGN KEY (variant_of_document, variant_of_quote)
        REFERENCES quotes (document_id, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX quote_variants_of ON quote_variants (variant_of_document, variant_of_quote);
