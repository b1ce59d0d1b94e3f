// What "safe to store and send as it is" means for the HTML that markdown becomes: only the
// allow-listed tags and attributes, no event handlers, no script-carrying link schemes.
// Shared by the markdown unit tests and the hostile-input tests over HTTP.

const ALLOWED_TAGS = new Set([
  "p",
  "br",
  "em",
  "strong",
  "del",
  "a",
  "ul",
  "ol",
  "li",
  "blockquote",
  "code",
  "pre",
  "hr",
]);
const ALLOWED_ATTRIBUTES = new Set(["href", "title", "rel", "start"]);
const DANGEROUS_TAGS =
  /<\s*\/?\s*(script|iframe|object|embed|svg|math|style|img|link|meta|base|form|input|frame|video|audio|source)\b/i;
const SCRIPT_SCHEMES = /^(?:javascript|data|vbscript):/i;
// Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
// eslint-disable-next-line no-control-regex -- those control characters are what it removes
const IGNORED_IN_SCHEME = /[\u0000-\u0020]/g;

/** Decodes the character references a browser would decode in an attribute value. */
function decodeAttribute(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ":")
    .replace(/&tab;/gi, "\t")
    .replace(/&newline;/gi, "\n")
    .replace(/&quot;/gi, '"')
    .replace(/&apos;/gi, "'")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">")
    .replace(/&amp;/gi, "&");
}

/** Every executable or off-list construct in `html`, described; empty when the HTML is safe. */
export function executableConstructs(html: string): string[] {
  const problems: string[] = [];
  if (DANGEROUS_TAGS.test(html)) problems.push(`dangerous tag: ${DANGEROUS_TAGS.exec(html)?.[0]}`);
  for (const [tag, name, attributes] of html.matchAll(/<\/?([a-zA-Z][^\s/>]*)([^>]*)>/g)) {
    if (!ALLOWED_TAGS.has(name.toLowerCase())) problems.push(`tag not allowed: ${tag.slice(0, 80)}`);
    for (const [, attribute, , quoted, single, bare] of attributes.matchAll(
      /([^\s=/"']+)(\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g,
    )) {
      const attr = attribute.toLowerCase();
      if (/^on/.test(attr)) problems.push(`event handler: ${tag.slice(0, 80)}`);
      else if (!ALLOWED_ATTRIBUTES.has(attr)) problems.push(`attribute not allowed: ${attr} in ${tag.slice(0, 80)}`);
      const value = quoted ?? single ?? bare;
      if (
        (attr === "href" || attr === "src") &&
        value !== undefined &&
        SCRIPT_SCHEMES.test(decodeAttribute(value).replace(IGNORED_IN_SCHEME, ""))
      ) {
        problems.push(`script URL: ${tag.slice(0, 80)}`);
      }
    }
  }
  return problems;
}
