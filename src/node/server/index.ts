export { startFaultlineServer, statusForError, DEFAULT_BODY_LIMIT, LOOPBACK_HOST, type FaultlineServer, type FaultlineServerOptions } from './server';
export { KEPT_UPLOADS } from './uploads';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, isAllowedHost, isAllowedOrigin, isAuthorized, newToken } from './security';
export { resolveStaticPath, contentTypeFor } from './static-files';
