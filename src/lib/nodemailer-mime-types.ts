/**
 * Stands in for nodemailer's extension table (mime-funcs/mime-types.js, 74 KB
 * minified) in the Workers bundle (wrangler.toml [alias]). nodemailer only
 * asks it to name attachments; Candor's emails carry none (text and HTML
 * parts, with their types given).
 */
export function detectMimeType(_filename: string): string {
  return "application/octet-stream";
}

export function detectExtension(_mimeType: string): string {
  return "bin";
}
