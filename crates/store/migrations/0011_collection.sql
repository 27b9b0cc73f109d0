-- Migration 11: what collecting from the web needs.
--
-- `documents.crawled`: when a crawler fetched the page (a web archive's
-- WARC-Date, the time of a fetch); never a publication date.
ALTER TABLE documents ADD COLUMN crawled TEXT;

-- Every HTTP request crosscheck made (`crosscheck sources` shows them), so
-- that gaps in a collection are visible: a feed that failed, a page that
-- timed out. `status` is NULL when no response came; `error` says why.
CREATE TABLE fetch_log (
    id          INTEGER PRIMARY KEY,
    url         TEXT    NOT NULL,
    -- 'feed', 'page' or 'robots'
    kind        TEXT    NOT NULL,
    -- Unix seconds when the request started.
    at          INTEGER NOT NULL,
    status      INTEGER,
    bytes       INTEGER NOT NULL,
    millis      INTEGER NOT NULL,
    error       TEXT,
    -- The URL after redirects, when it differs.
    final_url   TEXT
);

CREATE INDEX fetch_log_url ON fetch_log (url, at);

-- The validators of the last successful fetch of a URL, sent back as
-- If-None-Match / If-Modified-Since so an unchanged feed costs one small
-- request.
CREATE TABLE http_validators (
    url           TEXT    NOT NULL PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    checked_at    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX documents_url ON documents (url);
