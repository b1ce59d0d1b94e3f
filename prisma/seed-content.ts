// Demo content for Picket: the blog of the (fictional) Riverside Probation Branch
// during a dispute over the privatisation of probation.
//
// Everything here is invented: the branch, the office, the people and their pen
// names. Links point at example.org only.

export type SeedVoice =
  | { kind: "anonymous"; browser: string } // browser: a label like "b1".."b40"; the same label = the same person/browser
  | { kind: "pseudonym"; name: string; secret?: string; browser: string } // secret => shown with a tripcode
  | { kind: "member"; username: "rosa" | "mod-dev" | "editor-ann" | "admin-sam" }; // demo accounts

export type SeedComment = {
  voice: SeedVoice;
  minutesAfterPost: number; // when it was written, relative to the post's publication; must be larger than its parent's
  body: string; // markdown
  replies?: SeedComment[];
};

export type SeedPost = {
  slug: string; // lowercase-with-dashes, unique
  title: string;
  body: string; // markdown
  voice: SeedVoice;
  daysAgo: number; // publication time relative to now
  pinned?: boolean;
  commentsOpen?: boolean; // default true
  comments: SeedComment[];
};

// ---------------------------------------------------------------------------
// Voices
// ---------------------------------------------------------------------------

const ANN: SeedVoice = { kind: "member", username: "editor-ann" };
const ROSA: SeedVoice = { kind: "member", username: "rosa" };
const DEV: SeedVoice = { kind: "member", username: "mod-dev" };
const SAM: SeedVoice = { kind: "member", username: "admin-sam" };

const anon = (browser: string): SeedVoice => ({ kind: "anonymous", browser });

const GRUMPY: SeedVoice = { kind: "pseudonym", name: "Grumpy PO", secret: "kettle", browser: "b31" };
const NIGHT: SeedVoice = { kind: "pseudonym", name: "Night Shift", browser: "b32" };
const LOU: SeedVoice = { kind: "pseudonym", name: "Lanyard Lou", secret: "lanyard", browser: "b33" };
const PETE: SeedVoice = { kind: "pseudonym", name: "Approved Premises Pete", secret: "hostel", browser: "b34" };
const CARL: SeedVoice = { kind: "pseudonym", name: "Case Note Carl", browser: "b35" };
const BREW: SeedVoice = { kind: "pseudonym", name: "Brew Steward", secret: "urn", browser: "b36" };
const ADMINBOD: SeedVoice = { kind: "pseudonym", name: "Forgotten Admin", browser: "b37" };
const BEV: SeedVoice = { kind: "pseudonym", name: "Bus Pass Bev", secret: "nearly-retired", browser: "b38" };
const HALFSIX: SeedVoice = { kind: "pseudonym", name: "Half Past Six", secret: "ledger", browser: "b39" };

function c(voice: SeedVoice, minutesAfterPost: number, body: string, replies?: SeedComment[]): SeedComment {
  return replies && replies.length > 0 ? { voice, minutesAfterPost, body, replies } : { voice, minutesAfterPost, body };
}

// ---------------------------------------------------------------------------
// Posts
// ---------------------------------------------------------------------------

const trSellOff: SeedPost = {
  slug: "transforming-rehabilitation-the-sell-off",
  title: "Transforming Rehabilitation: what the sell-off means for us",
  voice: ANN,
  daysAgo: 116,
  commentsOpen: false,
  body: `The Ministry of Justice has now confirmed what many of us have feared since the consultation: under its *Transforming Rehabilitation* programme — TR, as it will be known in every corridor for the next few years — most probation work is to be contracted out to private and voluntary-sector providers. Only the highest-risk cases, court work and a handful of core public-protection functions will stay with a new public body.

This is the biggest change to the service in its history, and it is being pushed through at speed. Here is what we know so far:

- Local probation areas will be broken up. Work with low and medium-risk offenders moves to new **Community Rehabilitation Companies (CRCs)**, which will then be put up for sale.
- Whoever buys a CRC will be paid partly "by results", meaning on measured reductions in reoffending.
- Staff will be *allocated* to either the public side or a CRC. There is no real choice in this; it is being done largely on the basis of current caseloads.
- The timetable is months, not years.

Napo's national position is that the programme is untested, unsafe and unnecessary, and the branch agrees. Probation has spent a century building a professional, publicly accountable service. Trust between an officer and the person they supervise takes months to build and can be broken by a single reorganisation — and this is not a single reorganisation.

None of this is abstract for Riverside. Many of us will find ourselves with new managers, new systems and, for some, new offices and longer travel. Colleagues who have shared a team room for fifteen years may soon be working for different employers with different terms and conditions.

The branch committee will be meeting over the next fortnight to plan our response. In the meantime, the national briefing is [here](https://example.org/riverside-napo/tr-briefing), and our own summary of the consultation response is [here](https://example.org/riverside-napo/consultation-summary). Please read both, talk to your rep, and come to the next branch meeting.

> "Rehabilitation is a relationship, not a contract." — from a member's letter to the committee, quoted with permission

Comments on this post are now closed; please carry the discussion on in the newer posts.`,
  comments: [
    c(
      anon("b3"),
      22,
      "I've read the consultation response twice and I still can't find a single piece of evidence that payment by results works for the people we supervise. Lots of words like *innovation* though.",
      [
        c(anon("b16"), 48, "Innovation is what they call it when they don't know what will happen."),
        c(GRUMPY, 95, "There was a pilot. It was stopped before it finished. Draw your own conclusions."),
      ],
    ),
    c(
      ROSA,
      130,
      "Thanks for putting this together, Ann. Could the branch do a short version for people who won't read a five-page briefing? Half my team are on leave and will come back to all this at once.",
    ),
    c(
      anon("b7"),
      260,
      "The strategy seems to be: announce it, move fast, and let the unions spend a year arguing about details while the contracts get signed. We need to be quicker than that.",
      [c(anon("b22"), 301, "Agree. Whatever we do has to happen *before* the share sale, not after.")],
    ),
    c(
      ANN,
      410,
      "Short version is on its way, Rosa — one side of A4, promise. We'll print copies for the team rooms too.",
    ),
    c(
      anon("b12"),
      1500,
      "Trust the process, they said. Which process? The one designed by people who have never sat in an interview room with someone who's just been evicted?",
    ),
  ],
};

