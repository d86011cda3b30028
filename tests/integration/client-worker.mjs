// Worker entry: registers the TypeScript loader inside the worker thread, then runs the client.
import { register } from 'tsx/esm/api';

register();
await import('./client-worker.ts');
