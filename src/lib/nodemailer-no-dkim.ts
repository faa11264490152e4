/**
 * Stands in for nodemailer's DKIM signer (dkim/index.js, 3.7 KB minified) in
 * the Workers bundle (wrangler.toml [alias]): nodemailer builds it only for a
 * `dkim` option, which Candor never gives (the relay signs, if anyone does).
 */
export default class NoDkim {
  constructor() {
    throw new Error("DKIM signing is not built into the Workers bundle: let the SMTP relay sign");
  }
}
