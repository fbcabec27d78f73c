"""Public names and tech words that are no personal data: well-known places and landmarks, public
products and services, template placeholders, host and service identifiers, programme code
names ("the Northstar rollout"). ``public_veto`` drops PERSON, COMPANY and bare USERNAME spans
that are one of these (issue #13: PII-free controls altered <= 3 %). Cheap: set lookups, and the
regexes run only on documents that have such a span."""

from __future__ import annotations

import re

from spark_control.redaction.lexicon import (
    BRAND_WORDS,
    CALENDAR,
    COMMON_WORDS,
    DEPARTMENT_WORDS,
    PARTICLES,
    Lexicon,
    derived_word,
    inner_capital,
)
from spark_control.redaction.names import _LABEL_CUES, SPEAKER_LABEL
from spark_control.redaction.ner import BRANDS
from spark_control.redaction.spans import Span, scan
from spark_control.redaction.word_starts import search_at_words

# Well-known cities, countries, regions (lowercase, own and local spellings). Those that are also
# popular first names ("florence", "austin", "lima") count as places only after a place cue.
PLACES = frozenset(
    """
    afghanistan albania algeria andorra angola argentina armenia austria azerbaijan bahamas bahrain bangladesh
    barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burundi cambodia
    cameroon canada chad chile china colombia congo croatia cuba cyprus czechia denmark djibouti dominica ecuador
    egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia germany ghana greece grenada guatemala
    guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan
    kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein
    lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico moldova monaco
    mongolia montenegro morocco mozambique myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway
    oman pakistan palau palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda
    samoa senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden switzerland
    syria taiwan tajikistan tanzania thailand togo tonga tunisia turkey türkiye turkmenistan tuvalu uganda ukraine
    uruguay uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe scotland wales england britain deutschland
    españa italia polska suomi sverige norge danmark nederland schweiz österreich éire cymru
    europe asia africa oceania antarctica scandinavia balkans caribbean patagonia siberia sahara andes alps
    amsterdam rotterdam utrecht eindhoven antwerp brussels bruges ghent luxembourg paris lyon marseille nice
    toulouse bordeaux lille nantes strasbourg montpellier berlin munich münchen hamburg frankfurt cologne köln
    düsseldorf stuttgart leipzig dresden nuremberg nürnberg hannover bremen bonn heidelberg vienna wien salzburg
    innsbruck graz zurich zürich geneva genève basel bern lausanne lucerne milan milano rome roma naples napoli
    turin torino venice venezia bologna verona genoa palermo pisa siena madrid barcelona valencia seville sevilla
    bilbao malaga málaga granada zaragoza lisbon lisboa porto coimbra faro dublin cork galway belfast edinburgh
    glasgow aberdeen inverness cardiff swansea london manchester liverpool birmingham leeds sheffield bristol
    newcastle nottingham leicester coventry brighton oxford cambridge york bath southampton portsmouth norwich
    copenhagen aarhus stockholm gothenburg göteborg malmö oslo bergen trondheim helsinki tampere reykjavik
    reykjavík tallinn riga vilnius warsaw warszawa krakow kraków gdansk gdańsk wroclaw wrocław poznan poznań
    prague praha brno bratislava budapest bucharest bucurești cluj sofia belgrade zagreb ljubljana sarajevo
    skopje tirana athens thessaloniki istanbul ankara izmir i̇zmir antalya kyiv kiev lviv odesa odessa minsk
    moscow petersburg tbilisi yerevan baku almaty tashkent cairo alexandria casablanca marrakech marrakesh rabat
    tunis algiers lagos abuja accra dakar nairobi mombasa kampala kigali addis ababa dar es salaam johannesburg
    durban pretoria luanda harare lusaka windhoek gaborone maputo antananarivo tokyo osaka kyoto yokohama nagoya
    sapporo fukuoka kobe hiroshima nara seoul busan incheon beijing shanghai shenzhen guangzhou chengdu wuhan
    hangzhou nanjing xian tianjin hongkong macau taipei kaohsiung manila cebu hanoi saigon bangkok phuket
    chiang jakarta bali surabaya kuala lumpur penang yangon phnom penh vientiane dhaka karachi lahore islamabad
    mumbai bombay delhi bangalore bengaluru chennai kolkata hyderabad pune ahmedabad jaipur goa kochi colombo
    kathmandu dubai doha riyadh jeddah muscat manama tehran baghdad beirut amman jerusalem haifa sydney
    melbourne brisbane perth adelaide canberra hobart darwin auckland wellington christchurch queenstown
    toronto montreal montréal vancouver calgary edmonton ottawa winnipeg quebec québec halifax victoria
    boston chicago seattle portland denver austin dallas houston atlanta miami orlando tampa phoenix detroit
    philadelphia pittsburgh baltimore cleveland minneapolis milwaukee nashville memphis charlotte raleigh
    sacramento oakland honolulu anchorage albuquerque tucson vegas angeles francisco diego brooklyn manhattan
    bronx queens hollywood california texas florida arizona nevada oregon colorado utah ohio michigan illinois
    massachusetts alaska hawaii montana idaho wyoming kansas nebraska iowa missouri arkansas louisiana
    mississippi alabama tennessee kentucky indiana wisconsin minnesota oklahoma connecticut vermont maine
    toronto mexico guadalajara monterrey cancún cancun havana kingston bogotá bogota medellín medellin cali quito
    guayaquil lima cusco cuzco santiago valparaíso valparaiso mendoza córdoba cordoba montevideo asunción
    asuncion caracas rio salvador brasília brasilia recife fortaleza curitiba manaus paulo aires
    reno tulsa omaha boise spokane fresno tacoma richmond louisville indianapolis columbus cincinnati
    haneda narita keflavík keflavik barajas fiumicino changi stansted dulles incheon murrayfield twickenham
    anfield basque catalan flemish bergen granada valletta mdina dubrovnik tromsø ljubljana tbilisi oaxaca cusco hobart madeira santorini
    bavaria tuscany provence normandy brittany catalonia andalusia sicily sardinia flanders yorkshire cornwall
    devon kent surrey essex sussex highlands lapland silicon valley
    """.split()
)
# multi-word places and landmarks, matched as phrases: a name inside one is the place's
PLACE_PHRASES = (
    "new york", "new jersey", "new delhi", "new zealand", "new orleans", "los angeles", "san francisco",
    "san diego", "san jose", "las vegas", "salt lake city", "mexico city", "quebec city", "cape town",
    "buenos aires", "são paulo", "sao paulo", "rio de janeiro", "hong kong", "kuala lumpur", "ho chi minh city",
    "abu dhabi", "tel aviv", "st. petersburg", "saint petersburg", "st petersburg", "costa rica",
    "puerto rico", "sri lanka", "south africa", "south korea", "north korea", "saudi arabia", "united states",
    "united kingdom", "united arab emirates", "czech republic", "dominican republic", "el salvador",
    "addis ababa", "dar es salaam", "phnom penh", "chiang mai", "silicon valley", "bay area", "lake district",
    "mount everest", "eiffel tower", "golden gate bridge", "tower bridge", "big ben", "machu picchu",
    "sagrada família", "sagrada familia", "great barrier reef", "grand canyon", "niagara falls",
    "table mountain", "central park", "hyde park", "times square", "mont saint-michel", "mont blanc",
    "lake como", "lake bled", "lake geneva", "blue mountains", "scottish highlands", "englischer garten",
    "great wall", "taj mahal", "angkor wat", "statue of liberty", "brandenburg gate", "red square",
    "buckingham palace", "notre-dame", "notre dame", "colosseum", "acropolis", "alhambra", "kilimanjaro",
    "matterhorn", "dolomites", "monte carlo", "penn treebank", "common crawl", "the uk biobank", "uk biobank",
    "hoi an", "great lakes", "el prat", "tata motors", "faber & faber", "grand marnier", "san siro", "la liga", "serie a", "copa libertadores", "ms marco", "studio ghibli",
)  # fmt: skip
# well-known companies, brands, venues, awards and days named after people or joined by "and":
# public names, not a person's or a client's ("Morgan Stanley", "Marks & Spencer", "St. Patrick's Day")
BRAND_PHRASES = (
    "morgan stanley", "goldman sachs", "wells fargo", "charles schwab", "merrill lynch", "jp morgan",
    "jpmorgan chase", "lloyds bank", "barclays", "hsbc", "santander", "american express", "dow jones",
    "marks & spencer", "marks and spencer", "ben & jerry's", "ben and jerry's", "procter & gamble",
    "procter and gamble", "johnson & johnson", "johnson and johnson", "ernst & young", "pricewaterhousecoopers",
    "tiffany & co", "abercrombie & fitch", "barnes & noble", "dolce & gabbana", "crate & barrel", "at&t",
    "ralph lauren", "calvin klein", "tommy hilfiger", "louis vuitton", "estée lauder", "estee lauder",
    "yves saint laurent", "christian dior", "giorgio armani", "hugo boss", "michael kors", "kate spade",
    "ted baker", "paul smith", "stella mccartney", "vivienne westwood", "dr. martens", "dr martens",
    "levi's", "levi strauss", "victoria's secret", "mercedes-benz", "mercedes benz", "rolls-royce",
    "rolls royce", "harley-davidson", "harley davidson", "aston martin", "alfa romeo", "land rover",
    "hewlett-packard", "hewlett packard", "dell technologies", "bang & olufsen", "black & decker",
    "mcdonald's", "mcdonalds", "wendy's", "dunkin'", "dunkin donuts", "kellogg's", "campbell's", "heinz",
    "trader joe's", "whole foods", "ben & jerry", "dr pepper", "dr. pepper", "jack daniel's", "johnnie walker",
    "tim hortons", "papa john's", "chick-fil-a", "little caesars", "sainsbury's", "morrisons", "john lewis",
    "harvey nichols", "selfridges", "walt disney", "disney+", "warner bros", "warner brothers",
    "thomson reuters", "reuters", "associated press", "ritz-carlton",
    "ritz carlton", "four seasons", "holiday inn", "nobel prize",
    "oscars", "grammys", "madison square garden", "lincoln center", "carnegie hall", "royal albert hall",
    "wembley", "chase center", "victoria station", "waterloo station", "king's cross", "kings cross",
    "st pancras", "st. pancras", "laguardia", "o'hare", "heathrow", "gatwick", "schiphol",
    "smithsonian", "guggenheim", "the met", "tate modern", "hamilton on broadway", "broadway",
    "st. patrick's day", "st patrick's day", "saint patrick's day", "mother's day", "father's day",
    "valentine's day", "martin luther king day", "mlk day", "presidents' day", "presidents day",
    "guy fawkes night", "st. andrew's day", "st andrew's day", "st. david's day", "boxing day",
    "new year's eve", "new year's day", "black friday", "cyber monday", "prime day", "labor day",
    "memorial day", "independence day", "canada day", "australia day", "anzac day", "bastille day",
    "red cross", "salvation army", "oxfam", "unicef", "greenpeace", "world bank", "united nations",
    "oxford university", "cambridge university", "johns hopkins",
    "ted talk", "ted talks", "ted x", "tedx", "wikipedia", "linkedin learning", "coursera",
    "microsoft teams", "google meet", "google docs", "google sheets", "google drive", "amazon web services",
    "chase bank", "home depot", "lowe's", "best buy", "bank of america", "capital one", "td bank",
    "rio tinto", "dow jones industrial average", "russell 2000", "pecorino romano", "granny smith",
    "l'oréal", "l'oreal", "apple music", "apple tv", "amazon prime", "visual studio", "adobe acrobat", "power bi", "sharepoint",
)  # fmt: skip
_PHRASE_INDEX: dict[str, list[str]] = {}
for _p in PLACE_PHRASES + BRAND_PHRASES:
    for _w in re.findall(r"[^\W\d_]+", _p):
        _PHRASE_INDEX.setdefault(_w, []).append(_p)
