"""PII-free control texts (issue #13: controls altered <= 3 %): business text full of things that
look like personal data and are not: product and feature names, Title Case headings, team and
department names, software and cloud services, weekdays, months, holidays, places, brands,
ordinary words that are also first names (Hope, Grace, Will, Bill, Rose, Summer, Chase), and
numbers that are no phone numbers (orders, tickets, invoices, versions, builds, amounts,
percentages, quantities, times, dates that are no birth dates, rooms, models, serials), account
*types* without numbers, identifiers (file names, config keys, hashtags, SKUs, error codes,
hostnames) and spoken counts and prices, in eight styles (chat, CRM notes without customer
names, team e-mails, letters/announcements, meeting notes, support tickets, transcripts cased and
lowercase).

Own word lists and templates, nothing from the sealed corpus or Faker. Two disjoint halves:
``generate(rng, start_id)`` returns the tuning half (registered in the tuning corpus);
``generate(rng, start_id, held_out=True)`` returns the held-out half (other templates and other
word lists), looked at once to check that a precision fix generalizes (see ``test_controls.py``).
Every document is ``control=True`` with ``pii=[]``; ``doc.kind`` is ``control:<style>``."""

from __future__ import annotations

import random
import re

from corpus import Doc

STYLES = ("chat", "crm", "email", "letter", "meeting", "ticket", "transcript_cased", "transcript_lower")

# ------------------------------------------------------------------ word lists, two disjoint sets
# each key: (tuning list, held-out list)
WORDS: dict[str, tuple[list[str], list[str]]] = {
    "product": (
        [
            "Atlas",
            "Beacon",
            "Compass",
            "Lighthouse",
            "Keystone",
            "Northstar",
            "Orbit",
            "Pulse",
            "Quartz",
            "Relay",
            "Sentinel",
            "Harbor",
            "Falcon",
            "Cascade",
            "Meridian",
            "Horizon",
        ],
        [
            "Lantern",
            "Anchor",
            "Prism",
            "Summit",
            "Vector",
            "Granite",
            "Kestrel",
            "Tundra",
            "Mosaic",
            "Juniper",
            "Sparrow",
            "Catalyst",
            "Evergreen",
            "Ridge",
        ],
    ),  # fmt: skip
    "feature": (
        [
            "Smart Filters",
            "Bulk Export",
            "Audit Log",
            "Single Sign-On",
            "Dark Mode",
            "Saved Views",
            "Usage Reports",
            "Role Templates",
            "Quick Actions",
            "Data Retention",
        ],
        [
            "Offline Sync",
            "Scheduled Reports",
            "Custom Fields",
            "Guest Access",
            "Team Inbox",
            "Live Preview",
            "Approval Flows",
            "Version History",
        ],
    ),  # fmt: skip
    "team": (
        [
            "Platform Engineering",
            "Customer Success",
            "Finance Operations",
            "Revenue Operations",
            "Site Reliability",
            "Product Marketing",
            "Legal and Compliance",
            "Data Science",
            "Field Sales",
            "People Operations",
        ],
        [
            "Growth Marketing",
            "Developer Relations",
            "Procurement",
            "Internal Audit",
            "Partner Programs",
            "Facilities Management",
            "Quality Assurance",
            "Support Engineering",
        ],
    ),  # fmt: skip
    "service": (
        [
            "Salesforce",
            "Jira",
            "Confluence",
            "Slack",
            "Zoom",
            "GitHub",
            "AWS",
            "Azure",
            "Google Cloud",
            "Snowflake",
            "Datadog",
            "PagerDuty",
            "Okta",
            "Zendesk",
        ],
        [
            "HubSpot",
            "Notion",
            "Asana",
            "Trello",
            "GitLab",
            "Bitbucket",
            "Kubernetes",
            "Terraform",
            "Grafana",
            "Sentry",
            "Workday",
            "ServiceNow",
            "Dropbox",
        ],
    ),  # fmt: skip
    "city": (
        [
            "Chicago",
            "Dublin",
            "Manchester",
            "Toronto",
            "Melbourne",
            "Austin",
            "Berlin",
            "Singapore",
            "Denver",
            "Edinburgh",
            "Seattle",
            "Auckland",
        ],
        [
            "Lisbon",
            "Bristol",
            "Vancouver",
            "Brisbane",
            "Madrid",
            "Boston",
            "Leeds",
            "Montreal",
            "Oslo",
            "Phoenix",
            "Cork",
            "Perth",
        ],
    ),  # fmt: skip
    "day": (["Monday", "Tuesday", "Wednesday", "Thursday"], ["Friday", "Saturday", "Sunday", "Tuesday"]),
    "month": (
        ["January", "March", "May", "July", "September", "November"],
        ["February", "April", "June", "August", "October", "December"],
    ),
    "holiday": (
        ["Christmas", "Thanksgiving", "Easter", "Labor Day", "New Year", "Boxing Day"],
        ["Memorial Day", "Bank Holiday Monday", "Diwali", "Lunar New Year", "Good Friday", "Independence Day"],
    ),  # fmt: skip
    "brand": (
        ["Apple", "Samsung", "Dell", "Lenovo", "Cisco", "Logitech", "Nike", "Toyota", "Visa", "PayPal"],
        ["Sony", "Philips", "Canon", "Bosch", "Adidas", "Honda", "Mastercard", "Stripe", "Siemens"],
    ),  # fmt: skip
    # ordinary words that are also first names, used as the ordinary word (a whole phrase)
    "nameword": (
        [
            "Hope that helps",
            "Grace period is 30 days",
            "Will do",
            "the Summer release is on track",
            "Rose Gold units sold out",
            "Chase the vendor for a quote",
            "Bank transfer only",
            "Victoria line delays again",
            "Hunter boots are on the swag list",
        ],
        [
            "Faith in the plan is high",
            "Joy, another green build",
            "Bill of materials is final",
            "Mark as resolved",
            "Dawn deploys are over",
            "Sunny side: costs are down",
            "Amber alert on the dashboard",
            "Penny pinching on cloud spend",
        ],
    ),  # fmt: skip
    "acct_type": (
        ["business account", "premium account", "trial account", "enterprise account", "admin account"],
        ["savings account", "shared account", "service account", "partner account", "sandbox account"],
    ),  # fmt: skip
    "ext": (["csv", "xlsx", "pdf", "json"], ["yaml", "docx", "log", "zip"]),
    "host": (
        ["build-runner-03.internal", "db-replica-2.prod", "cache01.staging", "api-gateway.eu-west-1"],
        ["ci-worker-7.lab", "search-node-4.prod", "queue02.dev", "edge-proxy.us-east-2"],
    ),  # fmt: skip
}
COUNT_WORDS = (
    ["twelve", "forty", "sixty", "a hundred", "two hundred", "three thousand", "fifteen", "eighty"],
    ["thirty", "fifty", "ninety", "four hundred", "six thousand", "eleven", "twenty five", "seventy"],
)
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


