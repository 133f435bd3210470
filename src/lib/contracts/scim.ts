// SCIM provisioning: what a provisioned person's attributes must look like once read from the identity
// provider's request (src/lib/server/scim/user-resource.ts), and the Settings › Provisioning form.
// Validated once here; the services trust these types.
import * as z from 'zod';
import {
  PROVISIONING_NEW_PEOPLE,
  PROVISIONING_SUBJECT_ATTRIBUTES,
  type ProvisioningNewPeople,
  type ProvisioningSubjectAttribute
} from './enums';

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is longer than ${max} characters.`)
    .nullable()
    .transform((v) => (v === '' ? null : v));

export const provisionedUserSchema = z.object({
  userName: z
    .string()
    .trim()
    .min(1, 'userName is required.')
    .max(254, 'userName is longer than 254 characters.'),
  externalId: optionalText(254, 'externalId'),
  email: z
    .string()
    .trim()
    .max(254, 'The email is longer than 254 characters.')
    .pipe(z.email('Give the person a valid work email (emails[type eq "work"] or a userName that is one).'))
    .transform((v) => v.toLowerCase()),
  name: z
    .string()
    .trim()
    .min(1, 'Give the person a name.')
    .max(120, 'The name is longer than 120 characters.'),
  givenName: optionalText(120, 'name.givenName'),
  familyName: optionalText(120, 'name.familyName'),
  title: optionalText(120, 'title'),
  phone: optionalText(40, 'phoneNumbers'),
  department: optionalText(120, 'department'),
  managerId: optionalText(64, 'manager'),
  active: z.boolean()
});
export type ProvisionedUser = z.infer<typeof provisionedUserSchema>;

export const groupInputSchema = z.object({
  displayName: z
    .string()
    .trim()
    .min(1, 'displayName is required.')
    .max(120, 'displayName is longer than 120 characters.'),
  externalId: optionalText(254, 'externalId')
});
export type GroupInput = z.infer<typeof groupInputSchema>;

export {
  PROVISIONING_NEW_PEOPLE,
  PROVISIONING_SUBJECT_ATTRIBUTES,
  type ProvisioningNewPeople,
  type ProvisioningSubjectAttribute
};

export const provisioningSettingsSchema = z.object({
  enabled: z.boolean(),
  newPeople: z.enum(PROVISIONING_NEW_PEOPLE, { error: 'Choose how new people sign in.' }),
  connectionId: z
    .string()
    .trim()
    .max(64)
    .transform((v) => (v === '' ? null : v)),
  subjectAttribute: z.enum(PROVISIONING_SUBJECT_ATTRIBUTES, {
    error: 'Choose which attribute the connection reports as the subject.'
  })
});
export type ProvisioningSettingsInput = z.infer<typeof provisioningSettingsSchema>;

export const groupRoleSchema = z.object({
  groupId: z.string().trim().min(1).max(64),
  role: z.enum(['none', 'admin'], { error: 'Choose a role for the group’s members.' })
});
