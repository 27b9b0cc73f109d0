-- Migration 8: each side of a role conflict ("former U.S. President"
-- against "U.S. President") with its independent reporting chains, as a
-- fact's sources: the chain's name, why its documents count once, and the
-- documents (JSON arrays). Findings stored before this version have none
-- until the next ingest or rebuild recomputes them.
CREATE TABLE role_conflict_chains (
    story_id       TEXT    NOT NULL,
    conflict       INTEGER NOT NULL,
    side           INTEGER NOT NULL,
    idx            INTEGER NOT NULL,
    chain          TEXT    NOT NULL,
    merged_because TEXT    NOT NULL,
    documents      TEXT    NOT NULL,
    PRIMARY KEY (story_id, conflict, side, idx),
    FOREIGN KEY (story_id, conflict, side)
        REFERENCES role_conflict_sides (story_id, conflict, idx) ON DELETE CASCADE
) WITHOUT ROWID;
