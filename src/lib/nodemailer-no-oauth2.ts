/**
 * Stands in for nodemailer's XOAUTH2 token client (xoauth2/index.js, 5.8 KB
 * minified) in the Workers bundle (wrangler.toml [alias]): it is built only
 * for `auth.type: "OAuth2"`; Candor's SMTP_URL carries a user and password.
 */
export default class NoOAuth2 {
  constructor() {
    throw new Error("SMTP OAuth2 is not built into the Workers bundle: SMTP_URL takes a user and password");
  }
}
