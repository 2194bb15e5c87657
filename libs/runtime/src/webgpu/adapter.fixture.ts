// Child process of dawn.test.ts: the automatic pick, then webgpu forced, printed as JSON (with the error if any).
import { initBackend } from '../backend';

const auto = await initBackend({ log: null, environment: false });
let forced: unknown;
try {
  forced = await initBackend({ backend: 'webgpu', log: null });
} catch (error) {
  forced = { error: (error as Error).message };
}
process.stdout.write(JSON.stringify({ auto, forced }));