# ------------------------------------------------------------------ number look-alikes
def _num(rng: random.Random, kind: str) -> str:
    r = rng.randint
    if kind == "order":
        return str(r(100000, 9999999))
    if kind == "ticket":
        return rng.choice(["#", "", "INC-", "CS-", "TKT-"]) + str(r(1000, 999999))
    if kind == "invoice":
        return f"INV-{r(2019, 2026)}-{r(1, 9999):04d}"
    if kind == "version":
        return f"{r(1, 12)}.{r(0, 20)}.{r(0, 40)}"
    if kind == "build":
        return str(r(2019, 2026)) + f"{r(1, 12):02d}{r(1, 28):02d}" + rng.choice(["", f".{r(1, 9)}"])
    if kind == "amount":
        return rng.choice(["$", "£", "€", ""]) + f"{r(1, 250):,}" + rng.choice([",000", ".50", ".99", "k", "M", ""])
    if kind == "pct":
        return f"{r(1, 99)}" + rng.choice(["%", " %", " percent", ".5%"])
    if kind == "qty":
        return f"{r(2, 4000):,}"
    if kind == "time":
        return rng.choice(
            [f"{r(0, 23):02d}:{rng.choice(['00', '15', '30', '45'])}", f"{r(1, 12)}{rng.choice(['am', 'pm', ' pm'])}"]
        )
    if kind == "date":
        y = r(2022, 2027)
        m, d = r(1, 12), r(1, 28)
        return rng.choice(
            [
                f"{y}-{m:02d}-{d:02d}",
                f"{d:02d}/{m:02d}/{y}",
                f"{m}/{d}/{y}",
                f"{d} {rng.choice(['Jan', 'Mar', 'Jun', 'Sep', 'Nov'])} {y}",
            ]
        )
    if kind == "year":
        return str(r(2015, 2027))
    if kind == "room":
        return rng.choice(["", "B", "3."]) + str(r(100, 940))
    if kind == "model":
        return rng.choice(["XPS ", "MX-", "RTX ", "T", "G"]) + str(r(10, 9900)) + rng.choice(["", "X", "i", " Pro"])
    if kind == "serial":
        return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(10))
    if kind == "sku":
        return f"{rng.choice(['SKU', 'PRD', 'HW', 'ACC'])}-{r(100, 9999)}-{rng.choice(['BLK', 'WHT', 'L', 'XL', 'EU'])}"
    if kind == "err":
        return rng.choice(
            [
                f"ERR_{r(100, 999)}",
                f"E{r(1000, 9999)}",
                f"HTTP {rng.choice([400, 403, 404, 409, 500, 502, 503])}",
                f"0x{r(0x1000, 0xFFFF):04X}",
            ]
        )
    if kind == "po":
        return f"PO {r(40000, 99999)}"
    raise ValueError(kind)


