-- Migration 5: the result of the corroboration stage (crosscheck_corroborate),
-- story by story: the facts its documents state (aligned claims) with their
-- supporting documents, independent sources and status, the contradictions
-- between them, and people given conflicting titles. A pure function of each
-- story's documents, replaced as a whole after every ingest
-- (`Store::recorroborate`), never updated incrementally. Replacing the
-- stories deletes it (the rows cascade from `stories`). `idx` and `position`
-- columns keep the stage's order, from 0.

-- One fact as a story's documents state it. The representative claim is its
-- first member (the earliest document's).
CREATE TABLE story_claims (
    story_id     TEXT    NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    -- corroborated | single_source | contested
    status       TEXT    NOT NULL,
    -- 1 when no member claim names a source (the outlets' own voice)
    unattributed INTEGER NOT NULL,
    document_id  TEXT    NOT NULL,
    claim_idx    INTEGER NOT NULL,
    -- JSON: array of the distinct known outlets of its documents
    outlets      TEXT    NOT NULL,
    PRIMARY KEY (story_id, idx),
    FOREIGN KEY (document_id, claim_idx)
        REFERENCES claims (document_id, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX story_claims_claim ON story_claims (document_id, claim_idx);

-- The claims that state the fact, earliest document first.
CREATE TABLE story_claim_members (
    story_id    TEXT    NOT NULL,
    claim       INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    document_id TEXT    NOT NULL,
    claim_idx   INTEGER NOT NULL,
    PRIMARY KEY (story_id, claim, position),
    FOREIGN KEY (story_id, claim)
        REFERENCES story_claims (story_id, idx) ON DELETE CASCADE,
    FOREIGN KEY (document_id, claim_idx)
        REFERENCES claims (document_id, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX story_claim_members_claim ON story_claim_members (document_id, claim_idx);

-- The supporting documents, earliest first.
CREATE TABLE story_claim_documents (
    story_id    TEXT    NOT NULL,
    claim       INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    document_id TEXT    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, claim, position),
    FOREIGN KEY (story_id, claim)
        REFERENCES story_claims (story_id, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX story_claim_documents_document ON story_claim_documents (document_id);

-- Independent sources: documents that count once (a copy and its original,
-- one outlet's documents, documents citing one upstream source).
CREATE TABLE story_claim_sources (
    story_id       TEXT    NOT NULL,
    claim          INTEGER NOT NULL,
    idx            INTEGER NOT NULL,
    -- JSON: array of the reasons its documents were merged
    merged_because TEXT    NOT NULL,
    PRIMARY KEY (story_id, claim, idx),
    FOREIGN KEY (story_id, claim)
        REFERENCES story_claims (story_id, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE story_claim_source_documents (
    story_id    TEXT    NOT NULL,
    claim       INTEGER NOT NULL,
    source      INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    document_id TEXT    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, claim, source, position),
    FOREIGN KEY (story_id, claim, source)
        REFERENCES story_claim_sources (story_id, claim, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX story_claim_source_documents_document
    ON story_claim_source_documents (document_id);

-- Claims of the story that state the fact otherwise, and what differs.
CREATE TABLE story_claim_contradictions (
    story_id TEXT    NOT NULL,
    claim    INTEGER NOT NULL,
    idx      INTEGER NOT NULL,
    reason   TEXT    NOT NULL,
    PRIMARY KEY (story_id, claim, idx),
    FOREIGN KEY (story_id, claim)
        REFERENCES story_claims (story_id, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE story_contradiction_claims (
    story_id      TEXT    NOT NULL,
    claim         INTEGER NOT NULL,
    contradiction INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    document_id   TEXT    NOT NULL,
    claim_idx     INTEGER NOT NULL,
    PRIMARY KEY (story_id, claim, contradiction, position),
    FOREIGN KEY (story_id, claim, contradiction)
        REFERENCES story_claim_contradictions (story_id, claim, idx) ON DELETE CASCADE,
    FOREIGN KEY (document_id, claim_idx)
        REFERENCES claims (document_id, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX story_contradiction_claims_claim
    ON story_contradiction_claims (document_id, claim_idx);

-- A person given conflicting titles by the story's documents.
CREATE TABLE role_conflicts (
    story_id TEXT    NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    entity   TEXT    NOT NULL,
    PRIMARY KEY (story_id, idx)
) WITHOUT ROWID;

CREATE TABLE role_conflict_sides (
    story_id TEXT    NOT NULL,
    conflict INTEGER NOT NULL,
    idx      INTEGER NOT NULL,
    title    TEXT    NOT NULL,
    PRIMARY KEY (story_id, conflict, idx),
    FOREIGN KEY (story_id, conflict)
        REFERENCES role_conflicts (story_id, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE role_conflict_documents (
    story_id    TEXT    NOT NULL,
    conflict    INTEGER NOT NULL,
    side        INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    document_id TEXT    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, conflict, side, position),
    FOREIGN KEY (story_id, conflict, side)
        REFERENCES role_conflict_sides (story_id, conflict, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX role_conflict_documents_document ON role_conflict_documents (document_id);
