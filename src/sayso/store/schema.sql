-- sayso store, schema version 6 (PRAGMA user_version).
-- Spans are stored as start/end character offsets into articles.text, with
-- the spanned text alongside for convenience in ad-hoc SQL.
--
-- The schema is a list of numbered migrations, each under a line
-- "-- migration NNNN_name (schema V)": a store runs, in order, those its
-- `migrations` table does not list, in one transaction, and records each;
-- PRAGMA user_version is the schema version of the last one. A migration is
-- never edited once released: a change is a new migration at the end.
-- Statements stay IF NOT EXISTS, so a store from before the `migrations`
-- table (which records nothing) can run the ones its version may lack.

-- The migrations applied to this store, in order.
CREATE TABLE IF NOT EXISTS migrations (
    name       TEXT PRIMARY KEY,  -- NNNN_name, as in schema.sql
    applied_at TEXT NOT NULL      -- UTC, ISO 8601; "before migrations" for a baseline
);

-- migration 0001_documents (schema 1)

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

-- migration 0002_claims (schema 2): claims across articles.

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

-- migration 0003_events_and_actors (schema 3): events and actors across articles.

-- An event as several articles report it: one row per event, its reports in
-- `events`. Reports join when they share the ACLED type, the geocoded place and
-- an overlapping date range.
CREATE TABLE IF NOT EXISTS event_clusters (
    id           TEXT PRIMARY KEY,
    type         TEXT NOT NULL,     -- PLOVER type of the first report
    acled_type   TEXT NOT NULL,
    geonames_id  INTEGER,           -- the place, when geocoded
    place        TEXT,              -- the gazetteer's name of it
    country      TEXT,
    latitude     REAL,
    longitude    REAL,
    geo_precision TEXT NOT NULL,    -- town, city, region, country, unknown
    date_start   TEXT,              -- ISO, from the first report
    date_end     TEXT,
    date_precision TEXT,
    size         INTEGER NOT NULL   -- reports joined
);

-- One article's report of an event, with whose word it is.
CREATE TABLE IF NOT EXISTS events (
    article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    cluster_id    TEXT NOT NULL REFERENCES event_clusters(id),
    type          TEXT NOT NULL,
    acled_type    TEXT NOT NULL,
    trigger       TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end  INTEGER NOT NULL,
    sentence      TEXT NOT NULL,
    actor         TEXT,
    target        TEXT,
    negated       INTEGER NOT NULL,
    account_id    TEXT,             -- the account that states it; NULL: the article
    place         TEXT,             -- as the article writes it
    geonames_id   INTEGER,
    fatalities    INTEGER,
    fatalities_qualifier TEXT,
    injured       INTEGER,
    injured_qualifier TEXT,
    when_text     TEXT,
    date_start    TEXT,
    date_end      TEXT,
    date_precision TEXT,
    PRIMARY KEY (article_id, id)
);

CREATE INDEX IF NOT EXISTS events_cluster ON events(cluster_id);

-- Actors across the store: people and organisations under one name, with their
-- aliases ("SAA" = "Syrian Arab Army") and side.
CREATE TABLE IF NOT EXISTS actors (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,      -- the longest name seen (the first alphabetically among equals)
    kind     TEXT NOT NULL,      -- PERSON or ORG
    side     TEXT NOT NULL       -- the side its speakers were given most (sayso.store.actors)
);

-- Every folded name that identifies an actor: looked up by name, not scanned.
CREATE TABLE IF NOT EXISTS actor_aliases (
    alias    TEXT PRIMARY KEY,
    actor_id TEXT NOT NULL REFERENCES actors(id)
);

CREATE TABLE IF NOT EXISTS actor_articles (
    actor_id   TEXT NOT NULL REFERENCES actors(id),
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id  TEXT NOT NULL,
    PRIMARY KEY (actor_id, article_id, entity_id)
);

-- migration 0004_reviews_and_search (schema 4): analysts' reviews and full-text search.
-- (After it, a store that holds articles indexes them: sayso.store.migrations.)

