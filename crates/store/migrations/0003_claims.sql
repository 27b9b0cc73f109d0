-- Migration 3: the claims of each document (crosscheck_model::DocClaim),
-- part of its analysis: written, replaced and deleted with its entities and
-- quotes, in the same transaction. Spans are byte offsets into
-- `documents.text`; `idx` is the claim's position in DocAnalysis.claims, and
-- the entity and quote indices are positions in the same document's
-- `doc_entities` and `quotes`.

CREATE TABLE claims (
    document_id        TEXT    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx                INTEGER NOT NULL,
    start_byte         INTEGER NOT NULL,
    end_byte           INTEGER NOT NULL,
    -- JSON: array of doc_entities.idx, the claim's subjects in text order
    subjects           TEXT    NOT NULL,
    -- the lemma of the main verb
    predicate          TEXT,
    object_start       INTEGER,
    object_end         INTEGER,
    -- JSON: array of crosscheck_model::Amount
    amounts            TEXT    NOT NULL,
    -- JSON: crosscheck_model::TimeExpr, or NULL
    time               TEXT,
    -- named | unnamed | outlet
    attribution_kind   TEXT    NOT NULL,
    -- doc_entities.idx of a named source
    attribution_entity INTEGER,
    -- the words that give the source
    attribution_text   TEXT,
    -- quotes.idx of the quote or attribution the claim was found in
    attribution_quote  INTEGER,
    -- JSON: array of hedge words
    hedges             TEXT    NOT NULL,
    -- in [0, 1]; 0.5 or more is check-worthy
    checkworthiness    REAL    NOT NULL,
    -- normalised form for matching the same fact across documents
    key                TEXT    NOT NULL,
    PRIMARY KEY (document_id, idx),
    -- Deferred, like the references of quotes: checked at commit.
    FOREIGN KEY (document_id, attribution_entity)
        REFERENCES doc_entities (document_id, idx) DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (document_id, attribution_quote)
        REFERENCES quotes (document_id, idx) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;

-- The same fact across documents (corroboration), and check-worthy claims
-- across the store.
CREATE INDEX claims_key ON claims (key);
CREATE INDEX claims_checkworthiness ON claims (checkworthiness);
