// Backstage software catalog YAML (catalog-info.yaml; many entities per file, `---` apart).
// Kinds and classes: Component → application, System → technical_service, Domain →
// business_service, API → technical_service (tag `api`), Resource → by spec.type.
// Relations of Backstage's catalog model, as Faultline reads them:
//   spec.dependsOn → depends_on; spec.dependencyOf → the named entity depends_on this one;
//   spec.system (Component, API, Resource), spec.subcomponentOf, System's spec.domain and
//   Domain's spec.subdomainOf → part_of; providesApis → the API depends_on its provider;
//   consumesApis → the consumer depends_on the API; spec.owner → the CI's owner, and the
//   owner Group's spec.parent chain (Groups' spec.children too) → attribute `owner.parents`.
//   People's relations (User spec.memberOf, Group spec.members) have no CI to land on: they
//   are listed as not imported, as is any other spec field of a CI kind that holds entity refs.
// A ref to an entity not in the file becomes a relationship for the plan to resolve against
// the CMDB (a catalog split over files); one that resolves nowhere is a warning there.
// Location entities are not CIs; their targets are read by the caller (src/node).
// Entity refs (`component:default/foo`, `resource:bar`, `foo`) are case-insensitive; keys are
// `kind:namespace/name`.
import type { CiClass, RelationshipType } from '../../../shared/model';
import { BatchBuilder } from './builder';
import { guard, resolveLimits } from './limits';
import { getOwn, isForbiddenKey, isRecord, nonEmpty, normalizeTags, scalarText } from './normalize';
import { ImportError, type ImportBatch, type ImportedCi, type ImportOptions, type SourceRef } from './types';
import { readYaml, reportYamlStream, type YamlDocument } from './yaml-reader';

export const BACKSTAGE_SYSTEM = 'backstage';

const KIND_CLASSES: Readonly<Record<string, CiClass>> = {
  component: 'application',
  system: 'technical_service',
  domain: 'business_service',
  api: 'technical_service',
};

const SKIPPED_KINDS = new Set(['user', 'location', 'template', 'group']);
const KIND_CLASSES_SET: ReadonlySet<string> = new Set(Object.keys(KIND_CLASSES));

/** spec fields read as relations (or plain values) per CI kind; any other one holding entity refs is listed as not imported. */
const READ_SPEC_FIELDS = new Set([
  'type',
  'lifecycle',
  'owner',
  'system',
  'domain',
  'subdomainOf',
  'subcomponentOf',
  'dependsOn',
  'dependencyOf',
  'providesApis',
  'consumesApis',
  'definition',
]);

/** Relation fields of the kinds that are not CIs, which Faultline has nothing to map onto. */
const UNMAPPED_RELATIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['user', ['memberOf']],
  ['group', ['members']],
]);

/** `component:foo`, `group:default/team-a`: a value that reads as an entity ref with a kind. */
const KINDED_REF = /^[A-Za-z][\w-]*:(?:[\w.-]+\/)?[\w.-]+$/;

function holdsEntityRefs(value: unknown): boolean {
  const values = Array.isArray(value) ? value : [value];
  return values.length > 0 && values.every((v) => typeof v === 'string' && KINDED_REF.test(v.trim()));
}

function resourceClass(type: string | undefined): CiClass {
  const t = (type ?? '').toLowerCase();
  if (/database|postgres|mysql|sql|mongo|dynamo|rds/.test(t)) return 'database';
  if (/cache|redis|memcache/.test(t)) return 'cache';
  if (/queue|topic|kafka|sqs|sns|pubsub|rabbit/.test(t)) return 'message_queue';
  if (/bucket|storage|s3|volume|disk/.test(t)) return 'storage';
  if (/cluster|kubernetes|k8s/.test(t)) return 'cluster';
  if (/load.?balancer|lb|ingress/.test(t)) return 'load_balancer';
  if (/vm|virtual/.test(t)) return 'virtual_machine';
  if (/server|host/.test(t)) return 'server';
  if (/network|vpc|dns|cdn/.test(t)) return 'network_device';
  return 'cloud_resource';
}

