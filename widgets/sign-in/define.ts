/** Registers <alumni-sign-in> for pages and tests that import the element directly (the loader registers it by itself). */
import { defineElement } from '../core/index.js';
import { AlumniSignIn } from './sign-in.js';

defineElement('alumni-sign-in', AlumniSignIn);
