/**
 * Stands in for nodemailer's table of well-known mail services
 * (well-known/services.js, 10 KB minified) in the Workers bundle
 * (wrangler.toml [alias]): it is read only for a transport's `service`
 * option ("gmail"); Candor's transport is always an SMTP_URL.
 */
export default function wellKnown(_service: string): false {
  return false;
}