def _spoken_price(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{rng.choice(TENS)} {rng.choice(UNITS)} ninety nine",
            f"{rng.choice(UNITS)} hundred and {rng.choice(TENS)} dollars",
            f"{rng.choice(TENS)} {rng.choice(UNITS)} pounds {rng.choice(TENS)}",
            f"about {rng.choice(TENS)} grand",
        ]
    )


# ------------------------------------------------------------------ templates, per style and half
# slots: {product} {feature} {team} {service} {city} {day} {month} {holiday} {brand} {nameword}
# {acct_type} {ext} {host} {count} {price} and numbers {n:<kind>}
TEMPLATES: dict[str, tuple[list[str], list[str]]] = {
    "chat": (
        [
            "[{n:time}] ok the {product} build {n:build} is green, shipping {n:version} after lunch",
            "anyone else seeing {n:err} on {host}? started around {n:time}",
            "{nameword}. you can grab the {feature} ticket {n:ticket}, I'm on the {service} migration",
            "lol the {city} office ordered {n:qty} mugs with the {product} logo",
            "reminder: {holiday} is next week, {team} is on a skeleton crew",
            "pushed config key `{product_lower}.retry_limit` = 5, see {product_lower}_settings.{ext}",
            "#{product_lower}launch is trending internally, {n:pct} of staff opted in",
            "can we move standup to {day}? {month} is packed",
            "invoice {n:invoice} for {n:amount} came back from {brand}, forwarding to {team}",
            "{service} is down again, status page says partial outage in {city}",
            "the {acct_type} tier now includes {feature}, {n:amount} per seat",
            "no rush, {day} works. {nameword}. nice to have it before {holiday} tho",
        ],
        [
            "heads up: {host} rebooting at {n:time}, {n:err} expected for a few minutes",
            "{product} {n:version} rc tagged, changelog in CHANGELOG.{ext}",
            "who owns {feature}? {team} says not them",
            "grabbed room {n:room} for the {product} retro on {day}",
            "{brand} shipped {n:qty} units of {n:model}, serial range starts {n:serial}",
            "we hit {n:pct} adoption in {city}. {nameword}",
            "the {service} bill for {month} was {n:amount}, up {n:pct}",
            "sku {n:sku} is out of stock till {month}",
            "ping me after {holiday}, I'm off {day} to {day2}",
        ],
    ),
    "crm": (
        [
            "Account notes ({n:date}): the customer is on a {acct_type} with {n:qty} seats; renewal due in {month}. "
            "Interested in {feature} and the {product} add-on. Next step: demo on {day} at {n:time}.",
            "Opportunity {n:order}: expansion from {n:qty} to {n:qty2} licences, est. {n:amount}. Decision expected "
            "after {holiday}. Competitor: {brand}. Stage: Proposal.",
            "Call summary: procurement asked for PO {n:order} to be re-issued; invoice {n:invoice} was for "
            "{n:amount}. Their {team} team uses {service} and wants the {product} connector.",
            "Renewal risk: usage dropped {n:pct} since {month}. Their {city} site moved to {service}. "
            "Health score 54. Will follow up {day}.",
            "QBR notes: {n:pct} of tickets resolved in SLA; top asks {feature} and {feature2}. "
            "Chase up the security questionnaire before {day}.",
            "Lead source: {city} trade show, {month} {n:year}. {acct_type} requested, {n:qty} users, "
            "budget {n:amount}. Hope to close by Q{q}.",
        ],
        [
            "Deal desk: discount of {n:pct} approved for the {acct_type} (contract {n:order}); term starts "
            "{n:date}. Billing via {brand} card on file, no PO needed.",
            "Customer moved {n:qty} users from {service} to {product} in {month}. Open item: {feature} for their "
            "{team} group. Ticket {n:ticket}.",
            "Support escalation reviewed: {n:err} during login, fixed in {n:version}. Goodwill credit {n:amount}.",
            "Pipeline review {n:date}: {city} region at {n:pct} of target; {product} attach rate up {n:pct2}.",
            "Site visit to the {city} warehouse on {day}; {n:qty} scanners ({n:model}) need firmware {n:version}.",
        ],
    ),
    "email": (
        [
            "Subject: {product} {n:version} release\n\nHi {team},\n\nThe {product} release is scheduled for {day} "
            "{n:date} at {n:time} UTC. It ships {feature} and fixes {n:err}. Build {n:build} is on staging.\n\n"
            "Thanks,\nRelease Management",
            "Subject: {service} licences\n\nHi all,\n\nWe have {n:qty} {service} seats and use {n:pct} of them. "
            "Finance asks each team to return unused seats by the end of {month}. Invoice {n:invoice} "
            "({n:amount}) is attached as {product_lower}_licences.{ext}.\n\nBest,\n{team}",
            "Subject: Office move - {city}\n\nTeam,\n\nThe {city} office moves to the new building after {holiday}. "
            "Desks on floor {n:room} are ready; parking passes cost {n:amount}/month.\n\nFacilities",
            "Subject: Re: {feature} feedback\n\nThanks for the notes. {nameword}. Fair point: the {product} "
            "team will look at it in the {month} planning. Tracking in {n:ticket}.\n\n-- {team}",
            "Subject: Outage postmortem {n:date}\n\nSummary: {host} ran out of disk at {n:time}; {n:pct} of "
            "requests failed with {n:err} for {n:qty} seconds. Owners: {team}. Action items in {service}.",
        ],
        [
            "Subject: Hardware refresh\n\nHello,\n\n{n:qty} laptops ({brand} {n:model}) arrive on {day}; "
            "serials start at {n:serial}. Old devices go back by {n:date}.\n\nIT Service Desk",
            "Subject: {holiday} schedule\n\nHi everyone, {team} will be offline on {holiday}; urgent {product} "
            "issues go to the on-call rota in {service}. Back on {day}.\n\nThanks",
            "Subject: Budget {n:year}\n\nThe {team} budget for {n:year} is {n:amount}, {n:pct} above plan. "
            "Breakdown in budget_{n:year}.{ext}. Questions by {day} please.",
            "Subject: Migration to {service}\n\nAll repos move from {service2} to {service} in {month}. "
            "The {acct_type} for CI is already set up. Expect {n:err} on old webhooks.",
        ],
    ),
    "letter": (
        [
            "Dear Customer,\n\nThank you for choosing {product}. From {n:date} your {acct_type} includes "
            "{feature} at no extra cost. Prices for new plans start at {n:amount} per month.\n\n"
            "Yours faithfully,\nThe {product} Team",
            "ANNOUNCEMENT\n\nWe are pleased to open our new office in {city} in {month} {n:year}. "
            "The {team} and {team2} teams will be based there. An open day is planned for {day} "
            "after {holiday}.\n\nBoard of Directors",
            "Dear Valued Partner,\n\nOur {product} programme grew {n:pct} in {n:year}. In {month} we will "
            "introduce {feature}. Please review the updated terms (ref {n:invoice}).\n\nKind regards,\nPartner Programs",
            "To whom it may concern,\n\nThis letter confirms that order {n:order} for {n:qty} units of {n:sku} "
            "was delivered on {n:date} to our {city} depot.\n\nSincerely,\nWarehouse Operations",
        ],
        [
            "Dear Member,\n\nYour {acct_type} renews on {n:date}. The annual fee stays at {n:amount}. "
            "{nameword}. Thank you for another year,\n\nMembership Services",
            "NOTICE OF MAINTENANCE\n\nOn {day} {n:date} from {n:time} the {product} portal will be unavailable. "
            "Reference {n:ticket}. We apologise for any inconvenience.\n\nService Operations",
            "Dear Shareholder,\n\nRevenue for {n:year} was {n:amount}, up {n:pct}. The annual meeting takes "
            "place in {city} in {month}.\n\nInvestor Relations",
        ],
    ),
    "meeting": (
        [
            "Sprint Planning - {day}\nAttendees: {team}, {team2}\n1. {product} {n:version} scope\n"
            "2. {feature} estimate: {n:qty} points\n3. {service} costs up {n:pct}\nDecision: ship before {holiday}.",
            "Weekly Sync\n- {city} launch slipped to {month}\n- {n:err} rate down to {n:pct}\n- {nameword}: "
            "{team}, parked\nAction items: update {product_lower}_roadmap.{ext}",
            "Steering Committee, {n:date}\nAgenda: {product} budget ({n:amount}), {feature} rollout, hiring plan "
            "for {team}.\nOutcome: approved; next review in {month}.",
            "Retro notes\nWent well: {feature}, {service} alerts\nTo improve: flaky tests on {host}\n"
            "Will try: pairing on {day}s, room {n:room}",
        ],
        [
            "Quarterly Business Review\n1. Results: {n:amount} revenue, {n:pct} margin\n2. {product} roadmap\n"
            "3. {city} expansion\n4. AOB: {holiday} party budget",
            "Design Review: {feature}\nPresent: {team}\nNotes: mockups in {service}; {n:qty} screens; "
            "accessibility audit in {month}. {nameword}.",
            "Incident review {n:ticket}\nTimeline: {n:time} alert, {n:time2} mitigated. Cause: config key "
            "{product_lower}.pool_size set to 0. Owner: {team}.",
        ],
    ),
    "ticket": (
        [
            "Ticket {n:ticket}\nPriority: P2\nComponent: {product} / {feature}\nSummary: export to {ext} fails with "
            "{n:err} for files over {n:qty} rows. Reproduced on {n:version}, build {n:build}.",
            "Issue: after upgrading to {n:version}, {service} sync stops at {n:pct}. Logs on {host}. "
            "Workaround: restart the worker. Affects {acct_type}s only.",
            "Bug report\nSteps: open {feature}, click Save, wait {n:qty} seconds\nExpected: saved\nActual: {n:err}\n"
            "Browser: Chrome {n:version} on {brand} {n:model}",
            "Request {n:ticket}: please add {n:qty} seats to the {acct_type}; PO {n:order}. Billing contact is "
            "the {team} mailbox. Needed before {day}.",
            "Hardware RMA: {brand} {n:model}, serial {n:serial}, SKU {n:sku}, shipped {n:date}. Screen "
            "flickers after {n:qty} hours.",
        ],
        [
            "Case {n:ticket} | Severity 3 | {product}\nDescription: dashboard shows {n:err} in {city} region "
            "since {n:time}. {n:pct} of users affected.",
            "Feature request: {feature} for {service} users; {n:qty} votes. Related: {n:ticket2}.",
            "Incident {n:ticket}: certificate on {host} expires {n:date}. Owner {team}. Renewal via {service}.",
            "Refund request: invoice {n:invoice}, amount {n:amount}, {acct_type}; reason: duplicate charge in {month}.",
        ],
    ),
    "transcript_cased": (
        [
            "Speaker 1: So the {product} numbers for {month} are in.\nSpeaker 2: How did {city} do?\n"
            "Speaker 1: Up {n:pct}. We sold {n:qty} units.\nSpeaker 2: And the {feature} pilot?\n"
            "Speaker 1: Goes live on {day}.",
            "Agent: Thanks for calling {product} support. What's the ticket number?\nCaller: It's {n:ticket}.\n"
            "Agent: I see an {n:err} on your {acct_type}. I'll reset it now.\nCaller: Great, thanks.",
            "Host: Welcome back. Today we talk about {service} and {feature}.\nGuest: Happy to be here. We moved "
            "{n:qty} workloads in {month}.\nHost: {nameword}.",
            "Interviewer: When did the {city} team start using {product}?\nRespondent: Around {holiday} {n:year}. "
            "Adoption is at {n:pct} now.",
        ],
        [
            "Moderator: Let's start with the {team} update.\nPanelist: We shipped {n:version} on {day}, "
            "{n:qty} tickets closed.\nModerator: Any blockers?\nPanelist: Just {service} quotas.",
            "Rep: Your order {n:order} ships from {city} on {day}.\nCustomer: How much is delivery?\n"
            "Rep: {n:amount}, and the {brand} adapter is extra.",
            "SPEAKER_00: The {product} demo is at {n:time}.\nSPEAKER_01: Which room?\nSPEAKER_00: {n:room}, "
            "next to the {team} area.",
        ],
    ),
    "transcript_lower": (
        [
            "speaker 1: so {product_lower} is slow again\nspeaker 2: yeah the {service_lower} job takes like "
            "{count} minutes\nspeaker 1: can we fix it before {day_lower}\nspeaker 2: maybe. {nameword_lower}",
            "agent: whats the order number\ncaller: its {n:order}\nagent: ok that shipped on {day_lower}\n"
            "caller: and it cost {price}",
            "speaker 1: how many seats do we need\nspeaker 2: {count} probably\nspeaker 1: and the {acct_type} "
            "costs {price} a month",
            "spk_0: the {city_lower} office wants {feature_lower}\nspk_1: after {holiday_lower} ok\nspk_0: "
            "sure, ticket {n:ticket}",
            "speaker 1: error {n:err} on {host}\nspeaker 2: since when\nspeaker 1: {n:time} ish, "
            "about {count} requests",
        ],
        [
            "speaker_00: we did {count} demos in {month_lower}\nspeaker_01: and revenue\nspeaker_00: about "
            "{price}\nspeaker_01: nice, {city_lower} carried it",
            "caller: i got charged {price} for the {acct_type}\nagent: let me check invoice {n:invoice}\n"
            "caller: ok\nagent: yes thats a duplicate",
            "spk_1: {brand_lower} sent {count} laptops\nspk_2: model {n:model}\nspk_1: yep, {service_lower} "
            "inventory is updated",
        ],
    ),
}


