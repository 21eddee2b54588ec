// Terraform state v4 / v3 and `terraform show -json`; secrets never imported by default.
import { describe, expect, it } from 'vitest';
import { parseTerraform, terraformClass } from '../../../../../src/core/formats/import';
import { edges, fixture, importError, planned } from './fixtures';

describe('parseTerraform', () => {
  it('reads a v4 state: 6 instances keyed by address, dependencies (new and old style) as depends_on, data sources skipped', () => {
    const batch = parseTerraform(fixture('terraform/terraform.tfstate'), { fileName: 'terraform.tfstate' });
    expect(batch.cis.map((c) => [c.key, c.class])).toEqual([
      ['aws_vpc.main', 'network_device'],
      ['aws_subnet.private[0]', 'network_device'],
      ['aws_subnet.private[1]', 'network_device'],
      ['aws_instance.web["blue"]', 'virtual_machine'],
      ['module.db.aws_db_instance.main', 'database'],
      ['aws_lb.front', 'load_balancer'],
    ]);
    expect(batch.cis[4]).toMatchObject({
      name: 'module.db.aws_db_instance.main',
      externalIds: { terraform: 'module.db.aws_db_instance.main' },
      attributes: { type: 'aws_db_instance', module: 'module.db', provider: 'provider["registry.terraform.io/hashicorp/aws"]' },
      sourceRef: { file: 'terraform.tfstate', path: 'resources[4].instances[0]' },
    });
    expect(edges(batch)).toEqual([
      'aws_subnet.private[0] -depends_on-> aws_vpc.main',
      'aws_subnet.private[1] -depends_on-> aws_vpc.main',
      'aws_instance.web["blue"] -depends_on-> aws_subnet.private[0]',
      'aws_instance.web["blue"] -depends_on-> aws_subnet.private[1]',
      'aws_instance.web["blue"] -depends_on-> module.db.aws_db_instance.main',
      'module.db.aws_db_instance.main -depends_on-> aws_subnet.private[0]',
      'module.db.aws_db_instance.main -depends_on-> aws_subnet.private[1]',
      'aws_lb.front -depends_on-> aws_instance.web["blue"]',
      'aws_lb.front -depends_on-> aws_security_group.gone',
    ]);
    expect(batch.rejected).toEqual([
      { file: 'terraform.tfstate', path: 'resources[6]', entity: 'ci', field: 'type', reason: 'a resource without type, name or address' },
    ]);
    expect(batch.warnings).toEqual([
      '1 data source(s) skipped (they read infrastructure, they are not part of it)',
      'attribute values were not imported (state holds secrets); import with includeAttributes to keep them',
    ]);
  });

  it('drops every attribute value unless asked, and even then never keeps values marked sensitive', () => {
    const text = fixture('terraform/terraform.tfstate');
    const plain = JSON.stringify(parseTerraform(text, { fileName: 's' }));
    for (const secret of ['hunter2', 's3cr3t-Pa55', 'vpc-0abc', 'db-1.example.internal']) expect(plain).not.toContain(secret);
    const withValues = parseTerraform(text, { fileName: 's', includeAttributes: true });
    const db = withValues.cis.find((c) => c.key === 'module.db.aws_db_instance.main');
    expect(db?.attributes).toMatchObject({ 'tf.engine': 'postgres', 'tf.endpoint': 'db-1.example.internal:5432' });
    expect(JSON.stringify(withValues)).not.toContain('s3cr3t-Pa55');
    expect(db?.attributes).not.toHaveProperty('tf.password');
  });

  it('reads terraform show -json: root and nested child modules, depends_on on resources and on whole modules', () => {
    const batch = parseTerraform(fixture('terraform/show.json'), { fileName: 'show.json' });
    expect(batch.cis.map((c) => [c.key, c.class])).toEqual([
      ['aws_s3_bucket.assets', 'storage'],
      ['aws_cloudfront_distribution.cdn', 'network_device'],
      ['module.queue.aws_sqs_queue.orders[0]', 'message_queue'],
      ['module.queue.module.dlq.aws_sqs_queue.dead', 'message_queue'],
      ['module.lambda.aws_lambda_function.worker', 'application'],
    ]);
    expect(edges(batch)).toEqual([
      'aws_cloudfront_distribution.cdn -depends_on-> aws_s3_bucket.assets',
      'module.queue.aws_sqs_queue.orders[0] -depends_on-> aws_s3_bucket.assets',
      'module.lambda.aws_lambda_function.worker -depends_on-> module.queue.aws_sqs_queue.orders[0]',
      'module.lambda.aws_lambda_function.worker -depends_on-> module.queue.module.dlq.aws_sqs_queue.dead',
      'module.lambda.aws_lambda_function.worker -depends_on-> aws_cloudfront_distribution.cdn',
    ]);
    const withValues = parseTerraform(fixture('terraform/show.json'), { fileName: 'show.json', includeAttributes: true });
    expect(withValues.cis[2].attributes).toEqual({ type: 'aws_sqs_queue', provider: 'registry.terraform.io/hashicorp/aws', module: 'module.queue', 'tf.name': 'orders' });
  });

  it('reads a legacy v3 state with modules and depends_on', () => {
    const batch = parseTerraform(fixture('terraform/legacy-v3.tfstate'), { fileName: 'old.tfstate' });
    expect(batch.cis.map((c) => c.key)).toEqual([
      'aws_instance.app[0]',
      'aws_instance.app[1]',
      'aws_security_group.app',
      'module.cache.aws_elasticache_cluster.main',
      'module.cache.aws_elasticache_subnet_group.main',
    ]);
    expect(edges(batch)).toEqual([
      'aws_instance.app[0] -depends_on-> aws_security_group.app',
      'aws_instance.app[1] -depends_on-> aws_security_group.app',
      'module.cache.aws_elasticache_cluster.main -depends_on-> module.cache.aws_elasticache_subnet_group.main',
    ]);
  });

  it('refuses what is not a state, and unknown versions', () => {
    expect(importError(() => parseTerraform('{"hello": 1}', { fileName: 'x' })).code).toBe('format');
    expect(importError(() => parseTerraform('{"version": 9, "resources": []}', { fileName: 'x' })).reason).toMatch(/version 9/);
    expect(importError(() => parseTerraform('{"version": 4}', { fileName: 'x' })).path).toBe('resources');
  });

  it('classifies common resource types', () => {
    expect(terraformClass('google_sql_database_instance')).toBe('database');
    expect(terraformClass('azurerm_kubernetes_cluster')).toBe('cluster');
    expect(terraformClass('aws_elasticache_replication_group')).toBe('cache');
    expect(terraformClass('random_password')).toBe('cloud_resource');
    // Subnet groups are networking even when they name a database or cache service.
    expect(terraformClass('aws_elasticache_subnet_group')).toBe('network_device');
    expect(terraformClass('aws_db_subnet_group')).toBe('network_device');
    // Pools of machines behind a cluster.
    expect(terraformClass('aws_eks_node_group')).toBe('cluster');
    expect(terraformClass('aws_autoscaling_group')).toBe('cluster');
    expect(terraformClass('google_container_node_pool')).toBe('cluster');
  });

  it('skips deposed objects (same address, waiting to be destroyed) with a warning instead of rejecting a duplicate', () => {
    const state = {
      version: 4,
      resources: [
        {
          mode: 'managed',
          type: 'aws_ecs_task_definition',
          name: 'app',
          instances: [
            { index_key: 'checkout', attributes: { revision: 57 } },
            { index_key: 'checkout', deposed: '00000001', attributes: { revision: 56 } },
          ],
        },
      ],
    };
    const batch = parseTerraform(JSON.stringify(state), { fileName: 's.tfstate' });
    expect(batch.cis.map((c) => c.key)).toEqual(['aws_ecs_task_definition.app["checkout"]']);
    expect(batch.rejected).toEqual([]);
    expect(batch.warnings).toContain('1 deposed object(s) skipped (replaced, waiting to be destroyed)');
  });

  it('lists each dependency that is neither in the file nor in the CMDB as a warning with its place', () => {
    const deps = Array.from({ length: 7 }, (_, i) => `aws_thing.gone${i}`);
    const state = { version: 4, resources: [{ mode: 'managed', type: 'aws_vpc', name: 'main', instances: [{ attributes: {}, dependencies: deps }] }] };
    const plan = planned(parseTerraform(JSON.stringify(state), { fileName: 's.tfstate' }));
    expect(plan.leftOut.danglingReferences).toBe(7);
    expect(plan.warnings).toContain(
      's.tfstate at resources[0].instances[0] (dependencies[6]): the target "aws_thing.gone6" is neither in this file nor in the CMDB; the relationship was not imported',
    );
  });

  it('with attribute values kept, hides the secrets a real state holds and counts them in the report', () => {
    const state = {
      version: 4,
      resources: [
        {
          mode: 'managed',
          type: 'azurerm_storage_account',
          name: 'shop',
          instances: [
            {
              attributes: {
                name: 'shopstore',
                primary_connection_string: 'DefaultEndpointsProtocol=https;AccountName=shopstore;AccountKey=q8Zt0abcdef==;EndpointSuffix=core.windows.net',
                auth: 'Basic dXNlcjpwYXNz',
                location: 'westeurope',
              },
              sensitive_attributes: [],
            },
          ],
        },
        {
          mode: 'managed',
          type: 'aws_instance',
          name: 'web',
          instances: [
            {
              attributes: {
                instance_type: 't3.small',
                user_data: '#!/bin/sh\nexport DB_PASSWORD=hunter2',
                passwd: 'letmein',
                pwd: 'letmein2',
                settings: '{"password":"json-s3cret","region":"eu-west-1"}',
                admin_login: 'Server=tcp:db,1433;Password=C0nn-s3cret;Encrypt=True',
                kube_config: 'users:\n- user:\n    client-key-data: LS0tS0VZ\n',
                client_note: 'ok',
                marked: 'sens-value',
              },
              sensitive_attributes: [[{ type: 'get_attr', value: 'marked' }]],
            },
          ],
        },
      ],
    };
    const batch = parseTerraform(JSON.stringify(state), { fileName: 's.tfstate', includeAttributes: true });
    const text = JSON.stringify(batch.cis);
    for (const secret of ['q8Zt0abcdef', 'dXNlcjpwYXNz', 'hunter2', 'letmein', 'json-s3cret', 'C0nn-s3cret', 'LS0tS0VZ', 'sens-value']) expect(text).not.toContain(secret);
    const [account, web] = batch.cis;
    expect(account.attributes).toMatchObject({ 'tf.location': 'westeurope', 'tf.auth': '(hidden)' });
    expect(account.attributes?.['tf.primary_connection_string']).toBe('(hidden)');
    expect(web.attributes).toMatchObject({ 'tf.instance_type': 't3.small', 'tf.client_note': 'ok', 'tf.passwd': '(hidden)', 'tf.pwd': '(hidden)', 'tf.user_data': '(hidden)' });
    expect(web.attributes?.['tf.settings']).toBe('{"password":"(hidden)","region":"eu-west-1"}');
    expect(web.attributes?.['tf.admin_login']).toBe('Server=tcp:db,1433;Password=(hidden);Encrypt=True');
    expect(web.attributes).not.toHaveProperty('tf.marked');
    // primary_connection_string, auth (names); user_data, passwd, pwd (names); settings, admin_login, kube_config (values); marked (sensitive).
    expect(batch.leftOut?.hiddenSecrets).toBe(9);
    expect(batch.warnings.some((w) => w.startsWith('9 attribute value(s) that are or hold secrets were not imported as they are'))).toBe(true);
  });

  it('hides passwords inside URLs when attribute values are kept', () => {
    const state = {
      version: 4,
      resources: [
        {
          mode: 'managed',
          type: 'aws_ecs_task_definition',
          name: 'app',
          instances: [{ attributes: { family: 'shop', container_definitions: '[{"environment":[{"name":"DATABASE_URL","value":"postgres://orders:S3cr3t@db:5432/orders"}]}]' } }],
        },
      ],
    };
    const batch = parseTerraform(JSON.stringify(state), { fileName: 's.tfstate', includeAttributes: true });
    expect(JSON.stringify(batch)).not.toContain('S3cr3t');
    expect(batch.cis[0].attributes?.['tf.container_definitions']).toContain('postgres://orders:(hidden)@db:5432/orders');
  });
});
