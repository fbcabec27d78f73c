"""A second, broader set of PII-free controls (issue #13: controls altered <= 3 %), in registers
``controls.py`` does not have: release notes, incident postmortems, runbooks with commands and
hostnames, recipes, sports reports, travel and city guides, product reviews, meeting notes about
code-named projects, support macros with placeholders, lowercase tech-talk transcripts, chat
with emoji and slang, legal/HR policy text, git logs, log lines and academic abstracts.

They are full of what real text is full of: public brands, products and services (Jira, GitHub,
Slack, Zoom, Excel), places (Paris, München, Mount Everest), coined programme names, Title Case
headings, tech words that look like handles (rebase, cron, ubuntu2404) and capitalised common
words. No person (public figures included), no handle, no e-mail, no phone, no URL, no private
company. Own word lists and templates, nothing from the sealed corpus or Faker.

``generate(rng, start_id)`` returns ``PER_REGISTER`` documents per register, each
``control=True`` with ``pii=[]`` and ``doc.kind`` = ``control2:<register>``."""

from __future__ import annotations

import random
import re

from corpus import Doc

PER_REGISTER = 14

W: dict[str, list[str]] = {
    "tool": ["Jira", "GitHub", "GitLab", "Slack", "Zoom", "Excel", "Confluence", "Notion", "Figma", "Trello",
             "Asana", "Salesforce", "Zendesk", "PagerDuty", "Grafana", "Datadog", "Sentry", "Kubernetes",
             "Terraform", "Docker", "Jenkins", "Postgres", "Redis", "Kafka", "Airflow", "Tableau", "Outlook",
             "Teams", "Dropbox", "Miro", "Okta", "Stripe", "Shopify", "HubSpot", "Bitbucket", "Ansible"],
    "codename": ["Northstar", "Bluebird", "Ironwood", "Tidewater", "Copperhead", "Moonshot", "Driftwood",
                 "Blackbird", "Sandstone", "Firefly", "Glacier", "Thunderbolt", "Aurora", "Nimbus", "Basalt",
                 "Marigold", "Saffron", "Hyperion", "Osprey", "Polaris", "Tamarind", "Wildfire", "Zephyr"],
    "programme": ["programme", "initiative", "project", "workstream", "rollout", "pilot", "track", "migration"],
    "city": ["Paris", "München", "Berlin", "Lisbon", "Kraków", "Zürich", "Tokyo", "Osaka", "Seoul", "Toronto",
             "Montréal", "Chicago", "Austin", "Denver", "Seattle", "Dublin", "Edinburgh", "Barcelona", "Sevilla",
             "Porto", "Vienna", "Prague", "Budapest", "Copenhagen", "Oslo", "Helsinki", "Reykjavík", "Istanbul",
             "Marrakech", "Cape Town", "Nairobi", "Mumbai", "Bengaluru", "Singapore", "Sydney", "Melbourne",
             "Wellington", "Buenos Aires", "São Paulo", "Mexico City", "Lima", "Quebec City", "Valencia",
             "Florence", "Naples", "Bruges", "Salzburg", "Kyoto", "Hanoi", "Bangkok"],
    "sight": ["Mount Everest", "the Eiffel Tower", "the Louvre", "the Alhambra", "Table Mountain",
              "the Acropolis", "Central Park", "the Golden Gate Bridge", "Lake Como", "the Matterhorn",
              "the Sagrada Família", "Machu Picchu", "the Great Barrier Reef", "Mont Saint-Michel",
              "the Colosseum", "Hyde Park", "the Englischer Garten", "Lake Bled", "the Blue Mountains",
              "the Scottish Highlands", "the Dolomites", "Kilimanjaro", "the Grand Canyon", "Niagara Falls"],
    "brand": ["Apple", "Samsung", "Sony", "Bose", "Dyson", "Nike", "Adidas", "Lego", "IKEA", "Philips",
              "Logitech", "Garmin", "Canon", "Nikon", "Lenovo", "Dell", "Asus", "Kindle", "Nintendo", "Patagonia",
              "Le Creuset", "KitchenAid", "Vitamix", "Fitbit", "GoPro", "Anker", "Sennheiser", "Miele", "Bosch"],
    "model": ["Rose Gold", "Space Grey", "Midnight Blue", "Pro Max", "Air 13", "Series 9", "Mark II", "Ultra",
              "Lite", "Mini", "Plus", "XL", "Max", "Studio", "Classic", "Sport Edition", "Forest Green",
              "Sandstone Beige", "Pearl White", "Graphite"],
    "product": ["headphones", "blender", "robot vacuum", "running shoes", "rain jacket", "espresso machine",
                "e-reader", "smartwatch", "keyboard", "webcam", "stand mixer", "tent", "backpack", "air fryer",
                "monitor", "mouse", "power bank", "dutch oven", "trail shoes", "soundbar"],
    "team_sport": ["United", "City", "Rovers", "Wanderers", "Athletic", "Albion", "Real", "Sporting",
                   "Dynamo", "Olympique", "Lions", "Tigers", "Eagles", "Falcons", "Sharks", "Bulls"],
    "host": ["build-01", "build-02", "ci-runner-3", "db-primary", "db-replica-2", "web-04", "cache-01",
             "worker-7", "edge-lb-1", "kafka-broker-2", "vault-0", "bastion", "gpu-node-12", "mon-01"],
    "service": ["checkout-api", "auth-service", "search-indexer", "billing-worker", "notification-svc",
                "image-resizer", "ledger", "scheduler", "gateway", "feature-flags", "report-builder"],
    "cmd": ["git rebase -i main", "git cherry-pick a1b2c3d", "kubectl rollout restart deploy/{service}",
            "systemctl restart nginx", "sudo apt-get upgrade", "docker compose up -d", "crontab -e",
            "terraform plan -out plan.bin", "pip install -r requirements.txt", "npm ci && npm run build",
            "journalctl -u {service} --since today", "helm upgrade --install {service} ./chart",
            "ansible-playbook site.yml --limit {host}", "psql -c 'vacuum analyze'", "make release"],
    "os": ["ubuntu2404", "ubuntu2204", "debian12", "rhel9", "alpine3.19", "win11", "macos14", "fedora40"],
    "techword": ["rebase", "cron", "webhook", "sidecar", "daemon", "scheduler", "linter", "hotfix", "canary",
                 "rollback", "backfill", "healthcheck", "cutover", "failover", "runbook", "changelog",
                 "monorepo", "lockfile", "kubelet", "ingress", "sharding", "throttling"],
    "feature": ["dark mode", "bulk edit", "saved filters", "offline mode", "audit trail", "smart search",
                "inline comments", "two-factor login", "CSV import", "custom dashboards", "auto-save",
                "keyboard shortcuts", "usage alerts", "SSO", "webhooks", "role-based access"],
    "dish": ["shakshuka", "risotto", "ramen", "paella", "banana bread", "chili con carne", "pad thai",
             "lemon tart", "focaccia", "moussaka", "butter chicken", "minestrone", "tarte tatin", "gnocchi"],
    "ingredient": ["garlic", "shallots", "olive oil", "smoked paprika", "basil", "parmesan", "arborio rice",
                   "coconut milk", "lemon zest", "thyme", "cumin", "Dijon mustard", "Greek yogurt", "miso",
                   "Gruyère", "San Marzano tomatoes", "Maldon salt", "Worcestershire sauce", "Sriracha"],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "month": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"],
    "season": ["spring", "summer", "autumn", "winter"],
    "holiday": ["Christmas", "Easter", "Thanksgiving", "Diwali", "Hanukkah", "Ramadan", "Lunar New Year",
                "Oktoberfest", "Boxing Day", "Labor Day", "Bank Holiday Monday"],
    "dept": ["Finance", "Legal", "People Ops", "Platform", "Security", "Data Engineering", "Customer Success",
             "Facilities", "Procurement", "Marketing", "Design", "Site Reliability", "Payroll"],
    "emoji": ["🎉", "🔥", "😅", "🙏", "👀", "✅", "🚀", "💀", "😂", "🤷", "👍", "🥲", "☕", "🍕"],
    "slang": ["lol", "ngl", "tbh", "fr", "lowkey", "imo", "brb", "omg", "idk", "smh", "bet", "iirc", "fwiw"],
    "field": ["machine learning", "computational linguistics", "materials science", "epidemiology",
              "ecology", "climate modelling", "econometrics", "cognitive science", "robotics", "proteomics"],
    "method": ["transformer", "random forest", "Bayesian hierarchical model", "Monte Carlo simulation",
               "graph neural network", "difference-in-differences design", "mixed-effects model",
               "Kalman filter", "gradient boosting", "convolutional network"],
    "dataset": ["ImageNet", "MNIST", "CIFAR-10", "SQuAD", "the UK Biobank", "Common Crawl", "Wikipedia",
                "OpenStreetMap", "the Penn Treebank", "LibriSpeech"],
    "placeholder": ["{{customer.first_name}}", "{{ticket.id}}", "[Customer Name]", "<first name>", "{name}",
                    "%FIRSTNAME%", "{{agent.signature}}", "[Order Number]", "{{ticket.requester.name}}",
                    "$CUSTOMER_NAME", "[insert name]", "{{organization.name}}"],
    "word": ["Grace", "Hope", "Faith", "Will", "Bill", "Rose", "Summer", "Chase", "Mark", "Frank", "Sterling",
             "Ivy", "Jack", "Penny", "Dawn", "Joy", "Iris", "Amber", "Crystal", "Miles", "Lily", "Hunter"],
    "adj": ["Quick", "Smart", "Bright", "Clear", "Simple", "Fresh", "Golden", "Silver", "Rapid", "Open"],
}  # fmt: skip