const npsCrcSplit: SeedPost = {
  slug: "one-service-two-employers",
  title: "One service, two employers: how the NPS and CRC split works",
  voice: ANN,
  daysAgo: 98,
  body: `Since the last post, the split has moved from a diagram to a date. From the first of next quarter, Riverside probation staff will belong to one of two organisations: the **National Probation Service (NPS)**, which stays in the public sector, or the local **Community Rehabilitation Company (CRC)**, which will be run under contract and then sold.

In brief, here is how cases and people are being divided:

1. **Cases** are being "sifted" by risk level. High-risk-of-serious-harm cases, MAPPA cases and court work go to the NPS. Everything else goes to the CRC.
2. **Staff** are being assigned according to the share of their current caseload that falls on each side. If most of your cases are high risk, you are likely to go NPS; if not, CRC.
3. **Business support and admin** are being assigned on a ratio that nobody has yet explained to us in writing.
4. **Buildings** will be shared in the short term. Yes, that means two employers in the same team room.

The branch has real concerns about the process. Assignment lists have been circulated with errors; some members have been placed on a side that does not match their caseload at all; and the appeal route is short and unclear. If you think your assignment is wrong, you have a limited window to challenge it — please speak to a rep *this week*, not next.

We also have concerns about the risk itself. A case that is medium risk today can be high risk tomorrow. Under the new model, that case has to be escalated from the CRC to the NPS, across an organisational boundary, using systems that do not yet talk to each other. Every handover is a chance for information to be lost.

Finally: the split does not split the branch. NPS or CRC, you are a Napo member in the Riverside branch, and we will represent you wherever the spreadsheet has put you. The assignment FAQ is [here](https://example.org/riverside-napo/assignment-faq).`,
  comments: [
    c(
      anon("b14"),
      35,
      "I've been assigned NPS but 60% of my caseload is going to the CRC. Is that a mistake or am I missing something?",
      [
        c(
          ROSA,
          58,
          "Could be either — there have been a lot of mistakes. Send your rep your caseload breakdown and the assignment letter. Don't wait.",
        ),
        c(anon("b14"), 121, "Done. Thanks. Feel like I've been sorted by a hat that's had a few drinks."),
      ],
    ),
    c(
      anon("b5"),
      90,
      "Business support here. We've been told 'ratios are being finalised'. That was three weeks ago. Some of us have no idea who we'll be working for next month.",
    ),
    c(
      anon("b17"),
      140,
      "Two employers sharing one team room. Who owns the kettle? Genuine question, this will be the first dispute.",
      [
        c(GRUMPY, 180, "The kettle stays public. Non-negotiable."),
        c(anon("b23"), 232, "The CRC can have the one that trips the fuse."),
      ],
    ),
    c(
      PETE,
      300,
      "The escalation point is the one that worries me most. In the hostel we see the change in someone's risk first — we need to know *exactly* who to call on each side, and that they'll answer.",
    ),
    c(
      anon("b9"),
      480,
      "Is there any truth in the rumour that CRC staff will lose access to the national case management system after the sale?",
      [
        c(
          ANN,
          520,
          "We've asked the same question formally and not had an answer. We'll post when we do. Please don't pass on rumours as fact in the meantime — it's stressful enough.",
        ),
      ],
    ),
    c(
      anon("b28"),
      1200,
      "I was a trainee in a merged area years ago and the one thing I remember is that the IT was 'nearly ready' for about two years. Hope I'm wrong this time.",
    ),
    c(
      anon("b20"),
      2100,
      "Trust in the assignment process is basically zero in my team. People are comparing letters at lunch and finding inconsistencies everywhere.",
    ),
  ],
};

const caseloadDiary: SeedPost = {
  slug: "caseload-diary-a-fortnight",
  title: "A member writes: I kept a diary of my hours for a fortnight",
  voice: anon("b40"),
  daysAgo: 80,
  body: `*The branch asked for members' experiences of workload. This one came in with a request to publish it without a name. We have left it as written. — Ann*

I've been a probation officer for nine years. Last month, after another evening of finishing case notes on the sofa, I decided to write down every hour I actually worked for two weeks. Not what my diary said, not what the workload tool says — what I did.

Here is the short version:

- Contracted hours over the fortnight: **74**
- Hours actually worked: **96**, including four evenings and most of one Sunday
- Cases held: **68**, up from 51 this time last year
- Supervision sessions with my manager: **zero** (cancelled twice, "we'll catch up next week")
- Lunches eaten away from my desk: **one**, and that was because the fire alarm went off

The part that worries me is not the hours. It's what I dropped to fit everything in. I shortened appointments. I put off a home visit I should have done. I wrote risk assessments from memory and then went back to check them. Nothing went wrong, this time. But I know exactly which corner would be the one in the review if it had.

> "Just prioritise," I was told, when I raised it.

I did prioritise. That's the problem. Every single week I decide which of the people I'm responsible for gets less of me, and I'm now being told that under TR someone will be *paid by results* for the outcome of those decisions.

I'm not writing this for sympathy. I'm writing it because I suspect most of you could write the same diary, and because the workload tool says I'm at 104%, which apparently is fine. If you want to keep your own record, the branch has a simple template [here](https://example.org/riverside-napo/hours-log). Bring it to your rep. Numbers are harder to ignore than complaints.`,
  comments: [
    c(
      anon("b3"),
      15,
      "This could have been written by anyone in my team. The line about deciding who gets less of you is the one that got me.",
    ),
    c(
      anon("b11"),
      40,
      "104%. Mine says 121% and my manager said 'the tool overestimates'. Odd how it never underestimates.",
      [
        c(
          anon("b40"),
          77,
          "The tool overestimates until something goes wrong, then it was your professional judgement.",
        ),
        c(NIGHT, 130, "Write that on a mug."),
      ],
    ),
    c(
      ROSA,
      90,
      "Thank you for writing this. Filling in the hours template myself from Monday and I'd encourage everyone to do the same. It takes two minutes a day.",
    ),
    c(
      anon("b26"),
      160,
      "I started doing this last year. The worst thing I found wasn't the evenings, it was the travel — three hours a week driving to home visits that don't count as 'contact time'.",
    ),
    c(
      anon("b8"),
      220,
      "Slight pushback: I'm on 55 cases and it's manageable, just. I think some of this is about how teams allocate, not just total numbers.",
      [
        c(
          anon("b40"),
          260,
          "Fair, and I'm glad it's manageable for you. But 68 isn't an allocation quirk. That's everyone in my team.",
        ),
        c(anon("b8"), 301, "Yeah, that's fair. Didn't mean to minimise it."),
      ],
    ),
    c(
      anon("b19"),
      420,
      "Printed this out and left it in the kitchen. Three people have added their own numbers in biro underneath.",
    ),
    c(
      SAM,
      500,
      "A quick note: please don't post identifiable case details in the comments, even anonymised. Keep it to hours and numbers. Thanks all — this is exactly the evidence the branch needs.",
    ),
    c(
      anon("b29"),
      900,
      "Lunch away from the desk because of a fire alarm is the most probation sentence I've ever read.",
    ),
    c(CARL, 1400, "Case notes on the sofa gang, checking in. My partner now calls OASys 'the other woman'."),
  ],
};

