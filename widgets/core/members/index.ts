/**
 * What the member elements (<alumni-sign-in>, <alumni-member-directory>) share and the public ones
 * do not: the profile vocabulary, avatar, membership gate and consent prompt, form controls with the
 * API's field checks (and their messages), and form styles. Not
 * re-exported from ../index.js: the build puts it in its own chunk, so a page with only public
 * elements never downloads it.
 */
export {
  initials,
  openToFlags,
  profileMessages,
  yearsText,
  type CareerEntry,
  type DirectoryCard,
  type MemberSelf,
  type OpenToFlag,
  type Profile,
  type ProfileField,
  type ProfileLink,
  type Visibility,
} from './profile.js';
export { renderAvatar } from './avatar.js';
export { check, checkAll, normalizeCode, normalizeDigits, problemFromCode, type CheckKey, type Problem, type Problems, type Rule } from './checks.js';
export { controlId, renderButton, renderControl, type ControlOptions, type FieldsView } from './fields.js';
export { memberGate, renderConsent, type MemberGate } from './gate.js';
export { formStyles } from './forms.js';
