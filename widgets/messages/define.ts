/** Registers <alumni-messages> for pages and tests that import the element directly (the loader registers it by itself). */
import { defineElement } from '../core/index.js';
import { AlumniMessages } from './messages.js';

defineElement('alumni-messages', AlumniMessages);