/** `kind:namespace/name` with defaults; null when the ref is not a string. */
export function parseEntityRef(ref: unknown, defaultKind: string | null, defaultNamespace: string): { kind: string | null; namespace: string; name: string } | null {
  const text = scalarText(ref);
  if (!text) return null;
  let rest = text;
  let kind = defaultKind;
  const colon = rest.indexOf(':');
  if (colon > 0) {
    kind = rest.slice(0, colon);
    rest = rest.slice(colon + 1);
  }
  let namespace = defaultNamespace;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    namespace = rest.slice(0, slash);
    rest = rest.slice(slash + 1);
  }
  if (!rest) return null;
  return { kind: kind ? kind.toLowerCase() : null, namespace: namespace.toLowerCase(), name: rest.toLowerCase() };
}

function entityKey(kind: string, namespace: string, name: string): string {
  return `${kind}:${namespace}/${name}`.toLowerCase();
}

interface PendingEdge {
  from: string;
  ref: unknown;
  defaultKind: string | null;
  namespace: string;
  type: RelationshipType;
  /** The referenced entity is the edge's source (providesApis: the API depends on its provider). */
  reversed?: boolean;
  ref_: SourceRef;
  field: string;
}

interface GroupNode {
  parents: { key: string; ref: SourceRef; field: string }[];
}

/** The names of a Group's parent Groups, nearest first (the first parent at each step; cycles stop). */
function ownerParents(key: string, groups: ReadonlyMap<string, GroupNode>): string[] {
  const names: string[] = [];
  const seen = new Set([key]);
  let at = groups.get(key)?.parents.find((p) => groups.has(p.key));
  while (at && !seen.has(at.key)) {
    seen.add(at.key);
    names.push(at.key.slice(at.key.indexOf('/') + 1));
    at = groups.get(at.key)?.parents.find((p) => groups.has(p.key));
  }
  return names;
}

export interface BackstageOptions extends ImportOptions {
  /** The caller imports the files that Location entities list (src/node does for a file on disk); else they are listed as not imported. */
  followsLocations?: boolean;
}

/** A Location entity's target: its text as written (relative to the file, or a URL) and its place. */
export interface LocationTarget {
  target: string;
  ref: SourceRef;
  field: string;
}

/** spec.target and spec.targets of a Location entity. */
function locationTargets(spec: unknown, file: string, doc: YamlDocument): LocationTarget[] {
  const out: LocationTarget[] = [];
  const single = nonEmpty(getOwn(spec, 'target'));
  if (single) out.push({ target: single, ref: { file, line: doc.lineOf(['spec', 'target']), document: doc.index + 1 }, field: 'spec.target' });
  const many = getOwn(spec, 'targets');
  (Array.isArray(many) ? many : []).forEach((t, i) => {
    const text = nonEmpty(t);
    if (text) out.push({ target: text, ref: { file, line: doc.lineOf(['spec', 'targets', i]), document: doc.index + 1 }, field: `spec.targets[${i}]` });
  });
  return out;
}

/** The targets of every Location entity in a catalog file, in order (for the caller that follows them). */
export function backstageLocationTargets(text: string, options: ImportOptions): LocationTarget[] {
  const file = options.fileName;
  return guard(file, () => {
    const stream = readYaml(text, file, resolveLimits(options), { skipUnreadable: options.skipUnreadable === true });
    return stream.documents.flatMap((doc) =>
      isRecord(doc.value) && nonEmpty(getOwn(doc.value, 'kind'))?.toLowerCase() === 'location' ? locationTargets(getOwn(doc.value, 'spec'), file, doc) : [],
    );
  });
}

