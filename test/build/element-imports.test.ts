import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint();

/** The no-restricted-imports messages ESLint gives `code` as if it were the file `path`. */
async function refusals(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// The lint rule in eslint.config.mjs that keeps element folders apart (what they share lives in core).
describe('imports between widget folders (lint rule)', () => {
  it('refuses an element importing from another element folder, at any depth', async () => {
    for (const [path, code] of [
      ['widgets/sign-in/sign-in.ts', "import { formStyles } from '../member-directory/member-directory.styles.js';"],
      ['widgets/sign-in/parts/profile-editor.ts', "import type { DirectoryCard } from '../../member-directory/parts/member-view.js';"],
      ['widgets/event-list/parts/deep/x.ts', "export * from '../../../sign-in/sign-in.js';"],
      // Server types reach elements through core (core/members/profile.ts), not directly.
      ['widgets/sign-in/sign-in.ts', "import type { OpenToFlag } from '../../server/modules/members/schema.js';"],
    ]) {
      assert.equal((await refusals(path!, code!)).length, 1, `${path}: ${code}`);
    }
  });

  it('lets an element import its own files and widgets/core', async () => {
    for (const [path, code] of [
      ['widgets/event-list/event-list.ts', "import { baseStyles } from '../core/index.js';\nimport { renderCard } from './parts/event-view.js';\nimport { formStyles } from '../core/members/index.js';"],
      ['widgets/sign-in/parts/fields.ts', "import type { SignInKey } from '../sign-in.messages.js';\nimport { html } from 'lit';\nimport { emit } from '../../core/index.js';"],
    ]) {
      assert.deepEqual(await refusals(path!, code!), [], `${path}: ${code}`);
    }
  });

  it('refuses the core importing from an element folder, and allows it its own files and server types', async () => {
    assert.equal((await refusals('widgets/core/states.ts', "import '../event-list/event-list.js';")).length, 1);
    assert.equal((await refusals('widgets/core/members/profile.ts', "import '../../sign-in/sign-in.js';")).length, 1);
    assert.deepEqual(
      await refusals('widgets/core/members/profile.ts', "import { defineMessages } from '../i18n.js';\nimport type { OpenToFlag } from '../../../server/db/schema/members.js';"),
      [],
    );
  });
});
