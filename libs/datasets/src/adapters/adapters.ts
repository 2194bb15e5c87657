import { bu3dfe } from './bu3dfe';
import { kdef } from './kdef';
import type { AdapterName } from './manifest-entry';
import { multipie } from './multipie';
import type { Adapter } from './adapter';
import { sfew } from './sfew';
import { synthetic } from './synthetic';

/** Every dataset format by the name a manifest entry gives in `adapter`. */
export const ADAPTERS: Readonly<Record<AdapterName, Adapter>> = { kdef, bu3dfe, multipie, sfew, synthetic };
