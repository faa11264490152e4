/**
 * What the audit log keeps of a request: everything but the message (the
 * message is in the update itself), as plain JSON (dates as strings).
 */
export function auditDetails(input: object): Record<string, unknown> {
  const { message: _message, ...rest } = input as { message?: string };
  return JSON.parse(JSON.stringify(rest));
}