-- An analyst's correction of an account, keyed by the account's deterministic
-- id (no foreign key: a review outlives a re-analysis of its article, which
-- deletes and rewrites the article's rows with the same ids).
CREATE TABLE IF NOT EXISTS reviews (
    account_id  TEXT PRIMARY KEY,
    article_id  TEXT NOT NULL,
    speaker     TEXT,              -- NULL: the analysis's speaker stands
    side        TEXT,              -- NULL: the analysis's side stands
    stance      TEXT,              -- NULL: the analysis's stance stands
    claim_id    TEXT,              -- NULL: the analysis's claim stands
    rejected    INTEGER NOT NULL,  -- 1: not an account at all
    reviewer    TEXT NOT NULL,
    reviewed_at TEXT NOT NULL      -- UTC, ISO 8601
);

CREATE INDEX IF NOT EXISTS reviews_article ON reviews(article_id);

-- Every review ever made, oldest first: who changed what, and when.
CREATE TABLE IF NOT EXISTS review_log (
    account_id  TEXT NOT NULL,
    reviewer    TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    review      TEXT NOT NULL      -- JSON: the fields as set (or {"cleared": true})
);

-- Full-text search (FTS5) over articles, accounts and claims; kept in step on save.
CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5(
    kind UNINDEXED,        -- article, account or claim
    item_id UNINDEXED,     -- its id
    article_id UNINDEXED,  -- the article it is in (a claim's: where it started)
    title,
    body,
    speaker,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- migration 0005_originals_and_jobs (schema 5): the web app's originals and its import jobs.

-- The bytes of every page added through the web app, as they came, by the
-- sha256 of the document read from them: re-analysis reads them from here and
-- never opens a path or fetches a URL again.
CREATE TABLE IF NOT EXISTS originals (
    sha256    TEXT PRIMARY KEY,
    name      TEXT NOT NULL,   -- the label stored as the document's source
    kind      TEXT NOT NULL,   -- paste, upload, url
    url       TEXT,            -- kind url: where it was fetched
    data      BLOB NOT NULL,
    stored_at TEXT NOT NULL    -- UTC, ISO 8601
);

-- Import jobs, so that a restart of the server loses none: queued and running
-- jobs are taken up again at their `done` position.
CREATE TABLE IF NOT EXISTS jobs (
    id           TEXT PRIMARY KEY,
    status       TEXT NOT NULL,     -- queued, running, done, failed, cancelled
    step         TEXT NOT NULL,
    done         INTEGER NOT NULL,  -- pages finished, in order
    total        INTEGER NOT NULL,
    replace_rows INTEGER NOT NULL,  -- 1: documents already in are analysed again
    article_ids  TEXT NOT NULL,     -- JSON list
    errors       TEXT NOT NULL,     -- JSON list of messages
    summary      TEXT NOT NULL,     -- JSON: IngestSummary.as_dict()
    created_at   TEXT NOT NULL,     -- UTC, ISO 8601
    updated_at   TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS jobs_status ON jobs(status, created_at);

-- A job's pages in order; `data` is dropped once the job is over (the originals keep it).
CREATE TABLE IF NOT EXISTS job_inputs (
    job_id   TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,   -- paste, upload, url, stored
    url      TEXT,
    sha256   TEXT,            -- kind stored: the original to analyse again
    data     BLOB,
    PRIMARY KEY (job_id, position)
);

-- migration 0006_reviewed_views (schema 5): the analysis with the analysts' reviews over it.
-- Views only, so the schema version stays 5: a sayso of schema 5 that predates
-- them reads the store as before.
-- Every read of the store goes through them, so a review applies the same way
-- everywhere: the reviewed value wins over the analysed one, field by field.
-- `side` is NULL when neither the review nor the speaker gives one (the readers
-- show "unknown").

-- One row per account: its columns and its speaker's, the reviewed values and
-- the analysed ones. Its statement (stance, claim) is the first of the
-- article's statements of the account in id order (a restricted statement's
-- core is a second one).
CREATE VIEW IF NOT EXISTS reviewed_accounts AS
SELECT ac.*,
       sp.name AS speaker_name, sp.group_name AS speaker_group,
       sp.descriptor AS descriptor, sp.affiliation AS affiliation,
       COALESCE(rv.speaker, sp.name, sp.group_name, ac.speaker_text) AS speaker,
       COALESCE(rv.side, sp.side) AS side,
       COALESCE(rv.stance, st.stance) AS stance,
       COALESCE(rv.claim_id, st.claim_id) AS claim_id,
       rv.account_id IS NOT NULL AS reviewed,
       COALESCE(rv.rejected, 0) AS rejected,
       rv.reviewer AS reviewer, rv.reviewed_at AS reviewed_at,
       rv.speaker AS reviewed_speaker,
       COALESCE(sp.name, sp.group_name, ac.speaker_text) AS analysed_speaker,
       sp.side AS analysed_side, st.stance AS analysed_stance, st.claim_id AS analysed_claim_id
FROM accounts AS ac
LEFT JOIN speakers AS sp ON sp.article_id = ac.article_id AND sp.id = ac.speaker_id
LEFT JOIN reviews AS rv ON rv.account_id = ac.id
LEFT JOIN statements AS st ON st.article_id = ac.article_id AND st.id = (
    SELECT s2.id FROM statements AS s2
    WHERE s2.article_id = ac.article_id AND s2.account_id = ac.id ORDER BY s2.id LIMIT 1);

-- One row per statement, its account's review over it: every statement of a
-- reviewed account takes the review's stance and claim. The speaker is the
-- statement's (for a silence: who is silent).
CREATE VIEW IF NOT EXISTS reviewed_statements AS
SELECT st.article_id, st.id, st.account_id, st.span_start, st.span_end, st.text,
       st.stance_evidence, st.speaker_id, st.who, st.similarity,
       st.rowid AS statement_rowid,  -- the order statements were written
       COALESCE(rv.stance, st.stance) AS stance,
       COALESCE(rv.claim_id, st.claim_id) AS claim_id,
       COALESCE(rv.speaker, sp.name, sp.group_name, ac.speaker_text, st.who) AS speaker,
       COALESCE(rv.side, sp.side) AS side,
       rv.account_id IS NOT NULL AS reviewed,
       COALESCE(rv.rejected, 0) AS rejected,
       st.stance AS analysed_stance, st.claim_id AS analysed_claim_id
FROM statements AS st
LEFT JOIN accounts AS ac ON ac.article_id = st.article_id AND ac.id = st.account_id
LEFT JOIN speakers AS sp ON sp.article_id = st.article_id AND sp.id = st.speaker_id
LEFT JOIN reviews AS rv ON rv.account_id = st.account_id;

-- One row per event report, with whose word it is: the account's reviewed
-- speaker and side, and the stance of its first statement in the order they
-- were written (the restricted one, not its core). A rejected account's
-- reports stay.
CREATE VIEW IF NOT EXISTS reviewed_events AS
SELECT ev.*,
       COALESCE(rv.speaker, sp.name, sp.group_name, ac.speaker_text) AS speaker,
       COALESCE(rv.side, sp.side) AS side,
       COALESCE(rv.stance, (SELECT st.stance FROM statements AS st
                            WHERE st.article_id = ev.article_id AND st.account_id = ev.account_id
                            ORDER BY st.rowid LIMIT 1)) AS stance
FROM events AS ev
LEFT JOIN accounts AS ac ON ac.article_id = ev.article_id AND ac.id = ev.account_id
LEFT JOIN speakers AS sp ON sp.article_id = ac.article_id AND sp.id = ac.speaker_id
LEFT JOIN reviews AS rv ON rv.account_id = ev.account_id;

-- migration 0007_failures (schema 5): the pages that failed, so that a run's
-- failures outlive its terminal. A table only: a sayso of schema 5 that
-- predates it reads the store as before.
CREATE TABLE IF NOT EXISTS failures (
    source    TEXT PRIMARY KEY,  -- the input as it was named (its last failure)
    sha256    TEXT,              -- NULL when it could not even be read
    code      TEXT NOT NULL,     -- E101 ... E110
    message   TEXT NOT NULL,     -- the one-line coded message
    failed_at TEXT NOT NULL      -- UTC, ISO 8601
);

-- migration 0008_search_keys_and_indexes (schema 6): search rows by key, and the
-- indexes the lists and pages look rows up by. Schema 6: every writer must keep
-- `search_keys` in step with `search_index`, so a sayso of schema 5 refuses the store.

-- Where each row of `search_index` is: its FTS rowid by (kind, item id), and by
-- article. FTS5 indexes no column but the text, so rows are found, written and
-- deleted through this table, never by scanning the index.
CREATE TABLE IF NOT EXISTS search_keys (
    kind       TEXT NOT NULL,     -- article, account or claim
    item_id    TEXT NOT NULL,     -- its id
    article_id TEXT NOT NULL,     -- the article it is in (a claim's: where it started)
    fts_rowid  INTEGER NOT NULL,  -- its rowid in search_index
    PRIMARY KEY (kind, item_id)
);

CREATE INDEX IF NOT EXISTS search_keys_article ON search_keys(article_id);

-- The keys of the rows already indexed (the last row of an item, should there be two).
DELETE FROM search_keys;
INSERT OR REPLACE INTO search_keys (kind, item_id, article_id, fts_rowid)
SELECT kind, item_id, article_id, rowid FROM search_index ORDER BY rowid;
DELETE FROM search_index WHERE rowid NOT IN (SELECT fts_rowid FROM search_keys);

CREATE INDEX IF NOT EXISTS statements_account ON statements(account_id);
CREATE INDEX IF NOT EXISTS reviews_claim ON reviews(claim_id);
CREATE INDEX IF NOT EXISTS actor_aliases_actor ON actor_aliases(actor_id);
CREATE INDEX IF NOT EXISTS actor_articles_article ON actor_articles(article_id);
CREATE INDEX IF NOT EXISTS event_clusters_place ON event_clusters(geonames_id);

-- migration 0009_incidents (schema 6): incidents (issue 15). Each event report
-- gains its article's incident, the main-incident flag, the context flag (a
-- background statement: never linked), ACLED's sub-event type, the civilian
-- figure, the top of a range, and whether its dates are the publication window;
-- each event cluster its sub-event type and context flag. SQLite cannot add a
-- column "if not exists": sayso.store.migrations adds the missing ones. Schema 6
-- still: a sayso that predates them writes their defaults.
-- (events: incident TEXT, main INTEGER, context INTEGER, sub_event_type TEXT,
-- civilians INTEGER, fatalities_max INTEGER, date_inferred INTEGER;
-- event_clusters: sub_event_type TEXT, context INTEGER, weekday INTEGER;
-- originals and job_inputs: meta TEXT, what the user said of a page added
-- through the web app, as JSON).
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);

-- migration 0010_parts_and_sides (schema 7): claims made of parts (issue 16), and
-- actors' sides counted (issue 20). A part
-- is the claim some statements of one article make together; a claim is the part
-- that leads it and the parts that follow it (sayso.link.groups), whatever the
-- order articles came in. `claims` keeps one row per claim (its leading part's
-- text), so readers are unchanged; each statement gains its part and its stance
-- toward the part's claim (`part_stance`), from which its stance toward the
-- claim is made. A store from before gets one part per cluster (its statements'
-- part), until `sayso relink` groups it afresh. Schema 7: every writer must keep
-- parts, so a sayso of schema 6 refuses the store.
-- (statements: part_id TEXT, part_stance TEXT, added by sayso.store.migrations.)
CREATE TABLE IF NOT EXISTS claim_parts (
    id         TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,     -- the article whose statements make it
    claim_id   TEXT NOT NULL,     -- the part that leads its claim (its own id when it leads)
    text       TEXT NOT NULL,     -- its first statement
    vector     BLOB NOT NULL,     -- the mean of its statements' e5 vectors (float32)
    size       INTEGER NOT NULL,  -- its spoken statements
    polarity   INTEGER NOT NULL,  -- +1 or -1: its first statement's
    words      TEXT NOT NULL,     -- the stems of its statements' content words, space-separated
    places     TEXT NOT NULL,     -- its article's towns and districts, casefolded, char(31)-separated
    keys       TEXT NOT NULL,     -- its propositions (sayso.link.propositions), char(31)-separated
    context    TEXT NOT NULL      -- the keys of its article's parts, char(31)-separated
);

CREATE INDEX IF NOT EXISTS claim_parts_article ON claim_parts(article_id);
CREATE INDEX IF NOT EXISTS claim_parts_claim ON claim_parts(claim_id);

-- Each part's keys by incident, so that rival claims (claims about one stored
-- event that cannot both be true) are found by index (sayso.store.rivals).
CREATE TABLE IF NOT EXISTS part_keys (
    part_id  TEXT NOT NULL,      -- claim_parts.id
    incident TEXT NOT NULL,      -- the key's incident: an event report's COALESCE(incident, id)
    key      TEXT NOT NULL,
    PRIMARY KEY (part_id, key)
);

CREATE INDEX IF NOT EXISTS part_keys_incident ON part_keys(incident);
CREATE INDEX IF NOT EXISTS events_incident ON events(COALESCE(incident, id));

-- How many of an actor's speakers were given each side, across the store: an
-- actor's side is the one given most (sayso.store.actors), kept by counts so
-- that writing an article reads only its own speakers.
CREATE TABLE IF NOT EXISTS actor_sides (
    actor_id TEXT NOT NULL REFERENCES actors(id),
    side     TEXT NOT NULL,
    speakers INTEGER NOT NULL,
    PRIMARY KEY (actor_id, side)
);

-- migration 0011_list_figures (schema 8): the lists' figures kept as rows are
-- stored (issue 18). The claims, events and actors lists are read a page at a
-- time, in an order an index gives; the figures they sort and filter by
-- (a claim's statements by side, an event's reports, an actor's articles and
-- accounts) are aggregates over many rows, so they are kept in these tables,
-- computed again for the items a write touched. Triggers note each touched
-- item in `list_stale`; every write transaction of sayso.store ends by
-- computing the noted items again (sayso.store.figures). Schema 8: every writer
-- must do so, so a sayso of schema 7 refuses the store.

-- Items whose figures a write made stale: claim, event or actor ids, an item
-- as often as it was touched. No key: a trigger's INSERT OR IGNORE takes the
-- conflict rule of the statement that fired it (an upsert's is ABORT).
CREATE TABLE IF NOT EXISTS list_stale (
    kind    TEXT NOT NULL,  -- claim, event, actor
    item_id TEXT NOT NULL
);

-- One row per claim with at least one statement (reviews applied, rejected
-- accounts left out): what the claims list shows and sorts by.
CREATE TABLE IF NOT EXISTS claim_figures (
    claim_id   TEXT PRIMARY KEY,  -- claims.id
    position   INTEGER NOT NULL,  -- claims.rowid: the order claims were started
    statements INTEGER NOT NULL,
    contested  INTEGER NOT NULL,  -- 1: one statement supports it, another denies it
    sources    TEXT NOT NULL      -- JSON {side: independent sources}, sides sorted
);

CREATE INDEX IF NOT EXISTS claim_figures_size ON claim_figures(statements DESC, position);
CREATE INDEX IF NOT EXISTS claim_figures_position ON claim_figures(position);
CREATE INDEX IF NOT EXISTS claim_figures_contested
    ON claim_figures(contested, statements DESC, position);

-- The sides a claim's statements come from: the claims list's side filter.
CREATE TABLE IF NOT EXISTS claim_sides (
    claim_id TEXT NOT NULL,  -- claims.id
    side     TEXT NOT NULL,  -- casefolded
    PRIMARY KEY (claim_id, side)
) WITHOUT ROWID;

-- One row per event cluster with at least one report.
CREATE TABLE IF NOT EXISTS event_figures (
    event_id   TEXT PRIMARY KEY,  -- event_clusters.id
    position   INTEGER NOT NULL,  -- event_clusters.rowid
    reports    INTEGER NOT NULL,
    background INTEGER NOT NULL,  -- 1: every report is background or a cumulative toll
    day        TEXT NOT NULL      -- date_start, '' when undated
);

CREATE INDEX IF NOT EXISTS event_figures_size ON event_figures(reports DESC, position);
CREATE INDEX IF NOT EXISTS event_figures_day ON event_figures(day, position);
CREATE INDEX IF NOT EXISTS event_figures_background ON event_figures(background);

-- One row per actor named by at least one article.
CREATE TABLE IF NOT EXISTS actor_figures (
    actor_id TEXT PRIMARY KEY,  -- actors.id
    name     TEXT NOT NULL,     -- actors.name, for the order by name
    articles INTEGER NOT NULL,  -- articles that name it
    accounts INTEGER NOT NULL   -- accounts it gave (rejected ones left out)
);

CREATE INDEX IF NOT EXISTS actor_figures_articles ON actor_figures(articles DESC, name, actor_id);
CREATE INDEX IF NOT EXISTS actor_figures_accounts ON actor_figures(accounts DESC, name, actor_id);
CREATE INDEX IF NOT EXISTS actor_figures_name ON actor_figures(name, actor_id);

-- The articles list's orders and outlet filter.
CREATE INDEX IF NOT EXISTS articles_published ON articles(COALESCE(published, ''));
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(site_name);

-- What makes a claim's figures stale: its statements (their claim, stance or
-- speaker), the claim itself, and a review of one of its accounts (which may
-- move the account to another claim, change its side or reject it).
CREATE TRIGGER IF NOT EXISTS stale_statement_in AFTER INSERT ON statements BEGIN
    INSERT INTO list_stale (kind, item_id)
    SELECT 'claim', NEW.claim_id WHERE NEW.claim_id IS NOT NULL
    UNION SELECT 'claim', rv.claim_id FROM reviews AS rv
          WHERE rv.account_id = NEW.account_id AND rv.claim_id IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS stale_statement_out AFTER DELETE ON statements BEGIN
    INSERT INTO list_stale (kind, item_id)
    SELECT 'claim', OLD.claim_id WHERE OLD.claim_id IS NOT NULL
    UNION SELECT 'claim', rv.claim_id FROM reviews AS rv
          WHERE rv.account_id = OLD.account_id AND rv.claim_id IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS stale_statement_moved
AFTER UPDATE OF claim_id, stance, speaker_id, who, account_id ON statements BEGIN
    INSERT INTO list_stale (kind, item_id)
    SELECT 'claim', OLD.claim_id WHERE OLD.claim_id IS NOT NULL
    UNION SELECT 'claim', NEW.claim_id WHERE NEW.claim_id IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS stale_claim_in AFTER INSERT ON claims BEGIN
    INSERT INTO list_stale (kind, item_id) VALUES ('claim', NEW.id);
END;
CREATE TRIGGER IF NOT EXISTS stale_claim_out AFTER DELETE ON claims BEGIN
    INSERT INTO list_stale (kind, item_id) VALUES ('claim', OLD.id);
END;

-- A review: the claims its account's statements are in, before and after, and
-- the actors of its account's speaker (their accounts count).
CREATE TRIGGER IF NOT EXISTS stale_review_in AFTER INSERT ON reviews BEGIN
    INSERT INTO list_stale (kind, item_id)
    SELECT 'claim', NEW.claim_id WHERE NEW.claim_id IS NOT NULL
    UNION SELECT 'claim', st.claim_id FROM statements AS st
          WHERE st.account_id = NEW.account_id AND st.claim_id IS NOT NULL
    UNION SELECT 'actor', aa.actor_id FROM accounts AS ac
          JOIN speakers AS sp ON sp.article_id = ac.article_id AND sp.id = ac.speaker_id
          JOIN actor_articles AS aa
            ON aa.article_id = sp.article_id AND aa.entity_id = sp.entity_id
          WHERE ac.article_id = NEW.article_id AND ac.id = NEW.account_id;
END;
CREATE TRIGGER IF NOT EXISTS stale_review_out AFTER DELETE ON reviews BEGIN
    INSERT INTO list_stale (kind, item_id)
    SELECT 'claim', OLD.claim_id WHERE OLD.claim_id IS NOT NULL
    UNION SELECT 'claim', st.claim_id FROM statements AS st
          WHERE st.account_id = OLD.account_id AND st.claim_id IS NOT NULL
    UNION SELECT 'actor', aa.actor_id FROM accounts AS ac
          JOIN speakers AS sp ON sp.article_id = ac.article_id AND sp.id = ac.speaker_id
          JOIN actor_articles AS aa
            ON aa.article_id = sp.article_id AND aa.entity_id = sp.entity_id
          WHERE ac.article_id = OLD.article_id AND ac.id = OLD.account_id;
END;
CREATE TRIGGER IF NOT EXISTS stale_review_changed AFTER UPDATE ON reviews BEGIN
    INSERT INTO list_stale (kind, item_id)
    SELECT 'claim', OLD.claim_id WHERE OLD.claim_id IS NOT NULL
    UNION SELECT 'claim', NEW.claim_id WHERE NEW.claim_id IS NOT NULL
    UNION SELECT 'claim', st.claim_id FROM statements AS st
          WHERE st.account_id IN (OLD.account_id, NEW.account_id) AND st.claim_id IS NOT NULL
    UNION SELECT 'actor', aa.actor_id FROM accounts AS ac
          JOIN speakers AS sp ON sp.article_id = ac.article_id AND sp.id = ac.speaker_id
          JOIN actor_articles AS aa
            ON aa.article_id = sp.article_id AND aa.entity_id = sp.entity_id
          WHERE ac.article_id = NEW.article_id AND ac.id = NEW.account_id;
END;

-- An event's reports, and the event itself (its date, or a rename).
CREATE TRIGGER IF NOT EXISTS stale_report_in AFTER INSERT ON events BEGIN
    INSERT INTO list_stale (kind, item_id) VALUES ('event', NEW.cluster_id);
END;
CREATE TRIGGER IF NOT EXISTS stale_report_out AFTER DELETE ON events BEGIN
    INSERT INTO list_stale (kind, item_id) VALUES ('event', OLD.cluster_id);
END;
CREATE TRIGGER IF NOT EXISTS stale_report_moved AFTER UPDATE OF cluster_id, context ON events BEGIN
    INSERT INTO list_stale (kind, item_id)
    VALUES ('event', OLD.cluster_id), ('event', NEW.cluster_id);
END;
CREATE TRIGGER IF NOT EXISTS stale_event_in AFTER INSERT ON event_clusters BEGIN
    INSERT INTO list_stale (kind, item_id) VALUES ('event', NEW.id);
END;
CREATE TRIGGER IF NOT EXISTS stale_event_out AFTER DELETE ON event_clusters BEGIN
    INSERT INTO list_stale (kind, item_id) VALUES ('event', OLD.id);
END;
CREATE TRIGGER IF NOT EXISTS stale_event_dated AFTER UPDATE OF date_start ON event_clusters BEGIN
    INSERT INTO list_stale (kind, item_id) VALUES ('event', NEW.id);
END;

-- An actor's articles (an article stored or removed, two actors merged) and its name.
CREATE TRIGGER IF NOT EXISTS stale_actor_article_in AFTER INSERT ON actor_articles BEGIN
    INSERT INTO list_stale (kind, item_id) VALUES ('actor', NEW.actor_id);
END;
CREATE TRIGGER IF NOT EXISTS stale_actor_article_out AFTER DELETE ON actor_articles BEGIN
    INSERT INTO list_stale (kind, item_id) VALUES ('actor', OLD.actor_id);
END;
CREATE TRIGGER IF NOT EXISTS stale_actor_article_moved AFTER UPDATE ON actor_articles BEGIN
    INSERT INTO list_stale (kind, item_id)
    VALUES ('actor', OLD.actor_id), ('actor', NEW.actor_id);
END;
CREATE TRIGGER IF NOT EXISTS stale_actor_named AFTER UPDATE OF name ON actors BEGIN
    INSERT INTO list_stale (kind, item_id) VALUES ('actor', NEW.id);
END;
CREATE TRIGGER IF NOT EXISTS stale_actor_out AFTER DELETE ON actors BEGIN
    INSERT INTO list_stale (kind, item_id) VALUES ('actor', OLD.id);
END;

-- Every item stale: the figures are computed after this migration's statements.
INSERT INTO list_stale (kind, item_id) SELECT 'claim', id FROM claims;
INSERT INTO list_stale (kind, item_id) SELECT 'event', id FROM event_clusters;
INSERT INTO list_stale (kind, item_id) SELECT 'actor', id FROM actors;

-- migration 0012_summed_tolls (schema 8): each incident's dead summed over the
-- sides an article counts apart (issue 15: "40 militants ... five soldiers" is
-- 45), on the incident's first report. ADD COLUMN has no IF NOT EXISTS:
-- sayso.store.migrations adds it. Schema 8 still: a sayso that predates it
-- writes NULL. (events: fatalities_summed INTEGER.)
