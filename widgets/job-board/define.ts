/** Registers <alumni-job-board> for pages and tests that import the element directly (the loader registers it by itself). */
import { defineElement } from '../core/index.js';
import { AlumniJobBoard } from './job-board.js';

defineElement('alumni-job-board', AlumniJobBoard);