# "<Name> Bridge", "Mount <Name>", "Lake <Name>": a landmark, not a person
_LANDMARK = re.compile(
    r"(?<!\w)(?:(?:Mount|Mt\.?|Lake|Loch|Lago|Isle of|Cape)[ \t]+[A-Z][\w'’-]+"
    r"|(?:[A-Z][\w'’-]+[ \t]+){1,3}(?:Bridge|Tower|Cathedral|Basilica|Museum|Palace|Castle|Abbey|Falls|Canyon|"
    r"Mountains|Highlands|Valley|Reef|Stadium|Arena|Airport|Gardens|Garten|Fjord|Glacier|Volcano|Desert|"
    r"National Park|Peninsula|Islands|Concert Hall|Opera House|Center|Centre|Theatre|Theater))(?!\w)"
)
# sports clubs: "Vienna Albion", "Valencia Tigers"
_CLUB_WORDS = frozenset(
    "united city rovers wanderers athletic athletico albion real sporting dynamo olympique olympic fc afc sc "
    "rangers county town villa hotspur lions tigers eagles falcons sharks bulls bears giants kings".split()
)
# before a place that is also a first name ("moved to Austin", "the office in Florence")
_PLACE_CUE = re.compile(
    r"(?:\b(?:in|at|near|around|across|outside|inside|via|visit|visiting|visited|based in|office in|"
    r"(?:flight|flights|flew|fly|flying|train|trip|move|moved|moving|relocate|relocated|relocating|travel|"
    r"travelled|traveled|travelling|traveling|drive|drove|went|go|going|ferry|bus|route|day trip|back) to|"
    r"(?:flight|train|bus|ferry|trip|route) from|getting to|get to|got to|arrive|arrive in|arriving in|arrived in|"
    r"land in|landed in|landing in|(?:down|up|over|out) to|"
    r"welcome to|fly into|flying into|flew into|(?:ships|shipped|shipping|dispatched|delivered|comes|coming|"
    r"arrives|arriving) from)[ \t]+(?:the[ \t]+)?$)",
    re.I,
)
# greetings and titles: what comes after them is a person even if it is also a place ("hi Sydney")
_PERSON_BEFORE = re.compile(
    r"\b(?:hi|hey|hello|dear|thanks|thank you|cheers|bye|mr|mrs|ms|miss|dr|prof|cc|ask|asked|tell|told|ping|"
    r"met with|spoke to|spoke with|call|called|email|emailed)\.?[ \t,]+$",
    re.I,
)

