/** Registers <alumni-unread-count> for pages and tests that import the element directly (the loader registers it by itself). */
import { defineElement } from '../core/index.js';
import { AlumniUnreadCount } from './unread-count.js';

defineElement('alumni-unread-count', AlumniUnreadCount);
