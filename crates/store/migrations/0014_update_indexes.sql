-- Migration 14: indexes for small updates.
--
-- The link-key index covers what a link update reads of a stored entity (its
-- name and aliases beside its key), so that reading the thousands of stored
-- entities of a popular name ("United States") is one range of the index,
-- not a lookup of the table row for each.
DROP INDEX doc_entities_link_key;
CREATE INDEX doc_entities_link_key ON doc_entities (link_key, kind, document_id, idx, name, aliases);

-- The keys of the persons that share a last word, likewise from the index
-- alone.
DROP INDEX doc_entities_link_last;
CREATE INDEX doc_entities_link_last ON doc_entities (link_last, kind, link_key)
    WHERE link_last IS NOT NULL;

-- The documents whose analysis is missing or older than the program's (what
-- each ingest looks for first), found without reading every document row.
CREATE INDEX documents_analysis_version ON documents (analysis_version);