# lowercase tech words and chat slang that look like bare handles or names and are neither
TECH_WORDS = frozenset(
    """
    rebase rebased rebasing cron crontab cronjob pager sharding shard shards kubelet kubectl ingress egress
    webhook webhooks sidecar daemon daemons scheduler linter hotfix canary rollback backfill healthcheck
    healthz cutover failover runbook changelog monorepo lockfile hostname localhost sudo chmod chown
    systemd systemctl journalctl nginx apache haproxy certbot dockerfile makefile readme repo repos
    upstream downstream backport cherry-pick gitops devops mlops finops sre noc nas vpn ssh scp rsync
    tmux vim neovim bash zsh powershell stdout stderr stdin regex json yaml toml env dotenv config
    configs namespace namespaces pod pods kube minikube k8s helm chart charts terraform tfstate
    ansible playbook playbooks cicd pipeline pipelines artifact artifacts backend frontend middleware
    microservice microservices serverless lambda mutex semaphore async await callback callbacks
    refactor refactoring deprecate deprecated deprecation changeset diff diffs patch patches hunk
    bugfix bugfixes prod staging qa uat preprod sandbox dev devbox homelab autoscaler autoscaling
    throttling ratelimit ratelimiter retry retries idempotent idempotency webpack linting lint
    formatter prettier eslint ruff mypy pytest pylint unittest mock mocks stub stubs fixture fixtures
    oncall on-call pagerduty grafana kibana logstash fluentd prometheus alertmanager opsgenie
    lol lmao rofl ngl tbh fr lowkey highkey imo imho brb omg idk smh iirc fwiw afaik tldr jk omw
    btw ttyl gg wfh ooo eod eow asap fyi lgtm ptal wip nit nits
    kotlin elixir erlang clojure ocaml fortran cobol golang typescript javascript matlab prolog shortlog
    """.split()
)
# an OS image or version tag: "ubuntu2404", "debian12", "win11", "rhel9", "alpine3.19"
_VERSIONED = re.compile(
    r"(?:ubuntu|debian|rhel|centos|rocky|alma|alpine|fedora|arch|win|windows|macos|osx|ios|android|python|py|"
    r"node|java|jdk|go|php|ruby|perl|gcc|clang|llvm|cuda|postgres|pg|mysql|redis|kafka|es|k8s|kube|el|sles)"
    r"[-_.]?\d[\d.]*(?:[-_.]?(?:lts|arm64|amd64|x64|x86|slim|beta|rc\d*))?",
    re.I,
)
# a template field: "{{ticket.requester.name}}", "[Customer Name]", "<first name>", "%FIRSTNAME%", "$NAME"
_TEMPLATE = re.compile(
    r"\{\{[^{}\n]{1,60}\}\}|\{%[^%\n]{1,60}%\}|%[A-Z_]{2,30}%|\$[A-Z][A-Z_]{2,30}\b"
    r"|[\[<{](?=[^\]>}\n]{0,40}\b(?i:name|customer|first|last|agent|order|number|company|date|insert|your|"
    r"client|user|recipient|sender|signature|email|phone|address|account|organi[sz]ation|ticket|id)\b)"
    r"[A-Za-z][\w .-]{1,40}[\]>}]"
)
# a code name before a programme or product word: "the Northstar rollout", "Tamarind demo"
_PROGRAMME_AFTER = re.compile(
    r"[ \t]+(programme|program|project|initiative|workstream|rollout|roll-out|pilot|track|migration|"
    r"cutover|beta|launch|release|demo|sprint|roadmap|milestone|epic|backlog|feature|features|dashboard|app|"
    r"platform|cluster|environment|colour|color|version|edition|model|variant|finish|guide|tutorial|"
    r"codebase|repo|squad|plan|plans|tier|tiers|subscription|package|bundle|standup|kickoff|kick-off|retro|deploy|deployment|build|branch|dependencies|status|budget|adoption|licen[cs]es|seats|usage)\b",
    re.I,
)
# what only a product has ("the Apollo dashboard"); "rollout" or "deal" may be a client's
_PRODUCT_AFTER = re.compile(
    r"[ \t]+(?:dashboards?|apps?|api|sdk|platform|cluster|module|plugin|redesign|codebase|repo|board|"
    r"release|build|branch|environment|feature|features|widget|backend|frontend|"
    r"pipeline|database|db|server|servers|instance|workspace|console)\b",
    re.I,
)
_PROGRAMME_BEFORE = re.compile(r"\b(?:project|programme|program|operation|codename|code name|initiative)[ \t]+$", re.I)
_TITLE_DOT = re.compile(r"(?<![^\W\d_])(?:dr|mr|mrs|ms|mx|prof|st|sr|jr)\.$", re.I)
# places that are also common first names: a place only after a place cue
NAME_PLACES = frozenset(
    """
    austin florence victoria sydney madison dallas jackson lincoln chelsea adelaide regina georgia virginia
    carolina savannah phoenix brooklyn paris london india kenya jordan israel orlando denver houston charlotte
    eugene tyler troy salem vienna valencia lima santiago dakota montana nevada sofia alexandria
    kingston hamilton camden devon kent york
    """.split()
)
# public products, foods, holidays and other common nouns the name data also lists
COMMON_NOUNS = frozenset(
    """
    sriracha dijon maldon gruyère gruyere parmesan parmigiano mozzarella cheddar brie camembert feta halloumi
    tabasco worcestershire marzano prosecco champagne chianti rioja bordeaux cognac tequila mezcal sake
    ramen miso tofu sushi sashimi tempura pho bao dim sum curry masala tikka biryani naan chai matcha mocha
    latte espresso cappuccino tiramisu tatin tarte brioche croissant baguette focaccia ciabatta gnocchi risotto
    paella tapas chorizo moussaka baklava falafel hummus tahini shawarma kebab gyro burrito taco tacos
    quesadilla nachos churros kimchi bibimbap bulgogi satay laksa rendang minestrone gazpacho bouillabaisse
    ratatouille goulash pierogi borscht stroganoff carbonara bolognese lasagne lasagna pesto shakshuka
    ramadan eid diwali hanukkah passover thanksgiving halloween kwanzaa oktoberfest easter christmas navratri
    holi vesak lent advent hogmanay
    sumac adobo garam tamari gochujang harissa manchego pecorino kalamata emmental marsala kikkoman bisto
    bramley cointreau halloumi paneer mirin dashi tzatziki chimichurri pancetta guanciale prosciutto
    dutch french german swiss belgian danish swedish norwegian finnish polish czech greek turkish chinese
    japanese korean thai vietnamese indian british irish scottish welsh american canadian mexican brazilian
    italian spanish portuguese russian ukrainian moroccan lebanese persian
    """.split()
)
_BRANDS = (
    BRANDS
    | BRAND_WORDS
    | frozenset(
        """
    creuset kitchenaid vitamix gopro anker sennheiser nintendo playstation xbox kindle patagonia lululemon
    uniqlo zara hermes gucci prada rolex casio seiko ikea bosch miele smeg nespresso delonghi breville
    marriott hilton hyatt westin radisson novotel ibis mercure sheraton sofitel travelodge fairmont kimpton
    klarna afterpay affirm wise paypal strava peloton fitbit garmin duolingo
    lufthansa ryanair easyjet emirates qantas iberia finnair vueling klm
    unilever nestlé nestle novartis roche astrazeneca glaxosmithkline gsk carlsberg heineken diageo danone
    siemens basf allianz airbus boeing pfizer volkswagen vodafone glencore maersk ørsted asml infosys
    arsenal juventus ajax celtic benfica feyenoord galatasaray fenerbahçe bayern napoli lazio fiorentina
    everton fulham brentford villarreal anderlecht prosus harpercollins pyrex wizz kitti
    ocado sonos renault disney kronos planday intune rakuten hulu roku currys argos asda kroger walgreens cvs
    nationwide barclays lloyds hsbc natwest santander axa prudential aig metlife generali pepsi pepsico
    cocacola mondelez starbucks mcdonalds kfc dominos chipotle nordstrom macys kohls primark asos zalando temu
    wayfair qualcomm broadcom micron tsmc xiaomi huawei oneplus motorola ericsson verizon comcast xfinity
    telefonica telekom giffgaff lebara tmobile telus optus telstra bmw skoda peugeot citroen fiat ferrari
    lamborghini rivian polestar accenture deloitte kpmg pwc mckinsey capgemini wipro cognizant blackrock
    citigroup jpmorgan wellsfargo capitalone expedia tripadvisor skyscanner trivago etihad jetblue ihg accor
    vrbo zillow rightmove zoopla redfin opendoor moderna sanofi merck abbvie exxon totalenergies equinor
    sainsburys waitrose morrisons grammarly intuit citi
    """.split()
    )
)
# roles, audiences and functions: "Dear Member", "Panelist:", "Membership Services", "Owner Support"
ROLE_WORDS = (
    frozenset(
        """
        member members membership panelist panellist moderator respondent applicant applicants subscriber
        subscribers resident residents colleague colleagues customer customers client clients patient patients
        student students partner partners participant participants attendee attendees candidate candidates
        reviewer approver requester assignee owner owners admin administrator user users viewer editor presenter
        volunteer volunteers tenant tenants landlord homeowner vendor supplier everyone valued account sir madam
        team staff employee employees manager managers shareholder shareholders stakeholder stakeholders investor
        investors donor donors supporter supporters traveller traveler passenger passengers visitor visitors
        caller agent interviewer interviewee speaker facilitator organiser organizer
        parent parents guardian guardians policyholder policyholders cardholder holder occupier neighbour
        neighbor friends reader readers guest guests learner learners pupil pupils shopper shoppers buyer
        teacher teachers tutor principal nurse chair chairperson chairman treasurer secretary analyst analysts
        engineer engineers developer developers architect officer officers director directors president
        executive chief financial operating technology information protection data head lead deputy
        assistant associate coordinator consultant advisor adviser specialist supervisor inspector auditor
        controller accountant receptionist clerk technician representative dispatcher negotiator handler
        concierge foreman bursar registrar trustee trustees governor governors board committee
        """.split()
    )
    | DEPARTMENT_WORDS
    | frozenset("services service growth marketing people product design platform billing accounts payable".split())
)
_TITLE_BEFORE = re.compile(r"\b(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|lady|lord)\.?[ \t]+$", re.I)
_CLUB_ALONE = frozenset(
    "lions tigers eagles falcons sharks bulls bears giants rovers wanderers albion olympique athletico".split()
)
_COLOURS = frozenset(
    "gold grey gray blue green white black silver red pink purple beige graphite bronze copper navy".split()
)
_COLOUR_AFTER = re.compile(
    r"(?:[ \t]+(?:and|or|&)[ \t]+[A-Z]\w+(?:[ \t]+[A-Z]\w+)?)?"  # "Rose Gold and Space Grey models"
    r"[ \t]+(?:colou?rs?|colou?rways?|finish(?:es)?|editions?|versions?|models?|units?|stock|skus?|cases?|variants?)\b",
    re.I,
)
_PRONOUNS = frozenset(
    "i me my he him his she her hers they them their we us our you your it its this that these those who someone "
    "somebody everyone everybody anyone nobody".split()
)
_CALENDAR_ABBR = frozenset("mon tue tues wed thu thur thurs fri sat sun mon-fri mon-sat sat-sun".split())
_STREET_WORDS = frozenset("street st road rd avenue ave boulevard blvd highway hwy".split())
_VERSION_AFTER = re.compile(r"[ \t]+(?:v?\d+\.\d+(?:\.\d+)?|II|III|IV|V|VI|VII|X)\b")
_TOOL_BEFORE = re.compile(
    r"\b(?:using|use|uses|used|try|tried|trying|adopt|adopted|adopting|enable|enabled|install|installed|"
    r"log(?:ged)? (?:it )?in|open(?:ed)? in|roll(?:ed|ing)? out|migrat(?:e|ed|ing) (?:to|from|off))[ \t]+(?:the[ \t]+)?$",
    re.I,
)
_FIELD_BEFORE = re.compile(
    r"^[ \t]*(?:component|product|feature|module|project|agenda|area|app|epic|board|programme|program|"
    r"workstream|topic|item|subject)[ \t]*:[ \t]*$",
    re.I | re.M,
)
_SYSTEM_BEFORE = re.compile(
    r"\b(?:we (?:propose|introduce)|(?:paper|article) (?:presents|proposes|introduces))[ \t]+$",
    re.I,
)
_PLACES = PLACES | NAME_PLACES
_PLACE_AFTER = re.compile(
    r"[ \t]+(?:office|offices|expansion|region|site|hub|warehouse|store|branch|campus|airport|plant|"
    r"factory|data ?cent(?:er|re)|launch|market|trip|offsite)\b",
    re.I,
)
_TIME_BEFORE = re.compile(r"\b(?:over|after|before|during|until|till|for|since|around|by|at|of)[ \t]+$", re.I)
_PLACE_NEXT = re.compile(r"(?:,|[ \t]+and|[ \t]+&|[ \t]+or)[ \t]+([^\W\d_]+)")
_IN_BEFORE = re.compile(r"\b(?:in|near|over|across|around|between|visiting|visited)[ \t]+$", re.I)
_COMPANY_WORDS = frozenset("sons co company partners associates group llp llc ltd inc plc".split())
_ASK = frozenset("ping ask tell email cc loop looped check with ok okay then ll d ve".split())
_ADDRESS_BEFORE = re.compile(r"\b\d+[a-zA-Z]?,?[ \t]+(?:[A-Z][\w'’.-]*,?[ \t]+){1,4}$")
_HERE, _VALUE = "here", "value"  # public at this place only / wherever the value occurs
_JUDGED = ("PERSON", "COMPANY", "USERNAME")
_LEGAL_WORD = re.compile(r"\b(?:inc|llc|ltd|plc|llp|corp|gmbh|co|sons|group|holdings)\b", re.I)
# programme words that name a programme, never a company's product: "our Northstar programme"
_PROGRAMME_WORDS = frozenset("programme program project initiative workstream codename epic sprint".split())
_DET_BEFORE = re.compile(r"\b(?:the|a|an|our|your|their|this|that|new)[ \t]+$", re.I)
_TITLE_WORD = re.compile(r"\b[A-Z][a-z]")
# unknown words that are still English ("Finalise", "Offsite"), not coined names ("Vexora")
_ENGLISH_END = re.compile(
    r"(?:ise|ize|ised|ized|ising|izing|ing|tion|sion|ment|ness|ity|able|ible|ive|ous|ful|less|ship|site|ware)$"
)
_HEADING_BEFORE = re.compile(r"[ \t]*([A-Z][a-z]+)[ \t]*:[ \t]*")
_HEADING_LABEL = re.compile(r"[ \t]*(?:subject|re|fwd|title|agenda|topic)[ \t]*:[ \t]*", re.I)
_SMALL = frozenset("and the for with from into onto via per".split())
_BULLET = re.compile(r"[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]")
# a chat or transcript sender: "sky:", "Maria:", "[10:02] dev-bot:"
_CHAT_LABEL = re.compile(r"^(?:\[[\d:]+\][ \t]*)?([\w.-]{1,20}):(?=[ \t])")
_IDENT_CHARS = re.compile(r"[\w.\-/]+")
# heads of terms named after people, foods named after places or growers: a name before one of
# these is the term's ("Bell's palsy", "Cohen's kappa", "Yukon Gold potatoes", "the Ryder Cup")
TERM_HEADS = frozenset(
    """
    algorithm algorithms optimizer optimiser distance correlation coefficient process processes chain chains
    filter filters smoother regression distribution sampler sampling score test transform theorem lemma
    conjecture equation equations constant method methods laws rule inequality criterion kernel initialisation initialization features
    integral kappa rho r disease syndrome palsy phenomenon lymphoma sarcoma thyroiditis anomaly reflex
    apple apples potato potatoes tomato tomatoes cheese sauce olives wine gravy beans mustard pepper peppers
    cup trophy prize award medal lecture
    """.split()
)
_TERM_AFTER = re.compile(r"(?:['’]s)?[ \t]+([^\W\d_]+)\b(?![-'’])")
_TERM_STOP = re.compile(r"['’]s[ \t]+(?:test|score|process|filters?)\b", re.I)  # "Maria's test run"
_TECH_HYPHEN = re.compile(r"[^\W\d_]-[^\W\d_]+|[^\W\d_]{1,2}-[^\W\d_]{1,2}|[^\W\d_]*[a-z][^\W\d_]*-[A-Z]{2,}")
_SPELLED = re.compile(r"(?<![^\W\d_])[^\W\d_](?:[-. ][^\W\d_]){2,}(?![^\W\d_])")
_STORM_WORDS = frozenset("storm hurricane typhoon cyclone".split())
_STORM_BEFORE = re.compile(r"\b(?:storm|hurricane|typhoon|cyclone)[ \t]+$", re.I)
_SCORE_AFTER = re.compile(r"[ \t]+\d{1,3}[-–]\d{1,3}[ \t]+(?:the[ \t]+)?([A-Z][^\W\d_]+)")
_SCORE_BEFORE = re.compile(r"\b([^\W\d_]+)[ \t]+\d{1,3}[-–]\d{1,3}[ \t]+(?:the[ \t]+)?$")
_CALENDAR = CALENDAR | frozenset("mon tue wed thu fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec".split())
# a department or function after ordinary words: "Quality Control", "Trust and Safety"
_UNIT = (
    r"(?:Control|Assurance|Safety|Support|Services?|Desk|Care|Fulfil?ment|Success|Management|Operations|"
    r"Relations|Acquisition|Development|Enablement|Experience)\b"
)
_UNIT_AFTER = re.compile(rf"(?:[ \t]+(?:and|&)[ \t]+[A-Z][a-z]+)?[ \t]+{_UNIT}|[ \t]+(?:and|&)[ \t]+{_UNIT}")
_INNER_CAP = re.compile(r"(?<![\w'’])[A-Z][a-z]+")
_LOWER_CUE = re.compile(
    r"\b(?:with|to|from|ask|asked|ping|tell|told|cc|call|called|email|emailed|met|meet|and|by|for|is|was|"
    r"hi|hey|thanks|dear|mr|mrs|ms|dr)[ \t,]*$",
    re.I,
)
_HOST_TOKEN = re.compile(r"[a-z]+(?:-[a-z]+)*-\d+[a-z]?")  # "mad-wlc-01", "build-02"
_PLAN_MOVE = re.compile(
    r"\b(?:upgrad|downgrad|switch|mov|migrat|chang)\w*[ \t]+(?:(?:from|off)[ \t]+\w+[ \t]+)?(?:to|from)[ \t]+(?:the[ \t]+)?$",
    re.I,
)
_PREV_TOKEN = re.compile(r"([^\W\d_]{2,})[ \t]+$")
_THE_BEFORE = re.compile(r"\bthe[ \t]+$", re.I)
# after "the X": punctuation, the end or a function word ("transfer to the Westin (confirmation")
_THE_END = re.compile(r"[ \t]*(?:[,.;:!?()]|$|(?:for|on|in|at|from|to|and|or|is|was|has|had|airside)\b)", re.M)


