// Backstage software catalog YAML (catalog-info.yaml; many entities per file, `---` apart).
// Kinds and classes: Component → application, System → technical_service, Domain →
// business_service, API → technical_service (tag `api`), Resource → by spec.type.
// Edges: spec.dependsOn → depends_on; spec.system, spec.subcomponentOf, System's
// spec.domain → part_of; providesApis → the API depends_on its provider; consumesApis → the
// consumer depends_on the API. Group entities give owners; User/Location/Template are skipped.
// Entity refs (`component:default/foo`, `resource:bar`, `foo`) are case-insensitive; keys are
// `kind:namespace/name`.
import type { CiClass, RelationshipType } from '../../../shared/model';
import { BatchBuilder } from './builder';
import { guard, resolveLimits } from './limits';
import { getOwn, isForbiddenKey, isRecord, nonEmpty, normalizeTags, scalarText } from './normalize';
import { ImportError, type ImportBatch, type ImportedCi, type ImportOptions, type SourceRef } from './types';
import { readYaml } from './yaml-reader';

export const BACKSTAGE_SYSTEM = 'backstage';

const KIND_CLASSES: Readonly<Record<string, CiClass>> = {
  component: 'application',
  system: 'technical_service',
  domain: 'business_service',
  api: 'technical_service',
};

const SKIPPED_KINDS = new Set(['user', 'location', 'template', 'group']);

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

export function parseBackstage(text: string, options: ImportOptions): ImportBatch {
  const file = options.fileName;
  return guard(file, () => {
    const limits = resolveLimits(options);
    const stream = readYaml(text, file, limits);
    const builder = new BatchBuilder('backstage');
    for (const failure of stream.failures) {
      builder.rejectAt({ file, line: failure.line }, 'ci', `document ${failure.index + 1}: ${failure.reason}`);
    }
    for (const warning of stream.warnings) builder.warn(warning);
    const keys = new Set<string>();
    /** name → keys, for refs without a kind (`dependsOn: [foo]`). */
    const byName = new Map<string, string[]>();
    const pending: PendingEdge[] = [];
    const skipped = new Map<string, number>();
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
          pending.push({ from: key, ref: v, defaultKind, namespace, type, reversed, ref_: { file, line }, field: Array.isArray(value) ? `${field}[${i}]` : field });
        });
      };
      edge('spec.dependsOn', getOwn(spec, 'dependsOn'), null, 'depends_on');
      if (kind !== 'domain') edge('spec.system', getOwn(spec, 'system'), 'system', 'part_of');
      edge('spec.subcomponentOf', getOwn(spec, 'subcomponentOf'), 'component', 'part_of');
      if (kind === 'system') edge('spec.domain', getOwn(spec, 'domain'), 'domain', 'part_of');
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
        if (candidates.length !== 1) {
          builder.rejectAt(p.ref_, 'relationship', candidates.length === 0 ? `${p.field}: "${String(p.ref)}" names no entity in this file (give its kind)` : `${p.field}: "${String(p.ref)}" is ambiguous (${candidates.join(', ')})`, { field: p.field });
          continue;
        }
        target = candidates[0];
      }
      const [source, dest] = p.reversed ? [target, p.from] : [p.from, target];
      builder.addRelationship({ source, target: dest, system: BACKSTAGE_SYSTEM, type: p.type, sourceRef: p.ref_ });
    }
    if (skipped.size > 0) {
      builder.warn(`skipped entities that are not CIs: ${[...skipped].map(([k, n]) => `${n} ${k}`).join(', ')}`);
    }
    return builder.build();
  });
}