const sfoBlame: SeedPost = {
  slug: "after-an-sfo-who-carries-the-blame",
  title: "After an SFO: who carries the blame?",
  voice: HALFSIX,
  daysAgo: 66,
  body: `*A member asked to write this under a pen name. It's published with the committee's agreement.*

Some of you will know that a serious further offence was committed by someone on my caseload last year. I'm not going to say anything about the case. What I want to write about is what happened to *me* afterwards, because I think it's going to happen to more of us, more often, once the service is split.

The SFO review took four months. For those four months I carried on working, carried on holding a full caseload, and carried on not knowing whether I'd keep my job. I was interviewed twice. I was asked why a particular appointment had been rescheduled. The honest answer was: because I had three other people in crisis that week and this one looked stable. That answer went into the report as a "missed opportunity".

Here is what did **not** go into the report:

- that my caseload was 40% over the recommended level
- that I had asked for a reduction in writing, twice
- that the team had two vacancies that had been "on hold" for a year
- that the information that would have changed my assessment was held by another agency and never shared

The report did say that "organisational factors may have contributed". Organisational factors didn't get a letter. I did.

I'm writing this because under TR, every case that escalates will cross from a CRC to the NPS, and every SFO review will have two organisations, two sets of managers and probably two sets of lawyers looking for the point where it went wrong. I don't think it's cynical to predict where that point will be found: at the desk of whoever held the case at the time.

What I'd like from the branch, and from all of us:

1. Keep records of every workload concern you raise, with dates.
2. If you're involved in a review, call your rep on day one, not day thirty.
3. Stop treating colleagues who've been through an SFO as if it's catching.

That last one matters more than you'd think. The worst part wasn't the review. It was the people who stopped sitting next to me at lunch.`,
  comments: [
    c(
      anon("b7"),
      30,
      "Thank you for writing this. I went through one six years ago and I still can't talk about it without my hands shaking a bit. Nobody should do it alone.",
      [c(HALFSIX, 88, "Thank you. It helps more than you'd think just to know it's not only me.")],
    ),
    c(GRUMPY, 75, '"Organisational factors didn\'t get a letter." That should be on the banner.'),
    c(
      anon("b21"),
      140,
      "The point about two organisations looking for the point of failure is chilling, and I think correct. The contracts will have clauses about exactly this.",
      [c(anon("b16"), 190, "The contracts will have clauses about *everything* except the caseload.")],
    ),
    c(
      anon("b2"),
      300,
      "Genuine question from a newer PO: what does 'call your rep on day one' actually look like? Do you just ring them? Is there a form?",
      [
        c(
          ROSA,
          340,
          "You just ring or message them, no form. The rep can sit in on interviews and make sure you see documents before they're finalised. Use them — it's what your subs are for.",
        ),
      ],
    ),
    c(
      anon("b25"),
      600,
      "I'll be honest, I'm one of the people who's kept a distance from colleagues after an SFO. Not from cruelty, from fear that it could be me next. Reading this, I'm ashamed of that. Will do better.",
    ),
    c(
      DEV,
      720,
      "Just a note that we've removed one comment that included details that could identify a case. Please keep it general. The rest of this thread is valuable; thank you.",
    ),
  ],
};

const agmNotice: SeedPost = {
  slug: "branch-agm-notice",
  title: "Notice of Branch AGM: motions, nominations and sandwiches",
  voice: ANN,
  daysAgo: 52,
  body: `The **Riverside Probation Branch Annual General Meeting** will be held on **Thursday in three weeks' time, 6.30pm**, in the upstairs room at the Riverside Community Centre (step-free access via the side entrance). Sandwiches from 6pm. Childcare costs can be reimbursed if you let us know in advance.

This is the most important AGM the branch has held in years. With TR going ahead and the split into the NPS and the CRC due next quarter, the motions we pass will set the branch's position for the dispute ahead.

**Agenda**

1. Apologies and minutes of last year's AGM
2. Secretary's report, including an update on assignment appeals
3. Treasurer's report and the hardship fund
4. Motions (see below)
5. Election of officers and workplace reps
6. Any other business

**Motions received so far**

- That the branch supports a ballot for industrial action, including strike action, over the terms of the transfer to the CRC
- That the branch seeks a joint approach with colleagues in the NPS, so that no member is left to fight alone on the "other" side of the split
- That the branch writes to the Probation Institute and to local MPs setting out our concerns about public safety

**Nominations** for officers and reps close one week before the meeting. You can nominate yourself. Nomination forms are [here](https://example.org/riverside-napo/agm-nominations); motions can be submitted until the same date using [this form](https://example.org/riverside-napo/agm-motions).

If you can't attend in person, you can join by phone, but please note that voting on motions will be in the room only, under the branch rules. If travel or caring responsibilities make that impossible, talk to the secretary and we'll see what we can arrange.`,
  comments: [],
};

// ---------------------------------------------------------------------------
// The busy thread: the strike ballot announcement
// ---------------------------------------------------------------------------