def public_veto(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """``spans`` without the PERSON, COMPANY and bare USERNAME spans that are
    public names, template fields, identifiers or code names. A value found public in one place
    ("Aurora 9.3") is public in the others ("Aurora now runs on"), unless a person cue says
    otherwise ("hi Aurora")."""
    if not any(sp.type in _JUDGED for sp in spans):
        return spans
    shields = _shields(text)
    # a city or street name next to an address is part of it: never dropped
    near = [(sp.start - 4, sp.end + 4) for sp in spans if sp.type in ("ADDRESS", "POSTCODE")]
    # a verdict is a function of the text and the span: a span found by several detectors (about
    # one in five here) is judged once (speed, eighth round)
    judged: dict[Span, str] = {}
    verdicts = []
    for sp in spans:
        v = judged.get(sp)
        if v is None:
            v = judged[sp] = (
                "" if any(a <= sp.end and sp.start <= b for a, b in near) else _public(text, sp, lex, shields)
            )
        verdicts.append(v)
    public_at: dict[str, list[Span]] = {}
    for sp, v in zip(spans, verdicts, strict=True):
        if v == _VALUE:
            public_at.setdefault(text[sp.start : sp.end].lower(), []).append(sp)

    def public_elsewhere(sp: Span) -> bool:
        # a verdict on the same place under another type ("ShelfWorks" as PERSON: an inner capital
        # no name has) says nothing about this reading ("ShelfWorks approved the budget": a firm)
        return any(p.end <= sp.start or sp.end <= p.start for p in public_at.get(text[sp.start : sp.end].lower(), ()))

    return [
        sp
        for sp, v in zip(spans, verdicts, strict=True)
        if not v
        and not (
            sp.type in ("PERSON", "COMPANY")
            and public_elsewhere(sp)
            and not search_at_words(_PERSON_BEFORE, text, max(0, sp.start - 24), sp.start)
        )
    ]


def _shields(text: str) -> list[tuple[int, int]]:
    """Regions that are never personal data: landmarks, template fields (place and brand phrases
    are looked up per span: ``_in_phrase``). Scanned once per scrub (``spans.scan``): the veto runs
    again on the spans of ``detect_name_shapes``."""
    out = [m.span() for m in scan(_LANDMARK, text)]
    if any(c in text for c in "{[<%$"):
        out += [m.span() for m in scan(_TEMPLATE, text)]
    return out


# (compiled once: ``re.findall(pattern, ...)`` looks the pattern up in re's cache at every call)
_LETTERS = re.compile(r"[^\W\d_]+")
_SPAN_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def _in_phrase(text: str, sp: Span) -> bool:
    """Made of known place or brand phrases ("the Golden Gate Bridge", "Procter & Gamble",
    "Ralph Lauren and Calvin Klein"): every word inside one, or a connector."""
    value = text[sp.start : sp.end]
    cands = {p for w in _LETTERS.findall(value.lower()) for p in _PHRASE_INDEX.get(w, ())}
    if not cands:
        return False
    lo = max(0, sp.start - 40)
    window = text[lo : sp.end + 40].lower().replace("’", "'")
    found = []
    for p in cands:
        i = window.find(p)
        while i != -1:
            j = i + len(p)
            if (i == 0 or not window[i - 1].isalnum()) and (j >= len(window) or not window[j].isalnum()):
                found.append((i + lo, j + lo))
            i = window.find(p, i + 1)
    for m in _LETTERS.finditer(value):
        a, b = sp.start + m.start(), sp.start + m.end()
        if m.group(0).lower() not in ("and", "s") and not any(i <= a and b <= j for i, j in found):
            return False
    return True


def _public(text: str, sp: Span, lex: Lexicon, shields: list[tuple[int, int]]) -> str:
    value = text[sp.start : sp.end]
    if sp.type not in _JUDGED:
        return ""
    code = _code_or_markup(text, sp, lex)
    if code:
        return code
    # "14 Calle Mayor, Madrid": a place inside an address stays
    addr = _ADDRESS_BEFORE.search(text, max(0, sp.start - 40), sp.start) is not None
    if not addr and (any(a <= sp.start and sp.end <= b for a, b in shields) or _in_phrase(text, sp)):
        return _VALUE
    low = value.lower()
    if sp.type == "USERNAME":
        if value.startswith("@"):
            return ""
        if low in TECH_WORDS or low in COMMON_NOUNS or _VERSIONED.fullmatch(low):
            return _HERE
        if _PROGRAMME_BEFORE.search(text, max(0, sp.start - 24), sp.start):
            return _VALUE  # "where are we with project vireo"
        # a service named for what it does ("image-resizer", "search-indexer"), not "fuzzy-panda"
        parts = low.split("-")
        if len(parts) >= 2 and all(p.isalpha() for p in parts) and not any(lex.strength(p) == 2 for p in parts):
            return _HERE if parts[-1] in TECH_WORDS or derived_word(parts[-1], lex) else ""
        return ""
    before = text[max(0, sp.start - 24) : sp.start]
    words = _SPAN_WORD.findall(value)
    lows = [w.lower().strip(".'’") for w in words]
    if not lows:
        return ""
    if all(w in _CALENDAR_ABBR for w in lows):
        return _HERE  # "9-5 Mon-Fri"
    if len(lows) == 1 and lows[0] in _PRONOUNS:
        return _HERE  # "She agreed."
    if len(lows) >= 2 and lows[-1] in _STREET_WORDS and sp.type == "PERSON" and not addr:
        return _HERE  # "Our Main Street location": a street's name (with a number it is an address)
    if value[:1].isupper() and all(w in ROLE_WORDS for w in lows) and not _TITLE_BEFORE.search(before):
        return _VALUE  # "Dear Member", "Panelist:", "Membership Services", "Owner Support Engineering"
    plain = _plain_field(text, sp, value, lows, before, lex)
    if plain:
        return plain
    if search_at_words(_PERSON_BEFORE, before, 0, len(before)):
        return ""
    term = _term(text, sp, value, lows, before, lex)
    if term:
        return term
    if _identifier(text, sp, lows, lex):
        return _HERE
    if len(lows) == 1 and (lows[0] in TECH_WORDS or lows[0] in COMMON_NOUNS or lows[0] in _BRANDS):
        # a capitalised one that a name list ranks ("Helm", "French") may be a surname
        if value.islower() or lows[0] in _BRANDS or not _name_place(lows[0], lex):
            return _VALUE
        if lows[0] in COMMON_NOUNS and (_TIME_BEFORE.search(before) or _DET_BEFORE.search(before)):
            return _VALUE  # "Leave over Ramadan", "into the Ramadan fixtures"
    if sp.type == "COMPANY" and len(lows) == 3 and lows[1] in ("and", "&") and _topic_pair(lows, lex):
        return _HERE  # "Agenda and Logistics", "Sales and Marketing": two topics, not "Smith and Jones"
    if len(lows) > 1 and all(w in COMMON_NOUNS or w in _BRANDS or w in ("and", "&") for w in lows):
        return _VALUE  # "Sriracha and Dijon"
    if not addr and all(w in _PLACES or w in ("and", "&") for w in lows) and _place_ok(text, sp, lows, before, lex):
        # "to München", "Porto and Sevilla"; "moved to Austin" says nothing about "Austin said"
        return _HERE if any(_name_place(w, lex) for w in lows) else _VALUE
    if sp.type == "COMPANY" and ("and" in lows or "&" in value) and _IN_BEFORE.search(before):
        if not any(w in _COMPANY_WORDS or lex.is_surname(w) or lex.is_ranked_last(w) for w in lows):
            return _HERE  # "sunny in Marbella and Ronda": places, not "Smith and Jones" the firm
    if len(lows) == 2 and lows[0] in _PLACES and lows[1] in _CLUB_WORDS:
        return _VALUE  # "Vienna Albion"
    if len(lows) == 1 and lows[0] in _CLUB_ALONE:
        return _VALUE  # "beat Tigers 5-0"
    if lows[-1] in _BRANDS and all(w in PARTICLES for w in lows[:-1]):
        return _VALUE  # "Le Creuset"
    if (lows[0] in _BRANDS or lows[0] in COMMON_NOUNS) and len(lows) > 1 and all(lex.is_word(w) for w in lows[1:]):
        return _HERE  # "the shopify board", "Dijon mustard"
    if len(lows) == 1 and sp.type == "COMPANY" and (lex.is_word(lows[0]) or _compound(lows[0], lex)):
        if _TOOL_BEFORE.search(text, max(0, sp.start - 30), sp.start) or _FIELD_BEFORE.search(before):
            return _VALUE  # "start using Northstar", "Component: Northstar": a product
    if _SYSTEM_BEFORE.search(before):
        return _VALUE  # "This paper presents Driftwood": a system's name
    if lows[0] in _PROGRAMME_WORDS or _PROGRAMME_BEFORE.search(before):
        return _VALUE  # "Project Tamarind"
    after = _PROGRAMME_AFTER.match(text, sp.end)
    if after and (after.group(1).lower() in _PROGRAMME_WORDS or _code_name(sp, lows, lex, before)):
        return _VALUE  # "our Northstar programme", "the Driftwood rollout", "the Rose Gold version"
    if (
        len(lows) == 1
        and _PRODUCT_AFTER.match(text, sp.end)
        and (sp.type == "PERSON" or _code_name(sp, lows, lex, before))
    ):
        ls = text.rfind("\n", 0, sp.start) + 1
        if _DET_BEFORE.search(before) or _BULLET.fullmatch(text, ls, sp.start):
            return _VALUE  # "the Apollo dashboard", "- Jupiter redesign: on track"
    if len(lows) == 1 and _VERSION_AFTER.match(text, sp.end):
        return _VALUE  # "Aurora 9.3.39": a product and its version
    if len(lows) == 2 and lows[1] in _COLOURS and lex.is_word(lows[0]) and _colour_context(text, sp):
        return _VALUE  # "Logitech monitor (Rose Gold)", "the Space Grey colour"
    if sp.type == "COMPANY" and value.islower() and lows[-1] in DEPARTMENT_WORDS:
        if all(w in COMMON_WORDS or w in _ASK or "'" in w for w in lows[:-1]):
            return _HERE  # "i'll ping finance": a department, not a firm
    if not value.islower() or not _cased_line(text, sp.start, lex):
        return ""
    if sp.type == "COMPANY":  # "We study materials science": lowercase words in cased text, no legal form
        return _HERE if all(lex.is_word(w) for w in lows) and not _LEGAL_WORD.search(value) else ""
    if len(lows) == 1 and _DET_BEFORE.search(before):
        return _HERE  # "the centre takes 20 minutes"
    # a lowercase dictionary word in a cased line right after a heading label ("Macro: refund
    # approved") or as a list item's label ("- drain it: ..."); not "Name: rose", not "sky: hi"
    if not all(lex.is_word(w) for w in lows) or _own_label(text, sp):
        return ""
    ls = text.rfind("\n", 0, sp.start) + 1
    head = _HEADING_BEFORE.fullmatch(text, ls, sp.start)
    if head and head.group(1).lower() not in _LABEL_CUES and not SPEAKER_LABEL.match(head.group(0).strip()):
        return _HERE
    return _HERE if _BULLET.fullmatch(text, ls, sp.start) and text[sp.end : sp.end + 1] == ":" else ""


# -- code, markup and documentation prose (real man pages, READMEs, docstrings: tuning/controls5.py)
_CALL_AFTER = re.compile(r"\((?:\d[a-z]{0,4})?\)")  # "getdoc()", "Xsession(5)", "SSL_new(3ssl)"
# a long option written with words ("--allow-wasi", "-no-pager"); not a sign-off ("-Linh", "--minh")
_OPTION_TOKEN = re.compile(r"(?:(?<=[\s\[(|,=])|^)--?[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w-])", re.M)
_OPTION_BEFORE = re.compile(r"(?:^|[\s\[(|])--?[A-Za-z][\w-]* $")  # "[-v ver]", "--backup-to dir"
# (no one-letter extension: "colum.c", "hoa.d" are handles of a name and an initial)
_EXT_AFTER = re.compile(r"\.(?:js|ts|py|pl|pm|rb|so|cc|cpp|conf|cfg|ini|json|ya?ml|txt|md|rst|html?|xml|sh)(?![\w])")
_HTML_TAGS = frozenset(
    "a abbr b blockquote body br code dd div dl dt em footer h1 h2 h3 h4 h5 h6 head header hr html i img kbd "
    "li link meta nav ol p pre script section small span strong style sub sup table tbody td th thead title "
    "tr tt u ul var".split()
)
_SYNOPSIS_AFTER = re.compile(r"[ \t]+\[?(?:--?[A-Za-z]|options?\b|OPTIONS?\b)")
_LINE_HEAD = re.compile(r"[ \t]*(?:\$[ \t]+)?")
_IMPORT_BEFORE = re.compile(r"(?:^|\n)[ \t]*import[ \t]+$")  # ("from X" needs its "import": not "from Merve")
_IMPORT_AFTER = re.compile(r"[ \t]+import[ \t]+\w")
_ARGS_AFTER = re.compile(r"\((?!at\)|dot\))[\w\"'\[\]., =-]*\)")  # "Len(0, 10)", not "(at)"
_DOTTED_CALL = re.compile(r"\.[A-Za-z_]\w*\((?!at\)|dot\))")  # not "moyosore.kosoko(at)proton(dot)com"
_QUOTES = frozenset("'\"`‘’“”")
_HYPHEN_PREFIXES = frozenset(
    "pre post non re inter intra multi co anti self semi sub super de un over under cross mid".split()
)
_CONTRACTED = re.compile(r"['’]t(?![^\W\d_])")
_HARD_LEGAL = re.compile(r"\b(?:inc|llc|ltd|plc|llp|corp|gmbh|pty|sons)\b", re.I)
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*(?:[-*•]\s+)?)([^\W\d_])[^.!?\n]*$")
# the head noun of a technical term named after someone or something ("Berkeley format", "the Bourne
# shell"); no verb ("Ahmed coding the fix") and never after a possessive ("Grace's code")
_TECH_HEADS = frozenset("format formats shell protocol syntax notation cipher checksum".split())
_TECH_HEAD_AFTER = re.compile(r"[ \t]+([a-z]+)\b")
# (no "-ly": "Zaply", "Emberly" are coined names)
_INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))