export function parseBackstage(text: string, options: BackstageOptions): ImportBatch {
  const file = options.fileName;
  return guard(file, () => {
    const limits = resolveLimits(options);
    const stream = readYaml(text, file, limits, { skipUnreadable: options.skipUnreadable === true });
    const builder = new BatchBuilder('backstage');
    reportYamlStream(stream, file, builder);
    const keys = new Set<string>();
    /** name → keys, for refs without a kind (`dependsOn: [foo]`). */
    const byName = new Map<string, string[]>();
    const pending: PendingEdge[] = [];
    const skipped = new Map<string, number>();
    const groups = new Map<string, GroupNode>();
    /** CIs whose owner is a Group: `owner.parents` is filled in once every Group is known. */
    const owned: { ci: ImportedCi; ownerKey: string }[] = [];
    let entities = 0;

    for (const doc of stream.documents) {
      const entity = doc.value;
      if (entity === null || entity === undefined) continue;
      const ref: SourceRef = { file, line: doc.line };
      if (!isRecord(entity)) {
        builder.rejectAt(ref, 'ci', `document ${doc.index + 1} is not a catalog entity (expected a mapping)`);
        continue;
      }
      const apiVersion = scalarText(getOwn(entity, 'apiVersion')) ?? '';
      const kindText = nonEmpty(getOwn(entity, 'kind'));
      if (!kindText || !apiVersion.startsWith('backstage.io/')) {
        builder.rejectAt(ref, 'ci', `document ${doc.index + 1} is not a Backstage entity (apiVersion "${apiVersion}", kind "${kindText ?? ''}")`, { field: kindText ? 'apiVersion' : 'kind' });
        continue;
      }
      entities++;
      const kind = kindText.toLowerCase();
      const metadata = getOwn(entity, 'metadata');
      const spec = getOwn(entity, 'spec');
      const name = nonEmpty(getOwn(metadata, 'name'));
      if (!name) {
        builder.rejectAt(ref, 'ci', `${kindText} without metadata.name`, { field: 'metadata.name' });
        continue;
      }
      const namespace = (nonEmpty(getOwn(metadata, 'namespace')) ?? 'default').toLowerCase();
      for (const field of UNMAPPED_RELATIONS.get(kind) ?? []) {
        if (getOwn(spec, field) !== undefined) builder.unreadField(`${kindText} spec.${field}`);
      }
      if (kind === 'group') {
        const node = groups.get(entityKey('group', namespace, name)) ?? { parents: [] };
        groups.set(entityKey('group', namespace, name), node);
        const parent = parseEntityRef(getOwn(spec, 'parent'), 'group', namespace);
        if (parent) node.parents.push({ key: entityKey(parent.kind ?? 'group', parent.namespace, parent.name), ref: { file, line: doc.lineOf(['spec', 'parent']), document: doc.index + 1 }, field: 'spec.parent' });
        const children = getOwn(spec, 'children');
        (Array.isArray(children) ? children : []).forEach((child, i) => {
          const parsed = parseEntityRef(child, 'group', namespace);
          if (!parsed) return;
          const childKey = entityKey(parsed.kind ?? 'group', parsed.namespace, parsed.name);
          const childNode = groups.get(childKey) ?? { parents: [] };
          groups.set(childKey, childNode);
          childNode.parents.push({ key: entityKey('group', namespace, name), ref: { file, line: doc.lineOf(['spec', 'children', i]), document: doc.index + 1 }, field: `spec.children[${i}]` });
        });
      }
      if (kind === 'location' && !options.followsLocations) {
        const targets = locationTargets(spec, file, doc);
        if (targets.length > 0) builder.unreadField(`Location ${targets.some((t) => t.field !== 'spec.target') ? 'spec.targets' : 'spec.target'} (import the root file with the CLI to follow it)`);
      }
      if (SKIPPED_KINDS.has(kind)) {
        skipped.set(kindText, (skipped.get(kindText) ?? 0) + 1);
        continue;
      }
      const key = entityKey(kind, namespace, name);
      const ciClass = kind === 'resource' ? resourceClass(scalarText(getOwn(spec, 'type'))) : Object.prototype.hasOwnProperty.call(KIND_CLASSES, kind) ? KIND_CLASSES[kind] : undefined;
      if (!ciClass) {
        skipped.set(kindText, (skipped.get(kindText) ?? 0) + 1);
        continue;
      }
      if (keys.has(key)) {
        builder.rejectAt(ref, 'ci', `${key} is defined twice in this file`, { key, field: 'metadata.name' });
        continue;
      }
      const attributes: Record<string, string> = { kind: kindText };
      const title = nonEmpty(getOwn(metadata, 'title'));
      if (title) attributes.title = title;
      const description = nonEmpty(getOwn(metadata, 'description'));
      if (description) attributes.description = description;
      const type = nonEmpty(getOwn(spec, 'type'));
      if (type) attributes.type = type;
      const lifecycle = nonEmpty(getOwn(spec, 'lifecycle'));
      if (lifecycle) attributes.lifecycle = lifecycle;
      if (namespace !== 'default') attributes.namespace = namespace;
      const labels = getOwn(metadata, 'labels');
      let badLabel: string | undefined;
      if (isRecord(labels)) {
        for (const [k, v] of Object.entries(labels)) {
          if (isForbiddenKey(k)) badLabel = k;
          const text = scalarText(v);
          if (text !== undefined) attributes[`label:${k}`] = text;
        }
      }
      if (badLabel !== undefined) {
        builder.rejectAt({ file, line: doc.lineOf(['metadata', 'labels']) }, 'ci', `the label key "${badLabel}" is not allowed`, { key, field: `metadata.labels.${badLabel}` });
        continue;
      }
      const tags = normalizeTags(getOwn(metadata, 'tags'));
      if (kind === 'api' && !tags.includes('api')) tags.push('api');
      const ci: ImportedCi = {
        key,
        system: BACKSTAGE_SYSTEM,
        name,
        class: ciClass,
        externalIds: { [BACKSTAGE_SYSTEM]: key },
        attributes,
        tags,
        sourceRef: ref,
      };
      const owner = parseEntityRef(getOwn(spec, 'owner'), 'group', namespace);
      if (owner) ci.owner = owner.name;
      if (owner && (owner.kind ?? 'group') === 'group') owned.push({ ci, ownerKey: entityKey('group', owner.namespace, owner.name) });
      if (isRecord(spec)) {
        for (const [field, value] of Object.entries(spec)) {
          if (!READ_SPEC_FIELDS.has(field) && holdsEntityRefs(value)) builder.unreadField(`${kindText} spec.${field}`);
        }
      }
      if (lifecycle) ci.status = lifecycle.toLowerCase() === 'experimental' ? 'planned' : 'live';
      if (!builder.addCi(ci)) continue;
      keys.add(key);
      const list = byName.get(name.toLowerCase());
      if (list) list.push(key);
      else byName.set(name.toLowerCase(), [key]);

      const edge = (field: string, value: unknown, defaultKind: string | null, type: RelationshipType, reversed = false): void => {
        const path = field.split('.');
        const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
        values.forEach((v, i) => {
          const line = doc.lineOf(Array.isArray(value) ? [...path, i] : path);
          pending.push({ from: key, ref: v, defaultKind, namespace, type, reversed, ref_: { file, line, document: doc.index + 1 }, field: Array.isArray(value) ? `${field}[${i}]` : field });
        });
      };
      edge('spec.dependsOn', getOwn(spec, 'dependsOn'), null, 'depends_on');
      edge('spec.dependencyOf', getOwn(spec, 'dependencyOf'), null, 'depends_on', true);
      if (kind !== 'domain' && kind !== 'system') edge('spec.system', getOwn(spec, 'system'), 'system', 'part_of');
      edge('spec.subcomponentOf', getOwn(spec, 'subcomponentOf'), 'component', 'part_of');
      if (kind === 'system') edge('spec.domain', getOwn(spec, 'domain'), 'domain', 'part_of');
      if (kind === 'domain') edge('spec.subdomainOf', getOwn(spec, 'subdomainOf'), 'domain', 'part_of');
      edge('spec.providesApis', getOwn(spec, 'providesApis'), 'api', 'depends_on', true);
      edge('spec.consumesApis', getOwn(spec, 'consumesApis'), 'api', 'depends_on');
    }
    if (entities === 0 && stream.documents.length > 0 && builder.ciCount === 0 && stream.failures.length === 0) {
      throw new ImportError('format', { file }, 'not a Backstage catalog (no document has apiVersion backstage.io/…)');
    }

    for (const p of pending) {
      const parsed = parseEntityRef(p.ref, p.defaultKind, p.namespace);
      if (!parsed) {
        builder.rejectAt(p.ref_, 'relationship', `${p.field} is not an entity reference`, { field: p.field });
        continue;
      }
      let target: string;
      if (parsed.kind) {
        target = entityKey(parsed.kind, parsed.namespace, parsed.name);
      } else {
        const candidates = (byName.get(parsed.name) ?? []).filter((k) => k.endsWith(`:${parsed.namespace}/${parsed.name}`));
        if (candidates.length > 1) {
          builder.rejectAt(p.ref_, 'relationship', `${p.field}: "${String(p.ref)}" is ambiguous (${candidates.join(', ')})`, { field: p.field });
          continue;
        }
        // Not in this file and no kind: the plan looks the name up in the CMDB.
        target = candidates[0] ?? parsed.name;
      }
      const [source, dest] = p.reversed ? [target, p.from] : [p.from, target];
      const fields = p.reversed ? { source: p.field } : { target: p.field };
      builder.addRelationship({ source, target: dest, system: BACKSTAGE_SYSTEM, type: p.type, fields, sourceRef: p.ref_ });
    }
    for (const { ci, ownerKey } of owned) {
      const parents = ownerParents(ownerKey, groups);
      if (parents.length > 0 && ci.attributes) ci.attributes = { ...ci.attributes, 'owner.parents': parents.join(', ') };
    }
    // A parent Group not in the file: one warning per missing Group, every reference counted.
    const missingGroups = new Map<string, { ref: SourceRef; field: string; lines: number[] }>();
    for (const node of groups.values()) {
      for (const parent of node.parents) {
        if (groups.has(parent.key)) continue;
        const seen = missingGroups.get(parent.key);
        if (seen) seen.lines.push(parent.ref.line ?? 0);
        else missingGroups.set(parent.key, { ref: parent.ref, field: parent.field, lines: [] });
      }
    }
    for (const [group, { ref, field, lines }] of missingGroups) {
      const also = lines.length > 0 ? ` (also named at line${lines.length > 1 ? 's' : ''} ${lines.join(', ')})` : '';
      builder.dangling({ ...ref, field }, `"${group}" names no Group in this file${also}; Groups are not CIs, so the CMDB cannot resolve it`, 1 + lines.length);
    }
    if (skipped.size > 0) {
      builder.warn(`skipped entities that are not CIs: ${[...skipped].map(([k, n]) => `${n} ${k}`).join(', ')}`);
    }
    // Every CI kind needs a spec: a last entity without one (and a file that looks whole otherwise) was likely cut mid-entity.
    const last = stream.documents[stream.documents.length - 1];
    const lastKind = nonEmpty(getOwn(last?.value, 'kind'))?.toLowerCase();
    if (!stream.truncated && last && lastKind && (lastKind === 'resource' || KIND_CLASSES_SET.has(lastKind)) && getOwn(last.value, 'spec') === undefined) {
      builder.truncated(`${file}:${last.line}: the last entity has no spec: the file may be cut short in the middle of it; check that the file is complete`);
    }
    return builder.build();
  });
}
