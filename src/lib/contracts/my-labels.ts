// What the New request page needs on the client, without pulling the schemas' zod into its bundle.
export { REQUEST_TYPES, URGENCIES } from './enums';
export const TITLE_MAX = 191;
export const JUSTIFICATION_MAX = 4000;
export const MODEL_MAX = 191;
export const MESSAGE_MAX = 4000;
export const PROBLEM_MAX = 4000;

export function capitalizeFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