def _code_or_markup(text: str, sp: Span, lex: Lexicon) -> str:
    """Where no name is written: code, markup and the prose that documents them (issue #13, real text
    in tuning/controls5.py). A word called or given a manual section ("getdoc()", "Xsession(5)"), part
    of a command-line option ("--ignore-dir") or an HTML tag ("<li>"), in `backticks`, glued to a file
    extension ("Node.js"), the stem of a contraction ("aren't"), an option's argument ("-v ver"), the
    namesake of a technical term ("Bourne shell"), a shouted compound of words ("SIZE-MAP"), an
    inflected English word as a bare handle ("colons", "hashed"), a lowercase noun phrase with
    "group" in capitalised prose ("the real group ID")."""
    value = text[sp.start : sp.end]
    if text.startswith("(", sp.end) and _CALL_AFTER.match(text, sp.end):
        return _VALUE
    ts = _token_start(text, sp.start)
    if ts < sp.start and text[ts] == "-" and _OPTION_TOKEN.match(text, ts):
        return _VALUE
    if text[sp.start - 1 : sp.start] == "<" and text[sp.end : sp.end + 1] in (">", " ", "/"):
        if value.lower() in _HTML_TAGS or f"</{value}>" in text:
            return _HERE  # "<li>", not the IRC sender "<hope>"
    if (
        value.islower()
        and _SYNOPSIS_AFTER.match(text, sp.end)
        and _LINE_HEAD.fullmatch(text, text.rfind("\n", 0, sp.start) + 1, sp.start)
    ):
        return _VALUE  # "prtstat [-r|--raw] pid", "$ swapon --all": a command and its options (not "--author=nasser --since")
    if _IMPORT_BEFORE.search(text, max(0, sp.start - 12), sp.start) or _IMPORT_AFTER.match(text, sp.end):
        return _VALUE  # "import plistlib", "from duckdb import"
    if text[sp.start - 1 : sp.start] == "[" and text[sp.start - 2 : sp.start - 1].isalnum():
        return _HERE  # "httpx[cli]": an extra or a subscript
    if sp.type == "USERNAME":
        low = value.lower()
        if low.isalpha():
            return _HERE if _inflected(low, lex) else ""
        return _VALUE if _word_identifier(low, lex) and len(_CODE_SIGNAL.findall(text)) >= 2 else ""
    if text[sp.start - 1 : sp.start] == "`" and text[sp.end : sp.end + 1] == "`":
        return _HERE
    if text.startswith(".", sp.end) and _EXT_AFTER.match(text, sp.end):
        return _VALUE
    if sp.type == "PERSON" and _CONTRACTED.match(text, sp.end):
        return _HERE
    if text.startswith("(", sp.end) and _ARGS_AFTER.match(text, sp.end) and len(_CODE_SIGNAL.findall(text)) >= 2:
        return _VALUE  # "Len(0, 10)", "dict(" in a text with code in it
    if text.startswith(".", sp.end) and _DOTTED_CALL.match(text, sp.end):
        return _VALUE  # "cgitb.handler()"
    q = text[sp.start - 1 : sp.start]
    if (
        q
        and q in _QUOTES
        and text[sp.end : sp.end + 1] in _QUOTES
        and value.islower()
        and " " not in value
        and not text[sp.start - 2 : sp.start - 1].isalpha()  # quotes, not the apostrophes of "b’alam’s"
        and not text[sp.end + 1 : sp.end + 2].isalpha()
        and not lex.known(value)  # "i talked to ‘dawn’"
    ):
        return _HERE  # "'mktemp' is subject to race conditions", "`perl'"
    if q == "." and text[sp.start - 2 : sp.start - 1] in _QUOTES and value.islower():
        return _HERE  # '".bak"': a file extension
    if "-" in value and " " not in value and _hyphen_compound(value, lex):
        return _HERE  # "pre-emptive", "Mach-based", "Inter-Process"
    if sp.type == "PERSON" and value.islower() and _OPTION_BEFORE.search(text, max(0, sp.start - 30), sp.start):
        return _HERE
    head = _TECH_HEAD_AFTER.match(text, sp.end)
    if head and head.group(1) in _TECH_HEADS and value[:1].isupper() and " " not in value:
        return _VALUE
    if value.isupper() and "-" in value:
        if any(len(p) >= 3 and lex.is_word(p.lower()) and not lex.strength(p.lower()) for p in value.split("-")):
            return _HERE
    if sp.type == "COMPANY" and value.islower() and not _HARD_LEGAL.search(value):
        words = re.findall(r"[^\W\d_]+", value)
        sent = _SENTENCE_START.search(text, max(0, sp.start - 200), sp.start)
        if sent and sent.group(1).isupper() and all(lex.is_word(w) or _inflected(w, lex) for w in words):
            if not any(lex.strength(w) == 2 for w in words):
                return _HERE
    return ""


