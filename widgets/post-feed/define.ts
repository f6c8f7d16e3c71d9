/** Registers <alumni-post-feed> for pages and tests that import the element directly (the loader registers it by itself). */
import { defineElement } from '../core/index.js';
import { AlumniPostFeed } from './post-feed.js';

defineElement('alumni-post-feed', AlumniPostFeed);
