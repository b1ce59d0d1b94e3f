// Generates a large forum for the benchmark in its own SQLite file (bench/forum-<size>.db),
// never in data/picket.db. Run by scripts/bench.ts in a separate process, because the app's
// modules read DATABASE_URL once, at import:
//
//   tsx scripts/bench/generate.ts --size small|default|large
//
// The rows are the ones the app would write: the migrations are the app's, the glossary is
// installed by the app, bodyHtml is renderMarkdown(bodyMarkdown), excerpts are excerptOf(),
// author references, poster tags and tripcodes are the app's keyed hashes under this
// database's server secret, tags are found by the app's matcher, and createdAt grows with id.
// Only the inserting itself bypasses Prisma (better-sqlite3 in big transactions), for speed.
import { rmSync, writeFileSync, mkdirSync } from "node:fs";
import Database from "better-sqlite3";
import { BIG_THREAD_COMMENTS, BENCH_DIR, POSTING_THREAD_COMMENTS, SIZES, databaseFile, isSizeName, metaFile, type ForumMeta, type SizeName } from "./forum";
import { BIG_THREAD_BODY, BIG_THREAD_TITLE, commentMarkdown, pick, postMarkdown, postTitle, pseudonymCandidates, seededRandom } from "./text";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Replies nest at most this deep (depth 0 is a top-level comment). */
const MAX_DEPTH = 8;
/** Top-level comments in the big thread stay under a page's 100, so its first page is all 1,000 comments. */
const BIG_THREAD_MAX_TOP_LEVEL = 95;
/** No other thread grows as big as the big one. */
const OTHER_THREAD_CAP = 800;
/** Rows per insert transaction. */
const CHUNK = 1_000;
/** Posts are spread over this long, the newest a couple of hours old. */
const FORUM_AGE_MS = 730 * DAY_MS;