# what code and its documentation are written with (not a handle's "_" or "."): calls "f()", "ls(1)",
# `ticks`, long options, "::", prompts, assignments
_CODE_SIGNAL = re.compile(r"\w\((?:\d\w*)?\)|`[^`\n]+`|(?<![\w-])--[a-z]|::|>>>|^\$ |\w\.\w+\(\)|\w = \S", re.M)


def _word_identifier(low: str, lex: Lexicon) -> bool:
    """A snake_case or dotted identifier made of words and abbreviations ("user_config_dir",
    "sys.base_prefix", "num_specs"): no strong name and no initial in it, unlike "john_doe", "m.kowalski"."""
    if low.strip("_.") != low or not re.fullmatch(r"[a-z]+(?:[_.]+[a-z]+)+", low):
        return False
    parts = re.split(r"[_.]+", low)
    return all(
        len(p) >= 2
        and lex.strength(p) < 2
        and (lex.is_word(p) or p in TECH_WORDS or _inflected(p, lex) or _abbreviation(p, lex))
        for p in parts
    )


def _hyphen_compound(value: str, lex: Lexicon) -> bool:
    """A hyphenated English word ("pre-emptive", "Mach-based", "Inter-Process"): a prefix or a
    lowercase part, and words or prefixes throughout; not "Smith-Jones" nor "Anne-marie"."""
    parts = value.split("-")
    if any(p.lower() in PARTICLES for p in parts):
        return False  # "bin-Laden", "al-Amin", "la-Rosa": a particle and a name
    if not any(p.lower() in _HYPHEN_PREFIXES for p in parts) and not (value[0].isupper() and parts[-1].islower()):
        return False  # a prefix ("pre-emptive") or a cased word's lowercase tail ("Mach-based"); not "thu-ha"
    return all(
        p.lower() in _HYPHEN_PREFIXES
        or (lex.is_word(p.lower()) or _inflected(p.lower(), lex))
        and lex.strength(p.lower()) < 2
        for p in parts
        if p
    )


def _abbreviation(p: str, lex: Lexicon) -> bool:
    """A short code word ("num", "dir", "mem", "cfg"), not a name nor an initial and a name ("jdoe")."""
    return len(p) <= 4 and not lex.known(p) and not (len(p) == 4 and lex.known(p[1:]))


def _inflected(low: str, lex: Lexicon) -> bool:
    """An inflection of a dictionary word that is no strong name ("colons", "hashed", "matching")."""
    if lex.is_word(low) or lex.known(low):
        return lex.is_word(low) and lex.strength(low) < 2  # a name ("Fielding") is no inflection
    for suf, add in _INFLECTIONS:
        if low.endswith(suf) and len(low) - len(suf) >= 3:
            base = low[: -len(suf)] + add
            if lex.is_word(base) and not lex.known(base):
                return True  # not "destinys" (Destiny), "colons" (Colon) given up
            if add == "" and len(base) >= 4 and base[-1] == base[-2] and lex.is_word(base[:-1]):
                return True  # "mapped", "running"
    return False