def _n(rng: random.Random, kind: str) -> str:
    if kind == "ver":
        return f"{rng.randint(1, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 40)}"
    if kind == "pct":
        return f"{rng.randint(1, 99)}"
    if kind == "min":
        return str(rng.randint(2, 95))
    if kind == "time":
        return f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    if kind == "sha":
        return "".join(rng.choice("0123456789abcdef") for _ in range(7))
    if kind == "issue":
        return str(rng.randint(100, 9999))
    if kind == "score":
        return f"{rng.randint(0, 5)}-{rng.randint(0, 4)}"
    if kind == "year":
        return str(rng.randint(2019, 2026))
    if kind == "qty":
        return str(rng.randint(2, 12))
    if kind == "port":
        return str(rng.choice([443, 5432, 6379, 8080, 9092, 3000]))
    if kind == "day":
        return str(rng.randint(1, 28))
    if kind == "ms":
        return str(rng.randint(40, 9000))
    return str(rng.randint(1, 500))


TEMPLATES: dict[str, list[str]] = {
    "release_notes": [
        "Release {n:ver} ({month} {n:day})\n\nNew\n- {Feature}: now available on all plans.\n- {Tool} "
        "integration: link issues from {Tool2} directly.\n\nFixed\n- The {techword} no longer stalls after a "
        "{techword2}.\n- Exports to {Tool3} keep their column order.\n\nKnown issues\n- {Brand} keyboards on "
        "{os} may drop the first keystroke.",
        "What's new in {Codename} {n:ver}\n* Faster {feature} (about {n:pct} % less time)\n* {Codename} now "
        "runs on {os}\n* Deprecated: the old {techword} endpoint, removed in {month}.\nUpgrade with `{cmd}`.",
        "## v{n:ver}\n### Added\n- `{service}` exposes a {techword} toggle\n- Support for {Tool} and {Tool2} "
        "single sign-on\n### Changed\n- Default timeout raised to {n:min} s\n### Security\n- Bumped OpenSSL and "
        "the {Tool3} client",
        "Changelog: {month} update. Highlights: {feature}, {feature2} and a new {Adj} Start guide. Thanks to "
        "everyone in the {Codename} beta who reported bugs on GitHub.",
    ],
    "postmortem": [
        "Postmortem: {service} outage, {weekday} {month} {n:day}\n\nSummary: between {n:time} and {n:time2} UTC "
        "requests to {service} failed ({n:pct} % error rate). Trigger: a {techword} on {host} filled the disk. "
        "Detection: {Tool} alert after {n:min} minutes. Resolution: ran `{cmd}` and failed over to {host2}.\n"
        "Action items: add a disk alert in {Tool2}; document the {techword2} in the runbook.",
        "Incident {n:issue} (SEV-2). Impact: checkout latency p99 {n:ms} ms in the {City} region for {n:min} "
        "minutes. Root cause: {Tool} connection pool exhausted after the {Codename} {programme} deploy. What "
        "went well: rollback in under ten minutes. What went badly: the pager went to the wrong rotation.",
        "Blameless review - {Codename} cutover\nTimeline\n{n:time} deploy started from {host}\n{n:time2} "
        "{Tool} alarms on {service}\n{n:time3} rollback complete\nLessons: canary first, then the {Adj} path.",
    ],
    "runbook": [
        "Runbook: rotate certificates on {host}\n1. SSH to {host} via the bastion.\n2. Run `{cmd}`.\n3. Check "
        "`{service}` health in {Tool}.\n4. If the {techword} fails, page the {Dept} on-call.",
        "How to rebuild {host2}\n- drain it: `kubectl drain {host2} --ignore-daemonsets`\n- reimage with "
        "{os}\n- `{cmd}`\n- uncordon and watch {Tool} for {n:min} minutes",
        "When the {techword} queue backs up: look at the {Tool} dashboard, restart `{service}` on {host} "
        "(`systemctl restart {service}`), then confirm port {n:port} answers. Escalate in #{channel} if it "
        "happens twice in a day.",
        "Nightly jobs\n0 2 * * * /opt/jobs/backfill.sh  # cron on {host}\n30 3 * * 1 /opt/jobs/report.sh\nThe "
        "{techword} on {host2} is owned by {Dept}.",
    ],
    "recipe": [
        "{Dish} (serves {n:qty})\nIngredients: {ingredient}, {ingredient2}, {ingredient3}, a pinch of salt.\n"
        "Method: warm the {ingredient2} in a {Brand} pan, add the {ingredient} and cook for {n:min} minutes. "
        "Finish with {ingredient3}. Tip: it keeps until {weekday}.",
        "my go-to {dish} for {season} evenings: {ingredient}, {ingredient2} and loads of {ingredient3}. "
        "bake at 200C for {n:min} min. honestly better than the place near the station 😋",
        "Grandma-style {Dish}\nPrep {n:min} min | Cook {n:min2} min\n1. Chop the {ingredient}.\n2. Brown in "
        "{ingredient2}.\n3. Simmer with {ingredient3} until thick. Serve with crusty bread.",
    ],
    "sports": [
        "{City} {Team} {n:score} {City2} {Team2}: a late header settled it after a goalless first half. The "
        "visitors had more of the ball but {City} {Team} defended deep and took their chance on the break.",
        "Match report: {Team} came from behind to beat {Team2} {n:score} in {City}. The second half belonged "
        "to the home side, and the crowd of {n:issue}0 stayed until the final whistle.",
        "Race day in {City}: perfect conditions for the marathon, {n:issue} finishers, the course record "
        "survived. Next stop on the calendar: {City2} in {month}.",
        "Final score {n:score}. {Team} top the table going into the {holiday} fixtures; {Team2} drop to "
        "fourth after a third straight loss away from home.",
    ],
    "travel": [
        "{City} in {n:qty} days\nDay 1: {sight} early, before the crowds. Lunch near the old market.\nDay 2: "
        "take the train to {City2}; the views are worth the window seat.\nTip: most museums close on "
        "{weekday}s.",
        "Getting to {City}: fly into the main airport, then the express train to the centre takes {n:min} "
        "minutes. From there it is a short walk to {sight}. Best time to visit: late {season}.",
        "we went to {city} in {month} and did {sight_lower} on day one. totally worth it, then a night train "
        "to {city2}. go in {season}, not during {holiday}",
        "Weekend guide: {City}. Stay: anywhere near the river. Eat: the {dish} is famous here. See: {sight}. "
        "Avoid: the tourist cafés by the station.",
        "The flight from {City} to {City2} was delayed {n:min} minutes. Booking a day trip to {sight} next.",
    ],
    "review": [
        "★★★★☆ {Brand} {product} ({Model})\nGreat sound, battery lasts about {n:qty} days. The {Model} colour "
        "looks better than in the photos. Pairing with {Tool} on the laptop took two tries.",
        "Returned the {Brand} {product}. The {Model} version overheats after {n:min} minutes and support "
        "suggested a firmware update that did not help. The {Brand2} one is quieter.",
        "Review: {Brand} {product} {Model}. Pros: build quality, {feature}. Cons: price, no {feature2}. "
        "Verdict: buy it on sale around {holiday}.",
        "5 stars. Bought the {Model} {product} from {Brand} for my {season} hikes to {sight} - waterproof as promised.",
    ],
    "meeting": [
        "{Codename} {programme} sync - {weekday}\nAttendees: {Dept}, {Dept2}\n- {Codename} beta opens in "
        "{month}\n- Move the backlog from {Tool} to {Tool2}\n- Risk: the {Codename2} {programme} shares the "
        "same {techword}\nNext: demo in {City} office.",
        "Notes: our {Codename} {programme} is on track; the {Codename2} {programme2} slips to {month}. "
        "Budget review with {Dept} on {weekday}. Decision: {feature} ships first.",
        "Steering group\n1. {Codename} status (green)\n2. {Codename2} dependencies on {Tool}\n3. AOB: office "
        "move to {City} after {holiday}.",
        "Project {Codename} kickoff. Goals: cut {techword} time by {n:pct} %, retire {Tool}. Owners: "
        "{Dept} and {Dept2}. Check-ins every {weekday} on Zoom.",
    ],
    "macro": [
        "Hi {placeholder},\n\nThanks for contacting us about {placeholder2}. We have passed this to our "
        "{Dept} team and will update you within {n:qty} business days.\n\nKind regards,\n{placeholder3}",
        "Macro: refund approved\nHello {placeholder}, your refund for {placeholder2} has been processed and "
        "should appear in {n:qty}-{n:min} days. Anything else, just reply to this message.",
        "Template - password reset: Hi {placeholder}! Use the link in this email to reset your password. "
        "If you did not ask for this, ignore it. - The {Codename} Support Team",
        "Dear {placeholder},\nWe are sorry for the delay with order {placeholder2}. As a thank-you, here is "
        "{n:pct} % off your next purchase.\n{placeholder3}",
    ],
    "tech_talk_lower": [
        "speaker 1: so the {techword} runs on {host} every night\nspeaker 2: and it pushes to {tool_lower}?\n"
        "speaker 1: yeah, then we {techword2} and deploy to {host2}\nspeaker 2: ok what about the {os} images",
        "spk_0: did you {techword} onto main\nspk_1: not yet, the {tool_lower} check is red\nspk_0: just run "
        "{cmd_lower}\nspk_1: fine, then i'll ping {dept_lower} in slack",
        "a: the {service} keeps restarting\nb: is it the {techword} or the {techword2}\na: probably the "
        "{techword}, {tool_lower} shows oom kills on {host}\nb: bump the limit and try again",
        "okay so um the {feature} thing, we moved it behind a flag, the {codename_lower} team wants it in "
        "{month_lower}, and the {tool_lower} board is a mess right now",
        "speaker a: we migrated from {tool_lower} to {tool2_lower} last {season}\nspeaker b: any regrets\n"
        "speaker a: the {techword} was painful but it's fine now",
    ],
    "chat": [
        "deploy done {emoji} {slang} the {techword} actually worked first try",
        "{slang} {tool_lower} is down again {emoji}",
        "anyone else getting 502s from {service}? {emoji}",
        "lunch? thinking {dish} {emoji}",
        "{slang} that {Codename} demo went great {emoji}{emoji2}",
        "who broke the build on {host} 💀 jk it was the {techword}",
        "moving standup to {n:time}, {tool} link in the invite {emoji}",
        "omw, train from {City} is late again {emoji}",
        "pls review my PR, it's just the {techword} fix {emoji}",
        "the x feature is live!! {emoji}",
    ],
    "policy": [
        "Remote Work Policy\n1. Scope. This policy applies to all employees and contractors.\n2. Equipment. "
        "The Company provides a laptop and a {Brand} headset.\n3. Security. Use the VPN and {Tool} for all "
        "files. Section 4 covers expenses.",
        "Code of Conduct. Harassment of any kind is not tolerated. Reports go to {Dept} and are handled in "
        "confidence. Retaliation against anyone who reports in good faith is prohibited.",
        "Annual Leave. Employees accrue {n:qty} days per quarter. Leave over {holiday} must be requested by "
        "{month} 1. Unused days carry over to the following year, up to five.",
        "DATA PROTECTION NOTICE\nThe Controller processes personal data under Article 6(1)(b) GDPR. "
        "Retention: {n:qty} years. Data subjects may exercise their rights via the Privacy Portal.",
        "Expense Policy, section 3.2: meals while travelling to {City} are reimbursed up to the daily "
        "allowance. Receipts go into {Tool} within {n:qty} days.",
    ],
    "git_log": [
        "commit {n:sha}\n    Fix {techword} race in {service}\n\ncommit {n:sha2}\n    Merge branch "
        "'feature/{techword2}' into main\n\ncommit {n:sha3}\n    Bump {tool_lower} client to {n:ver}",
        "{n:sha} (HEAD -> main) {service}: retry on timeout\n{n:sha2} ci: run on {os}\n{n:sha3} docs: "
        'add {techword} section\n{n:sha4} Revert "{Feature} behind a flag"',
        "* {n:sha} chore(deps): update {Tool} sdk\n* {n:sha2} feat({service}): {feature}\n* {n:sha3} fix: "
        "{techword} off-by-one",
    ],
    "logs": [
        "{year}-{mm}-{dd}T{n:time}:07Z INFO  {service} started on port {n:port}\n{year}-{mm}-{dd}T{n:time}:09Z "
        "WARN  {techword} lagging by {n:ms}ms\n{year}-{mm}-{dd}T{n:time}:12Z ERROR {service} connection "
        "refused (host={host})",
        "[{n:time}] {host} kernel: Out of memory: Killed process {n:issue} ({service})\n[{n:time2}] {host} "
        "systemd[1]: {service}.service: Scheduled restart job",
        'level=error ts={year}-{mm}-{dd} caller=main.go:{n:issue} msg="{techword} failed" '
        "component={service} node={host}",
        "{host} | {service} | GET /healthz 200 {n:ms}ms\n{host} | {service} | POST /v1/jobs 503 {n:ms2}ms",
    ],
    "abstract": [
        "Abstract. We study {field} with a {method} trained on {dataset}. Compared with strong baselines, "
        "our approach improves accuracy by {n:pct} % while using fewer parameters. Experiments on data "
        "from {City} and {City2} suggest the gains hold across settings.",
        "Background: Little is known about the effect of {techword} on outcomes in {field}. Methods: A "
        "{method} was fitted to {n:issue} observations. Results: The effect was small. Conclusions: Further "
        "work is needed.",
        "This paper presents {Codename}, a {method} for {field}. We evaluate {Codename} on {dataset} and "
        "release code on GitHub.",
    ],
}


