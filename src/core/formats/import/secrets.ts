// Telling secrets apart in attribute values an import is asked to keep (Terraform's
// --include-attributes). Two tests, both on the safe side (hiding a harmless value costs little,
// keeping a password costs a lot):
// - by name: an attribute named like a secret (password, passwd, pwd, secret, token, auth, key,
//   credential, certificate, user_data…) keeps its name with the value "(hidden)";
// - by value shape: inside any value kept, the secret part of a connection string or URL
//   (`Password=…;`, `AccountKey=…`, `scheme://user:…@host`), of a JSON or YAML pair whose key is
//   secret-like (`"password":"…"`, `client-key-data: …`), of an ECS-style `{"name":"DB_PASSWORD",
//   "value":"…"}` entry, and whole PEM private keys are replaced by "(hidden)".
// Callers count what was hidden, for the import report.

export const HIDDEN = '(hidden)';

/** The words that make a name secret-like, wherever they stand in it (db_password, AUTH_TOKEN, clientKeyData). */
const SECRET_WORDS = String.raw`pass(?:word|wd|phrase)?|pwd|secret|token|auth|credential|cert(?:ificate)?|private|key|sas|signature|salt|cookie|session|user_?data|kubeconfig|connection_?string`;
const SECRET_NAME = new RegExp(`(${SECRET_WORDS})`, 'i');

/** True when an attribute with this name should not keep its value. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Keys of `key=value` pairs in connection strings and query strings whose value is a secret. */
const PAIR_KEYS = String.raw`password|passwd|pwd|pass|accountkey|sharedaccesskey|sharedaccesssignature|sig|secret|client_?secret|api_?key|access_?key|token|auth`;

const SHAPES: { pattern: RegExp; replace: (...groups: string[]) => string }[] = [
  // -----BEGIN RSA PRIVATE KEY----- … -----END RSA PRIVATE KEY-----
  { pattern: /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g, replace: () => HIDDEN },
  // scheme://user:password@host
  { pattern: /([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@"']*:)[^\s@/"']+@/gi, replace: (_m, head) => `${head}${HIDDEN}@` },
  // "name": "DB_PASSWORD", "value": "…" (container definitions, task environments)
  {
    pattern: new RegExp(String.raw`("name"\s*:\s*"[^"]*(?:${SECRET_WORDS})[^"]*"\s*,\s*"value"\s*:\s*")((?:[^"\\]|\\.)*)(")`, 'gi'),
    replace: (_m, head, _value, tail) => `${head}${HIDDEN}${tail}`,
  },
  // "password": "…" and 'password': '…' in JSON or Python-ish text, also JSON inside a JSON string (\"password\":\"…\")
  {
    pattern: new RegExp(String.raw`((\\?["'])[\w.-]*(?:${SECRET_WORDS})[\w.-]*\2\s*:\s*)(\\?["'])((?:\\.|[^\\])*?)(\3)`, 'gi'),
    replace: (_m, head, _q, open, _value, close) => `${head}${open}${HIDDEN}${close}`,
  },
  // client-key-data: LS0t…, password: … (YAML, one per line)
  {
    pattern: new RegExp(String.raw`^(\s*-?\s*[\w.-]*(?:${SECRET_WORDS})[\w.-]*\s*:[ \t]+)(?!${escapeForRegExp(HIDDEN)})(\S.*)$`, 'gim'),
    replace: (_m, head) => `${head}${HIDDEN}`,
  },
  // Password=…; AccountKey=…; ?sig=…&
  {
    pattern: new RegExp(String.raw`(^|[;&?\s])((?:${PAIR_KEYS})\s*=\s*)(?!${escapeForRegExp(HIDDEN)})([^;&\s"']+)`, 'gi'),
    replace: (_m, lead, head) => `${lead}${head}${HIDDEN}`,
  },
];

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `text` with the secret parts of its connection strings, URLs, JSON/YAML pairs and PEM keys replaced, and how many were. */
export function hideSecretsInValue(text: string): { text: string; hidden: number } {
  let hidden = 0;
  let out = text;
  for (const { pattern, replace } of SHAPES) {
    out = out.replace(pattern, (...args: unknown[]) => {
      hidden += 1;
      // A replacer gets the match and its groups first, then the offset, the whole text (and named groups).
      const groups = args.slice(0, -2).map((g) => (typeof g === 'string' ? g : ''));
      return replace(...groups);
    });
  }
  return { text: out, hidden };
}
