// Adding a passkey in the browser, after the server answered the passkeyOptions action: let the
// browser create the credential. AddPasskey imports this file only when someone adds a passkey, so
// neither it nor @simplewebauthn/browser is part of the Security page's JavaScript.
// It imports nothing of the app (`$app/forms`' deserialize comes as an argument), so loading it
// fetches one file and no list of the page's other chunks.
import { startRegistration } from '@simplewebauthn/browser';
import type { deserialize as Deserialize } from '$app/forms';

/** The new credential as JSON for the passkeyRegister form; throws if the options or the prompt fail. */
export async function createPasskey(
  options: Promise<Response>,
  deserialize: typeof Deserialize
): Promise<string> {
  const result = deserialize(await (await options).text());
  if (result.type !== 'success' || !result.data?.passkeyOptions) throw new Error('options');
  return JSON.stringify(await startRegistration({ optionsJSON: result.data.passkeyOptions as never }));
}