def _slots(rng: random.Random, template: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, words in W.items():
        picks = rng.sample(words, k=min(4, len(words)))
        for i, w in enumerate(picks):
            suffix = "" if i == 0 else str(i + 1)
            out[key + suffix] = w
            out[key.capitalize() + suffix] = w[:1].upper() + w[1:]
            out[key + suffix + "_lower"] = w.lower()
    out["Team"], out["Team2"] = rng.sample(W["team_sport"], 2)
    out["channel"] = rng.choice(["ops", "incidents", "platform-help", "dev"])
    out["year"] = str(rng.randint(2022, 2026))
    out["mm"] = f"{rng.randint(1, 12):02d}"
    out["dd"] = f"{rng.randint(1, 28):02d}"
    for key in ("cmd", "cmd2"):
        out[key] = out[key].format(service=out["service"], host=out["host"])
        out[key + "_lower"] = out[key].lower()
    return out


def _render(rng: random.Random, template: str) -> str:
    text = re.sub(r"\{n:([a-z]+?)(\d?)\}", lambda m: _n(rng, m.group(1)), template)
    return text.format(**_slots(rng, template))


def generate(rng: random.Random, start_id: int, per_register: int = PER_REGISTER) -> list[Doc]:
    docs: list[Doc] = []
    for register, templates in TEMPLATES.items():
        for k in range(per_register):
            text = _render(rng, templates[k % len(templates)])
            d = Doc(start_id + len(docs), f"control2_{register}", "en", text, [], control=True)
            d.kind = f"control2:{register}"
            docs.append(d)
    return docs