const ballotComments: SeedComment[] = [
  // T1
  c(
    anon("b1"),
    6,
    "Voted already. Spent longer hunting for a stamp than deciding, then noticed the envelope is prepaid.",
    [
      c(anon("b2"), 19, "The prepaid envelope is the only workload reduction we've had all year."),
      c(
        ROSA,
        41,
        "Please, nobody put it through the office franking machine. Post it from home, in a proper post box.",
      ),
    ],
  ),

  // T2 — the long b3 / b7 argument (goes to depth 9)
  c(
    anon("b3"),
    12,
    "Genuine question, not trolling: who covers the high-risk cases on strike days? I'm not voting no, but I want an answer before I vote yes.",
    [
      c(
        anon("b7"),
        30,
        "The same people who cover them when half the team is off sick, which is to say nobody, every single week. Management find cover fast enough when it's their problem.",
        [
          c(
            anon("b3"),
            47,
            "That's not an answer though. If someone on my caseload does something serious on a strike day, it's me in the SFO review, not the MoJ.",
            [
              c(
                anon("b7"),
                63,
                `> it's me in the SFO review

It's you in the review on a normal Tuesday too. The risk is the staffing, not the strike. Emergency cover gets agreed in advance — that's how it has always worked.`,
                [
                  c(
                    anon("b3"),
                    88,
                    "Agreed with whom? Our CRC manager hasn't said a word about cover arrangements and the ballot closes in three weeks.",
                    [
                      c(
                        anon("b7"),
                        102,
                        "Which is exactly why the branch has asked for the cover talks in writing. Read the post again, second-to-last paragraph.",
                        [
                          c(
                            anon("b3"),
                            140,
                            "Fine, I missed that. I still think we should say out loud that victims come first, because the press will say we don't.",
                            [
                              c(
                                anon("b7"),
                                171,
                                "Victims come first. There, I've said it. Now can we also say that victims aren't any safer when one officer is juggling ninety cases for a company that's paid on results?",
                                [
                                  c(anon("b3"), 205, "Yes. OK. I'm voting yes. You can stop typing now.", [
                                    c(anon("b7"), 219, "Never. But cheers."),
                                  ]),
                                ],
                              ),
                            ],
                          ),
                          c(
                            DEV,
                            160,
                            "Gentle reminder to keep it about the arguments and not each other. This one's been fine so far — carry on.",
                          ),
                        ],
                      ),
                    ],
                  ),
                ],
              ),
            ],
          ),
          c(
            anon("b22"),
            55,
            "This. My team had three people off in March and nobody 'found cover'. We just absorbed it, like always.",
          ),
        ],
      ),
    ],
  ),

  // T3
  c(
    GRUMPY,
    20,
    "Twenty-two years in. Voted yes in every ballot since the last century. This is the first one where I think the answer actually matters.",
    [
      c(anon("b4"), 38, "Twenty-two years and still grumpy. Respect.", [
        c(GRUMPY, 44, "Grumpiness is the only thing in this service that's ever been properly resourced."),
      ]),
      c(anon("b9"), 70, "What's different this time?", [
        c(
          GRUMPY,
          96,
          "Before, we argued about pay with one employer who answered to Parliament. Once the CRCs are sold you'll be negotiating with whichever company won the contract, and it answers to shareholders. This is the last ballot where we're all still on the same side of the table.",
        ),
      ]),
    ],
  ),

  // T4 — money and the hardship fund (depth 7)
  c(
    anon("b5"),
    35,
    "Honest question about money: how many days are we talking? I'm a single parent. I can do two days, maybe three. More than that and I'm in real trouble.",
    [
      c(
        SAM,
        58,
        "The branch hardship fund is open to anyone who asks. Details will go out with the result. Nobody should be priced out of taking action.",
        [
          c(anon("b5"), 79, "Thanks. What does asking involve — payslips, bank statements?", [
            c(
              SAM,
              110,
              "Name, days lost, and a sentence about your circumstances if you want to add one. We trust members. That's the whole form.",
              [
                c(
                  anon("b19"),
                  134,
                  "Hate to be that person, but won't the fund run dry quickly if the action drags on?",
                  [
                    c(
                      anon("b5"),
                      160,
                      "Then we pass the hat. The branch over the river did a [bake sale](https://example.org/solidarity-bake-sale) last time that covered two people's rent for a month. Not joking.",
                      [
                        c(
                          anon("b19"),
                          183,
                          "I'm not against it, I just wanted to know. I'll bake. Nobody will want what I bake, but I'll bake.",
                          [
                            c(
                              anon("b5"),
                              240,
                              "Put it on the picket table and call it solidarity flapjack. People will eat anything at 7am.",
                            ),
                          ],
                        ),
                      ],
                    ),
                  ],
                ),
              ],
            ),
          ]),
        ],
      ),
      c(
        anon("b12"),
        75,
        "Also worth asking what national will pay out before assuming it's nothing. Bring the question to the AGM — the treasurer will know.",
      ),
    ],
  ),

  // T5
  c(
    ROSA,
    50,
    "Reps will be in the kitchen at Riverside House every lunchtime this week if you want to talk it through. We've liberated the biscuits management bought for the 'change engagement session'.",
    [
      c(
        anon("b6"),
        66,
        "Liberating the change engagement biscuits is the most direct action this building has seen in years.",
      ),
      c(anon("b8"), 92, "Are they the good ones or the ones with the pink wafers?", [
        c(ROSA, 101, "Pink wafers. Change is hard."),
      ]),
    ],
  ),

  // T6 — turnout, Grumpy PO vs b11 (depth 7)
  c(
    anon("b11"),
    85,
    "I'll vote yes but let's be honest, the turnout threshold is going to kill us. Half my office hasn't even opened their envelope.",
    [
      c(GRUMPY, 112, "Then go and open it for them. Metaphorically. Please don't actually open people's post.", [
        c(
          anon("b11"),
          130,
          "I've asked them. They say 'what's the point, it's all decided in Whitehall'. Hard to argue with.",
          [
            c(
              GRUMPY,
              158,
              "It isn't hard to argue with at all. Whitehall has decided plenty of things that got quietly reversed once they became expensive and embarrassing. A big turnout is both.",
              [
                c(anon("b11"), 190, "You're assuming MoJ ministers get embarrassed. I've seen no evidence of it.", [
                  c(
                    GRUMPY,
                    214,
                    "Not the ministers. The companies bidding. Nobody wants to buy a contract that comes with a workforce that's just voted four to one for action.",
                    [
                      c(
                        anon("b11"),
                        260,
                        "OK, that's actually a decent point. I'm going to use it on Derek at the next desk.",
                        [c(GRUMPY, 282, "Tell Derek I said hello. Every office has a Derek.")],
                      ),
                    ],
                  ),
                ]),
              ],
            ),
          ],
        ),
      ]),
      c(
        anon("b13"),
        140,
        "Put a reminder in the team calendar for Friday. Works better than nagging, in my experience.",
      ),
      c(anon("b15"), 150, "People not voting isn't apathy, it's exhaustion. Nobody has a spare ten minutes.", [
        c(anon("b11"), 175, "Ten minutes! It takes ninety seconds.", [
          c(anon("b15"), 199, "Ninety seconds plus finding the envelope under six weeks of OASys printouts."),
        ]),
      ]),
    ],
  ),

  // T7 — NPS vs CRC solidarity, rosa vs b14 (depth 7)
  c(
    anon("b14"),
    110,
    "Can someone explain why NPS members should strike over CRC contracts? The NPS stays public. I'm sympathetic, but it isn't really our fight.",
    [
      c(
        ROSA,
        128,
        "Because it's one workforce that's been split with the stroke of a pen. Half of us were allocated by a spreadsheet — you could just as easily have landed on the other side.",
        [
          c(anon("b14"), 151, "I get that. But my terms and conditions aren't changing. Theirs are.", [
            c(
              ROSA,
              176,
              `> my terms and conditions aren't changing

*Yet.* And who do you think picks up the work when a CRC falls over? Risk escalations land on NPS desks. Their caseloads become your caseloads.`,
              [
                c(
                  anon("b14"),
                  210,
                  "That's a much better argument than 'solidarity', which is all I keep getting told.",
                  [
                    c(
                      ROSA,
                      233,
                      "Solidarity is just the short version of that argument. I'll do you the long version at the pub if you like.",
                      [
                        c(anon("b14"), 251, "Only if you're buying. Fine — yes vote posted.", [
                          c(ROSA, 265, "Worth every penny."),
                        ]),
                      ],
                    ),
                  ],
                ),
              ],
            ),
          ]),
        ],
      ),
      c(
        anon("b16"),
        160,
        "Also, the NPS had the same pay freeze as everyone else last year. It's not exactly paradise on the public side either.",
      ),
      c(
        PETE,
        185,
        "Speaking from an approved premises: we deal with both sides of the split every single day. It's already causing chaos with referrals, and it hasn't officially happened yet.",
      ),
    ],
  ),

  // T8
  c(anon("b17"), 140, "Do we know whether agency staff will be brought in to cover on strike days?", [
    c(
      anon("b18"),
      170,
      "I thought there were rules against using agency workers to replace strikers, but I honestly don't know what the current position is. Can a rep confirm?",
      [
        c(
          DEV,
          205,
          "Not going to give legal advice in a comment thread! The branch secretary is checking and the answer will go in the FAQ. Please don't rely on half-remembered rules either way.",
        ),
      ],
    ),
  ]),

  // T9
  c(
    anon("b20"),
    180,
    "What's the actual ask here? 'Stop TR' isn't going to happen, the contracts are practically signed.",
    [
      c(
        anon("b21"),
        205,
        "Read the post. Job security guarantees, no compulsory redundancies, protection of terms on transfer, and a say in the workload model.",
        [
          c(anon("b20"), 231, "So we're striking for the terms of our own privatisation. Grim but fair.", [
            c(anon("b3"), 250, "Grim but fair is the motto of this entire profession."),
          ]),
        ],
      ),
      c(
        LOU,
        236,
        "And national opposition to the sale stays on the record. Both things can be true at once: we oppose TR, *and* we fight for the best possible terms if it goes ahead.",
      ),
    ],
  ),

  // T10
  c(anon("b22"), 200, "Does travel time to the picket line count as working time? Joking. Mostly.", [
    c(BEV, 226, "Counts as cardio."),
  ]),

  // T11
  c(
    anon("b24"),
    240,
    "Trust me, some of the CRC managers are as worried as we are. Mine told me privately she'd vote yes if she could.",
    [
      c(anon("b25"), 262, "Then she can say it publicly. Private sympathy costs nothing.", [
        c(anon("b24"), 290, "She's got a mortgage and a brand-new employer that reads the staff intranet. Be fair.", [
          c(anon("b25"), 315, "Everyone's got a mortgage. But fair enough, I take the point."),
        ]),
      ]),
      c(
        CARL,
        300,
        "Mine told the team meeting that 'the strike won't change anything', then asked who'd be in on the day. Interesting combination.",
      ),
    ],
  ),

  // T12
  c(
    anon("b26"),
    260,
    "Posted mine. Also posted my partner's envelope, which I've now realised was not a ballot paper but his council tax form. Oops.",
    [
      c(anon("b2"), 275, "This is the best comment in the thread."),
      c(ANN, 310, "Pinning this in my heart, if not on the site."),
    ],
  ),

  // T13
  c(
    anon("b7"),
    300,
    "For anyone saying it's 'not the right time': there has never been a right time. The right time was before the consultation closed, and we know how much notice was taken of that.",
    [
      c(
        NIGHT,
        330,
        "The consultation response had a stock photo of a handshake on the cover. Tells you everything you need to know.",
        [c(anon("b7"), 352, "I've got it printed and stuck on the wall by my desk. Motivational.")],
      ),
    ],
  ),

  // T14
  c(
    BREW,
    330,
    `Practical bits for when the result comes through, from the branch's designated urn-wrangler:

- **Warm layers.** The Riverside House car park is a wind tunnel, even in June.
- **A flask, not a cafetière.** Lessons have been learned.
- A folding chair if you have one.
- Don't block the entrance for colleagues who choose to go in. Talk, don't shout.`,
    [
      c(anon("b28"), 360, "Strongly support the flask rule after the last 'incident'.", [
        c(BREW, 372, "We do not speak of the incident.", [
          c(anon("b4"), 390, "I was there. The cafetière never recovered. Neither did my shoes."),
        ]),
      ]),
      c(anon("b6"), 420, "What about part-timers? Do we picket on our non-working days?", [
        c(
          BREW,
          455,
          "You can join the line any day you like, but you only lose pay for days you'd have been working. Check with your rep if your pattern is complicated.",
        ),
      ]),
    ],
  ),

  // T15 — a polite no voter (depth 6)
  c(
    anon("b8"),
    400,
    `I'm voting no, and I'd like to explain why without getting piled on.

I think action will make no difference to a decision that's already been made, and the people hurt most will be our service users who miss appointments. I'd rather the branch put its energy into transfer protections and lobbying. That's it. Not a scab, just disagree.`,
    [
      c(anon("b9"), 430, "Appreciate you saying it politely. I disagree, but it's a fair position to hold."),
      c(anon("b29"), 445, "Lobbying who, though? The minister who designed the thing?", [
        c(
          anon("b8"),
          470,
          "MPs on the justice committee. Some of them have been critical. It's slower, but it's something.",
          [
            c(
              anon("b29"),
              500,
              "We can do both. The strike gives the lobbying some teeth — a letter from a workforce that's just walked out gets read.",
              [
                c(anon("b8"), 530, "Maybe. I'm still voting no. But I'll respect the result, for what that's worth.", [
                  c(
                    ROSA,
                    561,
                    "It's worth a lot, honestly. Thanks for staying in the conversation rather than just disappearing.",
                    [c(anon("b8"), 590, "Of course. Same team, different view.")],
                  ),
                ]),
              ],
            ),
          ],
        ),
      ]),
      c(anon("b30"), 480, "'Not a scab' — nobody has called you one. Let's keep it that way, everyone."),
    ],
  ),

  // T16
  c(anon("b10"), 460, "Does the ballot cover admin and business support staff too, or just POs and PSOs?", [
    c(
      SAM,
      490,
      "It covers all Napo members in the branch whatever your grade. If you're not sure you're on the list, message the membership secretary today — there's a cut-off for replacement papers.",
      [c(anon("b10"), 520, "Thank you! Chasing it now.")],
    ),
  ]),

  // T17
  c(
    anon("b1"),
    520,
    "The number of emails we've had from HR this week about 'transition' is itself a reason to vote yes.",
    [
      c(
        anon("b12"),
        545,
        "My favourite subject line so far: *Your Future Journey*. My future journey is to the car park at 7am with a placard.",
      ),
    ],
  ),

  // T18
  c(
    anon("b13"),
    600,
    "Not directly about the ballot, but is anyone else being asked to sign 'expression of interest' forms for the NPS/CRC assignment? Should we be signing them?",
    [
      c(
        DEV,
        640,
        "Quick answer: take advice before signing anything. Could you ask on the [split post](https://example.org/riverside-napo/one-service-two-employers) so this thread stays on the ballot? Thanks.",
      ),
      c(
        anon("b16"),
        700,
        "Never sign anything on the day you're handed it. That's my advice for life, not just for TR.",
        [c(anon("b13"), 725, "Will do both, thanks. Sorry for the derail.")],
      ),
    ],
  ),

  // T19
  c(anon("b15"), 720, "Striking in a profession that's about public protection feels weird. Not wrong. Just weird.", [
    c(LOU, 750, "It should feel weird. The day it feels routine, something has gone very wrong."),
    c(
      anon("b21"),
      790,
      "Nurses, firefighters and paramedics have all been here before us. It can be done responsibly.",
      [c(anon("b15"), 815, "Fair. I'll stop agonising and start knitting a picket scarf.")],
    ),
  ]),

  // T20
  c(
    anon("b18"),
    800,
    "Is anyone else's manager 'accidentally' scheduling mandatory training for the last week of the ballot?",
    [
      c(anon("b26"), 830, "Ours is called *Resilience in Times of Change*. You genuinely couldn't make it up.", [
        c(anon("b18"), 860, "Ours is *Embracing Transition*. I'd like to embrace the exit."),
      ]),
      c(CARL, 890, "Keep a copy of the invite. The branch is collecting examples of this sort of thing."),
    ],
  ),

  // T21
  c(
    ADMINBOD,
    900,
    "Solidarity from a soon-to-be-CRC admin. We usually get forgotten in these debates, so thank you for mentioning business support in the post.",
  ),

  // T22
  c(
    anon("b4"),
    960,
    "What happens with court reports on strike days? Magistrates won't adjourn just because we're standing outside.",
    [
      c(
        NIGHT,
        1000,
        "They adjourn for far worse reasons. And on-the-day oral reports have been the norm since the cuts anyway.",
        [c(anon("b4"), 1030, "True. Half my reports are written standing in a corridor with a biro.")],
      ),
    ],
  ),

  // T23
  c(
    PETE,
    1020,
    "Reminder that the hostels run round the clock. Whatever we decide, residents still need a safe night and a hot meal. The emergency cover talks have to include the approved premises specifically.",
    [c(ANN, 1060, "Good point, Pete — I've passed this to the reps for the cover arrangements list.")],
  ),

  // T24
  c(
    anon("b23"),
    1100,
    "My gran was married to a miner. She always said the strike is the easy bit; the hard bit is the week after, when everyone goes back in and has to sit next to each other again. Worth remembering.",
    [
      c(BEV, 1140, "Wise gran."),
      c(
        anon("b24"),
        1170,
        "This is the bit I worry about. Our office is already split between people who've accepted TR and people who haven't.",
        [c(anon("b23"), 1200, "Then let's be decent to each other now, so that it's easier later.")],
      ),
    ],
  ),

  // T25
  c(
    anon("b27"),
    1250,
    "Has the branch thought about a joint statement with local victims' organisations or magistrates? Public opinion is going to matter.",
    [
      c(
        ROSA,
        1290,
        "Yes — there's a letter being drafted. Volunteers welcome, provided you can write without swearing.",
        [c(anon("b27"), 1310, "Can't promise that, but I can edit out my own swearing afterwards.")],
      ),
    ],
  ),

  // T26
  c(
    anon("b28"),
    1300,
    "I'm new (eight months in). Will a strike affect my probation period? My *own* probation, I mean. The irony is not lost on me.",
    [
      c(
        GRUMPY,
        1330,
        "Taking part in lawful industrial action can't be held against you. Also: welcome. You've joined at the most exciting and least sensible time.",
      ),
      c(anon("b3"), 1360, "Eight months in and already on the picket line. Proper induction.", [
        c(anon("b28"), 1390, "The shadowing programme didn't cover this bit."),
      ]),
      c(DEV, 1420, "Also worth a confidential chat with your rep if you're worried about anything specific."),
    ],
  ),

  // T27
  c(anon("b29"), 1400, "My ballot paper arrived with my name spelt wrong. Does it still count?", [
    c(
      SAM,
      1440,
      "Yes, as long as it's the paper that was sent to you. The spelling doesn't matter; the reference number does.",
      [c(anon("b29"), 1460, "Relief. They've had me down as 'Jackie' instead of 'Jacqui' for six years.")],
    ),
  ]),

  // T28
  c(anon("b6"), 1500, "If the sale goes ahead anyway, what's the point of the AGM motions on TR? Genuine question.", [
    c(
      LOU,
      1540,
      "Record-keeping, for one. When the contracts fail — and plenty of us think some of them will — it matters that the people doing the work said so at the time, in writing.",
      [
        c(anon("b6"), 1600, "Grim foresight. I'll take it.", [
          c(anon("b11"), 1640, "Bookmarking this comment for the inevitable inquiry in five years' time."),
        ]),
      ],
    ),
  ]),

  // T29
  c(anon("b9"), 1620, "Quick poll in the replies: who's been on a picket line before?", [
    c(anon("b2"), 1650, "Never."),
    c(anon("b14"), 1655, "Never. A bit nervous, honestly.", [
      c(
        BREW,
        1700,
        "Don't be. It's mostly standing, chatting and being handed biscuits by strangers. The biscuit thing is real.",
      ),
    ]),
    c(GRUMPY, 1680, "Several. Wear two pairs of socks."),
    c(anon("b30"), 1710, "Once, as a student, for somebody else's dispute. Felt like a tourist. This time it's mine."),
  ]),

  // T30
  c(anon("b12"), 1800, "Could we get an FAQ pinned? Half the questions in here are repeats.", [
    c(ANN, 1830, "On it. An FAQ post is coming later this week and I'll link it from the top of this one."),
  ]),

  // T31
  c(
    anon("b16"),
    1900,
    "The payment-by-results part is what really gets me. Results for whom? Reoffending depends on housing, jobs, addiction services — all of which have been cut. Providers are going to be paid for things nobody in the building controls.",
    [
      c(
        anon("b17"),
        1950,
        "And it's measured as a yes/no: reoffended or didn't. So someone who goes from weekly burglaries to one shoplifting charge in a year counts as a 'failure'.",
        [
          c(
            anon("b16"),
            1990,
            "Exactly. The model rewards picking the easy cases. Guess which cases stay with the state.",
            [c(GRUMPY, 2030, "Cream-skimming has a name for a reason.")],
          ),
        ],
      ),
    ],
  ),

  // T32
  c(CARL, 2000, "Good luck, everyone. Whatever way you vote — vote."),

  // T33
  c(anon("b25"), 2100, "I'm torn about the press side of this. We're going to be called greedy.", [
    c(BEV, 2150, "We'll be called greedy whatever we do. Might as well be greedy for decent public services."),
    c(CARL, 2200, "Nobody does this job for the money. The papers might not know that, but most of the public does."),
  ]),

  // T34
  c(
    anon("b3"),
    2250,
    "Update to my question further up about cover: the reps have replied, and the cover arrangements are sensible. Voted yes this morning. Thanks to whoever nagged me.",
    [c(anon("b7"), 2280, "You're welcome. I'll be the one by the urn.")],
  ),

  // T35
  c(
    LOU,
    2400,
    "The consultation literally asked *How can we best support staff through transition?* and 'by not doing this' wasn't one of the tick boxes.",
  ),

  // T36
  c(
    anon("b26"),
    2500,
    "Has anyone done the maths on a day's lost pay versus what the pay cap has cost us? I have. It's depressing. Doing it anyway.",
    [
      c(
        CARL,
        2540,
        "Short-term maths always says don't strike. That's why the people who benefit from us not striking love short-term maths.",
      ),
    ],
  ),

  // T37
  c(
    anon("b10"),
    2600,
    "Heads up: a journalist from local radio has been ringing round the office. Branch policy is to refer them to the press officer, right?",
    [
      c(
        DEV,
        2630,
        "Right. Please don't go on the record without talking to the branch first — not to gag anyone, but so that no individual member ends up being made the story.",
      ),
    ],
  ),

  // T38
  c(anon("b30"), 2700, "Slightly off topic: are dogs allowed on the picket?", [
    c(BEV, 2720, "PLEASE SAY YES"),
    c(BREW, 2760, "Dogs welcome, provided they're union members. Or at least sympathetic.", [
      c(anon("b30"), 2790, "He's sympathetic to anyone holding crisps."),
    ]),
  ]),

  // T39
  c(
    NIGHT,
    2900,
    "My dad asked me last night what probation actually does. I explained, and he said 'so you're the ones keeping an eye on them so they don't do it again?' Yes, Dad. And they want to sell that to the lowest bidder.",
  ),

  // T40
  c(
    anon("b24"),
    3000,
    "Trusting the MoJ to get the IT right for the split is my biggest fear. Two case management systems that don't talk to each other means missed information, and missed information means risk.",
    [
      c(
        anon("b17"),
        3050,
        "We've already had a test transfer that lost the risk flags on a case. Reported it. Nothing happened.",
        [c(anon("b24"), 3080, "Put that in writing to the branch. That's exactly the evidence we need.")],
      ),
    ],
  ),

  // T41
  c(
    anon("b11"),
    3150,
    "Final update from our office: 14 of 16 members say they've voted. The other two are on leave. I'm almost proud.",
    [
      c(GRUMPY, 3180, "*Almost?* That's the happiest thing I've read all year."),
      c(ROSA, 3200, "Brilliant. Did you tell Derek?", [
        c(anon("b11"), 3230, "Derek voted. Derek is now a convert. Derek has asked about the dog policy."),
      ]),
    ],
  ),

  // T42
  c(NIGHT, 3300, "Thanks for this thread, everyone. More honest than the last three staff surveys put together."),

  // T43
  c(
    anon("b2"),
    3500,
    "Please post it by Friday at the latest. Royal Mail is not your friend in the last week of a ballot.",
  ),

  // T44
  c(
    ROSA,
    3700,
    "Last call: reps' drop-in tomorrow lunchtime, kitchen at Riverside House. The pink wafers have gone but we've restocked.",
    [c(anon("b8"), 3730, "Still a no on the strike. Firm yes on the wafers.")],
  ),

  // T45
  c(
    anon("b29"),
    3900,
    "Can't quite believe we're at the point of a strike ballot. I joined because I believed in rehabilitation, not because I wanted to stand in a car park. Voting yes with a heavy heart.",
    [c(NIGHT, 3950, "Heavy hearts are the right kind for this one. See you in the car park.")],
  ),

  // T46
  c(anon("b22"), 4100, "Sorry, late to this. My ballot paper never arrived — who do I contact?", [
    c(
      SAM,
      4140,
      "The membership secretary, today please. Put `REPLACEMENT BALLOT` in the subject line so it gets picked up fast. Contact details are in the post above.",
    ),
  ]),

  // T47
  c(
    anon("b5"),
    4300,
    `Turned the solidarity flapjack idea into an actual plan. Recipe for anyone who wants to contribute to the picket table:

- 250g oats
- 125g butter
- 125g golden syrup
- 100g brown sugar

Melt, mix, press into a tin, bake for about 20 minutes at 180. Cut into YES shapes.`,
    [c(anon("b19"), 4330, "I'll do the YES shapes. Can't promise they'll be legible.")],
  ),
];

