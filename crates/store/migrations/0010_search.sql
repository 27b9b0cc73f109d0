-- Migration 10: full-text search over the documents' titles and clean text
-- (`Store::search`). An FTS5 index with the documents table as its
-- external content (the text is not stored twice), kept in step by
-- triggers; the unicode61 tokenizer folds case and diacritics, so that
-- "Sheinbaum" finds "SHEINBAUM" and "Mexico" finds "México". Filled from
-- the documents already stored when the migration runs.
CREATE VIRTUAL TABLE document_search USING fts5(
    title,
    text,
    content = 'documents',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER document_search_insert AFTER INSERT ON documents BEGIN
    INSERT INTO document_search (rowid, title, text)
        VALUES (new.rowid, new.title, new.text);
END;

CREATE TRIGGER document_search_delete AFTER DELETE ON documents BEGIN
    INSERT INTO document_search (document_search, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
END;

CREATE TRIGGER document_search_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO document_search (document_search, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO document_search (rowid, title, text)
        VALUES (new.rowid, new.title, new.text);
END;

INSERT INTO document_search (document_search) VALUES ('rebuild');
