"""Tuning documents for company names that are in no list (issue #13): Title Case names made of
ordinary words before a business head noun ("Silver Creek Outfitters"), names with a legal form
in several languages ("Yıldız Tekstil A.Ş.", "Kowalski Budownictwo Sp. z o.o."), head-first names
("Bäckerei Huber"), coined single words in a company position ("we signed with Velora",
"Quindax's invoice"), cased and lowercase; and hard PII-free controls that look like them
(department and team names, Title Case business phrases, products, brands, headings).

Word lists and templates are this module's own. ``generate(..., held_out=True)`` draws on a second
set of lists and templates that no rule was tuned on (the generalisation check)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

MODIFIERS = (
    "Silver Creek Blue Fern Quiet Harbor Oak Maple Cedar Willow River Stone Copper Granite Meadow Hollow Ridge "
    "Valley Pine Birch Juniper Fox Otter Heron Falcon Raven Lantern Anchor Compass Beacon Ember Golden Iron "
    "Crimson Amber Ivy Thistle Bramble Orchard Prairie Canyon Tide Coral Pebble Sparrow Wren Badger Kettle "
    "Hearth Saffron Indigo Velvet Bright Little Old Twin Wild Lucky Honest Humble Sunny Morning Northern Western "
    "Highland Lakeside Riverside Hillside Seaside Red Green Black White Grey Lone Star Moon Sun Eagle Bear Wolf"
).split()
HEADS = (
    "Outfitters Bakery Brewing Freight Tiles Collective Roasters Builders Plumbing Landscaping Dental Legal "
    "Studio Interiors Provisions Supply Creamery Distillery Analytics Partners Foods Logistics Motors Apparel "
    "Cycles Printing Catering Florists Realty Advisors Pharmacy Fitness Salon Tailors Movers Electric Roofing "
    "Joinery Vineyards Farms Robotics Software Labs Media Capital Group Holdings Consulting Ventures Trading "
    "Traders Imports Goods Hardware Flooring Cabinetry Kitchens Candles Coffee Tea Textiles Ceramics Pottery"
).split()
SYL = ["vel", "ora", "quin", "dax", "mer", "tal", "ost", "bri", "zy", "lum", "pex", "nor", "ga", "thi", "sko",
       "rav", "ely", "cor", "dun", "vae"]  # fmt: skip
INTL = [
    "Bäckerei {L} GmbH", "{L} Transportes S.A. de C.V.", "Construcciones {L} S.L.", "Yıldız Tekstil A.Ş.",
    "{L} Budownictwo Sp. z o.o.", "{L} Bouw B.V.", "{L} Ceramiche S.r.l.", "Atelier {L} SAS", "Comercial {L} Ltda",
    "Panadería {L}", "Transportes {L}", "{L} Logística Ltda.", "{L} & Fils SARL", "{L} Handel AG",
    "{L} Elektrik Ltd. Şti.", "{L} Trading Pte Ltd", "{L} Engineering Sdn Bhd", "{L} Consulting Oy",
    "{L} Food Group S.p.A.", "{L} Holding N.V.",
]  # fmt: skip
INTL_LAST = ["Huber", "Ruiz", "Gómez", "Kowalski", "van Dijk", "Rossi", "Moreau", "Oliveira", "Dubois", "Schäfer",
             "Demir", "Tan", "Lim", "Virtanen", "Bianchi", "Janssen", "Navarro", "Lindqvist"]  # fmt: skip

# held out: never looked at while the rules were written
HO_MODIFIERS = (
    "Marble Thunder Lotus Mesa Basalt Cobalt Aspen Sycamore Tundra Glacier Harvest Bluebird Starling Moss Clover "
    "Drift Pinnacle Cardinal Magpie Cinder Hazel Rowan Larch Driftwood Saltmarsh Brook Fjord Alder Quarry Rook"
).split()
HO_HEADS = (
    "Bakehouse Brewery Haulage Masonry Upholstery Glassworks Mills Nursery Opticians Veterinary Couriers Carpentry "
    "Orchards Dairy Engineering Forge Goldsmiths Tannery Signs Paints Tyres Removals Optics Woodworks Design"
).split()
HO_SYL = ["ka", "zu", "mo", "ret", "ix", "lan", "vo", "pri", "sa", "del", "om", "ber", "tu", "qua", "fi", "nex"]

COINED_CUED = [
    "We signed with {C} last week, the contract starts in May.",
    "{C}'s invoice is still unpaid, can you chase it?",
    "Client {C} asked for a discount on the renewal.",
    "She works at {C} now, in their Lisbon office.",
    "Vendor {C} missed the delivery window again.",
    "The startup was acquired by {C} in March.",
    "Our supplier, {C}, raised prices by 8%.",
    "We have been a customer of {C} since 2019.",
    "Got a quote from {C} for the new racks.",
    "He left to join {C} as head of sales.",
    "Please send the signed NDA to {C}'s legal team.",
    "Partnered with {C} on the pilot.",
    "Ticket: {C}'s account is locked after the migration.",
    "Good news: {C} has renewed for another year.",
    "Our new supplier is {C}, they start in June.",
]
COINED_LOWER = [
    "we signed with {c} last week",
    "{c}'s invoice is overdue again",
    "she works at {c} now",
    "client {c} wants a call tomorrow",
    "the vendor {c} is late again",
    "i got a quote from {c} yesterday",
    "he moved to {c} in the spring",
]
NAMED = [
    "Order confirmed with {N}; delivery on Friday.",
    "Thanks for choosing {N}! Your booking reference is below.",
    "Meeting with {N} about the spring catalogue.",
    "{N} sent over the revised quote this morning.",
    "Lunch order from {N} arrives at noon.",
    "We switched our account to {N} after the price rise.",
    "Invoice attached from {N} for the March work.",
    "Can you call {N} and confirm the install date?",
    "Regards,\nProcurement\non behalf of {N}",
]
NAMED_LOWER = [
    "speaker 1: yeah we ordered from {n} last time\nspeaker 2: ok",
    "[10:14] kim: the guy from {n} is here",
    "so i called {n} and they said thursday",
    "we're switching to {n} next month",
    "{n} sent the revised quote this morning",
    "speaker 2: ok so {n} said they can deliver on monday",
    "yeah {n} said the same thing",
    "anyone heard back from {n}?",
]
NAMED_CASED_MORE = [
    "Re: {N} - renewal terms",
    "Jordan\nAccount Manager | {N}\nSent from my phone",
    "The {N} team confirmed the install for Tuesday.",
    "Speaker 1: Thanks for calling {N}, how can I help?",
]
HO_COINED = [
    "Heads up: {C} has renewed for two more years.",
    "Their parent company is {C}, based in Rotterdam.",
    "I'm meeting the {C} team at 3.",
    "Negotiations with {C} stalled over payment terms.",
]
HO_NAMED = [
    "Our caterer this year is {N}.",
    "Please forward the plans to {N} by Friday.",
    "{N} won the tender for the new office fit-out.",
    "transcript: yeah the quote from {n} came in high",
]

CONTROLS = [
    "The Customer Success Team will host the Quarterly Business Review on Thursday.",
    "Cloud Services and the Product Marketing Group now report to Human Resources.",
    "Dashboards for Data Analytics, Field Services and Payment Systems are live.",
    "Q3 Planning: Growth Marketing, Sales Operations, Partner Programs, Legal Review",
    "Agenda\n1. Welcome\n2. Engineering Update\n3. Finance and Legal\n4. Open Floor",
    "We signed with DocuSign, so contracts no longer need printing.",
    "The form integrates with Zapier, Slack and Google Sheets.",
    "Please sign with a blue pen and return it to the front desk.",
    "The client portal and the vendor onboarding checklist were updated.",
    "Supplier scorecards are due on Monday; the customer of the month is announced Friday.",
    "Deleted by mistake, restored from backup at 10:40.",
    "Open Visual Studio Code, then Android Studio, then the Google Cloud console.",
    "Our Digital Media Group and the Creative Services team share the fourth floor.",
    "New York Office closes early on Friday; the Santa Clara Campus stays open.",
    "The Monday Standup moves to 9:30. March Planning starts next week.",
    "Global Operations, Corporate Finance and Investor Relations meet in Room 4.",
    "Security Engineering owns the Identity Services backlog.",
    "IT Support Services: reset your password from the Self Service Portal.",
    "Release 4.2 adds the Smart Reports feature and a faster Search Analytics page.",
    "The Health and Safety Committee reviewed the First Aid Supplies list.",
    "Welcome to Customer Support Operations. Read the Knowledge Base before your first shift.",
    "we signed with docusign so no more printing contracts",
    "speaker 1: talk to the legal team first\nspeaker 2: sure and the marketing group wants a review too",
    "speaker 1: the cloud services bill went up again\nspeaker 2: yeah data analytics is the big one",
    "she works at night most weeks and from home on fridays",
    "i'll get a quote from the usual vendor and send it to finance",
    "Invoice #4412 from Amazon Web Services is due on the 15th.",
    "We moved the Jira board to the Engineering Operations space in Confluence.",
    "Facilities: the Coffee Bar and the Fitness Room reopen on Monday.",
    "Thanks to the Brand Design Studio for the new slides.",
    "Board Meeting Minutes\nPresent: Finance Committee, Audit Committee\nApproved: Annual Budget",
    "The Print Shop on level 2 handles badges; Mail Services handles parcels.",
    "The partner program, the reseller tier and the distributor agreement are in the shared drive.",
    "Our Payroll Services provider changes in April; Benefits Administration stays the same.",
    "Hiring update: Product Design, Platform Engineering and Technical Writing have open roles.",
    "the new analytics platform goes live on monday and the old dashboards retire",
    "Tickets are on sale via Eventbrite; the livestream is on YouTube.",
    "The subscription has renewed automatically; the invoice is in the billing portal.",
    "Kubernetes was renamed in the docs; the company is hiring two engineers.",
    "The Aurora Analytics dashboard now loads in two seconds; the Nimbus Studio app ships Friday.",
    "Try our new Harbor Labs extension and the Beacon Media plugin.",
    "Training: Advanced Excel, Public Speaking, Project Management Fundamentals.",
    "Customer reported that Export to PDF fails; Support Tier 2 reproduced it.",
    "Lunch is from the Staff Kitchen today; Catering Services will bring dessert.",
    "i had iced green tea and a really strong black coffee before the call",
    "so really good services overall and the same old systems",
    "yeah new billing systems and both internal services are fine",
    "the old town bakery on main street closes at six",
    "ok quick sync on data analytics and then cloud storage costs",
    "speaker 1: we booked the design studio for friday\nspeaker 2: and the big meeting room",
    "we need fresh paint and new floor tiles in the kitchen",
    "speaker 2: yeah the solar panels and the heat pump installers came back with a quote",
    "Cold Brew Coffee and Fresh Fruit are in the Break Room.",
    "The Spring Sale runs all week in the Online Store; Free Shipping on orders over $50.",
]
HO_CONTROLS = [
    "Enterprise Sales and Channel Partners share a pipeline review every Tuesday.",
    "The Network Operations Center and Site Reliability Engineering swapped rotas.",
    "Heads up: the Design Systems guild meets in the Atrium at 4.",
    "we signed with zoom for another year and dropped webex",
    "Strategy Offsite: Market Expansion, Pricing Strategy, Customer Experience",
    "The Learning and Development team launched the Leadership Essentials course.",
]

# a second held-out set, written after the rules were final and run once, never tuned on
HO2_MODIFIERS = (
    "Peregrine Sable Tamarack Wisteria Obsidian Saguaro Kestrel Mistral Solstice Caraway Fennel Marigold "
    "Hollyhock Sienna Umber Tangerine Pewter Brass Flint Osprey"
).split()
HO2_HEADS = (
    "Apiary Bindery Smokehouse Fishmongers Chandlers Saddlery Cidery Mercantile Provisions Outfitters Letterpress "
    "Cartography Hatters Cobblers Ropeworks Barbershop Taproom Patisserie Greenhouses Aquatics"
).split()
HO2_SYL = ["sel", "vor", "ant", "qui", "bel", "rox", "um", "ta", "lio", "fra", "gon", "ez"]
HO2_COINED = [
    "Onboarding call with {C} moved to Wednesday.",
    "{C} emailed about the overdue balance.",
    "we lost the deal to {c}",
    "Reference check: she was at {C} for three years.",
    "honestly {c} were great last time",
]
HO2_NAMED = [
    "Quote received from {N} this morning.",
    "{N} is our new distributor in the north.",
    "Delivery note: {N}, pallet 3 of 4",
    "Can someone ping {N} about the late order?",
    "then we switched over to {n} for the packaging",
    "honestly {n} were great last time",
]
HO2_CONTROLS = [
    "The Smokehouse Menu and the Taproom Specials are posted by the door.",
    "Marigold Release Notes: faster search, fewer clicks.",
    "Sable Island Ferry Schedule changes on Monday.",
    "speaker 1: we tried the new sourdough starter\nspeaker 2: nice the old one was too sour",
    "Greenhouse Gas Reporting: submit the quarterly figures to Finance.",
    "Wellbeing Week: Yoga Basics, Mindful Mornings, Healthy Snacks.",
]


def _coined(rng: random.Random, syl: list[str]) -> str:
    w = "".join(rng.choice(syl) for _ in range(rng.randint(2, 3)))
    return w[0].upper() + w[1:]


def _named(rng: random.Random, mods: list[str], heads: list[str], syl: list[str]) -> str:
    r = rng.random()
    if r < 0.6:
        return f"{rng.choice(mods)} {rng.choice(mods)} {rng.choice(heads)}"
    if r < 0.8:
        return (
            f"{rng.choice(mods)} {rng.choice(heads)}"
            if rng.random() < 0.5
            else f"{_coined(rng, syl)} {rng.choice(heads)}"
        )
    if r < 0.9:
        return f"{rng.choice(mods)} & {rng.choice(mods)} {rng.choice(heads)}"
    return rng.choice(INTL).format(L=rng.choice(INTL_LAST))


def generate(rng: random.Random, start_id: int, held_out: int = 0, n: int = 140) -> list[Doc]:
    """``n`` documents with one company each, then every control once. ``held_out``: 1 or 2 for
    the held-out lists and templates (1 was seen once before more rules were added; 2 never)."""
    if held_out == 2:
        mods, heads, syl = HO2_MODIFIERS, HO2_HEADS, HO2_SYL
        coined_t, named_t, controls = HO2_COINED, HO2_NAMED, HO2_CONTROLS
    elif held_out:
        mods, heads, syl = HO_MODIFIERS, HO_HEADS, HO_SYL
        coined_t, named_t, controls = HO_COINED, HO_NAMED, HO_CONTROLS
    else:
        mods, heads, syl = MODIFIERS, HEADS, SYL
        coined_t, named_t = COINED_CUED + COINED_LOWER, NAMED + NAMED_LOWER + NAMED_CASED_MORE
        controls = CONTROLS
    docs: list[Doc] = []
    for i in range(n):
        if i % 7 < 3:
            tpl = rng.choice(coined_t)
            value = _coined(rng, syl)
        else:
            tpl = rng.choice(named_t)
            value = _named(rng, mods, heads, syl)
        if "{c}" in tpl or "{n}" in tpl:
            value = value.lower()
        text = tpl.replace("{C}", value).replace("{c}", value).replace("{N}", value).replace("{n}", value)
        style = "transcript_lower" if text.islower() else "crm"
        docs.append(Doc(start_id + i, style, "en_US", text, [Pii("COMPANY", value)]))
    for k, text in enumerate(controls):
        docs.append(Doc(start_id + n + k, "control", "en_US", text, [], control=True))
    return docs