def _term(text: str, sp: Span, value: str, lows: list[str], before: str, lex: Lexicon) -> str:
    """Shapes no person's name takes, whatever the words: a term named after someone ("Parkinson's
    disease", "the Adam optimizer", "Granny Smith apples"), a named storm, a team beside a
    scoreline, a department ("Quality Control"), a hotel or venue after "the", a one-letter label
    ("Q:"), a hyphenated tech word ("Wi-Fi", "U-Net") and shouting in an ALL CAPS line."""
    letters = [c for c in value if c.isalpha()]
    if _SPELLED.search(value):
        return ""  # "N-G-U-Y-E-N", "s m i t h": a name spelled out
    if sp.type == "PERSON" and len(letters) < 2 and text[sp.end : sp.end + 1] == ":":
        return _HERE  # "Q: How do I apply?"
    if len(words := value.split()) == 1 and "-" in value and _TECH_HYPHEN.fullmatch(value):
        return _VALUE  # "Wi-Fi", "U-Net", "Smart-UPS", "T-Mobile"
    head = _TERM_AFTER.match(text, sp.end)
    if (head and head.group(1).lower() in TERM_HEADS and not _TERM_STOP.match(text, sp.end)) or (
        len(lows) > 1 and lows[-1] in TERM_HEADS and words[-1][0].isupper()
    ):
        return _VALUE  # "Dijkstra's algorithm", "Spearman correlation", "Maris Piper potatoes", "Ryder Cup"
    if lows[0] in _STORM_WORDS and len(lows) > 1 or _STORM_BEFORE.search(before):
        return _VALUE  # "Storm Isha", "Hurricane Beryl"
    if _scoreline(text, sp, before):
        return _VALUE  # "Sevilla 4-0 Brentford"
    if all(lex.is_word(w) and lex.strength(w) < 2 for w in lows) and _UNIT_AFTER.match(text, sp.end):
        return _VALUE  # "Quality Control", "Trust and Safety", "Customer Care"
    if len(words) == 1 and _THE_BEFORE.search(before) and _THE_END.match(text, sp.end):
        return _HERE  # "transfer to the Westin (confirmation", "shuttle to the Radisson, dinner"
    if len(lows) == 1 and value[:1].isupper() and not lex.known(lows[0]) and derived_word(lows[0], lex):
        return _VALUE  # "escalated to Onboarding": an English word the dictionary lacks
    prev = _PREV_TOKEN.search(before)
    if len(words) == 1 and prev and (prev.group(1).lower() in _BRANDS or inner_capital(prev.group(1), lex)):
        return _VALUE  # "macOS Sonoma", "Ubiquiti UniFi": a product's model or release name
    if sp.type == "PERSON" and any(
        _HOST_TOKEN.fullmatch(t) for t in _IDENT_CHARS.findall(text, sp.start, sp.end + 20)[:2]
    ):
        return _HERE  # "reimage mad-wlc-01": a host name, not "reimage Mad"
    if sp.type == "PERSON" and any(w in TECH_WORDS for w in lows):
        return _HERE  # "docs: add runbook section"
    if sp.type == "PERSON" and any(inner_capital(w, lex) for w in words):
        # no person's name ("Ubiquiti UniFi", "Dell PowerEdge", "RoBERTa"), but that says nothing
        # about a firm of the same name found elsewhere ("issued to SwiftPost ... SwiftPost and I")
        return _HERE
    if value.isupper() and len(letters) >= 2:
        if not any(lex.strength(w) == 2 for w in lows) and not all(lex.strength(w) for w in lows):
            return _HERE  # "LETS GOOOO", "IN WITNESS WHEREOF"
        if len(lows) == 1 and len(letters) <= 4 and not _shouted_line(text, sp.start):
            return _HERE  # "The MCG, attendance 21,303": an acronym in cased text
    if len(lows) == 1 and _PLAN_MOVE.search(before) and lex.is_word(lows[0]) and lex.strength(lows[0]) < 2:
        return _HERE  # "upgrading from Basic to Pro": a plan
    if (
        sp.type == "COMPANY"
        and value.islower()
        and _DET_BEFORE.search(before)
        and all(lex.is_word(w) and lex.strength(w) < 2 for w in lows)
        and _cased_line(text, sp.start, lex)
    ):
        return _HERE  # "feedback from the pilot group": a noun phrase, not "Pilot Group Ltd"
    if sp.type == "COMPANY" and len(lows) == 2 and lows[0] in PLACES and lows[1] in ("international", "airport"):
        return _VALUE  # "Dubai International": an airport
    if sp.type == "COMPANY" and value.islower() and not _LEGAL_WORD.search(value) and _capitalises(text, sp.start):
        return _HERE  # "Swap: tamari works if you can't find Pecorino": the line capitalises names
    if sp.type == "COMPANY" and _broken(text, sp):
        return _HERE  # "Asperger's clinic" cut to "s clinic"
    if sp.start >= 2 and text[sp.start - 1] in "._" and text[sp.start - 2].isalnum() and not _TITLE_DOT.search(before):
        return _HERE  # the tail of a file name ("logo_final2.png"), not "Dr.Smith"
    if sp.type == "PERSON" and value.islower() and len(lows) > 1 and _capitalises(text, sp.start):
        if not _LOWER_CUE.search(text, max(0, sp.start - 30), sp.start):
            return _HERE  # "Shopping list: cavolo nero, garam masala" in a line that capitalises names
    return ""


# who a greeting addresses when it addresses no one by name ("Hey gang", "Dear Sirs", "hi y'all")
_AUDIENCE = frozenset(
    """gang y'all yall sirs patron patrons folks guys people everybody all friends peeps crew squad lads ladies
    gents gentlemen fam troops""".split()
)
_GREETING_BEFORE = re.compile(r"\b(?:hi|hey|hello|dear|morning|evening|afternoon|howdy|greetings|thanks)[ \t,]+$", re.I)
# the head of a job title: "Branch Manager", "Payroll Administrator"
_TITLE_HEAD = re.compile(
    r"[ \t]+(?:manager|officer|director|administrator|analyst|engineer|supervisor|advisor|adviser|coordinator|"
    r"assistant|receptionist|paralegal|executive|specialist|consultant|technician|clerk|accountant)\b",
    re.I,
)
# a system account: a tool or word and what runs under it ("jenkins-agent", "svc_etl", "backup-agent")
_ACCOUNT_TAIL = re.compile(r"[-_](?:agent|runner|bot|svc|service|daemon|worker|user|admin|backup|deploy|ci|etl|sa)$")
# what a form's empty field holds ("Assignee: unassigned", "owner: null")
_PLACEHOLDER_VALUES = frozenset(
    "null none nil unassigned unknown undefined tbd tba tbc pending nobody noone empty blank unset".split()
)
# a one-word turn that answers like a person would, not with a name ("Manager: Good.")
_REPLY_WORDS = frozenset(
    """good great fine perfect sure okay lovely brilliant excellent cool noted done agreed absolutely exactly
    correct thanks right yes yep nope nice super awesome wonderful understood certainly indeed""".split()
)
_REPLY_END = re.compile(r"[ \t]*[.!?,]*[ \t]*(?:\n|$)")
_CONTRACTION = re.compile(r"['’]s\b")
# a place's site: "Melbourne HQ", "the Leeds depot"
_SITE_WORDS = frozenset("hq office offices branch depot campus site store warehouse hub plant".split())
# one-word field labels of minutes and forms, none a name ("Present: ...", "Apologies: none")
_FIELD_LABELS = frozenset(
    """present absent apologies decisions decision minutes actions outcome outcomes timeline impact resolution
    workaround environment category severity venue location attachments""".split()
)
_FIELD_START = re.compile(r"(?:^|[.;|]|\]|[-*•])[ \t]*$", re.M)


