// A process that loads the cpu backend with `log: null` and nothing else: its stderr must stay empty.
import { initBackend } from './backend';

await initBackend({ backend: 'cpu', environment: false, log: null });