const strikeBallot: SeedPost = {
  slug: "strike-ballot-vote-yes",
  title: "Strike ballot now open: vote YES, and post it early",
  voice: ANN,
  daysAgo: 44,
  pinned: true,
  body: `Ballot papers for industrial action are now landing on members' doormats. Following the decision of the branch AGM and Napo's national executive, every member in Riverside is being asked two questions:

1. Are you prepared to take part in **strike action**?
2. Are you prepared to take part in **industrial action short of a strike** (such as working to contract)?

The branch committee recommends a **YES vote to both**.

**Why now?** Because in a few months the CRC will be sold, and the terms we have at that point are the terms we will take with us. The MoJ has so far refused to give binding guarantees on job security, on protection of pay and conditions after transfer, or on any workload limit at all. Our demands are simple: no compulsory redundancies, proper protection of terms on transfer, and a workload model agreed with the union rather than imposed on it.

**Why a big turnout matters.** The law sets a turnout threshold, and a ballot that doesn't meet it can't lead to lawful action, however large the yes vote. Every paper that sits unopened on a kitchen table counts, in effect, as a no. Please vote, and please remind your colleagues — NPS and CRC alike.

**How to vote.** Fill in the paper, put it in the prepaid envelope, and post it from home. Do not use the office post. If your paper hasn't arrived, contact the membership secretary straight away; details are on the [ballot page](https://example.org/riverside-napo/ballot). Papers must arrive by the closing date, so post by the Friday before at the latest.

**What about public protection?** We know this is the question on many members' minds, and it's the right question. The branch has written to management asking for emergency cover arrangements to be agreed in writing well before any action, covering high-risk cases, court duty and the approved premises. We will share those arrangements with members as soon as they are agreed. Nobody will be asked to put the public at risk.

Reps will be in the kitchen at Riverside House every lunchtime while the ballot is open. Come and ask anything — and if you have a question you'd rather ask here, ask it below.`,
  comments: ballotComments,
};

