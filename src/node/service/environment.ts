// The CmdbEnvironment for the Node side (the storage layer's: wall-clock time, random ids)
// and who is acting.
import { userInfo } from 'node:os';
import { nodeEnvironment } from '../storage';

export { nodeEnvironment as createEnvironment };

/** The OS user name, for the journal's `actor`; "user" when the OS will not say. */
export function currentActor(): string {
  try {
    const name = userInfo().username;
    return name.length > 0 ? name : 'user';
  } catch {
    return 'user';
  }
}
