-- sayso store, schema version 2 (PRAGMA user_version).
-- Spans are stored as start/end character offsets into articles.text, with
-- the spanned text alongside for convenience in ad-hoc SQL.

CREATE TABLE IF NOT EXISTS documents (
    id        TEXT PRIMARY KEY,
    sha256    TEXT NOT NULL UNIQUE,
    source    TEXT NOT NULL,
    kind      TEXT NOT NULL,
    size      INTEGER NOT NULL,
    stored_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS articles (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    title       TEXT,
    published   TEXT,
    language    TEXT,
    site_name   TEXT,
    url         TEXT,
    authors     TEXT NOT NULL,  -- JSON list of names
    record      TEXT NOT NULL   -- JSON: the whole Analysis
);

CREATE TABLE IF NOT EXISTS speakers (
    article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    name          TEXT,
    group_name    TEXT,
    descriptor    TEXT,
    affiliation   TEXT,
    side          TEXT NOT NULL,
    side_evidence TEXT,
    entity_id     TEXT,
    kind          TEXT NOT NULL,  -- person, organization, group, unnamed
    mentions      TEXT NOT NULL,  -- JSON list of [start, end]
    PRIMARY KEY (article_id, id)
);

CREATE TABLE IF NOT EXISTS entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id         TEXT NOT NULL,
    label      TEXT NOT NULL,
    name       TEXT NOT NULL,
    aliases    TEXT NOT NULL,  -- JSON list
    mentions   TEXT NOT NULL,  -- JSON list of [start, end]
    PRIMARY KEY (article_id, id)
);

CREATE TABLE IF NOT EXISTS accounts (
    article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id              TEXT NOT NULL,
    kind            TEXT NOT NULL,
    location        TEXT NOT NULL,  -- Account.where: "title" or "body"
    content_start   INTEGER NOT NULL,
    content_end     INTEGER NOT NULL,
    content         TEXT NOT NULL,
    parts           TEXT NOT NULL,  -- JSON list of [start, end]: pieces of a split quote
    partial_start   INTEGER,
    partial_end     INTEGER,
    speaker_id      TEXT,
    speaker_start   INTEGER,
    speaker_end     INTEGER,
    speaker_text    TEXT,
    cue_start       INTEGER,
    cue_end         INTEGER,
    cue             TEXT,
    recipient_start INTEGER,
    recipient_end   INTEGER,
    recipient       TEXT,
    channel_start   INTEGER,
    channel_end     INTEGER,
    channel         TEXT,
    confidence      REAL NOT NULL,
    rule            TEXT NOT NULL,
    PRIMARY KEY (article_id, id)
);

CREATE INDEX IF NOT EXISTS articles_document ON articles(document_id);
CREATE INDEX IF NOT EXISTS accounts_speaker ON accounts(article_id, speaker_id);

-- Schema version 2: claims across articles.

-- A MinHash signature of each article's text, and the earlier article it copies.
CREATE TABLE IF NOT EXISTS fingerprints (
    article_id   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature    BLOB NOT NULL,  -- 64 little-endian uint64 minimums
    duplicate_of TEXT,           -- the stored article this one reprints, or NULL
    overlap      REAL            -- estimated Jaccard overlap with duplicate_of
);

-- A claim cluster: statements of the same claim across articles.
CREATE TABLE IF NOT EXISTS claims (
    id         TEXT PRIMARY KEY,
    text       TEXT NOT NULL,     -- the statement that started the cluster
    article_id TEXT NOT NULL,     -- where that statement is
    vector     BLOB NOT NULL,     -- running mean of the members' e5 vectors (float32)
    size       INTEGER NOT NULL,  -- statements absorbed into the mean
    polarity   INTEGER NOT NULL,  -- +1 or -1: the first statement's polarity
    words      TEXT NOT NULL      -- the stems of its statements' content words, space-separated
);

-- What an account claims (or a silence the article reports), in its cluster.
CREATE TABLE IF NOT EXISTS statements (
    article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id              TEXT NOT NULL,
    claim_id        TEXT REFERENCES claims(id),
    account_id      TEXT,
    span_start      INTEGER NOT NULL,
    span_end        INTEGER NOT NULL,
    text            TEXT NOT NULL,
    stance          TEXT NOT NULL,  -- toward the cluster: supports, denies, reports, silent
    stance_evidence TEXT,
    speaker_id      TEXT,
    who             TEXT,           -- for a silence: who is silent
    similarity      REAL,           -- cosine to the cluster when it joined
    PRIMARY KEY (article_id, id)
);

CREATE INDEX IF NOT EXISTS statements_claim ON statements(claim_id);
