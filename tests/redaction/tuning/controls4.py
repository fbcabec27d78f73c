"""A fourth set of PII-free controls (issue #13: controls altered <= 3 %): the eight styles the
sealed PII documents are written in (chat, CRM notes, e-mail, letters, meeting notes, support
tickets, transcripts cased and lowercase), with the people taken out. What stays is what such a
text has around its PII: greetings without a name ("Hi team", "Dear Customer"), role words ("the
account manager", "our CFO"), sign-offs by team ("Best, Support"), ticket fields with placeholder
values ("Assignee: unassigned"), system accounts (root, jenkins, svc-backup), plan and product
names, public companies and apps, weekdays and months, fillers ("um so yeah"), quoted error
messages, amounts, order numbers, times and version strings.

Template-based, own word lists (nothing from the sealed corpus or the other control modules).
``generate(rng, start_id)`` returns ``PER_STYLE`` documents per style, each ``control=True`` with
``pii=[]`` and ``doc.kind`` = ``control4:<style>``."""

from __future__ import annotations

import random
import re

from corpus import Doc

PER_STYLE = 12

W: dict[str, list[str]] = {
    "greet": [
        "Hi team",
        "Hello all",
        "Hey everyone",
        "Hi folks",
        "Good morning",
        "Hi there",
        "Hello",
        "Morning all",
        "Hi both",
        "Dear colleagues",
        "Hi all",
        "Hey team",
    ],
    "dear": [
        "Dear Customer",
        "Dear Sir or Madam",
        "Dear Account Holder",
        "Dear Valued Member",
        "To whom it may concern",
        "Dear Policyholder",
        "Dear Supplier",
        "Dear Applicant",
        "Dear Parent",
        "Dear Resident",
        "Dear Subscriber",
        "Dear Hiring Team",
    ],
    "signoff": [
        "Best, Support",
        "Thanks,\nThe Billing Team",
        "Regards,\nCustomer Success",
        "Cheers,\nOps",
        "Kind regards,\nAccounts Payable",
        "Best wishes,\nThe Events Team",
        "Thanks!\nIT Helpdesk",
        "Sincerely,\nCustomer Care",
        "Many thanks,\nProcurement",
        "Best,\nPlatform Team",
        "Warm regards,\nMember Services",
        "Thank you,\nThe Onboarding Team",
    ],
    "role": [
        "the account manager",
        "our CFO",
        "the project lead",
        "the on-call engineer",
        "the vendor",
        "the landlord",
        "the auditor",
        "legal",
        "the hiring manager",
        "our CTO",
        "the office manager",
        "the product owner",
        "the new intern",
        "the contractor",
        "the facilities team",
        "the regional director",
        "the duty manager",
        "the finance controller",
        "the scrum master",
        "the head of sales",
    ],
    "Role": [
        "Account Manager",
        "Chief Financial Officer",
        "Project Lead",
        "Site Reliability Engineer",
        "Office Manager",
        "Head of Marketing",
        "Data Protection Officer",
        "Product Owner",
        "Team Lead",
        "Regional Director",
        "Customer Success Manager",
        "Solutions Architect",
    ],
    "dept": [
        "Finance",
        "Legal",
        "Marketing",
        "Procurement",
        "Facilities",
        "Engineering",
        "Sales Ops",
        "People Ops",
        "Security",
        "Customer Success",
        "Payroll",
        "Compliance",
        "Data Platform",
    ],
    "company": [
        "Microsoft",
        "Stripe",
        "Zoom",
        "Salesforce",
        "Google",
        "Amazon",
        "Shopify",
        "Atlassian",
        "Slack",
        "Dropbox",
        "Adobe",
        "Oracle",
        "Cisco",
        "IBM",
        "HubSpot",
        "Zendesk",
        "Twilio",
        "Intuit",
        "PayPal",
        "Xero",
        "SAP",
        "Workday",
        "Okta",
        "Cloudflare",
        "GitHub",
        "Notion",
        "Asana",
        "Mailchimp",
        "DocuSign",
        "FedEx",
        "DHL",
        "UPS",
        "Visa",
        "Mastercard",
    ],
    "app": [
        "Slack",
        "Teams",
        "Zoom",
        "Google Meet",
        "Jira",
        "Confluence",
        "Trello",
        "Excel",
        "Outlook",
        "Gmail",
        "Salesforce",
        "QuickBooks",
        "Figma",
        "Miro",
        "Notion",
        "Calendly",
        "SharePoint",
        "Tableau",
        "Power BI",
        "Looker",
        "Docker",
        "Kubernetes",
        "Grafana",
        "PagerDuty",
        "Datadog",
        "Postgres",
    ],
    "plan": [
        "Starter",
        "Basic",
        "Pro",
        "Premium",
        "Business",
        "Enterprise",
        "Team",
        "Growth",
        "Plus",
        "Essentials",
        "Standard",
        "Ultimate",
        "Free tier",
        "Professional",
    ],
    "product": [
        "the mobile app",
        "the web dashboard",
        "the billing portal",
        "the API",
        "the desktop client",
        "the reporting module",
        "the checkout page",
        "the admin console",
        "the iOS app",
        "the Android app",
        "the browser extension",
        "the partner portal",
        "the help center",
        "the data export",
    ],
    "feature": [
        "single sign-on",
        "two-factor authentication",
        "bulk import",
        "scheduled reports",
        "dark mode",
        "audit logs",
        "role-based access",
        "webhooks",
        "CSV export",
        "offline mode",
        "saved filters",
        "custom domains",
        "usage alerts",
        "invoice reminders",
    ],
    "symptom": [
        "times out",
        "returns a blank page",
        "crashes on launch",
        "logs everyone out",
        "shows the wrong total",
        "hangs at 99%",
        "double-charges",
        "will not load",
        "throws a 500",
        "freezes after login",
        "sends duplicate emails",
        "drops the attachment",
    ],
    "error": [
        '"Connection reset by peer"',
        '"Invalid token"',
        '"Permission denied (publickey)"',
        '"Something went wrong. Please try again."',
        '"Error 403: Forbidden"',
        '"Payment declined"',
        '"Session expired"',
        '"Out of memory"',
        '"File not found"',
        '"Gateway Timeout"',
        '"Unable to verify certificate"',
        '"Too many requests"',
        '"Disk quota exceeded"',
    ],
    "sysuser": [
        "root",
        "admin",
        "deploy",
        "jenkins",
        "svc-backup",
        "www-data",
        "postgres",
        "ubuntu",
        "ec2-user",
        "nobody",
        "git",
        "nginx",
        "svc-reporting",
        "ci-runner",
        "backup",
        "guest",
        "service-account",
    ],
    "placeholder": [
        "unassigned",
        "n/a",
        "none",
        "TBD",
        "-",
        "pending",
        "not set",
        "(empty)",
        "N/A",
        "unknown",
        "to be confirmed",
        "null",
    ],
    "status": [
        "Open",
        "In Progress",
        "Waiting on Customer",
        "Resolved",
        "Closed",
        "Escalated",
        "On Hold",
        "New",
        "Reopened",
        "Pending Review",
    ],
    "priority": ["P1", "P2", "P3", "P4", "High", "Medium", "Low", "Urgent", "Critical", "Normal"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "month": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "city": [
        "London",
        "Berlin",
        "Chicago",
        "Toronto",
        "Sydney",
        "Dublin",
        "Austin",
        "Singapore",
        "Madrid",
        "Amsterdam",
        "Denver",
        "Manchester",
        "Paris",
        "Boston",
        "Seattle",
        "Melbourne",
        "Warsaw",
        "Lisbon",
    ],
    "filler": [
        "um",
        "uh",
        "so yeah",
        "like",
        "you know",
        "okay so",
        "right",
        "i mean",
        "basically",
        "hmm",
        "yeah no",
        "kind of",
    ],
    "topic": [
        "the renewal",
        "the Q3 budget",
        "the migration",
        "the pricing change",
        "the outage",
        "the audit",
        "the office move",
        "the holiday rota",
        "the launch",
        "the onboarding flow",
        "the contract",
        "the quarterly review",
        "the hiring plan",
        "the security review",
        "the vendor shortlist",
    ],
    "action": [
        "send the updated quote",
        "share the slides",
        "book the room",
        "update the roadmap",
        "file the expense report",
        "raise a change request",
        "chase the invoice",
        "draft the FAQ",
        "schedule a follow-up",
        "check the logs",
        "restart the service",
        "rotate the keys",
        "update the wiki page",
        "confirm the headcount",
        "sign off the budget",
    ],
    "team": [
        "the support team",
        "the data team",
        "the platform team",
        "the sales team",
        "finance",
        "marketing",
        "the design team",
        "IT",
        "the web team",
        "the night shift",
        "the APAC team",
        "the EMEA team",
    ],
    "channel": [
        "#general",
        "#support",
        "#incidents",
        "#random",
        "#sales",
        "#eng-platform",
        "#release",
        "#help-it",
        "#announcements",
        "#billing",
    ],
    "holiday": [
        "Christmas",
        "Easter",
        "Thanksgiving",
        "the bank holiday",
        "Labor Day",
        "New Year",
        "Memorial Day",
        "Boxing Day",
        "the long weekend",
        "Black Friday",
    ],
    "emoji": [":)", ":thumbsup:", "👍", "🙏", "😅", "lol", "haha", "ty", "thx", ":tada:", "+1", "np"],
}


def _n(rng: random.Random, kind: str) -> str:
    r = rng.randint
    table = {
        "amount": lambda: f"${r(12, 9800):,}.{r(0, 99):02d}",
        "eur": lambda: f"€{r(20, 40000):,}",
        "gbp": lambda: f"£{r(5, 2500)}",
        "order": lambda: f"#{r(100000, 9999999)}",
        "ticket": lambda: f"{rng.choice(['INC', 'SUP', 'REQ', 'CS', 'HD'])}-{r(1000, 99999)}",
        "invoice": lambda: f"INV-{r(2023, 2026)}-{r(100, 9999):04d}",
        "ver": lambda: f"{r(1, 14)}.{r(0, 30)}.{r(0, 12)}",
        "time": lambda: f"{r(7, 19)}:{rng.choice(['00', '15', '30', '45'])}",
        "ampm": lambda: f"{r(1, 12)}{rng.choice(['am', 'pm', ' am', ' PM'])}",
        "date": lambda: f"{r(1, 28)}/{r(1, 12)}/{r(2024, 2026)}",
        "iso": lambda: f"{r(2024, 2026)}-{r(1, 12):02d}-{r(1, 28):02d}",
        "pct": lambda: f"{r(2, 98)}%",
        "qty": lambda: str(r(2, 40)),
        "port": lambda: str(rng.choice([22, 80, 443, 5432, 6379, 8080, 9090, 3000])),
        "host": lambda: f"{rng.choice(['web', 'db', 'api', 'cache', 'worker'])}-{r(1, 12):02d}",
        "min": lambda: str(r(3, 55)),
        "q": lambda: str(r(1, 4)),
        "room": lambda: f"{rng.choice(['Room', 'Meeting Room', 'Suite'])} {r(1, 9)}{rng.choice('ABC')}",
    }
    return table[kind]()


TEMPLATES: dict[str, list[str]] = {
    "chat": [
        "{greet}! quick one: is {app} down for anyone else? {product} {symptom} for me {emoji}",
        "[{n:time}] bot: deploy of v{n:ver} to prod finished by {sysuser}\n[{n:time}] +1 looks good\n"
        "[{n:time}] thanks, closing the thread",
        "{greet} {emoji} reminder that {topic} is moved to {day}, same link in {channel}",
        "anyone know who owns {product}? {role} said to ask in {channel} but no reply yet",
        "heads up: {company} is having an incident, payments via {company2} are fine. will update at {n:time}",
        "lol {product} {symptom} again. ticket {n:ticket} is still {status_lower}",
        "Morning! Coffee machine on 3rd floor is fixed ☕ and {team} is buying lunch {day}",
        "can someone with {sysuser} access restart {n:host}? it {symptom} since {n:ampm}",
        "ok so the {plan} plan is {n:amount}/mo and {plan2} is {n:amount} — {role} wants a quote by {day}",
        "brb, {app} call with {team}. {emoji}",
        "PSA: {feature} is live for {plan} customers 🎉 thanks {team}!",
        "is the {month} offsite still happening? asking for {team}",
    ],
    "crm": [
        "Account note ({n:iso}): Call with {role} re {topic}. Currently on {plan}, evaluating {plan2}. "
        "Uses {app} and {app2}. Next step: {action} by {day}.",
        "Opportunity: {plan} upgrade, {n:qty} seats, est. value {n:amount}. Stage: Negotiation. "
        "Competitor: {company}. Owner: {placeholder}.",
        "Left voicemail for {role}. No answer. Will retry {day} {n:ampm}.",
        "Customer churn risk: HIGH. Reason: {product} {symptom}. Escalated to {dept}. Ticket {n:ticket}.",
        "Renewal date {month} {n:qty}. Contract value {n:eur}. Decision maker: {role}. Budget approved in Q{n:q}.",
        "Lead source: webinar ({month}). Interested in {feature} and {feature2}. Industry: retail, {city} HQ.",
        "NOTE: do not call before {n:time}. Prefers email. Asked about {company} integration.",
        "Meeting booked via Calendly for {day}. Agenda: demo of {feature}, pricing for {plan}. Attendees: {role}, "
        "{role2}.",
        "Status: Closed Won. {n:qty} licences of {plan}. PO received, invoice {n:invoice} sent by {dept}.",
        "Call summary: happy with {product}, unhappy with support response times. Asked for a {dept} contact.",
        "Account health: green. Usage up {n:pct} since {month}. Upsell: {feature}.",
        "Follow-up: sent the {company} case study; {role} will loop in {dept}.",
    ],
    "email": [
        "Subject: {topic} — update\n\n{greet},\n\nQuick update on {topic}: we are on track for {day}. "
        "{role_cap} asked us to {action} before then.\n\n{signoff}",
        "Subject: Your order {n:order} has shipped\n\n{dear},\n\nYour order {n:order} was dispatched on {day} "
        "via {company}. Total charged: {n:amount}.\n\n{signoff}",
        "Subject: Re: invoice {n:invoice}\n\nHi,\n\nThanks for flagging. The invoice was raised on the {plan} "
        "rate; {dept} will issue a credit note of {n:gbp}.\n\n{signoff}",
        "Subject: Action required: password expires in {n:qty} days\n\n{dear},\n\nYour {company} password "
        "expires soon. Please update it in {product}.\n\n{signoff}",
        "Subject: Out of office\n\nI am away until {day} {n:date} with limited access to email. For urgent "
        "matters please contact {team} or {dept}.",
        "Subject: Meeting moved\n\n{greet},\n\n{topic_cap} moves to {day} at {n:time} in {n:room}. Dial-in via "
        "{app}.\n\nThanks!",
        "Subject: Welcome to {plan}!\n\n{dear},\n\nThanks for upgrading. You now have {feature} and "
        "{feature2}. Questions? Reply to this email.\n\n{signoff}",
        "Subject: [{priority}] {product} {symptom}\n\n{greet},\n\nSince {n:ampm} {product} {symptom}. "
        "Error: {error}. {role_cap} is looking into it.\n\n{signoff}",
        "Subject: Fwd: {company} renewal\n\n---------- Forwarded message ----------\nFrom: {company} Billing\n"
        "Your renewal of {n:amount} is due on {month} {n:qty}.",
        "Subject: Reminder: expenses due {day}\n\n{greet},\n\nPlease submit {month} expenses by {day}. "
        "Receipts over {n:gbp} need approval from {role}.\n\n{signoff}",
        "Subject: Thanks!\n\nHi,\n\nThank you for the quick turnaround on {topic}. {dept} really appreciated it."
        "\n\n{signoff}",
        "Subject: {holiday} opening hours\n\n{dear},\n\nOur support desk will be closed on {day}. "
        "Normal service resumes at {n:time}.\n\n{signoff}",
    ],
    "letter": [
        "{dear},\n\nRe: Account reference {n:order}\n\nWe write to confirm that your {plan} membership will "
        "renew on {n:date} at {n:gbp} per month. If you wish to cancel, please contact us before that date."
        "\n\nYours faithfully,\n\n{Role}\n{dept}",
        "{dear},\n\nThank you for your letter of {n:date} regarding {topic}. We have reviewed your complaint and "
        "enclose a refund of {n:gbp}.\n\nYours sincerely,\n\nCustomer Relations",
        "{dear},\n\nWe are pleased to offer you the position of {Role}, starting on {day} {n:date}. Your "
        "manager will be {role}.\n\nKind regards,\n\nPeople Operations",
        "{dear},\n\nNOTICE OF PRICE CHANGE\n\nFrom {month}, the {plan} plan will cost {n:eur} per year. "
        "No action is needed.\n\nSincerely,\n\nThe Management",
        "{dear},\n\nFurther to our telephone conversation, I confirm that {role} will attend the inspection on "
        "{day}.\n\nYours faithfully,\n\n{Role}",
        "To the Board of Directors,\n\nI am writing to recommend approval of {topic}. The estimated cost is "
        "{n:eur}, to be funded from the {dept} budget.\n\nRespectfully,\n\nThe Audit Committee",
        "{dear},\n\nYour application has been received and is being processed. Reference: {n:ticket}. "
        "You will hear from {dept} within {n:qty} working days.\n\nYours sincerely,\n\nAdmissions Office",
        "{dear},\n\nOVERDUE NOTICE\n\nInvoice {n:invoice} for {n:amount} remains unpaid. Please arrange payment "
        "via {company}.\n\nYours faithfully,\n\nCredit Control",
        "{dear},\n\nWe regret to inform you that {product} will be retired on {n:date}. Please migrate to "
        "{plan} before then.\n\nBest regards,\n\nThe Product Team",
        "{dear},\n\nCongratulations on ten years with the company! {dept} thanks you.\n\nWarmly,\n\nThe "
        "Leadership Team",
        "{dear},\n\nPlease find enclosed the certificate for {topic}.\n\nYours sincerely,\n\n{Role}, {dept}",
        "{dear},\n\nThis letter confirms the termination of the lease at Unit {n:qty}, effective {month}.\n\n"
        "Yours faithfully,\n\nEstates",
    ],
    "meeting": [
        "Weekly sync — {day} {n:iso}\nAttendees: {dept}, {dept2}, {role}\nAgenda:\n1. {topic_cap}\n2. "
        "{topic2_cap}\nActions:\n- {role_cap} to {action} by {day2}\n- {team_cap} to {action2}",
        "Minutes: Q{n:q} planning\nPresent: {Role}, {Role2}, {Role3}\nApologies: none\nDecisions: move to "
        "{plan} tier; drop {feature}.\nAOB: {holiday} rota.",
        "Retro notes\nWent well: {feature} shipped on time.\nWent badly: {product} {symptom}.\nTry next: "
        "{action}. Owner: TBD.",
        "Standup {day}\n- yesterday: {action}\n- today: {action2}\n- blockers: waiting on {company} support "
        "({n:ticket})",
        "Board meeting notes\nChair opened at {n:time}. Minutes of the last meeting approved. Revenue {n:eur}, up "
        "{n:pct}. {Role} presented {topic}. Meeting closed at {n:time}.",
        "1:1 notes\n- career goals: move towards {Role}\n- feedback on {topic}\n- next 1:1 {day}",
        "Incident review {n:ticket}\nTimeline: {n:time} alerts fired; {n:time} on-call paged; {n:time} "
        "{sysuser} rolled back v{n:ver}.\nRoot cause: {error} from {company} API.\nFollow-ups: {action}.",
        "Kick-off: {topic}\nGoals: cut costs by {n:pct}; launch in {month}.\nRisks: {company} pricing, "
        "holiday season.\nNext meeting: {day} {n:ampm}, {n:room}.",
        "Notes from the all-hands\n- welcome to new joiners in {dept}\n- Q{n:q} results: on target\n- {holiday} "
        "party in {city}\n- Q&A: remote policy, parking",
        "Action items\n[ ] {action} — owner: {placeholder}\n[x] {action2} — {role}\n[ ] {action3} — due {day}",
        "Design review: {feature}\nFeedback: simplify the settings page; align with {company} patterns.\n"
        "Decision: ship behind a flag in v{n:ver}.",
        "Sales pipeline review\nTop deals: {company} ({n:amount}), {company2} ({n:amount}).\nForecast: "
        "{n:eur} for Q{n:q}.",
    ],
    "ticket": [
        "Ticket {n:ticket}\nStatus: {status}\nPriority: {priority}\nAssignee: {placeholder}\nReporter: "
        "{placeholder2}\nSummary: {product} {symptom}\nSteps: log in, open {product}, click Save.",
        "{n:ticket} | {priority} | {product} {symptom} | Assigned to: {dept} | {status}",
        "Subject: Can't log in\nDescription: Getting {error} when signing in with {company} SSO since {day}.\n"
        "Browser: Chrome {n:qty}. OS: Windows 11.\nCustomer tier: {plan}.",
        "Internal note: reproduced on v{n:ver}. Logs show {error} for user {sysuser} on {n:host}. Handing to {team}.",
        "Request: new laptop for the new starter in {dept}. Start date: {day}. Cost centre: {n:qty}00.\n"
        "Approver: {role}.",
        "Bug report\nEnvironment: production\nVersion: {n:ver}\nExpected: total of {n:amount}\nActual: total "
        "of {n:amount}\nAssignee: {placeholder}",
        'Customer wrote: "{product} {symptom} every time I upload a file." Suggested clearing cache. '
        "Status → {status}.",
        "Refund request for order {n:order} ({n:amount}). Reason: duplicate charge. Approved by {dept}.",
        "Access request: add {sysuser} to the deploy group on {n:host}. Justification: nightly backups. "
        "Owner: {placeholder}",
        "Escalation: SLA breached on {n:ticket} ({n:min} min over). {Role} notified.",
        "Feature request: {feature} for the {plan} plan. Votes: {n:qty}. Status: Under review.",
        "Closing this ticket as resolved. If the problem returns, reply to reopen. — {dept}",
    ],
    "transcript_cased": [
        "Agent: Thank you for calling, how can I help?\nCaller: Hi, {product} {symptom}.\nAgent: I'm sorry "
        "to hear that. Which plan are you on?\nCaller: {plan}, I think.\nAgent: Okay, let me check.",
        "Speaker 1: So, {topic}. Where are we?\nSpeaker 2: Waiting on {company}. They said {day}.\n"
        "Speaker 1: Okay. Can {team} {action}?\nSpeaker 2: Yes.",
        "Interviewer: What does a typical day look like?\nCandidate: I start with {app}, then standup at "
        "{n:time}.\nInterviewer: And tooling?\nCandidate: Mostly {app2} and {app3}.",
        "Host: Welcome back. Today we talk about {feature}.\nGuest: Thanks for having me.\nHost: So why now?"
        "\nGuest: Customers on {plan} kept asking.",
        "Chair: Let's start. First item, {topic}.\nTreasurer: Spend is {n:eur} against a budget of {n:eur}.\n"
        "Chair: Any questions? No. Next item.",
        "Agent: Can you read me the order number?\nCaller: It's {n:order}.\nAgent: Thanks. I see it shipped "
        "{day} with {company}.\nCaller: Great.",
        "Moderator: Next question from the audience.\nAudience member: Will {feature} come to {plan}?\n"
        "Panelist: It's on the roadmap for Q{n:q}.",
        "Support: Are you still seeing {error}?\nCustomer: Yes, since {n:ampm}.\nSupport: Okay, I'll escalate "
        "to {team}.",
        "Manager: How did the {month} numbers look?\nAnalyst: Up {n:pct}. {city} did best.\nManager: Good.",
        "Operator: You are now connected.\nCaller: Hello? Is this billing?\nOperator: Yes, go ahead.\n"
        "Caller: I was charged {n:amount} twice.",
        "Teacher: Open your books to chapter {n:qty}.\nStudent: Which page?\nTeacher: The one on {month}.",
        "Dispatcher: Unit {n:qty}, what's your status?\nDriver: Delivered, heading back to the {city} depot.",
    ],
    "transcript_lower": [
        "agent: thanks for calling {dept_lower}, how can i help\ncaller: {filler} my {product_lower} {symptom}\n"
        "agent: ok {filler} can you try logging out and back in\ncaller: yeah one sec",
        "speaker 1: {filler} so {topic_lower}\nspeaker 2: yeah we're waiting on {company_lower}\nspeaker 1: "
        "ok {filler} can we {action} by {day_lower}\nspeaker 2: should be fine",
        "a: did you see the email from {dept_lower}\nb: {filler} the one about {topic_lower}\na: yeah\nb: "
        "not yet, i'll read it after lunch",
        "interviewer: tell me about your last role\ncandidate: {filler} i was {role} on {team}\n"
        "interviewer: and why leave\ncandidate: {filler} wanted something new",
        "caller: hi {filler} i'm calling about order {n:order}\nagent: sure, one moment\nagent: it left the "
        "warehouse on {day_lower}\ncaller: ok great thanks",
        "host: {filler} welcome back everyone\nguest: thanks\nhost: so {feature} {filler} why did it take so long"
        "\nguest: honestly the {plan_lower} customers wanted it first",
        "support: is it still saying {error_lower}\ncustomer: {filler} yeah\nsupport: ok i'll pass it to {team}",
        "speaker a: {filler} the {month_lower} numbers are in\nspeaker b: and\nspeaker a: up {n:pct}\nspeaker b: nice",
        "rep: so you're on {plan_lower} right now\nclient: {filler} yes\nrep: and you'd like {feature}\n"
        "client: yes and {feature2}",
        "uh so yeah {filler} the {product_lower} {symptom} after the update\nok thanks i'll log it",
        "agent: can i get the ticket number\ncaller: {n:ticket_lower}\nagent: thanks {filler} that's with {dept_lower}",
        "p1: is {app_lower} working for you\np2: {filler} no it {symptom}\np1: ugh ok i'll ping it",
    ],
}


def _slots(rng: random.Random) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, words in W.items():
        for i, w in enumerate(rng.sample(words, k=min(3, len(words)))):
            name = key if i == 0 else f"{key}{i + 1}"
            out[name] = w
            out[name + "_lower"] = w.lower()
            out[name + "_cap"] = w[:1].upper() + w[1:]
    return out


def _render(rng: random.Random, template: str) -> str:
    def number(m: re.Match) -> str:
        v = _n(rng, m.group(1))
        return v.lower() if m.group(2) else v

    text = re.sub(r"\{n:([a-z]+)(_lower)?\}", number, template)
    return text.format(**_slots(rng))


def generate(rng: random.Random, start_id: int, per_style: int = PER_STYLE) -> list[Doc]:
    docs: list[Doc] = []
    for style, templates in TEMPLATES.items():
        for k in range(per_style):
            text = _render(rng, templates[k % len(templates)])
            d = Doc(start_id + len(docs), f"control4_{style}", "en", text, [], control=True)
            d.kind = f"control4:{style}"
            docs.append(d)
    return docs + generate_composed(rng, start_id + len(docs), per_style)


# ---------------------------------------------------------------------- composed documents
# A second way of writing the same eight styles, so tuning does not fit one set of templates:
# documents composed of clauses (opener, 2-4 body clauses, closer) from other sectors (banking
# operations, airlines, utilities, telecoms, councils, charities, factories, building sites, law
# offices, vets), other brands and tools, and other layouts.
C: dict[str, list[str]] = {
    "brand": [
        "Lidl",
        "Aldi",
        "Boots",
        "Argos",
        "Currys",
        "Asda",
        "Kroger",
        "CVS",
        "Walgreens",
        "Home Depot",
        "Best Buy",
        "Ocado",
        "Just Eat",
        "DoorDash",
        "Lyft",
        "Bolt",
        "Grab",
        "Rakuten",
        "Toyota",
        "Honda",
        "Hyundai",
        "BMW",
        "Audi",
        "Volvo",
        "Renault",
        "Philips",
        "LG",
        "Panasonic",
        "Canon",
        "Asus",
        "Logitech",
        "Bose",
        "Sonos",
        "Garmin",
        "Roku",
        "Hulu",
        "Disney",
        "Twitch",
        "Reddit",
        "LinkedIn",
        "TikTok",
        "Telegram",
        "Skype",
        "British Gas",
        "EDF",
        "Octopus Energy",
        "Sky",
        "O2",
        "EE",
        "AT&T",
        "T-Mobile",
        "Barclays",
        "Lloyds",
        "Chase",
        "Citi",
        "HSBC",
        "Nationwide",
        "Aviva",
        "Allianz",
    ],
    "tool": [
        "ServiceNow",
        "Zoho",
        "Pipedrive",
        "Marketo",
        "Gong",
        "Segment",
        "Amplitude",
        "Mixpanel",
        "Hotjar",
        "LaunchDarkly",
        "CircleCI",
        "Buildkite",
        "Artifactory",
        "Vault",
        "Consul",
        "Rancher",
        "OpenShift",
        "Splunk",
        "Elastic",
        "Kafka",
        "RabbitMQ",
        "Redis",
        "MongoDB",
        "DynamoDB",
        "Firebase",
        "Supabase",
        "Netlify",
        "Fastly",
        "Akamai",
        "Auth0",
        "Duo",
        "LastPass",
        "1Password",
        "Bitwarden",
        "Jamf",
        "Intune",
        "Xero",
        "Sage",
        "Kronos",
        "Deputy",
        "Rota Cloud",
        "Planday",
        "Docusign",
        "Smartsheet",
    ],
    "who": [
        "the branch manager",
        "our IT guy",
        "the night porter",
        "the plumber",
        "the surveyor",
        "the locum",
        "the site manager",
        "the estate agent",
        "the courier",
        "the broker",
        "the installer",
        "the caretaker",
        "the duty officer",
        "the cabin crew",
        "the gate agent",
        "the engineer on site",
        "the council",
        "the treasurer",
        "the trustees",
        "the vet",
        "the practice nurse",
        "the solicitor",
        "the tenant",
    ],
    "Title": [
        "Operations Manager",
        "Service Delivery Manager",
        "Branch Manager",
        "Payroll Administrator",
        "IT Support Analyst",
        "HR Business Partner",
        "Senior Paralegal",
        "Site Manager",
        "Veterinary Receptionist",
        "Customer Service Advisor",
        "Network Engineer",
        "Fundraising Officer",
        "Duty Station Manager",
        "Planning Officer",
        "Credit Analyst",
        "Shift Supervisor",
    ],
    "hello": [
        "Good evening",
        "Hey y'all",
        "Howdy",
        "Hi everybody",
        "Dear Sirs",
        "Dear Homeowner",
        "Dear Patron",
        "Hello again",
        "Hi again",
        "Hey gang",
        "Dear Team",
        "Dear Passenger",
        "Dear Donor",
        "Dear Tenant",
        "Dear Client",
        "Morning team",
    ],
    "bye": [
        "Best regards,\nService Desk",
        "Thanks,\nNOC",
        "Regards,\nTreasury",
        "-- Facilities",
        "Sent from my iPhone",
        "Yours,\nTenant Services",
        "BR,\nNetwork Ops",
        "Many thanks,\nAdmissions",
        "Kind regards,\nThe Trustees",
        "Thanks again,\nFront of House",
        "Best,\nRevenue Operations",
        "Regards,\nDispatch",
        "Speak soon,\nPartnerships",
    ],
    "obj": [
        "direct debit",
        "boarding pass",
        "meter reading",
        "SIM swap",
        "planning application",
        "donation",
        "work order",
        "site induction",
        "completion statement",
        "vaccination booking",
        "standing order",
        "baggage claim",
        "fibre install",
        "bin collection",
        "parking permit",
        "gift aid form",
    ],
    "problem": [
        "bounced",
        "was rejected",
        "came back unsigned",
        "is overdue",
        "went to the old address",
        "got lost in the post",
        "failed the check",
        "is missing a page",
        "was logged twice",
        "timed out at the last step",
        "never arrived",
    ],
    "when": [
        "tomorrow morning",
        "by close of play",
        "next Tuesday",
        "after lunch",
        "before month end",
        "on the 14th",
        "this evening",
        "within 48 hours",
        "at the next board",
        "over the bank holiday",
    ],
    "place": [
        "the server room",
        "gate 22",
        "the depot",
        "the community hall",
        "the site office",
        "the back entrance",
        "level 2",
        "the plant room",
        "the main branch",
        "the waiting room",
    ],
    "err": [
        "ERR_CONNECTION_REFUSED",
        "NullPointerException",
        "HTTP 429",
        "SSL handshake failed",
        "Kernel panic - not syncing",
        "ORA-00942: table or view does not exist",
        "E_ACCESSDENIED",
        "No route to host",
        "Segmentation fault (core dumped)",
        "401 Unauthorized",
    ],
    "acct": [
        "root",
        "svc_etl",
        "backup-agent",
        "deployer",
        "admin01",
        "jenkins-agent",
        "readonly",
        "sa",
        "postgres",
        "ansible",
        "gitlab-runner",
        "monitoring",
        "webmaster",
        "noreply",
        "helpdesk",
    ],
    "filler": ["erm", "so", "like", "right", "okay", "yeah yeah", "sort of", "i guess", "anyway", "uhh"],
}


def _clauses(rng: random.Random) -> list[str]:
    c = lambda k: rng.choice(C[k])  # noqa: E731
    pool = [
        f"the {c('obj')} {c('problem')}",
        f"{c('who')} will call back {c('when')}",
        f"{c('brand')} confirmed the order, ref {rng.randint(100000, 999999)}",
        f"{c('tool')} flagged {c('err')} on {c('acct')}",
        f"we switched from {c('tool')} to {c('tool')}",
        f"meet at {c('place')} {c('when')}",
        f"{c('who')} signed off {c('when')}",
        f"balance of £{rng.randint(10, 4000)}.{rng.randint(0, 99):02d} carried forward",
        f"v{rng.randint(1, 9)}.{rng.randint(0, 40)} rolled out to {rng.randint(2, 90)}% of users",
        f"{c('brand')} and {c('brand')} both quoted",
        f"keys left at {c('place')}",
        f"login as {c('acct')} is disabled",
        f"the {c('obj')} is with {c('who')}",
    ]
    return rng.sample(pool, rng.randint(2, 4))


def _composed(rng: random.Random, style: str) -> str:
    c = lambda k: rng.choice(C[k])  # noqa: E731
    body = _clauses(rng)
    cap = [b[:1].upper() + b[1:] for b in body]
    if style == "chat":
        stamp = f"{rng.randint(8, 18)}:{rng.randint(10, 59)}"
        return "\n".join([f"[{stamp}] {c('hello').lower()}"] + [f"[{stamp}] {b}" for b in body])
    if style == "crm":
        return (
            f"Interaction logged {rng.randint(1, 28)}.{rng.randint(1, 12)}. " + ". ".join(cap) + ". No further action."
        )
    if style == "email":
        return f"{c('hello')},\n\n" + ". ".join(cap) + f".\n\n{c('bye')}"
    if style == "letter":
        return f"{c('hello')},\n\n" + " ".join(x + "." for x in cap) + f"\n\nYours sincerely,\n\n{c('Title')}"
    if style == "meeting":
        return f"{c('Title')} catch-up\n" + "\n".join(f"• {b}" for b in body) + f"\nNext review: {c('when')}"
    if style == "ticket":
        return f"WO-{rng.randint(1000, 9999)} | " + " | ".join(cap) + f" | Assigned: {c('Title')}"
    if style == "transcript_cased":
        return "\n".join(f"{('Staff', 'Member of public')[i % 2]}: {x}." for i, x in enumerate(cap))
    return "\n".join(f"speaker {i % 2 + 1}: {c('filler')} {b}" for i, b in enumerate(body))


def generate_composed(rng: random.Random, start_id: int, per_style: int = PER_STYLE) -> list[Doc]:
    docs: list[Doc] = []
    for style in TEMPLATES:
        for _ in range(per_style):
            d = Doc(start_id + len(docs), f"control4c_{style}", "en", _composed(rng, style), [], control=True)
            d.kind = f"control4c:{style}"
            docs.append(d)
    return docs
