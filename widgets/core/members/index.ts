/**
 * What the member elements (<alumni-sign-in>, <alumni-member-directory>) share and the public ones
 * do not: the profile vocabulary and form styles. Not re-exported from ../index.js: the build puts it
 * in its own chunk, so a page with only public elements never downloads it.
 */
export {
  initials,
  openToFlags,
  profileMessages,
  type CareerEntry,
  type DirectoryCard,
  type MemberSelf,
  type OpenToFlag,
  type Profile,
  type ProfileField,
  type ProfileLink,
  type Visibility,
} from './profile.js';
export { formStyles } from './forms.js';
