// The secret detector used when an import keeps attribute values: secret-like names, and the
// secret parts of values (connection strings, URLs, JSON and YAML pairs, PEM keys), hidden and counted.
import { describe, expect, it } from 'vitest';
import { HIDDEN, hideSecretsInValue, isSecretName } from '../../../../../src/core/formats/import/secrets';

describe('isSecretName', () => {
  it('knows the names secrets go by, beyond password and secret', () => {
    for (const name of ['password', 'master_password', 'passwd', 'db_pwd', 'auth', 'auth_token', 'client_secret', 'access_key', 'private_key_pem', 'user_data', 'user_data_base64', 'client_certificate', 'kubeconfig_raw', 'primary_connection_string', 'sas_token']) {
      expect(isSecretName(name), name).toBe(true);
    }
  });

  it('leaves ordinary names alone', () => {
    for (const name of ['engine', 'instance_class', 'endpoint', 'port', 'arn', 'availability_zone', 'vpc_id', 'tags_all', 'name']) expect(isSecretName(name), name).toBe(false);
  });
});

describe('hideSecretsInValue', () => {
  const hides = (text: string, secret: string, kept: string[] = []) => {
    const out = hideSecretsInValue(text);
    expect(out.text, text).not.toContain(secret);
    expect(out.text).toContain(HIDDEN);
    expect(out.hidden).toBeGreaterThan(0);
    for (const part of kept) expect(out.text).toContain(part);
    return out.text;
  };

  it('hides passwords and keys inside connection strings', () => {
    hides('Server=tcp:db.example,1433;Database=orders;User ID=app;Password=Hunter2!x;Encrypt=True', 'Hunter2!x', ['Server=tcp:db.example,1433;', 'Encrypt=True']);
    hides('DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=q8Zt0+abc/def==;EndpointSuffix=core.windows.net', 'q8Zt0+abc/def==', ['AccountName=shop']);
    hides('Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=kK9s/Q==', 'kK9s/Q==', ['SharedAccessKeyName=Root']);
    hides('https://shop.blob.core.windows.net/c?sv=2022-11-02&sig=AbC%2Fd123&se=2026', 'AbC%2Fd123', ['sv=2022-11-02']);
    hides('host=db port=5432 user=app pwd=s3cr3t dbname=orders', 's3cr3t', ['dbname=orders']);
  });

  it('hides the password of a URL', () => {
    expect(hideSecretsInValue('postgres://orders:S3cr3t-Pa55w0rd!@db.example:5432/orders').text).toBe(`postgres://orders:${HIDDEN}@db.example:5432/orders`);
    expect(hideSecretsInValue('https://example.com/a@b and user@example.com')).toEqual({ text: 'https://example.com/a@b and user@example.com', hidden: 0 });
  });

  it('hides JSON-encoded password values, also JSON inside a JSON string, and ECS-style name/value entries', () => {
    hides('{"username":"app","password":"p@ss\\"word"}', 'p@ss', ['"username":"app"']);
    hides('{"config":"{\\"db_password\\":\\"t0ps3cret\\",\\"port\\":5432}"}', 't0ps3cret', ['\\"port\\":5432']);
    hides('[{"environment":[{"name":"DB_PASSWORD","value":"hunter2"},{"name":"PORT","value":"8080"}]}]', 'hunter2', ['"value":"8080"']);
  });

  it('hides kubeconfig client keys and tokens, and PEM private keys', () => {
    const kubeconfig = 'users:\n- name: admin\n  user:\n    client-certificate-data: LS0tLS1CRUdJTiBDRVJU\n    client-key-data: LS0tLS1CRUdJTiBSU0Eg\n    token: eyJhbGciOi\n';
    const out = hides(kubeconfig, 'LS0tLS1CRUdJTiBSU0Eg', ['- name: admin']);
    expect(out).not.toContain('eyJhbGciOi');
    expect(out).not.toContain('LS0tLS1CRUdJTiBDRVJU');
    hides('-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----', 'MIIEpAIBAAKCAQEA');
    hides('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk (cut short)', 'b3BlbnNzaC1rZXk');
  });

  it('changes nothing in an ordinary value and counts nothing', () => {
    for (const text of ['db-1.example.internal:5432', 'postgres', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}', 'a=b;c=d']) {
      expect(hideSecretsInValue(text)).toEqual({ text, hidden: 0 });
    }
  });
});
