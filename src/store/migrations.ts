/**
 * Schema migrations, in order. Migration N brings the database to `user_version` N; each runs in
 * one transaction together with its version bump. Never edit a released migration: add one.
 */
/** The full-text index's tokenizer: words are folded (case, diacritics) and stemmed (porter). */
export const FTS_TOKENIZER = 'porter unicode61 remove_diacritics 2';

export const MIGRATIONS: readonly string[] = [
  /* 1: documents, events, their sources, and the full-text index */ `
  CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    document_date TEXT,
    document_date_method TEXT,
    event_count INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE events (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    date TEXT NOT NULL,
    precision TEXT NOT NULL CHECK (precision IN ('day', 'month', 'year')),
    end_date TEXT,
    reported_date TEXT,
    month INTEGER,
    day INTEGER,
    kind TEXT NOT NULL,
    headline TEXT NOT NULL,
    text TEXT NOT NULL,
    people TEXT NOT NULL,
    organisations TEXT NOT NULL,
    places TEXT NOT NULL,
    topics TEXT NOT NULL,
    -- The first source (lowest document id) and the number of sources, kept by the event store so
    -- that listing events reads one row each.
    first_source TEXT NOT NULL,
    first_line INTEGER NOT NULL,
    first_section TEXT,
    source_count INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX events_by_calendar_day ON events (month, day, date) WHERE month IS NOT NULL;
  CREATE INDEX events_by_date ON events (date);

  CREATE TABLE event_sources (
    event_rowid INTEGER NOT NULL REFERENCES events (rowid) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    line INTEGER NOT NULL,
    section TEXT,
    PRIMARY KEY (event_rowid, document_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX event_sources_by_document ON event_sources (document_id);

  -- The headline is the text's first sentence and the names are in the text: indexing the text
  -- (and the topics, which need not be in it) finds the same events for less than half the work.
  CREATE VIRTUAL TABLE events_fts USING fts5 (
    text, topics,
    content = 'events', content_rowid = 'rowid',
    tokenize = '${FTS_TOKENIZER}'
  );
  -- Kept in step by the event store's own statements, not triggers: a trigger makes bulk ingest
  -- about 40% slower here. A topic name matched counts half as much as a word of the text.
  INSERT INTO events_fts (events_fts, rank) VALUES ('rank', 'bm25(1.0, 0.5)');
  `,
  /* 2: subscriptions and the delivery ledger */ `
  CREATE TABLE subscriptions (
    chat_id INTEGER PRIMARY KEY,
    chat_type TEXT NOT NULL,
    title TEXT,
    status TEXT NOT NULL CHECK (status IN ('active', 'paused')),
    status_reason TEXT,
    daily_enabled INTEGER NOT NULL,
    daily_time TEXT NOT NULL,
    weekly_enabled INTEGER NOT NULL,
    weekly_day INTEGER NOT NULL CHECK (weekly_day BETWEEN 1 AND 7),
    weekly_time TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    topic_filter TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('daily', 'weekly')),
    period TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'skipped', 'failed', 'paused')),
    reason TEXT,
    due_at TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    parts_sent INTEGER NOT NULL DEFAULT 0,
    message_ids TEXT NOT NULL DEFAULT '[]',
    claimed_by INTEGER,
    updated_at TEXT NOT NULL,
    UNIQUE (chat_id, kind, period)
  ) STRICT;
  CREATE INDEX deliveries_waiting ON deliveries (next_attempt_at) WHERE status IN ('pending', 'sending');
  `,
  /* 3: a delivery keeps the post as composed at its first attempt, so a retry sends the same parts */ `
  ALTER TABLE deliveries ADD COLUMN messages TEXT;
  `,
  /* 4: how many events the most frequent index terms occur in, counted after each large ingest */ `
  CREATE TABLE word_frequencies (
    term TEXT PRIMARY KEY,
    events INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  -- One row: the number of events when the frequencies were counted, and how many events have been
  -- added or removed since, so that an ingest can tell when to count them again.
  CREATE TABLE word_frequencies_counted (
    events INTEGER NOT NULL,
    events_changed INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  `,
  /* 5: topic filters separate their alternatives by commas; a stored filter's words were alternatives each */ `
  UPDATE subscriptions SET topic_filter = replace(topic_filter, ' ', ', ') WHERE topic_filter IS NOT NULL;
  `,
  /* 6: the parser version a document was stored by (0: before versions), so that a new parser reads it again */ `
  ALTER TABLE documents ADD COLUMN parser_version INTEGER NOT NULL DEFAULT 0;
  `,
  /* 7: the few events that span several days, so on this day can show them on each of their days */ `
  CREATE INDEX events_spanning_days ON events (date, end_date) WHERE end_date IS NOT NULL AND precision = 'day';
  `,
  /*
   * 8: the full-text index holds the text alone: searches and topic filters match the words an
   * event says, not the topic tags guessed for it (decision 007). Rebuilt from the events and merged
   * into one segment (about 16 s per million events here); word frequencies are counted again at
   * the next ingest.
   */ `
  DROP TABLE events_fts;
  CREATE VIRTUAL TABLE events_fts USING fts5 (text, content = 'events', content_rowid = 'rowid', tokenize = '${FTS_TOKENIZER}');
  INSERT INTO events_fts (events_fts) VALUES ('rebuild');
  INSERT INTO events_fts (events_fts) VALUES ('optimize');
  DELETE FROM word_frequencies;
  DELETE FROM word_frequencies_counted;
  `,
  /*
   * 9: the index's words (terms without digits) and how many events hold each, counted with the
   * word frequencies (an empty table is counted at the next ingest), so that a search finding
   * nothing can suggest the word the reader meant; and events by the day they were reported, for
   * the week's news.
   */ `
  CREATE TABLE index_terms (
    term TEXT PRIMARY KEY,
    events INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX events_by_reported_date ON events (reported_date) WHERE reported_date IS NOT NULL;
  `,
  /* 10: how many more times an event's document repeats it (an editor's highlight), for the week's picks; filled as documents are read again */ `
  ALTER TABLE events ADD COLUMN repeats INTEGER NOT NULL DEFAULT 0;
  `,
  /* 11: whether an event is a state that began at its date and still held when written (`since 1992`), shown as such; filled as documents are read again */ `
  ALTER TABLE events ADD COLUMN ongoing INTEGER NOT NULL DEFAULT 0 CHECK (ongoing IN (0, 1));
  `,
];
