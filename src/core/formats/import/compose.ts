// docker-compose files: one CI per service (class from the image: databases, caches, queues,
// proxies; otherwise container), depends_on in list and map form (a `required: false`
// dependency is soft), and legacy `links` (`db` or `db:alias`). Environment values are never
// read into the model (they often hold secrets). Keys are `<project>/<service>`, the project
// being the file's top-level `name`, else options.project, else "compose". A service named
// but not defined here becomes a relationship for the plan to resolve against the CMDB (an
// override file of the same project); `external_links`, `volumes_from`, `network_mode:
// service:…` and `extends` name services too but are not read: they are listed as such.
import type { CiClass, Strength } from '../../../shared/model';
import { BatchBuilder } from './builder';
import { guard, resolveLimits, RowBudget } from './limits';
import { getOwn, isRecord, nonEmpty, scalarText } from './normalize';
import { ImportError, type ImportBatch, type ImportedCi, type ImportOptions } from './types';
import { readYaml, reportYamlStream } from './yaml-reader';

export const COMPOSE_SYSTEM = 'compose';

export interface ComposeOptions extends ImportOptions {
  project?: string;
}

/** A class guessed from a container image name. */
export function imageClass(image: string | undefined, fallback: CiClass): CiClass {
  const name = (image ?? '').toLowerCase().replace(/^.*\//, '').replace(/[:@].*$/, '');
  if (/^(postgres|postgis|mysql|mariadb|mongo|mongodb|cassandra|cockroach|mssql|oracle|couchdb|couchbase|neo4j|clickhouse|timescaledb|influxdb|elasticsearch|opensearch|scylla)/.test(name)) return 'database';
  if (/^(redis|memcached|valkey|keydb|dragonfly|varnish)/.test(name)) return 'cache';
  if (/^(rabbitmq|kafka|cp-kafka|nats|activemq|artemis|pulsar|zookeeper|mosquitto|redpanda)/.test(name)) return 'message_queue';
  if (/^(nginx|traefik|haproxy|envoy|caddy|httpd|apache)/.test(name)) return 'load_balancer';
  if (/^(minio|localstack)/.test(name)) return 'storage';
  return fallback;
}

export function parseCompose(text: string, options: ComposeOptions): ImportBatch {
  const file = options.fileName;
  return guard(file, () => {
    const limits = resolveLimits(options);
    // One document: there is no readable part to keep when it cannot be parsed, so readYaml throws.
    const stream = readYaml(text, file, limits);
    if (stream.documents.length !== 1) {
      throw new ImportError('format', { file }, `a compose file is one YAML document (found ${stream.documents.length})`);
    }
    const doc = stream.documents[0];
    const services = getOwn(doc.value, 'services');
    if (!isRecord(services)) throw new ImportError('format', { file, line: doc.line }, 'not a compose file (no services mapping)');
    const project = nonEmpty(getOwn(doc.value, 'name')) ?? options.project ?? 'compose';
    const keyOf = (service: string): string => `${project}/${service}`;
    const builder = new BatchBuilder('compose');
    reportYamlStream(stream, file, builder);
    const budget = new RowBudget(limits, file, 'services');
    const accepted: string[] = [];
    for (const [service, definition] of Object.entries(services)) {
      const line = doc.lineOf(['services', service]);
      const ref = { file, line };
      budget.take({ line });
      if (definition !== null && !isRecord(definition)) {
        builder.rejectAt(ref, 'ci', `service "${service}" is not a mapping`, { key: keyOf(service), field: `services.${service}` });
        continue;
      }
      const image = nonEmpty(getOwn(definition, 'image'));
      const build = getOwn(definition, 'build');
      const attributes: Record<string, string> = { project };
      if (image) attributes.image = image;
      else if (build !== undefined) attributes.build = scalarText(build) ?? scalarText(getOwn(build, 'context')) ?? '.';
      const containerName = nonEmpty(getOwn(definition, 'container_name'));
      if (containerName) attributes.container_name = containerName;
      const ci: ImportedCi = {
        key: keyOf(service),
        system: COMPOSE_SYSTEM,
        name: service,
        class: imageClass(image, 'container'),
        externalIds: { [COMPOSE_SYSTEM]: keyOf(service) },
        attributes,
        tags: ['compose'],
        sourceRef: ref,
      };
      if (builder.addCi(ci)) accepted.push(service);
    }
    for (const service of accepted) {
      const definition = getOwn(services, service);
      for (const field of ['external_links', 'volumes_from', 'extends'] as const) {
        if (getOwn(definition, field) !== undefined) builder.unreadField(`services.*.${field}`);
      }
      if (/^(service|container):/.test(scalarText(getOwn(definition, 'network_mode')) ?? '')) builder.unreadField('services.*.network_mode');
      const dependsOn = getOwn(definition, 'depends_on');
      const links = getOwn(definition, 'links');
      const edges: { target: string; strength?: Strength; field: string; path: (string | number)[] }[] = [];
      if (Array.isArray(dependsOn)) {
        dependsOn.forEach((item, i) => {
          const target = nonEmpty(item);
          edges.push({ target: target ?? '', field: `services.${service}.depends_on[${i}]`, path: ['services', service, 'depends_on', i] });
        });
      } else if (isRecord(dependsOn)) {
        for (const [target, condition] of Object.entries(dependsOn)) {
          const required = getOwn(condition, 'required');
          edges.push({
            target,
            strength: required === false ? 'soft' : undefined,
            field: `services.${service}.depends_on.${target}`,
            path: ['services', service, 'depends_on', target],
          });
        }
      } else if (dependsOn !== undefined && dependsOn !== null) {
        builder.rejectAt({ file, line: doc.lineOf(['services', service, 'depends_on']) }, 'relationship', 'depends_on must be a list or a mapping', {
          field: `services.${service}.depends_on`,
        });
      }
      if (Array.isArray(links)) {
        links.forEach((item, i) => {
          const text = nonEmpty(item) ?? '';
          edges.push({ target: text.split(':')[0], field: `services.${service}.links[${i}]`, path: ['services', service, 'links', i] });
        });
      }
      for (const edge of edges) {
        const ref = { file, line: doc.lineOf(edge.path) };
        if (!edge.target) {
          builder.rejectAt(ref, 'relationship', 'an empty service name', { field: edge.field });
          continue;
        }
        if (edge.target === service) {
          builder.rejectAt(ref, 'relationship', `service "${service}" depends on itself`, { field: edge.field });
          continue;
        }
        builder.addRelationship({
          source: keyOf(service),
          target: keyOf(edge.target),
          system: COMPOSE_SYSTEM,
          type: 'depends_on',
          ...(edge.strength ? { strength: edge.strength } : {}),
          fields: { target: edge.field },
          sourceRef: ref,
        });
      }
    }
    return builder.build();
  });
}