def _slots(rng: random.Random, half: int) -> dict[str, str]:
    pick = {k: rng.choice(v[half]) for k, v in WORDS.items()}
    pick["feature2"] = rng.choice(WORDS["feature"][half])
    pick["team2"] = rng.choice(WORDS["team"][half])
    pick["service2"] = rng.choice(WORDS["service"][half])
    pick["day2"] = rng.choice(WORDS["day"][half])
    pick["count"] = rng.choice(COUNT_WORDS[half])
    pick["price"] = _spoken_price(rng)
    pick["q"] = str(rng.randint(1, 4))
    for k in list(pick):
        pick[f"{k}_lower"] = pick[k].lower()
    pick["product_lower"] = re.sub(r"\W", "", pick["product"].lower())
    return pick


_NUM = re.compile(r"\{n:([a-z]+?)(\d?)\}")


def _render(rng: random.Random, template: str, half: int) -> str:
    text = _NUM.sub(lambda m: _num(rng, m.group(1)), template)
    return text.format(**_slots(rng, half))


def generate(rng: random.Random, start_id: int, held_out: bool = False, per_style: int | None = None) -> list[Doc]:
    half = 1 if held_out else 0
    per_style = per_style or (20 if held_out else 25)
    docs: list[Doc] = []
    for style in STYLES:
        templates = TEMPLATES[style][half]
        for k in range(per_style):
            text = _render(rng, templates[k % len(templates)], half)
            d = Doc(start_id + len(docs), f"control_{style}", "en", text, [], control=True)
            d.kind = f"control:{style}"
            docs.append(d)
    return docs
