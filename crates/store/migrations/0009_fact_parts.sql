-- Migration 9: the checkable parts of a fact whose documents state only
-- some of it ("the designation" / "has led to more patrols"): each part's
-- byte span in the document of the fact's representative claim, whether it
-- is the main part (the one holding the claim's main verb, whose support
-- the fact's status is), the documents stating it (a JSON array, earliest
-- first) and, in `story_claim_part_chains`, its independent reporting
-- chains. Findings stored before this version have none until the next
-- ingest or rebuild recomputes them.
CREATE TABLE story_claim_parts (
    story_id   TEXT    NOT NULL,
    claim      INTEGER NOT NULL,
    idx        INTEGER NOT NULL,
    start_byte INTEGER NOT NULL,
    end_byte   INTEGER NOT NULL,
    main       INTEGER NOT NULL,
    documents  TEXT    NOT NULL,
    PRIMARY KEY (story_id, claim, idx),
    FOREIGN KEY (story_id, claim)
        REFERENCES story_claims (story_id, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE story_claim_part_chains (
    story_id       TEXT    NOT NULL,
    claim          INTEGER NOT NULL,
    part           INTEGER NOT NULL,
    idx            INTEGER NOT NULL,
    chain          TEXT    NOT NULL,
    merged_because TEXT    NOT NULL,
    documents      TEXT    NOT NULL,
    PRIMARY KEY (story_id, claim, part, idx),
    FOREIGN KEY (story_id, claim, part)
        REFERENCES story_claim_parts (story_id, claim, idx) ON DELETE CASCADE
) WITHOUT ROWID;
