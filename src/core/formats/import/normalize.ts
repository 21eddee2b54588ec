// Reading loosely typed source values into model values: classes, statuses, criticality,
// strings and string maps, and the guard against prototype-polluting keys.
import { CI_CLASSES, type CiClass, type CiStatus, type Criticality } from '../../../shared/model';
import { cyrb53 } from '../../../shared/hash';

/** Keys that must never become keys of an object we build (prototype pollution). */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `obj[key]` only when it is the object's own property (never something inherited like `constructor`). */
export function getOwn(obj: unknown, key: string): unknown {
  if (!isRecord(obj) || !Object.prototype.hasOwnProperty.call(obj, key)) return undefined;
  return obj[key];
}

/** A scalar as text: strings trimmed, numbers and booleans printed; anything else undefined. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** A non-empty trimmed string, or undefined. */
export function nonEmpty(value: unknown): string | undefined {
  const text = scalarText(value);
  return text ? text : undefined;
}

export function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value) {
    const text = nonEmpty(item);
    if (text !== undefined) out.push(text);
  }
  return out;
}

const CLASS_SET: ReadonlySet<string> = new Set(CI_CLASSES);

const CLASS_SYNONYMS: ReadonlyMap<string, CiClass> = new Map<string, CiClass>([
  ['app', 'application'],
  ['service', 'technical_service'],
  ['business', 'business_service'],
  ['db', 'database'],
  ['host', 'server'],
  ['physical_server', 'server'],
  ['vm', 'virtual_machine'],
  ['virtual', 'virtual_machine'],
  ['pod', 'container'],
  ['lb', 'load_balancer'],
  ['network', 'network_device'],
  ['switch', 'network_device'],
  ['router', 'network_device'],
  ['firewall', 'network_device'],
  ['cloud', 'cloud_resource'],
  ['location', 'site'],
  ['datacenter', 'site'],
  ['data_center', 'site'],
  ['queue', 'message_queue'],
  ['mq', 'message_queue'],
]);

/** `Business Service`, `business-service`, `BUSINESS_SERVICE`, `vm`… → a CI class. */
export function normalizeClass(value: unknown): CiClass | undefined {
  const text = scalarText(value);
  if (!text) return undefined;
  const key = text.toLowerCase().replace(/[\s-]+/g, '_');
  if (CLASS_SET.has(key)) return key as CiClass;
  return CLASS_SYNONYMS.get(key);
}

const STATUS_WORDS: ReadonlyMap<string, CiStatus> = new Map<string, CiStatus>([
  ['live', 'live'],
  ['active', 'live'],
  ['operational', 'live'],
  ['installed', 'live'],
  ['in use', 'live'],
  ['in_use', 'live'],
  ['production', 'live'],
  ['running', 'live'],
  ['planned', 'planned'],
  ['pending', 'planned'],
  ['pending install', 'planned'],
  ['on order', 'planned'],
  ['ordered', 'planned'],
  ['in build', 'planned'],
  ['experimental', 'planned'],
  ['retired', 'retired'],
  ['decommissioned', 'retired'],
  ['disposed', 'retired'],
  ['absent', 'retired'],
  ['non-operational', 'retired'],
]);

export function normalizeStatus(value: unknown): CiStatus | undefined {
  const text = scalarText(value);
  if (!text) return undefined;
  return STATUS_WORDS.get(text.toLowerCase());
}

const CRITICALITY_WORDS: ReadonlyMap<string, Criticality> = new Map<string, Criticality>([
  ['mission critical', 1],
  ['critical', 1],
  ['most critical', 1],
  ['high', 2],
  ['somewhat critical', 2],
  ['medium', 3],
  ['moderate', 3],
  ['less critical', 3],
  ['low', 4],
  ['not critical', 4],
]);

/** `1`…`4`, `"2 - somewhat critical"` (ServiceNow), `high`… → 1..4. */
export function normalizeCriticality(value: unknown): Criticality | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= 4 ? (value as Criticality) : undefined;
  const text = scalarText(value);
  if (!text) return undefined;
  const leading = /^([1-4])(?:\s*(?:-.*)?)?$/.exec(text);
  if (leading) return Number(leading[1]) as Criticality;
  return CRITICALITY_WORDS.get(text.toLowerCase());
}

/** Tags from a list or from text split on `;`, `,` or `|`; trimmed, de-duplicated, order kept. */
export function normalizeTags(value: unknown, separators = /[;,|]/): string[] {
  const raw = Array.isArray(value) ? stringList(value) : (scalarText(value) ?? '').split(separators);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const tag of raw) {
    const t = tag.trim();
    if (t && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  }
  return out;
}

/**
 * A plain string map from entries, or the first key that may not be used. Values are
 * scalars as text; `null`/objects are skipped.
 */
export function safeStringMap(entries: Iterable<readonly [string, unknown]>): { map: Record<string, string> } | { badKey: string } {
  const map: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (isForbiddenKey(key)) return { badKey: key };
    const text = scalarText(value);
    if (text !== undefined) map[key] = text;
  }
  return { map };
}

/** 53-bit string hash (cyrb53), as hex: stable keys for remembered settings. */
export function hashText(text: string): string {
  return cyrb53(text).toString(16).padStart(14, '0');
}
