import * as z from 'zod';

export const themeSchema = z.enum(['system', 'light', 'dark'], { error: 'Choose light, dark or system.' });
export type Theme = z.infer<typeof themeSchema>;