// ---------------------------------------------------------------------------
// Picket-line reports
// ---------------------------------------------------------------------------

const picketOne: SeedPost = {
  slug: "picket-report-first-walkout",
  title: "Picket report: the first walkout at Riverside House",
  voice: ANN,
  daysAgo: 12,
  body: `At 7.15 yesterday morning there were eleven of us in the car park at Riverside House, two flasks, and a banner that had been ironed — yes, ironed — by a member who shall remain nameless. By 8.30 there were **fifty-three**. By 10 o'clock we had lost count, and the urn had been refilled three times.

The first day of strike action in the history of this branch went better than any of us dared hope. Members from both sides of the split stood together: NPS colleagues took annual leave to join CRC colleagues on the line, business support turned out in force, and two retired officers came along with a thermos and a great deal of advice about the last time anything like this happened.

A few highlights:

- The number of drivers who honked in support: *uncounted, but a lot*. One bus driver did it twice.
- The number of people who crossed the line: a handful, each of whom was politely offered a leaflet. Nobody was shouted at. Thank you all for that.
- The emergency cover arrangements held. Court duty was covered, the approved premises were staffed, and high-risk contact went ahead as agreed.
- A local councillor stopped by, as did the regional organiser, who gave a short speech that was mostly drowned out by the wind.

We also had a visit from two managers who asked, very reasonably, for the names of the people on the picket. They were told, very reasonably, that the picket was lawful and that names were not going to be supplied. They left with flapjack.

The next steps are being discussed by the branch committee tonight. Please keep an eye on this site and your personal email (not your work account) for details of the next walkout. If you lost pay and are struggling, the hardship fund is open — see the [hardship fund page](https://example.org/riverside-napo/hardship-fund). Photos from the day are [here](https://example.org/riverside-napo/picket-photos-day-one); please tell us if you're in one and would rather not be.

Thank you, everyone. It was cold, it was early, and it was the best day at work I've had in years.`,
  comments: [
    c(
      anon("b14"),
      40,
      "First picket ever. Two pairs of socks, as instructed. Still couldn't feel my toes by nine. Would do it again tomorrow.",
      [c(GRUMPY, 75, "Told you. Three pairs next time.")],
    ),
    c(ROSA, 60, "The bus driver honking twice was the highlight of my year. I nearly cried."),
    c(
      anon("b3"),
      95,
      "Can confirm the cover held. I was on the emergency rota for the morning and everything that needed doing got done. So much for 'you'll put the public at risk'.",
    ),
    c(
      anon("b8"),
      150,
      "I voted no and I went in yesterday, for what it's worth. Everyone on the line was polite to me, and someone gave me a leaflet and a flapjack. I respect that more than I can say.",
      [
        c(anon("b7"), 200, "Respect to you for posting this. The door's always open if you change your mind."),
        c(anon("b30"), 260, "The flapjack diplomacy is working."),
      ],
    ),
    c(
      PETE,
      210,
      "Approved premises ran as normal. The residents were mostly curious — one of them asked if he could join the picket. We said probably not.",
    ),
    c(anon("b28"), 300, "Trying to find a photo where I don't look like a startled owl. Failing."),
    c(anon("b19"), 400, "The ironed banner was a masterpiece. Whoever it was: you're a hero."),
    c(BREW, 520, "Urn report: three refills, roughly 240 cups, no cafetière incidents. A good day."),
    c(anon("b11"), 720, "Derek came. Derek brought a deckchair. Derek is now more committed than any of us."),
    c(
      anon("b22"),
      1100,
      "Travelled in from the other office for this and it was worth the two buses. Solidarity from across the river.",
    ),
    c(
      DEV,
      1500,
      "We've removed a comment that named a colleague who crossed the picket line. Please don't do that here — it isn't who we are, and it puts people at risk of harassment.",
    ),
    c(
      anon("b25"),
      2300,
      "Trust between us and management is at a low, but trust between us on that line was the highest I've seen. Let's hold onto that.",
    ),
  ],
};

