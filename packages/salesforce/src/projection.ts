import type { CompactField } from './schemas.js';

/** A record as the REST API returns it: fields plus `attributes: { type, url }`. */
export interface SalesforceRecord {
  attributes?: { type?: string; url?: string };
  [field: string]: unknown;
}

/** A SOQL answer; child relationship subqueries nest the same shape. */
export interface QueryResult {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: SalesforceRecord[];
}

/** What compacting saw, for the result's warnings. */
export interface CompactNotes {
  /** Fields left out: nulls and system fields not asked for by name. */
  dropped: number;
  /** Child relationships that had more records than Salesforce returned inline. */
  partialChildren: Set<string>;
}

export function newNotes(): CompactNotes {
  return { dropped: 0, partialChildren: new Set() };
}

/**
 * Salesforce's system fields (audit stamps), plus housekeeping fields every record of an object
 * carries. Left out of compact records unless asked for by name: they cost tokens in every row
 * and rarely answer a question.
 */
const SYSTEM_FIELDS = new Set([
  'IsDeleted',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
  'LastViewedDate',
  'LastReferencedDate',
  'PhotoUrl',
  'MasterRecordId',
  'Jigsaw',
  'JigsawCompanyId',
  'JigsawContactId',
  'CleanStatus',
  'ConnectionReceivedId',
  'ConnectionSentId',
]);
const ADDRESS_PARTS = ['Street', 'City', 'State', 'PostalCode', 'Country', 'StateCode', 'CountryCode', 'Latitude', 'Longitude', 'GeocodeAccuracy'];

/**
 * Which fields go out as Salesforce sent them. `all`: every field (the caller chose them, as in a
 * SOQL SELECT list); otherwise only those named, and the rest is compacted: nulls and system
 * fields left out, a compound address as one line instead of the address and its parts.
 */
export type Keep = 'all' | ((field: string) => boolean);

/** Removes `attributes` at every depth, turns child subqueries into arrays, and compacts fields not asked for by name. */
export function compactRecord(record: SalesforceRecord, keep: Keep, notes: CompactNotes): Record<string, unknown> {
  const named = (field: string) => keep === 'all' || keep(field);
  const out: Record<string, unknown> = {};
  const addresses = new Set<string>();
  if (keep !== 'all') {
    for (const field in record) if (field.endsWith('Address') && isAddress(record[field])) addresses.add(field.slice(0, -'Address'.length));
  }
  for (const field in record) {
    const value = record[field];
    if (field === 'attributes') continue;
    if (isQueryResult(value)) {
      out[field] = value.records.map((child) => compactRecord(child, 'all', notes));
      if (!value.done) notes.partialChildren.add(field);
      continue;
    }
    if (isRecord(value)) {
      // A parent relationship (Owner.Name): always named in the query.
      out[field] = compactRecord(value, 'all', notes);
      continue;
    }
    if (named(field)) {
      out[field] = value;
      continue;
    }
    const compacted = isAddress(value) ? addressLine(value) || null : value;
    if (compacted === null || SYSTEM_FIELDS.has(field) || (addresses.size > 0 && isAddressPart(field, addresses))) {
      notes.dropped++;
      continue;
    }
    out[field] = compacted;
  }
  return out;
}

/** A SOSL hit: its object type first, then its fields. */
export function compactSearchHit(record: SalesforceRecord, notes: CompactNotes): Record<string, unknown> {
  return { type: record.attributes?.type ?? null, ...compactRecord(record, 'all', notes) };
}

function isRecord(value: unknown): value is SalesforceRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'attributes' in value;
}

function isQueryResult(value: unknown): value is QueryResult {
  return typeof value === 'object' && value !== null && Array.isArray((value as QueryResult).records) && 'totalSize' in value;
}

interface Address {
  street?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  country?: string | null;
}

function isAddress(value: unknown): value is Address {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && ('street' in value || 'city' in value) && 'country' in value;
}

function isAddressPart(field: string, prefixes: Set<string>): boolean {
  for (const prefix of prefixes) if (field.startsWith(prefix) && ADDRESS_PARTS.includes(field.slice(prefix.length))) return true;
  return false;
}

/** "1 Market St, San Francisco, CA 94105, United States". */
function addressLine(address: Address): string {
  const street = address.street?.replace(/\s*\r?\n\s*/g, ', ');
  const region = [address.state, address.postalCode].filter(Boolean).join(' ');
  return [street, address.city, region, address.country].filter(Boolean).join(', ');
}

/** Identifiers a SOQL statement names, lower-cased, to tell the fields asked for from those a FIELDS() macro added. */
export function namedIdentifiers(statement: string): Set<string> {
  const withoutStrings = statement.replace(/'(?:\\.|[^'\\])*'/g, "''");
  return new Set((withoutStrings.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).map((word) => word.toLowerCase()));
}

export const FIELDS_MACRO = /\bFIELDS\s*\(\s*(ALL|STANDARD|CUSTOM)\s*\)/i;

/** Global describe entry, trimmed to what we read. */
export interface GlobalDescribeObject {
  name: string;
  label: string;
  custom: boolean;
  queryable: boolean;
  createable: boolean;
  deprecatedAndHidden?: boolean;
  [more: string]: unknown;
}

export function compactObject(object: GlobalDescribeObject) {
  return { name: object.name, label: object.label, custom: object.custom, queryable: object.queryable, createable: object.createable };
}

/** A field of an object describe, trimmed to what we read. */
export interface DescribeField {
  name: string;
  label: string;
  type: string;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  length?: number;
  referenceTo?: string[];
  relationshipName?: string | null;
  picklistValues?: { value: string; label: string; active: boolean }[];
  [more: string]: unknown;
}

const MAX_PICKLIST_VALUES = 25;
const LENGTH_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'encryptedstring']);

/** One field, compact: what it takes to read or write it. */
export function compactField(field: DescribeField): CompactField {
  const active = (field.picklistValues ?? []).filter((entry) => entry.active).map((entry) => entry.value);
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    // Required on create: must be given and has no default (booleans and defaulted fields are not).
    required: field.createable && !field.nillable && !field.defaultedOnCreate,
    updateable: field.updateable,
    ...(field.referenceTo?.length ? { referenceTo: field.referenceTo } : {}),
    ...(field.relationshipName ? { relationshipName: field.relationshipName } : {}),
    ...(LENGTH_TYPES.has(field.type) && field.length ? { length: field.length } : {}),
    ...(active.length ? { picklistValues: active.slice(0, MAX_PICKLIST_VALUES) } : {}),
    ...(active.length > MAX_PICKLIST_VALUES ? { morePicklistValues: active.length - MAX_PICKLIST_VALUES } : {}),
  };
}
