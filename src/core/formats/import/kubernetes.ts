// Kubernetes manifests (many documents, `---` apart; `kind: List` too): Deployments,
// StatefulSets and DaemonSets become CIs (class from the first container's image, else
// application), Services become technical_service CIs that depend on the workloads their
// selector matches (by pod template labels, same namespace), Ingresses become load_balancer
// CIs that depend on their backend Services. A container env value of a key ending in
// `_ADDR` or `_HOST` that names a Service (`orders`, `orders.shop`, `orders.shop.svc…`,
// `http://orders:8080/x`) gives an edge marked `inferred: true`. Env values are never stored.
// Secrets and ConfigMaps are skipped unread. Keys are `<namespace>/<kind>/<name>`.
// A Service named by an env value or an Ingress backend but not defined in the file becomes
// a relationship for the plan to resolve against the CMDB (manifests split over files); a
// selector that matches no workload in the file is a dangling-reference warning, as is an
// `_ADDR`/`_HOST` variable set from a ConfigMap or Secret (`valueFrom`, not read).
import type { RelationshipType } from '../../../shared/model';
import { imageClass } from './compose';
import { BatchBuilder } from './builder';
import { guard, resolveLimits, RowBudget } from './limits';
import { getOwn, isForbiddenKey, isRecord, nonEmpty, scalarText } from './normalize';
import { ImportError, type ImportBatch, type ImportedCi, type ImportOptions, type SourceRef } from './types';
import { readYaml, reportYamlStream } from './yaml-reader';

export const KUBERNETES_SYSTEM = 'kubernetes';

export interface KubernetesOptions extends ImportOptions {
  /** Namespace for objects that name none (default "default"). */
  namespace?: string;
}

const WORKLOAD_KINDS = new Set(['deployment', 'statefulset', 'daemonset']);

interface Workload {
  key: string;
  namespace: string;
  labels: Map<string, string>;
  envHosts: { host: string; ref: SourceRef; field: string }[];
}

interface Service {
  key: string;
  namespace: string;
  name: string;
  selector: Map<string, string> | null;
  ref: SourceRef;
  selectorRef: SourceRef;
}

interface IngressBackend {
  key: string;
  namespace: string;
  service: string;
  ref: SourceRef;
  field: string;
}

function labelMap(value: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      const text = scalarText(v);
      if (text !== undefined) map.set(k, text);
    }
  }
  return map;
}

/** `orders`, `orders.shop`, `orders.shop.svc.cluster.local`, `http://orders:8080/path`, `orders:5432` → name and namespace. */
export function hostOfEnvValue(value: string): { name: string; namespace?: string } | null {
  let host = value.trim().toLowerCase();
  const scheme = host.indexOf('://');
  if (scheme >= 0) host = host.slice(scheme + 3);
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  host = host.split(/[/?#]/)[0].split(':')[0];
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host)) return null;
  const parts = host.split('.');
  if (parts.length === 1) return { name: parts[0] };
  if (parts.length === 2 || parts[2] === 'svc') return { name: parts[0], namespace: parts[1] };
  return null;
}

/** Items of a document: the document itself, or the items of a `kind: List`. */
function itemsOf(value: unknown): { item: unknown; path: (string | number)[] }[] {
  if (isRecord(value) && /List$/.test(scalarText(getOwn(value, 'kind')) ?? '') && Array.isArray(getOwn(value, 'items'))) {
    return (getOwn(value, 'items') as unknown[]).map((item, i) => ({ item, path: ['items', i] }));
  }
  return [{ item: value, path: [] }];
}

