/** Registers <alumni-event-list> for pages and tests that import the element directly (the loader registers it by itself). */
import { defineElement } from '../core/index.js';
import { AlumniEventList } from './event-list.js';

defineElement('alumni-event-list', AlumniEventList);
