import type { Precision } from '../ingest/partial-date.js';

export interface EventSource {
  readonly source: string;
  readonly line: number;
  readonly section: string | null;
}

export interface StoredEvent {
  readonly id: string;
  readonly date: string;
  readonly precision: Precision;
  readonly endDate: string | null;
  readonly reportedDate: string | null;
  readonly kind: string;
  readonly headline: string;
  readonly text: string;
  readonly people: string[];
  readonly organisations: string[];
  readonly places: string[];
  readonly topics: string[];
  /** The first source; `sourceCount` says how many documents report it. */
  readonly source: EventSource;
  readonly sourceCount: number;
  /** How many more times its document repeats it: an editor's highlight. */
  readonly repeats: number;
  /** A state that began at `date` and still held when its document was written (`since 1992`). */
  readonly ongoing: boolean;
}

/** An events row as the store's queries select it (`EVENT_COLUMNS`). */
export interface EventRow {
  id: string; date: string; precision: Precision; end_date: string | null; reported_date: string | null;
  kind: string; headline: string; text: string; people: string; organisations: string; places: string;
  topics: string; source: string; line: number; section: string | null; source_count: number; repeats: number; ongoing: number;
}

export const EVENT_COLUMNS = `e.id, e.date, e.precision, e.end_date, e.reported_date, e.kind, e.headline, e.text,
  e.people, e.organisations, e.places, e.topics, e.first_source AS source, e.first_line AS line, e.first_section AS section, e.source_count, e.repeats, e.ongoing`;

export function toEvent(row: EventRow): StoredEvent {
  return {
    id: row.id, date: row.date, precision: row.precision, endDate: row.end_date, reportedDate: row.reported_date,
    kind: row.kind, headline: row.headline, text: row.text,
    people: JSON.parse(row.people) as string[], organisations: JSON.parse(row.organisations) as string[],
    places: JSON.parse(row.places) as string[], topics: JSON.parse(row.topics) as string[],
    source: { source: row.source, line: row.line, section: row.section }, sourceCount: row.source_count, repeats: row.repeats,
    ongoing: row.ongoing === 1,
  };
}
