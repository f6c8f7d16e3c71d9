/** Registers <alumni-member-directory> for pages and tests that import the element directly (the loader registers it by itself). */
import { defineElement } from '../core/index.js';
import { AlumniMemberDirectory } from './member-directory.js';

defineElement('alumni-member-directory', AlumniMemberDirectory);