function parseSize(argv: string[]): SizeName {
  const at = argv.indexOf("--size");
  const size = at >= 0 ? argv[at + 1] : "default";
  if (!size || !isSizeName(size)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(", ")}`);
  return size;
}

/** How the app's Prisma adapter stores a DateTime in SQLite ("2026-07-30T13:40:26.012+00:00"). */
const sqliteDate = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

const elapsed = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function generateForum(size: SizeName, log: (line: string) => void = console.log): Promise<ForumMeta> {
  const started = performance.now();
  const { posts: postCount, comments: commentCount } = SIZES[size];
  const file = databaseFile(size);
  mkdirSync(BENCH_DIR, { recursive: true });
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`, metaFile(size)]) rmSync(f, { force: true });

  // The app's modules read DATABASE_URL at import: set it first, import them after.
  process.env.DATABASE_URL = `file:${file}`;
  const { applyMigrations } = await import("../../app/lib/migrations.server");
  await applyMigrations(`file:${file}`);
  const { db, disconnect } = await import("../../app/lib/db.server");
  const keys = await import("../../app/lib/keys.server");
  const { renderMarkdown } = await import("../../app/lib/markdown.server");
  const { excerptOf, slugify } = await import("../../app/models/posts.server");
  const { installDefaultGlossary } = await import("../../app/models/tags.server");
  const { compileGlossary, matchTags, storedPatterns } = await import("../../app/models/tagging.server");
  const { nameProblem, isReservedName } = await import("../../app/models/names.server");

  // The glossary and the server secret, as the app makes them (before any post exists, so no
  // re-tagging job is queued).
  await installDefaultGlossary();
  await keys.serverSecret();
  const tagRows = await db.tag.findMany({ select: { id: true, name: true, patterns: true } });
  const glossary = compileGlossary(tagRows.map((t) => ({ id: t.id, patterns: storedPatterns(t.patterns) })));
  await disconnect();
  log(`  migrations, glossary (${tagRows.length} tags) and server secret: ${elapsed(started)} s`);

  const random = seededRandom(0x5eed + Object.keys(SIZES).indexOf(size));
  // The big thread has streams of its own, the same in every size, so its page is the same
  // page on a small, default or large forum (what --compare compares).
  const bigShape = seededRandom(0xb16);
  const bigText = seededRandom(0xb17);
  const voiceRandom = seededRandom(0x701ce);
  const now = Date.now();

  // ---- Voices: anonymous browsers and pseudonyms (some with tripcodes) ----------------------
  const browserKey = () => Buffer.from(Array.from({ length: 24 }, () => Math.floor(random() * 256))).toString("base64url");
  const anonymousWriters = Math.max(300, Math.round(commentCount / 25));
  const names = pseudonymCandidates().filter((n) => !nameProblem(n) && !isReservedName(n));
  const pseudonymCount = Math.max(60, Math.round(commentCount / 400));
  const writerKeys: string[] = [];
  const pseudonyms: { name: string; tripcode: string | null }[] = [];
  for (let i = 0; i < anonymousWriters; i++) writerKeys.push(browserKey());
  for (let i = 0; i < pseudonymCount; i++) {
    writerKeys.push(browserKey());
    const secret = voiceRandom() < 0.6 ? `secret-${i}-${Math.floor(voiceRandom() * 1e9)}` : null;
    pseudonyms.push({ name: pick(voiceRandom, names), tripcode: secret === null ? null : await keys.tripcode(secret) });
  }
  const writerRefs = await Promise.all(writerKeys.map((browserKey) => keys.authorRef({ browserKey })));
  const isPseudonym = (writer: number) => writer >= anonymousWriters;
  const anonymousWriter = () => Math.floor(anonymousWriters * random() ** 2.2);
  const pseudonymWriter = () => anonymousWriters + Math.floor(pseudonymCount * random() ** 1.5);
  const anyWriter = () => (random() < 0.28 ? pseudonymWriter() : anonymousWriter());
  // The big thread's voices come from the first 300 browsers and 60 pseudonyms, which every size has.
  const bigThreadWriter = () => (bigShape() < 0.28 ? anonymousWriters + Math.floor(60 * bigShape() ** 1.5) : Math.floor(300 * bigShape() ** 2.2));

  // ---- Posts: spread over two years, ids in publishing order ---------------------------------
  const bigIndex = postCount - 3;
  const postingIndex = postCount - 6;
  const step = FORUM_AGE_MS / postCount;
  const newest = now - 2 * 60 * 60 * 1000;
  const publishedAt: number[] = [];
  for (let i = 0; i < postCount; i++) publishedAt.push(Math.round(newest - (postCount - 1 - i) * step - random() * step * 0.5));

  // ---- How many comments each post gets ---------------------------------------------------
  const counts = new Int32Array(postCount);
  counts[bigIndex] = BIG_THREAD_COMMENTS;
  counts[postingIndex] = POSTING_THREAD_COMMENTS;
  const rest = commentCount - BIG_THREAD_COMMENTS - POSTING_THREAD_COMMENTS;
  const others = [...Array(postCount).keys()].filter((i) => i !== bigIndex && i !== postingIndex);
  const weights = others.map(() => (-Math.log(1 - random())) ** 2);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  let assigned = 0;
  others.forEach((post, k) => {
    counts[post] = Math.min(OTHER_THREAD_CAP, Math.floor((weights[k] / weightSum) * rest));
    assigned += counts[post];
  });
  while (assigned < rest) {
    const post = others[Math.floor(random() * others.length)];
    if (counts[post] < OTHER_THREAD_CAP) {
      counts[post]++;
      assigned++;
    }
  }

  // ---- When each comment was written; ids follow time -------------------------------------
  const postOf = new Int32Array(commentCount);
  const timeOf = new Float64Array(commentCount);
  for (let post = 0, k = 0; post < postCount; post++) {
    const window = Math.min(now - publishedAt[post] - 60_000, post === bigIndex ? 3 * DAY_MS : 12 * DAY_MS);
    const r = post === bigIndex ? bigShape : random;
    for (let c = 0; c < counts[post]; c++, k++) {
      postOf[k] = post;
      timeOf[k] = publishedAt[post] + 30_000 + window * r() ** 2;
    }
  }
  const order = new Uint32Array(commentCount).map((_, i) => i).sort((a, b) => timeOf[a] - timeOf[b]);

  // ---- The shape of each thread -------------------------------------------------------------
  // Index i is the comment with id i + 1.
  const commentPost = new Int32Array(commentCount);
  const commentTime = new Float64Array(commentCount);
  const parentOf = new Int32Array(commentCount).fill(-1);
  const rootOf = new Int32Array(commentCount).fill(-1);
  const depthOf = new Uint8Array(commentCount);
  const writerOf = new Int32Array(commentCount);
  const threadSoFar = new Map<number, number[]>();
  const topLevelIn = new Int32Array(postCount);
  let lastTime = 0;
  for (let i = 0; i < commentCount; i++) {
    const post = postOf[order[i]];
    commentPost[i] = post;
    lastTime = commentTime[i] = Math.max(Math.round(timeOf[order[i]]), lastTime + 1);
    const earlier = threadSoFar.get(post) ?? [];
    const big = post === bigIndex;
    const r = big ? bigShape : random;
    const writer = big ? bigThreadWriter : anyWriter;
    const wantsTop = earlier.length === 0 || (r() < (big ? 0.085 : 0.3) && !(big && topLevelIn[post] >= BIG_THREAD_MAX_TOP_LEVEL));
    if (wantsTop) {
      topLevelIn[post]++;
      writerOf[i] = writer();
    } else {
      // Replies lean towards recent comments; some answer higher up the branch instead, so
      // depths are mixed (most shallow, some conversations down to MAX_DEPTH).
      let parent = earlier[earlier.length - 1 - Math.floor(earlier.length * r() ** 1.5)];
      while (depthOf[parent] >= MAX_DEPTH || (depthOf[parent] > 0 && r() < 0.4)) parent = parentOf[parent];
      parentOf[i] = parent;
      rootOf[i] = rootOf[parent] === -1 ? parent : rootOf[parent];
      depthOf[i] = depthOf[parent] + 1;
      // A back-and-forth: now and then the parent's parent answers again, under the same voice.
      const grandparent = parentOf[parent];
      writerOf[i] = grandparent !== -1 && r() < 0.25 ? writerOf[grandparent] : writer();
    }
    earlier.push(i);
    threadSoFar.set(post, earlier);
  }
  threadSoFar.clear();
  log(`  thread shapes for ${commentCount.toLocaleString("en-GB")} comments: ${elapsed(started)} s`);

  // ---- Writing -------------------------------------------------------------------------------
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("foreign_keys = ON");

  const insertPost = sqlite.prepare(
    `INSERT INTO "Post" ("id", "slug", "title", "bodyMarkdown", "bodyHtml", "excerpt", "status", "voice", "displayName", "voiceCode", "authorRef", "userId", "pinned", "commentsOpen", "suggestedTags", "publishedAt", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, 'published', ?, ?, ?, ?, NULL, ?, 1, '', ?, ?, ?)`,
  );
  const insertPostTag = sqlite.prepare(`INSERT INTO "PostTag" ("postId", "tagId", "source") VALUES (?, ?, 'auto')`);
  const insertComment = sqlite.prepare(
    `INSERT INTO "Comment" ("id", "postId", "parentId", "rootId", "depth", "position", "bodyMarkdown", "bodyHtml", "voice", "displayName", "voiceCode", "authorRef", "userId", "status", "createdAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'published', ?)`,
  );
  const insertCommentTag = sqlite.prepare(`INSERT INTO "CommentTag" ("commentId", "tagId") VALUES (?, ?)`);

  // Posts. Anonymous posts carry no poster tag (as publishPost stores them); pseudonyms keep theirs.
  const slugs = new Set<string>();
  const postSlug: string[] = [];
  let postTags = 0;
  const postRows: unknown[][] = [];
  for (let i = 0; i < postCount; i++) {
    const big = i === bigIndex;
    const title = big ? BIG_THREAD_TITLE : postTitle(random, i + 1);
    const body = big ? BIG_THREAD_BODY : postMarkdown(random);
    const html = renderMarkdown(body);
    const base = slugify(title);
    let slug = base;
    for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`;
    slugs.add(slug);
    postSlug.push(slug);
    const writer = big ? anonymousWriter() : anyWriter();
    const pseudonym = isPseudonym(writer) ? pseudonyms[writer - anonymousWriters] : null;
    const at = sqliteDate(publishedAt[i]);
    postRows.push([i + 1, slug, title, body, html, excerptOf(html), pseudonym ? "pseudonym" : "anonymous", pseudonym?.name ?? null, pseudonym?.tripcode ?? null, writerRefs[writer], big ? 1 : 0, at, at, at]);
    for (const tagId of matchTags(glossary, `${title}\n\n${body}`)) postRows.push([-(i + 1), tagId]);
  }
  sqlite.transaction(() => {
    for (const row of postRows) {
      if ((row[0] as number) > 0) insertPost.run(...row);
      else {
        insertPostTag.run(-(row[0] as number), row[1]);
        postTags++;
      }
    }
  })();
  postRows.length = 0;
  log(`  ${postCount.toLocaleString("en-GB")} posts: ${elapsed(started)} s`);

  // Comments, in chunks: rendered, signed, tagged and inserted in id order.
  const posterTags = new Map<string, string>();
  // Each post's top-level comments so far: the next one's place in its thread.
  const topLevelSoFar = new Map<number, number>();
  let commentTags = 0;
  let nextReport = 1;
  for (let from = 0; from < commentCount; from += CHUNK) {
    const rows: unknown[][] = [];
    const tagRowsChunk: [number, number][] = [];
    for (let i = from; i < Math.min(from + CHUNK, commentCount); i++) {
      const post = commentPost[i];
      const writer = writerOf[i];
      const markdown = commentMarkdown(post === bigIndex ? bigText : random);
      let voice: string;
      let displayName: string | null = null;
      let voiceCode: string | null;
      if (isPseudonym(writer)) {
        const p = pseudonyms[writer - anonymousWriters];
        voice = "pseudonym";
        displayName = p.name;
        voiceCode = p.tripcode;
      } else {
        voice = "anonymous";
        const key = `${writer}:${post}`;
        voiceCode = posterTags.get(key) ?? null;
        if (voiceCode === null) {
          voiceCode = await keys.posterTag({ browserKey: writerKeys[writer] }, post + 1);
          posterTags.set(key, voiceCode);
        }
      }
      const id = i + 1;
      const parent = parentOf[i] === -1 ? null : parentOf[i] + 1;
      const root = rootOf[i] === -1 ? null : rootOf[i] + 1;
      let position: number | null = null;
      if (parent === null) {
        position = topLevelSoFar.get(post) ?? 0;
        topLevelSoFar.set(post, position + 1);
      }
      rows.push([id, post + 1, parent, root, depthOf[i], position, markdown, renderMarkdown(markdown), voice, displayName, voiceCode, writerRefs[writer], sqliteDate(commentTime[i])]);
      for (const tagId of matchTags(glossary, markdown)) tagRowsChunk.push([id, tagId]);
    }
    sqlite.transaction(() => {
      for (const row of rows) insertComment.run(...row);
      for (const [commentId, tagId] of tagRowsChunk) insertCommentTag.run(commentId, tagId);
    })();
    commentTags += tagRowsChunk.length;
    const done = Math.min(from + CHUNK, commentCount) / commentCount;
    if (done * 10 >= nextReport) {
      log(`  comments ${Math.round(done * 100)}%: ${elapsed(started)} s`);
      nextReport++;
    }
  }
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();

  // ---- Checks, through the app's own client ------------------------------------------------
  const bigPostId = bigIndex + 1;
  const [posts, comments, bigComments, bigTopLevel, bigDepth, sample] = await Promise.all([
    db.post.count({ where: { status: "published" } }),
    db.comment.count({ where: { status: "published" } }),
    db.comment.count({ where: { postId: bigPostId } }),
    db.comment.count({ where: { postId: bigPostId, parentId: null } }),
    db.comment.aggregate({ where: { postId: bigPostId }, _max: { depth: true, position: true } }),
    db.comment.findUniqueOrThrow({ where: { id: commentCount }, select: { createdAt: true } }),
  ]);
  await disconnect();
  if (posts !== postCount || comments !== commentCount || bigComments !== BIG_THREAD_COMMENTS) {
    throw new Error(`The generated forum is not what was asked: ${posts} posts, ${comments} comments, ${bigComments} in the big thread`);
  }
  if (bigDepth._max.position !== bigTopLevel - 1) throw new Error(`The big thread's top-level comments are not numbered 0 to ${bigTopLevel - 1}`);
  if (sample.createdAt.getTime() !== commentTime[commentCount - 1]) throw new Error("Dates written directly do not read back through Prisma");

  const generationSeconds = Math.round((performance.now() - started) / 100) / 10;
  const meta: ForumMeta = {
    size,
    file,
    posts,
    comments,
    tags: tagRows.length,
    postTags,
    commentTags,
    bigThread: { slug: postSlug[bigIndex], postId: bigPostId, comments: bigComments, topLevel: bigTopLevel, maxDepth: bigDepth._max.depth ?? 0 },
    postingThread: { slug: postSlug[postingIndex], postId: postingIndex + 1, comments: POSTING_THREAD_COMMENTS },
    tagName: tagRows.some((t) => t.name === "strike") ? "strike" : tagRows[0].name,
    generatedAt: new Date().toISOString(),
    generationSeconds,
  };
  writeFileSync(metaFile(size), JSON.stringify(meta, null, 2) + "\n");
  log(`  generated ${size} forum in ${generationSeconds} s: ${posts.toLocaleString("en-GB")} posts, ${comments.toLocaleString("en-GB")} comments, ${commentTags.toLocaleString("en-GB")} comment tags`);
  return meta;
}

// Run as a program: the runner reads the meta from the last line of output.
const size = parseSize(process.argv.slice(2));
const meta = await generateForum(size);
console.log(`META ${JSON.stringify(meta)}`);
