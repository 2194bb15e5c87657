import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as syntheticFaces from './index';

test('the public index is the generator and its presets: no renderer internals', () => {
  // Each name has a caller outside the lib: experiments' profile (prepareSynthetic, the preset names) and bench:blank.
  assert.equal(Object.keys(syntheticFaces).sort(), ['DEFAULT_SYNTHETIC_SIZE', 'SYNTHETIC_PRESET_NAMES', 'planImages', 'prepareSynthetic', 'renderPlannedImage', 'syntheticPreset']);
});

test.run();
