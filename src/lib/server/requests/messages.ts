// User-facing wording for request outcomes, shared by the page and the API (seed 000 troubleshooting).
export function cancelRefusal(status: string): string {
  if (status === 'cancelled') return 'This request is already cancelled.';
  return `This request is ${status}, so it can no longer be cancelled. Cancellation works only while a request is pending or approved; send the reviewer a message instead.`;
}
