// "Test connection": one call that tells the administrator plainly what is wrong. RT answers 403 both
// for a queue that does not exist and for one the account may not see, so the message names both.
import type { ConnectionCheck, HelpdeskConfig } from '../connector';
import { HelpdeskError } from '../connector';
import { objectOf, rtCall } from './http';

export async function testConnection(config: HelpdeskConfig): Promise<ConnectionCheck> {
  try {
    const answer = await rtCall(config, 'read the queue', `/queue/${encodeURIComponent(config.queue)}`, {
      accept: [401, 403, 404]
    });
    if (answer.status === 401)
      return {
        ok: false,
        problem: 'bad_token',
        message: 'The help desk refused the API token. Check that it is complete and has not been revoked.'
      };
    if (answer.status === 403 || answer.status === 404)
      return {
        ok: false,
        problem: 'no_queue',
        message: `There is no queue “${config.queue}” that this account can see. Check the queue’s name, and that the account has the SeeQueue right on it.`
      };
    const queue = objectOf(answer, 'read the queue');
    const links = Array.isArray(queue._hyperlinks) ? (queue._hyperlinks as { ref?: unknown }[]) : [];
    if (!links.some((l) => l.ref === 'create'))
      return {
        ok: false,
        problem: 'missing_rights',
        message: `The account may not create tickets in “${config.queue}”. Grant it CreateTicket, ShowTicket, ModifyTicket, ReplyToTicket, CommentOnTicket and ShowTicketComments on the queue.`
      };
    const fields = Array.isArray(queue.TicketCustomFields)
      ? (queue.TicketCustomFields as { name?: unknown }[])
      : [];
    if (!fields.some((f) => f.name === config.referenceField))
      return {
        ok: false,
        problem: 'missing_rights',
        message: `The queue has no ticket custom field “${config.referenceField}” that this account can see. Create it (one value, free text), apply it to the queue, and grant SeeCustomField and ModifyCustomField.`
      };
    return {
      ok: true,
      detail: `Connected to Request Tracker: queue “${String(queue.Name ?? config.queue)}” is ready.`
    };
  } catch (e) {
    if (e instanceof HelpdeskError && e.status === null)
      return {
        ok: false,
        problem: 'unreachable',
        message: `Couldn’t reach the help desk at ${config.baseUrl}. Check the address and that it accepts connections from OnTrackio.`
      };
    return {
      ok: false,
      problem: 'bad_answer',
      message: `The help desk at ${config.baseUrl} did not answer like Request Tracker 5 (${e instanceof Error ? e.message : String(e)}). Check the address.`
    };
  }
}
