const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * One Intl.DateTimeFormat per locale and options, made on first use: making
 * one costs far more than formatting with it, and a page formats hundreds of
 * times (a new one per call was a tenth of a render of `/`).
 *
 * @example dateTimeFormat("en-GB", { timeZone: "UTC", hour: "2-digit" }).format(new Date())
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}
