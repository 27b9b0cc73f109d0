-- Migration 7: each independent source of a fact is named as a reporting
-- chain: the upstream report its documents rest on, else their outlet,
-- else the first document's id. Findings stored before this version have
-- an empty name until the next ingest or rebuild recomputes them.
ALTER TABLE story_claim_sources ADD COLUMN chain TEXT NOT NULL DEFAULT '';
