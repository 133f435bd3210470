import * as z from 'zod';
import { THEMES } from './enums';

export const themeSchema = z.enum(THEMES, { error: 'Choose light, dark or system.' });
export type Theme = z.infer<typeof themeSchema>;
