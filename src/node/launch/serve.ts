// `npm run serve`: browser mode (see serve-app.ts).
import { runServe } from './serve-app';

await runServe(process.argv.slice(2));