export function parseKubernetes(text: string, options: KubernetesOptions): ImportBatch {
  const file = options.fileName;
  return guard(file, () => {
    const limits = resolveLimits(options);
    const stream = readYaml(text, file, limits, { skipUnreadable: options.skipUnreadable === true });
    const builder = new BatchBuilder('kubernetes');
    reportYamlStream(stream, file, builder);
    const budget = new RowBudget(limits, file, 'objects');
    const workloads: Workload[] = [];
    const services: Service[] = [];
    const backends: IngressBackend[] = [];
    const skipped = new Map<string, number>();
    const keys = new Set<string>();
    let objects = 0;
    const defaultNamespace = options.namespace ?? 'default';

    for (const doc of stream.documents) {
      for (const { item, path } of itemsOf(doc.value)) {
        if (item === null || item === undefined) continue;
        const line = doc.lineOf(path);
        const ref: SourceRef = { file, line };
        budget.take({ line });
        const kindText = nonEmpty(getOwn(item, 'kind'));
        const apiVersion = nonEmpty(getOwn(item, 'apiVersion'));
        if (!isRecord(item) || !kindText || !apiVersion) {
          builder.rejectAt(ref, 'ci', `document ${doc.index + 1} is not a Kubernetes object (needs apiVersion and kind)`);
          continue;
        }
        objects++;
        const kind = kindText.toLowerCase();
        const metadata = getOwn(item, 'metadata');
        const spec = getOwn(item, 'spec');
        const name = nonEmpty(getOwn(metadata, 'name'));
        const namespace = nonEmpty(getOwn(metadata, 'namespace')) ?? defaultNamespace;
        const isWorkload = WORKLOAD_KINDS.has(kind);
        if (!isWorkload && kind !== 'service' && kind !== 'ingress') {
          skipped.set(kindText, (skipped.get(kindText) ?? 0) + 1);
          continue;
        }
        if (!name) {
          builder.rejectAt(ref, 'ci', `${kindText} without metadata.name`, { field: 'metadata.name' });
          continue;
        }
        const key = `${namespace}/${kind}/${name}`;
        if (keys.has(key)) {
          builder.rejectAt(ref, 'ci', `${kindText} ${namespace}/${name} is defined twice in this file`, { key, field: 'metadata.name' });
          continue;
        }
        const attributes: Record<string, string> = { kind: kindText, namespace };
        const labels = getOwn(metadata, 'labels');
        const badLabel = isRecord(labels) ? Object.keys(labels).find(isForbiddenKey) : undefined;
        if (badLabel !== undefined) {
          builder.rejectAt(ref, 'ci', `the label key "${badLabel}" is not allowed`, { key, field: `metadata.labels.${badLabel}` });
          continue;
        }
        const ci: ImportedCi = {
          key,
          system: KUBERNETES_SYSTEM,
          name,
          class: 'application',
          externalIds: { [KUBERNETES_SYSTEM]: key },
          attributes,
          tags: ['kubernetes'],
          sourceRef: ref,
        };
        if (isWorkload) {
          const template = getOwn(spec, 'template');
          const podSpec = getOwn(template, 'spec');
          const containers = getOwn(podSpec, 'containers');
          const list = Array.isArray(containers) ? containers : [];
          const image = nonEmpty(getOwn(list[0], 'image'));
          if (image) attributes.image = image;
          ci.class = imageClass(image, 'application');
          const replicas = getOwn(spec, 'replicas');
          if (typeof replicas === 'number' && Number.isInteger(replicas)) attributes.replicas = String(replicas);
          const envHosts: Workload['envHosts'] = [];
          let fromValueFrom = false;
          list.forEach((container, c) => {
            const env = getOwn(container, 'env');
            if (!Array.isArray(env)) return;
            env.forEach((entry, e) => {
              const envName = scalarText(getOwn(entry, 'name')) ?? '';
              const value = getOwn(entry, 'value');
              if (!/_(ADDR|HOST)$/i.test(envName)) return;
              if (typeof value !== 'string') {
                if (getOwn(entry, 'valueFrom') !== undefined) fromValueFrom = true;
                return;
              }
              const envPath = [...path, 'spec', 'template', 'spec', 'containers', c, 'env', e];
              envHosts.push({ host: value, ref: { file, line: doc.lineOf(envPath), document: doc.index + 1 }, field: `spec.template.spec.containers[${c}].env[${e}] (${envName})` });
            });
          });
          if (fromValueFrom) builder.unreadField('spec.template.spec.containers[].env[] (an _ADDR/_HOST value from valueFrom)');
          workloads.push({ key, namespace, labels: labelMap(getOwn(getOwn(template, 'metadata'), 'labels')), envHosts });
        } else if (kind === 'service') {
          ci.class = 'technical_service';
          const type = nonEmpty(getOwn(spec, 'type'));
          if (type) attributes.serviceType = type;
          const selector = getOwn(spec, 'selector');
          services.push({
            key,
            namespace,
            name: name.toLowerCase(),
            selector: isRecord(selector) ? labelMap(selector) : null,
            ref,
            selectorRef: { file, line: doc.lineOf([...path, 'spec', 'selector']), document: doc.index + 1 },
          });
        } else {
          ci.class = 'load_balancer';
          const add = (backend: unknown, field: string, p: (string | number)[]): void => {
            // networking.k8s.io/v1: backend.service.name; v1beta1: backend.serviceName.
            const service = nonEmpty(getOwn(getOwn(backend, 'service'), 'name')) ?? nonEmpty(getOwn(backend, 'serviceName'));
            if (service) backends.push({ key, namespace, service: service.toLowerCase(), ref: { file, line: doc.lineOf([...path, ...p]), document: doc.index + 1 }, field });
          };
          add(getOwn(spec, 'defaultBackend') ?? getOwn(spec, 'backend'), 'spec.defaultBackend', ['spec', getOwn(spec, 'defaultBackend') ? 'defaultBackend' : 'backend']);
          const rules = getOwn(spec, 'rules');
          (Array.isArray(rules) ? rules : []).forEach((rule, r) => {
            const host = nonEmpty(getOwn(rule, 'host'));
            if (host && !attributes.host) attributes.host = host;
            const paths = getOwn(getOwn(rule, 'http'), 'paths');
            (Array.isArray(paths) ? paths : []).forEach((p, i) =>
              add(getOwn(p, 'backend'), `spec.rules[${r}].http.paths[${i}].backend`, ['spec', 'rules', r, 'http', 'paths', i, 'backend']),
            );
          });
        }
        if (builder.addCi(ci)) keys.add(key);
      }
    }
    if (objects === 0 && stream.documents.length > 0 && stream.failures.length === 0) {
      throw new ImportError('format', { file }, 'not Kubernetes manifests (no document has apiVersion and kind)');
    }

    const serviceByName = new Map<string, Service>();
    for (const s of services) if (keys.has(s.key)) serviceByName.set(`${s.namespace}\u0000${s.name}`, s);
    const edge = (source: string, target: string, type: RelationshipType, ref: SourceRef, inferred = false, targetField?: string): void => {
      builder.addRelationship({
        source,
        target,
        system: KUBERNETES_SYSTEM,
        type,
        sourceRef: ref,
        ...(inferred ? { inferred: true } : {}),
        ...(targetField ? { fields: { target: targetField } } : {}),
      });
    };
    // Workloads by (namespace, label, value), so a Service looks only at those sharing one selector label.
    const byLabel = new Map<string, Workload[]>();
    for (const w of workloads) {
      if (!keys.has(w.key)) continue;
      for (const [k, v] of w.labels) {
        const at = `${w.namespace}\u0000${k}\u0000${v}`;
        const list = byLabel.get(at);
        if (list) list.push(w);
        else byLabel.set(at, [w]);
      }
    }
    for (const s of services) {
      if (!keys.has(s.key) || !s.selector || s.selector.size === 0) continue;
      const [firstKey, firstValue] = s.selector.entries().next().value as [string, string];
      let matched = 0;
      for (const w of byLabel.get(`${s.namespace}\u0000${firstKey}\u0000${firstValue}`) ?? []) {
        let matches = true;
        for (const [k, v] of s.selector) {
          if (w.labels.get(k) !== v) {
            matches = false;
            break;
          }
        }
        if (matches) {
          matched++;
          edge(s.key, w.key, 'depends_on', s.ref);
        }
      }
      if (matched === 0) {
        const labels = [...s.selector].map(([k, v]) => `${k}=${v}`).join(', ');
        builder.dangling({ ...s.selectorRef, field: 'spec.selector' }, `Service ${s.namespace}/${s.name} selects ${labels}, which no Deployment, StatefulSet or DaemonSet in this file carries`);
      }
    }
    for (const b of backends) {
      if (!keys.has(b.key)) continue;
      // A Service not in this file is looked up in the CMDB by the plan (by its key).
      const service = serviceByName.get(`${b.namespace}\u0000${b.service}`);
      edge(b.key, service?.key ?? `${b.namespace}/service/${b.service}`, 'depends_on', b.ref, false, b.field);
    }
    for (const w of workloads) {
      if (!keys.has(w.key)) continue;
      for (const env of w.envHosts) {
        const host = hostOfEnvValue(env.host);
        if (!host || host.name === 'localhost') continue;
        const namespace = host.namespace ?? w.namespace;
        const service = serviceByName.get(`${namespace}\u0000${host.name}`);
        edge(w.key, service?.key ?? `${namespace}/service/${host.name}`, 'depends_on', env.ref, true, env.field);
      }
    }
    if (skipped.size > 0) builder.warn(`skipped objects that are not CIs here: ${[...skipped].map(([k, n]) => `${n} ${k}`).join(', ')}`);
    return builder.build();
  });
}
