/**
 * The bundle entry: importing it registers every Homecoming element. Each element module calls
 * `defineElement()` (guarded by customElements.get), so loading the bundle twice never throws.
 * No exports: the IIFE build must not create a global.
 */
import './event-list/event-list.js';
import './sign-in/sign-in.js';
import './member-directory/member-directory.js';