def _plain_field(text: str, sp: Span, value: str, lows: list[str], before: str, lex: Lexicon) -> str:
    """Form and conversation furniture written around PII, not PII: a placeholder in an empty field
    ("Assignee: unassigned"), a field label of ordinary words ("Cost centre:", "Root cause:"), a
    one-word reply after a speaker label ("Manager: Good."), "Let's", a place's site ("Melbourne
    HQ"), a chat channel ("#eng-platform")."""
    if all(w in _PLACEHOLDER_VALUES for w in lows):
        return _VALUE
    if all(w in _AUDIENCE or w in ROLE_WORDS for w in lows) and _GREETING_BEFORE.search(before):
        return _HERE  # "Hey gang", "Dear Sirs"
    if sp.type == "USERNAME":
        return ""
    if value.islower() and _ACCOUNT_TAIL.search(value):
        return _VALUE  # "log in as jenkins-agent"
    if _TITLE_HEAD.match(text, sp.end) and all(
        lex.is_word(w) and lex.strength(w) < 2 and not lex.is_ranked_first(w) for w in lows
    ):
        return _HERE  # "Assigned: Branch Manager"
    if sp.start and text[sp.start - 1] == "#" and value.islower():
        return _HERE  # "ask in #eng-platform": a channel
    if lows == ["let"] and _CONTRACTION.match(text, sp.end):
        return _HERE  # "Let's start"
    if len(lows) == 1 and lows[0] in _REPLY_WORDS and _REPLY_END.match(text, sp.end):
        ls = text.rfind("\n", 0, sp.start) + 1
        if re.fullmatch(r"[ \t]*[^\W\d_][\w .'’-]{0,30}:[ \t]*", text[ls : sp.start]):
            return _HERE  # "Manager: Good."
    if len(lows) >= 2 and lows[-1] in _SITE_WORDS and all(w in PLACES for w in lows[:-1]):
        return _HERE  # "Melbourne HQ"
    if lows[0] in _FIELD_LABELS and len(lows) == 1 and text[sp.end : sp.end + 1] == ":":
        return _HERE  # "Present: Office Manager, Head of Marketing"
    if sp.type == "PERSON" and text[sp.end : sp.end + 1] == ":" and any(w.islower() for w in value.split()):
        # a cased label of 2-4 words with a lowercase word in it: "Cost centre:", "Root cause:"; a speaker
        # label that is a name is written "Mary Smith:" (or all lowercase in a lowercase transcript)
        m = _FIELD_START.search(text, max(0, sp.start - 40), sp.start)
        start = sp.start
        if m:
            start = m.end()
        elif (prev := re.search(r"([A-Z][a-z]+)[ \t]+$", before)) and _FIELD_START.search(
            text, max(0, sp.start - 60), sp.start - len(prev.group(0))
        ):
            start = sp.start - len(prev.group(0))
        label = text[start : sp.end].split()
        if 2 <= len(label) <= 4 and label[0][:1].isupper() and all(w.islower() for w in label[1:]):
            if not (lex.is_ranked_first(label[0]) and any(lex.is_ranked_last(w) for w in label[1:])):
                return _HERE
    return ""


def _broken(text: str, sp: Span) -> bool:
    """A span that starts inside a word: "Asperger's clinic" cut to "s clinic"."""
    return sp.start >= 2 and text[sp.start - 1] in "'’" and text[sp.start - 2].isalpha()


def _capitalises(text: str, pos: int) -> bool:
    """The line writes proper names with a capital: a capitalised word inside a sentence."""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    line = text[ls : le if le != -1 else len(text)]
    return any(
        m.start() > 0 and line[: m.start()].rstrip()[-1:] not in ".!?:;-*•" and m.group(0) != "I"
        for m in _INNER_CAP.finditer(line)
    )


def _scoreline(text: str, sp: Span, before: str) -> bool:
    """A capitalised side of "Home 2-1 Away" (not a weekday or month: "Ana 10-11 Tuesday")."""
    after = _SCORE_AFTER.match(text, sp.end)
    if after:
        return after.group(1).lower() not in _CALENDAR
    m = _SCORE_BEFORE.search(before)
    return bool(m and m.group(1).lower() not in _CALENDAR and text[sp.start : sp.start + 1].isupper())


def _shouted_line(text: str, pos: int) -> bool:
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    line = text[ls : le if le != -1 else len(text)]
    return not any(map(str.islower, line))


def _topic_pair(lows: list[str], lex: Lexicon) -> bool:
    """Two ordinary words, no surname among them, the second a head word alone."""
    a, b = lows[0], lows[2]
    plain = all(lex.is_word(w) and not lex.is_last(w) and not lex.is_first(w) for w in (a, b))
    return plain and (b in ROLE_WORDS or b in DEPARTMENT_WORDS or b.endswith("s"))


def ner_heading(text: str, sp: Span, lex: Lexicon) -> bool:
    """A span the NER model found on a Title Case heading or list line ("1. Finalise Budget",
    "Q3 Planning Offsite"), with no word any name list has: a heading, not a name."""
    ls = text.rfind("\n", 0, sp.start) + 1
    le = text.find("\n", sp.end)
    line = text[ls : le if le != -1 else len(text)].rstrip()
    if not line or line[-1] in ".?!":
        return False
    label = _BULLET.match(line) or _HEADING_LABEL.match(line)
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line[label.end() if label else 0 :]) if len(w) >= 3]
    if len(words) < 2 or not all(w[0].isupper() for w in words if w.lower() not in _SMALL):
        return False
    words = re.findall(r"[^\W\d_]+", text[sp.start : sp.end])
    return all(lex.is_word(w) or _ENGLISH_END.search(w.lower()) for w in words) and not any(
        lex.strength(w) == 2 or (lex.known(w) and not lex.is_word(w)) for w in words
    )


def _own_label(text: str, sp: Span) -> bool:
    """ "sky: still on it": the span is the speaker label at the start of its line."""
    ls = text.rfind("\n", 0, sp.start) + 1
    return text[sp.end : sp.end + 1] == ":" and not text[ls : sp.start].strip()


def _colour_context(text: str, sp: Span) -> bool:
    before = text[max(0, sp.start - 40) : sp.start].lower()
    return (
        text[sp.start - 1 : sp.start] == "("
        or _COLOUR_AFTER.match(text, sp.end) is not None
        or any(w in _BRANDS for w in re.findall(r"[a-z]+", before.rsplit("\n", 1)[-1]))
    )


def _code_name(sp: Span, lows: list[str], lex: Lexicon, before: str) -> bool:
    """Before a product or rollout word: code names are ordinary words or two of them glued
    ("Northstar", "Driftwood"); a coined company ("the Zorqua rollout") is neither."""
    if not all(lex.is_word(w) or _compound(w, lex) for w in lows):
        return False
    return sp.type == "COMPANY" or _DET_BEFORE.search(before) is not None or not any(lex.strength(w) == 2 for w in lows)


_SHORT_PARTS = frozenset("fly way top box hub sky sun fox owl bay oak ray hawk jet cat dog bee".split())


def _compound(w: str, lex: Lexicon) -> bool:
    """Two ordinary words glued: "northstar", "firefly" (not "zorro" + "tor")."""
    return any(_part(w[:i], lex) and _part(w[i:], lex) for i in range(3, len(w) - 2))


def _part(p: str, lex: Lexicon) -> bool:
    return p in _SHORT_PARTS or (len(p) >= 4 and lex.is_word(p))


def _place_ok(text: str, sp: Span, lows: list[str], before: str, lex: Lexicon) -> bool:
    """A place that is also a name people have ("Austin", "Florence", "Lima", "Mendoza") needs a
    place cue before it or another place next to it ("Istanbul and Lima")."""
    if not any(_name_place(w, lex) for w in lows) or sum(w in _PLACES for w in lows) >= 2:
        return True  # (two places joined: "Porto and Sevilla")
    if search_at_words(_PLACE_CUE, before, 0, len(before)) or _PLACE_AFTER.match(text, sp.end):
        return True
    m = re.search(r"([^\W\d_]+)(?:,|[ \t]+and|[ \t]+&|[ \t]+or)[ \t]+$", before)
    n = _PLACE_NEXT.match(text, sp.end)
    return bool(m and m.group(1).lower() in PLACES) or bool(n and n.group(1).lower() in _PLACES)


def _name_place(w: str, lex: Lexicon) -> bool:
    e = lex.get(w)
    return w in NAME_PLACES or bool(e and (e.first or e.last) and e.rank > 0)


def _identifier(text: str, sp: Span, lows: list[str], lex: Lexicon) -> bool:
    """Part of a host, service or file name ("mon-01", "image-resizer", "ci-runner-3"): a
    lowercase token with digits, dots, underscores or slashes, or hyphenated words that are no
    clear names."""
    m = _IDENT_CHARS.match(text, _token_start(text, sp.start))
    if m is None or m.end() <= sp.start:
        return False  # (the span may run on: "component=image-resizer node=")
    tok = m.group(0).strip(".-/")
    if not tok.islower() or "-" not in tok and "/" not in tok:
        return False  # dots, underscores and digits alone: handles ("m.kowalski_qa") are not ours to judge
    if "/" in tok:
        return True
    parts = [p for p in re.split(r"[-.]", tok) if p]
    if any(p.isdigit() or not re.search("[aeiouy]", p) for p in parts):
        return True  # "mon-01", "db-replica-2", "sgp-rtr-edge"
    # "image-resizer", "cherry-pick"; not "anna-maria", "mccollam-kerville"
    wordy = [lex.is_word(p) or p in TECH_WORDS or derived_word(p, lex) for p in parts]  # "resizer"
    return (
        len(parts) >= 2
        and sum(wordy) >= len(parts) - 1
        and not any(
            lex.strength(p) == 2 or (len(p) >= 3 and lex.known(p) and not w) for p, w in zip(parts, wordy, strict=True)
        )
    )


def _token_start(text: str, pos: int) -> int:
    while pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "._-/"):
        pos -= 1
    return pos


def _cased_line(text: str, pos: int, lex: Lexicon) -> bool:
    """A Title Case word on the line, after any speaker label ("SPEAKER_00:", "sky:"); or a list
    item ("- drain it: ...") in a document that has one."""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    line = text[ls : le if le != -1 else len(text)]
    label = SPEAKER_LABEL.match(line) or _CHAT_LABEL.match(line)
    if label and label.re is _CHAT_LABEL and lex.is_word(label.group(1)) and lex.strength(label.group(1)) < 2:
        label = None  # "Macro: refund approved": a heading, not a sender
    if _TITLE_WORD.search(line, label.end() if label else 0):
        return True
    return _BULLET.match(line) is not None and _TITLE_WORD.search(text) is not None
