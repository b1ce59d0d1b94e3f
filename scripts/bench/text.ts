// Made-up but plausible forum text for the benchmark's generated forum: a probation branch
// arguing about a strike ballot. Deterministic for a given seed, so two runs of the generator
// build the same forum (only the server secret, and so the keyed hashes, differ).

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same forum. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
export const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));

const PLACES = ["Leeds", "Bradford", "Hull", "Sheffield", "York", "Wakefield", "Doncaster", "Huddersfield", "Barnsley", "Halifax", "Rotherham", "Scarborough"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

// Sentences with slots: {place}, {n}, {pct}, {day}, {month}. Glossary words (strike, ballot,
// picket, CRC, NPS, TR, MoJ, Napo, walkout, industrial action, SFO) are in TOPICAL sentences;
// PLAIN ones carry none, so about half the comments get a tag, as on a real branch forum.
const TOPICAL = [
  "The ballot closes on {day} and every vote counts, so post yours today.",
  "We need a 50% turnout or the strike is dead in the water, whatever the result.",
  "I was on the picket line at {place} this morning and the mood was better than I expected.",
  "Since TR split the service, the CRC side has lost half its experienced staff.",
  "The NPS people I talk to are just as stretched, they just have different forms to fill in.",
  "Napo has been clear that this is about safe workloads, not only pay.",
  "The MoJ keeps saying there is no money, then finds it for consultants.",
  "Industrial action short of a strike would hit the court reports first.",
  "A walkout on a Friday afternoon is not going to frighten anybody in {place}.",
  "If we strike, the cover plans for high-risk cases have to be agreed with the branch first.",
  "The last SFO review blamed the officer and not the caseload, and everyone noticed.",
  "Half the office is on agency contracts now and they cannot join the picket.",
  "I voted yes, and I have never voted for a strike in {n} years of doing this job.",
  "There is a hardship fund for members who lose pay on strike days; ask your rep.",
  "Bring a flask to the picket, the {place} office is freezing before eight.",
  "The CRC contracts were supposed to save money and ended up costing more than before.",
  "The ballot papers went to home addresses, so check your address is up to date with Napo.",
  "Our rep says the branch will support anyone who is pressured not to strike.",
  "TR was a disaster, and the people who designed it have all moved on to other jobs.",
  "Industrial action is a last resort, and I think we are at the last resort.",
  "The MoJ figures on sickness absence are worth reading if you have a strong stomach.",
  "We got {n} new members in {place} last month, mostly from the CRC side.",
];

const PLAIN = [
  "Caseloads in our office are past {n} per officer and nobody in management will say it out loud.",
  "My team leader asked who was voting yes, which I am fairly sure is not allowed.",
  "We had {n} people at the branch meeting, which is the most I have seen in years.",
  "The turnout in {place} is at {pct}% already, better than the whole region last time.",
  "Remember that the employer reads this forum too, so keep it about the issues.",
  "Nobody joined probation to fill in spreadsheets about spreadsheets.",
  "The offer on the table is {pct}% over two years, which is a pay cut after inflation.",
  "I do not think the managers want this fight any more than we do.",
  "Please do not post case details here, even anonymised; it is not worth the risk.",
  "We should be asking what happens to the victims' unit during the action.",
  "It is {month} and we still have not had the workload review we were promised.",
  "Management sent an email about 'business continuity' on {day}, which tells you they are worried.",
  "Trainee officers can vote too, and they are the ones with the most to lose.",
  "A lot of people are scared to say anything in the office, which is why this forum matters.",
  "I was at the {place} meeting on {day}; the minutes should be up by the weekend.",
  "The unification was meant to fix things and it has mostly moved the same problems around.",
  "Our office lost {n} officers this year and replaced them with two trainees.",
  "The new case management system crashed twice on {day} and nobody was surprised.",
  "I have {n} reports due this month and the court keeps asking for them faster.",
  "Supervision sessions have turned into box-ticking exercises in {place}.",
  "The canteen in {place} closed in {month} and they still call it a staff benefit.",
  "Sickness absence in our team is the highest I have seen in my career.",
  "My line manager is decent, but she has {n} people reporting to her.",
  "We keep being told morale is a priority, usually by email at seven in the evening.",
  "The trainees in {place} are brilliant and deserve better than what we are handing them.",
  "Home visits have been cut back again because there is nobody to do them.",
  "The last staff survey said {pct}% of us feel safe at work, and I believe it.",
  "Agency staff are doing the same job for different terms, and that divides us.",
  "People forget that admin staff carry half the service on their backs.",
  "It took {n} days to get a laptop fixed last month.",
  "The approved premises in {place} is short of night staff every single week.",
  "There is a lot of goodwill left in this service, but it is running out.",
];

/** A sentence: now and then one about the dispute (with glossary words), mostly plain. */
const sentence = (random: Random) => fill(random, random() < 0.15 ? pick(random, TOPICAL) : pick(random, PLAIN));

const OPENERS = ["Honestly,", "For what it's worth,", "Agreed.", "Not sure about that.", "Same here.", "Speaking as a PO in {place},", "Good point.", "I hear you, but", "Quick question:", "Thanks for posting this.", "Fair enough.", "Seconded."];

const LINKS = [
  ["the ballot guide", "https://example.org/branch/ballot-guide"],
  ["the branch page", "https://example.org/branch/yorkshire"],
  ["the MoJ statistics", "https://example.org/statistics/probation-workforce"],
  ["the inspectorate report", "https://example.org/inspectorate/annual-report"],
  ["Napo's briefing", "https://example.org/napo/briefing-pay-2026"],
  ["this article", "https://example.org/news/probation-staff-vote"],
  ["the hardship fund form", "https://example.org/branch/hardship-fund"],
] as const;

const EMPHASIS = ["strike", "ballot", "turnout", "picket", "workload", "every vote", "high-risk", "caseload", "pay", "safe"];

function fill(random: Random, template: string): string {
  return template
    .replace(/\{place\}/g, () => pick(random, PLACES))
    .replace(/\{n\}/g, () => String(between(random, 3, 140)))
    .replace(/\{pct\}/g, () => String(between(random, 2, 89)))
    .replace(/\{day\}/g, () => pick(random, DAYS))
    .replace(/\{month\}/g, () => pick(random, MONTHS));
}

function emphasise(random: Random, sentence: string): string {
  const roll = random();
  if (roll < 0.12) {
    const word = pick(random, EMPHASIS);
    const at = sentence.indexOf(word);
    if (at >= 0) return `${sentence.slice(0, at)}**${word}**${sentence.slice(at + word.length)}`;
  } else if (roll < 0.18) {
    const word = pick(random, EMPHASIS);
    const at = sentence.indexOf(word);
    if (at >= 0) return `${sentence.slice(0, at)}*${word}*${sentence.slice(at + word.length)}`;
  }
  return sentence;
}

function linkSentence(random: Random): string {
  const [text, href] = pick(random, LINKS);
  return random() < 0.75 ? `There is more in [${text}](${href}) if you want the detail.` : `See ${href} for ${text}.`;
}

/** A paragraph of `sentences` sentences, sometimes with emphasis. */
function paragraph(random: Random, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(emphasise(random, sentence(random)));
  return out.join(" ");
}

/** A comment's markdown, about `low`–`high` characters: paragraphs, now and then a quote, a list or a link. */
export function commentMarkdown(random: Random, low = 200, high = 600): string {
  const target = between(random, low, high);
  const blocks: string[] = [];
  let length = 0;
  const add = (block: string) => {
    blocks.push(block);
    length += block.length + 2;
  };
  if (random() < 0.3) add(`${fill(random, pick(random, OPENERS))} ${sentence(random)}`);
  if (random() < 0.08) add(`> ${sentence(random)}`);
  while (length < target) {
    const roll = random();
    if (roll < 0.06 && length + 300 < target) {
      const items = between(random, 2, 3);
      add(Array.from({ length: items }, () => `- ${sentence(random)}`).join("\n"));
    } else if (roll < 0.16) {
      add(linkSentence(random));
    } else {
      // A paragraph of one to three sentences, ended early when the comment is long enough.
      const sentences = between(random, 1, 3);
      const out: string[] = [];
      for (let i = 0; i < sentences && length + out.join(" ").length < target; i++) out.push(emphasise(random, sentence(random)));
      add(out.join(" "));
    }
  }
  return blocks.join("\n\n");
}

const TITLE_TOPICS = [
  "Strike ballot: what you need to know",
  "Picket rota for {place}",
  "Workload review: the branch's response",
  "Notes from the {place} branch meeting",
  "Why I am voting yes",
  "Why I am not sure about a strike",
  "The pay offer explained",
  "CRC staff and the ballot",
  "NPS court teams: cover during action",
  "Ten years since TR",
  "Industrial action short of a strike: a guide",
  "Letter to the MoJ about caseloads",
  "Napo conference report",
  "Hardship fund: how to apply",
  "Agency staff and the dispute",
  "The SFO review nobody talks about",
  "Walkout at {place}: a report",
  "New members' evening in {place}",
  "Ballot turnout so far",
  "Health and safety in the {place} office",
];

/** A post title (unique enough with its number; slugs are made unique anyway). */
export function postTitle(random: Random, n: number): string {
  return `${fill(random, pick(random, TITLE_TOPICS))} (${pick(random, MONTHS)}, no. ${n})`;
}

/** A post's markdown: a few paragraphs, a list now and then, a link. */
export function postMarkdown(random: Random): string {
  const blocks: string[] = [];
  const paragraphs = between(random, 3, 6);
  for (let i = 0; i < paragraphs; i++) {
    blocks.push(paragraph(random, between(random, 2, 4)));
    if (i === 1 && random() < 0.4) {
      const items = between(random, 3, 5);
      blocks.push(Array.from({ length: items }, () => `- ${sentence(random)}`).join("\n"));
    }
  }
  blocks.push(linkSentence(random));
  return blocks.join("\n\n");
}

const NAME_PARTS_A = ["Grumpy", "Tired", "Night shift", "Northern", "Old", "Trainee", "Court", "Approved premises", "Weary", "Hopeful", "Angry", "Quiet", "Long serving", "Part time", "Agency", "Red"];
const NAME_PARTS_B = ["PO", "PSO", "officer", "rep", "admin worker", "team", "case manager", "member", "practitioner", "PQiP", "veteran", "striker"];

/** Pseudonyms members might pick; the generator drops any the app would refuse. */
export function pseudonymCandidates(): string[] {
  const names: string[] = [];
  for (const a of NAME_PARTS_A) for (const b of NAME_PARTS_B) names.push(`${a} ${b}`);
  return names;
}

/** The busy thread's post. */
export const BIG_THREAD_TITLE = "Strike ballot result: 87% yes on a 61% turnout";
export const BIG_THREAD_BODY = [
  "The result is in. **87% of members who voted said yes to strike action**, and 91% said yes to action short of a strike, on a turnout of 61%. That clears the legal threshold with room to spare.",
  "Thank you to every rep who knocked on doors, phoned members and stood outside offices in the rain. This is the highest turnout the branch has ever had in a ballot.",
  "What happens next: the national executive meets on Thursday to set dates. Nobody should walk out before the dates are announced, and the picket rota for each office will be posted here.",
  "- Check your address with Napo so you get the notices.\n- Talk to your rep about the hardship fund.\n- Do not discuss the action with managers on your own.",
  "Use the thread below for questions. Please keep case details and colleagues' names out of it.",
].join("\n\n");
