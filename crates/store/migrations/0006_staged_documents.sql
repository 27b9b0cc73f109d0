-- Migration 6: documents staged by an ingest that has not finished.
--
-- An ingest stores new documents in chunks (so that an interrupted one can
-- be resumed) but recomputes what is derived from them (analyses of an
-- older version, links, stories, findings) in one transaction at its end.
-- Until that transaction commits, its new documents are `staged`: stored,
-- but not shown to readers, who therefore always see a complete state (the
-- one before the ingest, or the one after). Documents of earlier schemas
-- were stored by ingests that finished, or were cut short with their
-- stories and findings already gone: they are published (0) either way.
ALTER TABLE documents ADD COLUMN staged INTEGER NOT NULL DEFAULT 0;
CREATE INDEX documents_staged ON documents (id) WHERE staged = 1;