const picketTwo: SeedPost = {
  slug: "picket-report-second-walkout",
  title: "Second walkout: rain, rolls and a visit from the MoJ",
  voice: ANN,
  daysAgo: 1,
  body: `If the first walkout was cold, the second was *wet*. It rained from 6.45 until just after eleven, at which point the sun came out, the banner started to steam, and somebody produced a bag of bacon rolls from the café across the road. Morale, which had been damp, recovered immediately.

Numbers were slightly down on the first day — around forty on the line at the peak — but a good number of members who couldn't be there sent photos from home of their placards in windows, and the branch had messages of support from colleagues across the region, from the local trades council and from a sixth-form politics class who had been studying TR and had, in their words, "a lot of questions for the Ministry".

The unexpected visitor of the day was an official from the MoJ's regional office, who was at Riverside House for a pre-arranged meeting about the transfer and found the front door somewhat busier than expected. To their credit, they stopped to talk for ten minutes and took a copy of our leaflet. We'd like to think it was read on the train home.

Some practical points for next time:

- **Ponchos.** The branch now owns twenty. Please return them.
- **The gazebo** needs at least four people and one engineer. Volunteers welcome.
- **Rotas.** If you're on the emergency cover rota, you'll be contacted by your rep at least a week in advance.

The branch committee is meeting with national officers next week to discuss the employer's latest offer, which — we will be honest — falls short of what members voted for. We will report back here, and at a members' meeting to be announced shortly. Until then: keep talking to each other, keep your hours log up to date, and keep the ponchos dry.`,
  comments: [],
};

// ---------------------------------------------------------------------------

export const seedPosts: SeedPost[] = [
  trSellOff,
  npsCrcSplit,
  caseloadDiary,
  sfoBlame,
  agmNotice,
  strikeBallot,
  picketOne,
  picketTwo,
];
