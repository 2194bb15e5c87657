import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderContactSheet } from './contact-sheet';

test('one person: a row per expression, a column per yaw, labelled around them', async () => {
  const png = await renderContactSheet({ preset: 'synthetic-kdef', size: 24 });
  const meta = await sharp(png).metadata();
  // 150 pixels of row labels and 56 of header, then 7 rows and 5 columns of 24-pixel images, 4 apart.
  assert.equal([meta.format, meta.width, meta.height], ['png', 150 + 5 * 28, 56 + 7 * 28]);
  const again = await renderContactSheet({ preset: 'synthetic-kdef', size: 24 });
  assert.ok(again.equals(png));
  assert.not.ok((await renderContactSheet({ preset: 'synthetic-kdef', size: 24, subject: 1 })).equals(png));
});

test.run();
